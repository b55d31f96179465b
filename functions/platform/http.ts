/**
 * The one middy stack every HTTP handler uses: language negotiation, body limits and JSON parsing,
 * identity and role checks from the route table, a single mapping from errors to the contract's
 * error shape, and one log line, the refusal count and the metrics flush per request (with the X-Ray
 * subsegment around it all). A handler file only declares its actions and names its use cases
 * (functions/README.md).
 */

import { timingSafeEqual } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import Negotiator from 'negotiator';
import { type Role, type User, userFromClaims } from './claims';
import { config } from './config';
import { AppError } from './errors';
import { bodyProblems, capDetails } from './json-body';
import { logger } from './logger';
import { type Lang, messageFor } from './messages';
import { countRefusal, flushMetrics } from './metrics';
import { ORIGIN_HEADER } from './security-headers';
import { annotate, tracingMiddleware } from './tracing';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One row of the route table (functions/api/routes.ts). */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path template, e.g. /api/forms/{id}. */
  path: string;
  /** The Lambda function (one per area: functions/api/<fn>.ts) that serves the route. */
  fn: string;
  /** The action inside that function. */
  action: string;
  /** Roles allowed; 'public' needs no token. */
  roles: readonly Role[] | 'public';
  /** Served only by the local server (the login route; Cognito does this in AWS). */
  localOnly?: boolean;
}

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What an action receives: parsed, authenticated, authorized. */
export interface ApiRequest {
  route: RouteSpec;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The caller; always set on routes that are not public. */
  user: User;
  lang: Lang;
  headers: Record<string, string>;
  requestId: string;
  /** The caller's address as API Gateway saw it. */
  sourceIp: string;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  /** Sets `ETag: "<n>"` for versioned resources. */
  etag?: number;
  /** An HTML document instead of JSON (printable reports), served with a CSP that allows no scripts. */
  html?: string;
  /** A JavaScript module instead of JSON (precompiled form validators); `headers` say how long it keeps. */
  script?: string;
  headers?: Record<string, string>;
}

export type Action = (request: ApiRequest) => Promise<ApiResult>;

/** The Lambda handler shape every HTTP function exports. */
export type LambdaHandler = (event: ApiEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const ANONYMOUS: User = { id: '', name: '', roles: [], office: null };
const LANGUAGES: Lang[] = ['id', 'en'];

/** Picks the language from Accept-Language: Indonesian unless English is preferred. */
export function negotiateLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'id';
  const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages(LANGUAGES);
  return best === 'en' ? 'en' : 'id';
}

