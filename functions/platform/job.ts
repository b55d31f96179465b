/**
 * The stack every scheduled or deploy-time job runs in (functions/jobs/), the counterpart of ./http.ts:
 * the X-Ray subsegment, the Lambda context in the log, one log line per run (info with what the run
 * returned, error with the error) and the run's metrics written, whether it finished or failed. A
 * failed run still throws, so Lambda retries it and, after its retries, sends it to the dead-letter queue.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { flushMetrics } from './metrics';
import { tracingMiddleware } from './tracing';

/** What a job run is handed: Lambda's context in AWS, none when local mode or a test calls it. */
export type JobRun<R> = (context: Context | undefined) => Promise<R>;

/** A job's Lambda handler; local mode and the tests call it without arguments. */
export type JobHandler<R> = (event?: unknown, context?: Context) => Promise<R>;

/** The contexts that stand in for Lambda's off Lambda, for the logger only: the run gets `undefined`. */
const offLambda = new WeakSet<Context>();

function offLambdaContext(): Context {
  const context = { awsRequestId: 'local', functionName: 'local' } as Context;
  offLambda.add(context);
  return context;
}

interface State {
  startedAt: number;
}

/**
 * The handler for a job named `job` (its log lines carry `job`). What `run` returns is logged as it
 * is, so it must hold only counts and content ids (forms, rulesets, offices), never case content.
 */
export function createJobHandler<R extends object>(job: string, run: JobRun<R>): JobHandler<R> {
  const log: MiddlewareObj<unknown, R, Error, Context & State> = {
    before: ({ context }) => {
      context.startedAt = performance.now();
    },
    after: ({ context, response }) => {
      logger.info('job', { job, durationMs: Math.round(performance.now() - context.startedAt), ...response });
      flushMetrics();
    },
    onError: ({ context, error }) => {
      logger.error('job failed', {
        job,
        durationMs: Math.round(performance.now() - context.startedAt),
        error,
      });
      flushMetrics();
    },
  };
  const handler = middy<unknown, R, Error, Context & State>()
    .use(tracingMiddleware())
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(log)
    .handler((_event, context) => run(offLambda.has(context) ? undefined : context));
  return (event, context) => handler(event, (context ?? offLambdaContext()) as Context & State);
}
