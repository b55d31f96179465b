/**
 * The one route table. The local server, the CDK stack (one Lambda per `fn`, one HTTP API route per
 * row) and the access tests all read it, so local mode and AWS serve the same routes with the same
 * roles. Data only: importing it never loads a handler.
 */
import type { Role } from '../platform/claims';
import type { RouteSpec } from '../platform/http';

const ANY: readonly Role[] = ['admin', 'supervisor', 'worker'];
const ADMIN: readonly Role[] = ['admin'];

export const ROUTES = [
  { method: 'GET', path: '/api/health', fn: 'platform', action: 'health', roles: 'public' },
  { method: 'GET', path: '/api/me', fn: 'platform', action: 'me', roles: ANY },
  { method: 'POST', path: '/api/auth/login', fn: 'login', action: 'login', roles: 'public', localOnly: true },

  { method: 'GET', path: '/api/forms', fn: 'forms', action: 'list', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}', fn: 'forms', action: 'getPublished', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}/versions', fn: 'forms', action: 'listVersions', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}/versions/{n}', fn: 'forms', action: 'getVersion', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}/draft', fn: 'forms', action: 'getDraft', roles: ADMIN },
  { method: 'PUT', path: '/api/forms/{id}/draft', fn: 'forms', action: 'putDraft', roles: ADMIN },
  { method: 'POST', path: '/api/forms/{id}/publish', fn: 'forms', action: 'publish', roles: ADMIN },
  { method: 'POST', path: '/api/forms/{id}/validate', fn: 'forms', action: 'validate', roles: ANY },

  { method: 'GET', path: '/api/rulesets', fn: 'rulesets', action: 'list', roles: ANY },
  { method: 'GET', path: '/api/rulesets/{id}', fn: 'rulesets', action: 'getPublished', roles: ANY },
  { method: 'GET', path: '/api/rulesets/{id}/versions', fn: 'rulesets', action: 'listVersions', roles: ANY },
  {
    method: 'GET',
    path: '/api/rulesets/{id}/versions/{n}',
    fn: 'rulesets',
    action: 'getVersion',
    roles: ANY,
  },
  { method: 'GET', path: '/api/rulesets/{id}/draft', fn: 'rulesets', action: 'getDraft', roles: ADMIN },
  { method: 'PUT', path: '/api/rulesets/{id}/draft', fn: 'rulesets', action: 'putDraft', roles: ADMIN },
  { method: 'POST', path: '/api/rulesets/{id}/publish', fn: 'rulesets', action: 'publish', roles: ADMIN },
  { method: 'POST', path: '/api/rulesets/{id}/evaluate', fn: 'rulesets', action: 'evaluate', roles: ANY },
  { method: 'GET', path: '/api/facts', fn: 'rulesets', action: 'facts', roles: ANY },
] as const satisfies readonly RouteSpec[];

/** The routes one Lambda function serves. */
export function routesOf(fn: string): RouteSpec[] {
  return ROUTES.filter((route) => route.fn === fn);
}

/** The Lambda functions deployed to AWS (local-only routes excluded). */
export function deployedFunctions(): string[] {
  return [
    ...new Set(ROUTES.filter((route) => !('localOnly' in route && route.localOnly)).map((route) => route.fn)),
  ];
}
