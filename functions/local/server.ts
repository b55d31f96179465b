/**
 * The local HTTP server: maps each request to the same Lambda handler AWS runs, with a real API
 * Gateway v2 event (routeKey, rawPath, pathParameters, queryStringParameters, headers, body,
 * isBase64Encoded, requestContext.authorizer.jwt.claims). It plays API Gateway's part too: routes
 * by the route table and verifies the JWT before the handler runs. Everything else is the web app,
 * served with the Content-Security-Policy of functions/platform/security-headers.ts.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import sirv from 'sirv';
import { ROUTES } from '../api/routes';
import { type ApiEvent, type LambdaHandler, negotiateLanguage, type RouteSpec } from '../platform/http';
import { type ErrorCode, messageFor } from '../platform/messages';
import { contentSecurityPolicy } from '../platform/security-headers';
import type { Issuer } from './issuer';

export interface ServerOptions {
  port: number;
  host: string;
  issuer: Issuer;
  /** The handler of each function named in the route table. */
  handlers: Record<string, LambdaHandler>;
  /** The built web app; not served when absent. */
  webDir?: string;
}

/** API Gateway's own payload limit; the handlers enforce the contract's smaller one. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
}

function compileRoutes(routes: readonly RouteSpec[]): CompiledRoute[] {
  return routes.map((spec) => {
    const names: string[] = [];
    const source = spec.path
      .split('/')
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part);
        if (!param?.[1]) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]);
        return '([^/]+)';
      })
      .join('/');
    return { spec, pattern: new RegExp(`^${source}$`), names };
  });
}

function match(routes: CompiledRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.spec.method !== method) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    // Decoded here, as API Gateway does before the handler sees them.
    route.names.forEach((name, i) => {
      const raw = found[i + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { route: route.spec, params };
  }
  return undefined;
}

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  params = {},
): void {
  const lang = negotiateLanguage(req.headers['accept-language']);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
  });
  res.end(JSON.stringify({ error: { code, message: messageFor(code, lang, params) } }));
}

/** Reads the body, stopping at the gateway's limit; undefined when over it. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function isText(contentType: string | undefined): boolean {
  return (
    !contentType || /^(text\/|application\/([\w.+-]+\+)?(json|xml|x-www-form-urlencoded))/i.test(contentType)
  );
}

function lambdaContext(fn: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `kawal-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:kawal-${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/kawal-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Builds the API Gateway v2 event the HTTP API would hand to the Lambda. */
export function buildEvent(
  req: IncomingMessage,
  url: URL,
  route: RouteSpec,
  params: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
  requestId: string,
): ApiEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const text = isText(headers['content-type']);
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
  } as ApiEvent;
}

async function handleApi(
  options: ServerOptions,
  routes: CompiledRoute[],
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const found = match(routes, req.method ?? 'GET', url.pathname);
  if (!found) return sendError(req, res, 404, 'route_not_found');
  const handler = options.handlers[found.route.fn];
  if (!handler) return sendError(req, res, 404, 'route_not_found');

  let claims: Record<string, string> | undefined;
  if (found.route.roles !== 'public') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    claims = bearer?.[1] ? await options.issuer.verify(bearer[1]) : undefined;
    if (!claims) {
      req.resume();
      return sendError(req, res, 401, 'unauthorized');
    }
  }
  const body = await readBody(req);
  if (!body) return sendError(req, res, 413, 'payload_too_large', { limit: GATEWAY_MAX_BYTES });

  const requestId = randomUUID();
  const event = buildEvent(req, url, found.route, found.params, body, claims, requestId);
  const result = await handler(event, lambdaContext(found.route.fn, requestId));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const routes = compileRoutes(ROUTES);
  const web =
    options.webDir && existsSync(options.webDir)
      ? // dev: files are looked up per request, so a rebuild while running is served at once.
        sirv(options.webDir, { single: true, dev: true })
      : undefined;

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      handleApi(options, routes, req, res).catch((error: unknown) => {
        console.error(
          JSON.stringify({
            level: 'error',
            where: 'local-server',
            error: String((error as Error)?.stack ?? error),
          }),
        );
        if (!res.headersSent) sendError(req, res, 500, 'internal_error');
        else res.end();
      });
      return;
    }
    if (web) {
      // The policy CloudFront sends in AWS, so every page (and every browser test) runs under it.
      res.setHeader('content-security-policy', contentSecurityPolicy());
      web(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web app is not built: run npm run build:web');
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