/** Reads `If-Match: 3`, `"3"` or `W/"3"`; undefined when absent. */
export function ifMatchVersion(request: ApiRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
  if (!match?.[1]) throw new AppError('invalid_parameter', { params: { name: 'If-Match' } });
  return Number(match[1]);
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[key.toLowerCase()] = value;
  }
  return out;
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** Whether the request came through the site (always true where no origin secret is configured). */
function fromSite(headers: Record<string, string>): boolean {
  const secret = config().originSecret;
  if (!secret) return true;
  const given = Buffer.from(headers[ORIGIN_HEADER] ?? '', 'utf8');
  const expected = Buffer.from(secret, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface State {
  request: ApiRequest;
  /** When the request started (performance.now()), for its log line. */
  startedAt: number;
  /** The error as answered, when the request failed. */
  failure?: AppError;
}
type Middleware = MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context & State>;

/** Builds the request, rejecting oversized, non-JSON and malformed bodies before any action runs. */
function parseRequest(routes: Map<string, RouteSpec>): Middleware {
  return {
    before: ({ event, context }) => {
      const headers = lowerCaseHeaders(event.headers);
      const lang = negotiateLanguage(headers['accept-language']);
      const route = routes.get(event.routeKey);
      context.request = {
        route: route ?? { method: 'GET', path: event.rawPath, fn: '', action: '', roles: 'public' },
        // The HTTP API hands path parameters over already decoded.
        params: Object.fromEntries(
          Object.entries(event.pathParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
        ),
        query: Object.fromEntries(
          Object.entries(event.queryStringParameters ?? {}).filter(
            (e): e is [string, string] => e[1] !== undefined,
          ),
        ),
        body: undefined,
        user: ANONYMOUS,
        lang,
        headers,
        requestId: event.requestContext?.requestId ?? context.awsRequestId,
        sourceIp: event.requestContext?.http?.sourceIp ?? '',
      };
      // Only through CloudFront (and its firewall): the API's own address answers nothing else.
      if (!fromSite(headers)) throw new AppError('direct_access');
      if (!route) throw new AppError('route_not_found');

      const raw = event.body;
      if (raw === undefined || raw === '') return;
      const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
      const limit = config().maxBodyBytes;
      if (bytes.byteLength > limit) throw new AppError('payload_too_large', { params: { limit } });
      const contentType = headers['content-type'] ?? '';
      if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
        throw new AppError('unsupported_media_type');
      }
      let body: unknown;
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch (cause) {
        throw new AppError('invalid_json', { cause });
      }
      const problems = bodyProblems(body, lang);
      if (problems.length > 0) throw new AppError('invalid_request', { details: problems });
      context.request.body = body;
    },
  };
}

/** Reads the caller from the authorizer's claims and checks the route's roles. */
function authorize(): Middleware {
  return {
    before: ({ event, context }) => {
      const { route } = context.request;
      if (route.roles === 'public') return;
      const user = userFromClaims(event.requestContext?.authorizer?.jwt?.claims);
      if (!user) throw new AppError('unauthorized');
      context.request.user = user;
      if (!user.roles.some((role) => route.roles.includes(role))) throw new AppError('forbidden');
    },
  };
}

/** The one place errors become HTTP: stable code, localized message, details; nothing internal leaks. */
function respondToErrors(): Middleware {
  return {
    onError: (request) => {
      const lang = request.context.request?.lang ?? 'id';
      const error = request.error;
      const appError =
        error instanceof AppError ? error : new AppError('internal_error', { cause: error ?? undefined });
      // Logged with its cause by logRequest.
      request.context.failure = appError;
      const body: { error: { code: string; message: string; details?: unknown } } = {
        error: { code: appError.code, message: messageFor(appError.code, lang, appError.params) },
      };
      // However many problems a request has, the answer lists a bounded number of them.
      if (appError.expose && appError.details) body.error.details = capDetails(appError.details, lang);
      const headers: Record<string, string> = appError.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      if (typeof appError.params.retryAfter === 'number')
        headers['retry-after'] = String(appError.params.retryAfter);
      request.response = json(appError.status, body, headers);
    },
  };
}

/**
 * One log line per request, written once the answer is known: who (caller id and office), what (the
 * route template, never the path with its ids or the query), the status and how long it took; info up
 * to 4xx, error with the error's stack for 5xx. Bodies, names, NIKs and tokens are never in it. A 4xx
 * is counted as a refusal by its code, then the request's metrics are written.
 */
function logRequest(): Middleware {
  const done: NonNullable<Middleware['after']> = ({ event, context, response }) => {
    const request = context.request as ApiRequest | undefined;
    const status = response?.statusCode ?? 500;
    const failure = context.failure;
    const line = {
      requestId: request?.requestId ?? event.requestContext?.requestId ?? context.awsRequestId,
      route: request?.route.fn ? `${request.route.method} ${request.route.path}` : event.routeKey,
      callerId: request?.user.id || undefined,
      office: request?.user.office ?? undefined,
      status,
      durationMs: Math.round(performance.now() - context.startedAt),
      ...(failure ? { code: failure.code } : {}),
    };
    annotate('route', line.route);
    annotate('status', status);
    if (status >= 500) {
      logger.error('request', { ...line, error: failure?.cause ?? failure });
    } else {
      logger.info('request', line);
      if (failure && status >= 400) countRefusal(failure.code);
    }
    flushMetrics();
  };
  return {
    before: ({ context }) => {
      context.startedAt = performance.now();
      // The state lives on the context, which a caller may pass again (local mode and tests build theirs).
      delete context.failure;
    },
    after: done,
    onError: done,
  };
}

/**
 * The Lambda handler for one area: routes its events (by routeKey) to the named actions.
 * Every route given must have an action, checked at load so a typo fails the first test, not a user.
 */
export function createApiHandler(
  routes: readonly RouteSpec[],
  actions: Record<string, Action>,
): LambdaHandler {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  for (const route of routes) {
    if (!actions[route.action])
      throw new Error(`No action "${route.action}" for ${route.method} ${route.path}`);
  }
  const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context & State>()
    // Outermost first: their `after`/`onError` run last, once the answer and its log line are done.
    .use(tracingMiddleware())
    // Adds the Lambda context (function, its request id, cold start) to the log line; the event never.
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(logRequest())
    .use(respondToErrors())
    .use(parseRequest(byKey))
    .use(authorize())
    .handler(async (_event, context) => {
      const { request } = context;
      const action = actions[request.route.action];
      if (!action) throw new AppError('route_not_found');
      const result = await action(request);
      const headers = { ...result.headers };
      if (result.etag !== undefined) headers.etag = `"${result.etag}"`;
      if (result.html !== undefined) {
        return {
          statusCode: result.status ?? 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
            ...headers,
          },
          body: result.html,
        };
      }
      if (result.script !== undefined) {
        return {
          statusCode: result.status ?? 200,
          headers: {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-store',
            ...headers,
          },
          body: result.script,
        };
      }
      return json(result.status ?? 200, result.body, headers);
    });
  // The request state lives on the context middy passes along; Lambda supplies a plain Context.
  return (event, context) => handler(event, context as Context & State);
}
