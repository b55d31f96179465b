/**
 * The one route table. The local server, the CDK stack (one Lambda per `fn`, one HTTP API route per
 * row) and the access tests all read it, so local mode and AWS serve the same routes with the same
 * roles. Data only: importing it never loads a handler.
 */
import type { Role } from '../platform/claims';
import type { RouteSpec } from '../platform/http';

const ANY: readonly Role[] = ['admin', 'supervisor', 'worker'];
const ADMIN: readonly Role[] = ['admin'];
/** Case roles: administrators configure, they do not read case files unless they also hold one. */
const CASE: readonly Role[] = ['supervisor', 'worker'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
const AUDITOR: readonly Role[] = ['supervisor', 'admin'];

export const ROUTES = [
  { method: 'GET', path: '/api/health', fn: 'platform', action: 'health', roles: 'public' },
  { method: 'GET', path: '/api/me', fn: 'platform', action: 'me', roles: ANY },
  { method: 'POST', path: '/api/auth/login', fn: 'login', action: 'login', roles: 'public', localOnly: true },

  { method: 'GET', path: '/api/forms', fn: 'forms', action: 'list', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}', fn: 'forms', action: 'getPublished', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}/versions', fn: 'forms', action: 'listVersions', roles: ANY },
  { method: 'GET', path: '/api/forms/{id}/versions/{n}', fn: 'forms', action: 'getVersion', roles: ANY },
  // A version's precompiled validators, imported by the browser as a module (an import sends no token):
  // form content, never case data, the same for every caller and never changing.
  {
    method: 'GET',
    path: '/api/forms/{id}/versions/{n}/validator.js',
    fn: 'forms',
    action: 'validatorModule',
    roles: 'public',
  },
  { method: 'GET', path: '/api/forms/{id}/draft', fn: 'forms', action: 'getDraft', roles: ADMIN },
  { method: 'PUT', path: '/api/forms/{id}/draft', fn: 'forms', action: 'putDraft', roles: ADMIN },
  { method: 'POST', path: '/api/forms/{id}/publish', fn: 'forms', action: 'publish', roles: ADMIN },
  { method: 'POST', path: '/api/forms/{id}/validate', fn: 'forms', action: 'validate', roles: ANY },
  { method: 'POST', path: '/api/forms/{id}/previews', fn: 'forms', action: 'preview', roles: ADMIN },
  // The studio preview's validators, named by the hash of the schema an administrator posted.
  {
    method: 'GET',
    path: '/api/forms/{id}/previews/{hash}/validator.js',
    fn: 'forms',
    action: 'previewValidatorModule',
    roles: 'public',
  },

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
  { method: 'POST', path: '/api/rulesets/{id}/impact', fn: 'cases', action: 'impact', roles: ADMIN },
  { method: 'GET', path: '/api/rulesets/{id}/cases', fn: 'rulesets', action: 'cases', roles: ADMIN },
  {
    method: 'POST',
    path: '/api/rulesets/{id}/cases/{caseId}/evaluate',
    fn: 'rulesets',
    action: 'evaluateCase',
    roles: ADMIN,
  },

  { method: 'GET', path: '/api/case-types', fn: 'processes', action: 'list', roles: ANY },
  { method: 'GET', path: '/api/case-types/{id}', fn: 'processes', action: 'getPublished', roles: ANY },
  {
    method: 'GET',
    path: '/api/case-types/{id}/versions',
    fn: 'processes',
    action: 'listVersions',
    roles: ANY,
  },
  {
    method: 'GET',
    path: '/api/case-types/{id}/versions/{n}',
    fn: 'processes',
    action: 'getVersion',
    roles: ANY,
  },
  { method: 'GET', path: '/api/case-types/{id}/draft', fn: 'processes', action: 'getDraft', roles: ADMIN },
  { method: 'PUT', path: '/api/case-types/{id}/draft', fn: 'processes', action: 'putDraft', roles: ADMIN },
  { method: 'POST', path: '/api/case-types/{id}/publish', fn: 'processes', action: 'publish', roles: ADMIN },
  { method: 'GET', path: '/api/case-types/{id}/wiring', fn: 'processes', action: 'wiring', roles: ADMIN },
  { method: 'POST', path: '/api/case-types/{id}/impact', fn: 'processes', action: 'impact', roles: ADMIN },
  { method: 'GET', path: '/api/offices', fn: 'processes', action: 'listOffices', roles: ANY },
  { method: 'PUT', path: '/api/offices/{id}', fn: 'processes', action: 'putOffice', roles: ADMIN },
  { method: 'GET', path: '/api/users', fn: 'people', action: 'list', roles: AUDITOR },
  { method: 'GET', path: '/api/users/names', fn: 'people', action: 'names', roles: ANY },
  { method: 'POST', path: '/api/users', fn: 'people', action: 'invite', roles: ADMIN },
  { method: 'PATCH', path: '/api/users/{id}', fn: 'people', action: 'patch', roles: ADMIN },
  // A lost or replaced phone: remove the person's authenticator app and sign them out everywhere.
  {
    method: 'POST',
    path: '/api/users/{id}/authenticator/reset',
    fn: 'people',
    action: 'resetAuthenticator',
    roles: ADMIN,
  },
  { method: 'GET', path: '/api/packs/export', fn: 'processes', action: 'exportPack', roles: ADMIN },
  { method: 'POST', path: '/api/packs/import', fn: 'processes', action: 'importPack', roles: ADMIN },

  { method: 'POST', path: '/api/cases', fn: 'cases', action: 'create', roles: CASE },
  { method: 'GET', path: '/api/cases', fn: 'cases', action: 'list', roles: CASE },
  // Before /api/cases/{id}: the local server takes the first match (API Gateway prefers the literal path).
  { method: 'GET', path: '/api/cases/search', fn: 'cases', action: 'search', roles: CASE },
  { method: 'GET', path: '/api/cases/{id}', fn: 'cases', action: 'get', roles: CASE },
  { method: 'PATCH', path: '/api/cases/{id}', fn: 'cases', action: 'patch', roles: CASE },
  { method: 'POST', path: '/api/cases/{id}/submissions', fn: 'cases', action: 'submit', roles: CASE },
  { method: 'GET', path: '/api/cases/{id}/submissions', fn: 'cases', action: 'listSubmissions', roles: CASE },
  {
    method: 'GET',
    path: '/api/cases/{id}/submissions/{sid}',
    fn: 'cases',
    action: 'getSubmission',
    roles: CASE,
  },
  { method: 'GET', path: '/api/cases/{id}/drafts/{formId}', fn: 'cases', action: 'getDraft', roles: CASE },
  { method: 'PUT', path: '/api/cases/{id}/drafts/{formId}', fn: 'cases', action: 'putDraft', roles: CASE },
  { method: 'POST', path: '/api/cases/{id}/transitions', fn: 'cases', action: 'transition', roles: CASE },
  { method: 'GET', path: '/api/cases/{id}/notes', fn: 'cases', action: 'listNotes', roles: CASE },
  { method: 'POST', path: '/api/cases/{id}/notes', fn: 'cases', action: 'addNote', roles: CASE },
  { method: 'GET', path: '/api/cases/{id}/referrals', fn: 'cases', action: 'listReferrals', roles: CASE },
  { method: 'POST', path: '/api/cases/{id}/referrals', fn: 'cases', action: 'addReferral', roles: CASE },
  {
    method: 'PATCH',
    path: '/api/cases/{id}/referrals/{rid}',
    fn: 'cases',
    action: 'updateReferral',
    roles: CASE,
  },
  { method: 'POST', path: '/api/cases/{id}/transfer', fn: 'cases', action: 'transfer', roles: SUPERVISOR },
  {
    method: 'POST',
    path: '/api/cases/{id}/transfer/accept',
    fn: 'cases',
    action: 'acceptTransfer',
    roles: SUPERVISOR,
  },
  {
    method: 'POST',
    path: '/api/cases/{id}/transfer/reject',
    fn: 'cases',
    action: 'rejectTransfer',
    roles: SUPERVISOR,
  },
  {
    method: 'POST',
    path: '/api/cases/{id}/transfer/cancel',
    fn: 'cases',
    action: 'cancelTransfer',
    roles: SUPERVISOR,
  },
  { method: 'GET', path: '/api/transfers', fn: 'cases', action: 'listTransfers', roles: SUPERVISOR },
  { method: 'GET', path: '/api/approvals', fn: 'cases', action: 'listApprovals', roles: SUPERVISOR },
  {
    method: 'POST',
    path: '/api/cases/{id}/approvals/{aid}',
    fn: 'cases',
    action: 'decideApproval',
    roles: SUPERVISOR,
  },
  { method: 'GET', path: '/api/cases/{id}/audit', fn: 'cases', action: 'audit', roles: AUDITOR },
  { method: 'GET', path: '/api/cases/{id}/decisions', fn: 'cases', action: 'decisions', roles: CASE },
  {
    method: 'GET',
    path: '/api/cases/{id}/report/{submissionId}',
    fn: 'cases',
    action: 'report',
    roles: CASE,
  },
  { method: 'GET', path: '/api/dashboard', fn: 'cases', action: 'dashboard', roles: CASE },

  { method: 'GET', path: '/api/services', fn: 'directory', action: 'listServices', roles: ANY },
  { method: 'PUT', path: '/api/services/{id}', fn: 'directory', action: 'putService', roles: ADMIN },
  { method: 'DELETE', path: '/api/services/{id}', fn: 'directory', action: 'deleteService', roles: ADMIN },
  { method: 'GET', path: '/api/calendar/{year}', fn: 'directory', action: 'getCalendar', roles: ANY },
  { method: 'PUT', path: '/api/calendar/{year}', fn: 'directory', action: 'putCalendar', roles: ADMIN },
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
