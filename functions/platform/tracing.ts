/**
 * X-Ray tracing (Powertools Tracer): the handler as a subsegment with its route and status, and every
 * DynamoDB and Cognito call as one (`traced`, used where functions/store/ builds its clients). The
 * Tracer's X-Ray SDK is loaded only where it traces, in Lambda with tracing on: importing it costs
 * about 20 ms of cold start and 120 KB, and it turns on an async hook that follows every promise of the
 * process, which local mode, the tests and a deployment with POWERTOOLS_TRACE_ENABLED=false never need
 * (the stack sets it unless kawal.config.json says `tracing: "calls"`; Lambda still traces invocations).
 * Responses are not recorded (they hold case content), nor are outgoing HTTPS requests on their own (the
 * only ones are the AWS SDK's, already traced by client).
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';
import { powertoolsDefaults } from './powertools-defaults';

function tracingOn(): boolean {
  powertoolsDefaults();
  return (
    process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false' &&
    Boolean(process.env.AWS_EXECUTION_ENV) &&
    !process.env.AWS_SAM_LOCAL
  );
}

const loaded = tracingOn()
  ? await Promise.all([
      import('@aws-lambda-powertools/tracer'),
      import('@aws-lambda-powertools/tracer/middleware'),
    ])
  : undefined;

const tracer: Tracer | undefined = loaded
  ? new loaded[0].Tracer({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'kawal',
      captureHTTPsRequests: false,
    })
  : undefined;

/** The SDK client, traced when tracing is on (each call a subsegment: service, operation, table, retries). */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** The middy middleware that opens the handler's subsegment (cold start and service annotated); none when off. */
export function tracingMiddleware<E, R>(): MiddlewareObj<E, R>[] {
  if (!loaded || !tracer) return [];
  return [loaded[1].captureLambdaHandler(tracer, { captureResponse: false }) as MiddlewareObj<E, R>];
}

/** Annotates the handler's subsegment (searchable in X-Ray): only ids, route templates and codes. */
export function annotate(key: string, value: string | number | boolean): void {
  if (tracer?.isTracingEnabled()) tracer.putAnnotation(key, value);
}
