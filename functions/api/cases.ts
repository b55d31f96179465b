/** HTTP handler for cases, caseloads, the dashboard and rule impact: parse, call the use case, respond. */
import type { CaseListQuery } from '../cases/case-files';
import { contentId, pageLimit } from '../cases/content-ids';
import { withRetries } from '../cases/retry';
import type { ClientKey } from '../cases/search';
import { CONTACT_TYPES } from '../domain/vocabulary';
import { AppError } from '../platform/errors';
import { type ApiRequest, createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { impactRequest } from './content-actions';
import { routesOf } from './routes';

const caseFiles = lazyModule(
  () => import('../cases/case-files'),
  ['createCase', 'dashboard', 'listCases', 'patchCase', 'readCase'],
);
const evaluation = lazyModule(() => import('../cases/evaluate-case'), ['caseDecisions']);
const impacts = lazyModule(() => import('../cases/impact'), ['ruleImpact']);
const inbox = lazyModule(() => import('../cases/inbox'), ['listApprovals', 'listTransfers']);
const notes = lazyModule(
  () => import('../cases/notes'),
  ['addNote', 'addReferral', 'listAudit', 'listNotes', 'listReferrals', 'updateReferral'],
);
const reports = lazyModule(() => import('../cases/report'), ['submissionReport']);
const clientSearch = lazyModule(() => import('../cases/search'), ['refuseDuplicateNik', 'searchCases']);
const submissions = lazyModule(
  () => import('../cases/submissions'),
  ['getSubmission', 'getWorkDraft', 'listSubmissions', 'putWorkDraft', 'submit'],
);
const transitions = lazyModule(
  () => import('../cases/transitions'),
  ['acceptTransfer', 'cancelTransfer', 'decideApproval', 'rejectTransfer', 'requestTransfer', 'transition'],
);

const DATE = { type: 'string', format: 'date' } as const;
const OFFICE = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
const USER_ID = { type: 'string', minLength: 1, maxLength: 128 } as const;
const CLIENT_FIELDS = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  birthDate: DATE,
  sex: { enum: ['laki-laki', 'perempuan'] },
  nik: { type: 'string', pattern: '^[0-9]{16}$' },
} as const;
const OFFENCE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    date: DATE,
    category: { type: 'string', maxLength: 100 },
    threatenedSentenceMonths: { type: 'number', minimum: 0, maximum: 1200 },
    repeat: { type: 'boolean' },
  },
} as const;
const SENTENCE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    months: { type: 'number', minimum: 0, maximum: 1200 },
    startDate: DATE,
    lastDisciplinaryDate: DATE,
  },
} as const;
const CASE_TYPE = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,49}$' } as const;

const createBody = bodyParser({
  type: 'object',
  required: ['client', 'caseType'],
  properties: {
    client: {
      type: 'object',
      required: ['name', 'birthDate', 'sex'],
      additionalProperties: false,
      properties: CLIENT_FIELDS,
    },
    caseType: CASE_TYPE,
    office: OFFICE,
    assignee: USER_ID,
    offence: OFFENCE,
    sentence: SENTENCE,
    /** Opens the case even though the client's NIK already has one in the office. */
    confirmDuplicate: { type: 'boolean' },
  },
} as const);

const patchBody = bodyParser({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    client: { type: 'object', additionalProperties: false, properties: CLIENT_FIELDS },
    assignee: { anyOf: [USER_ID, { type: 'null' }] },
    caseType: CASE_TYPE,
    offence: OFFENCE,
    sentence: SENTENCE,
  },
} as const);

const submitBody = bodyParser({
  type: 'object',
  required: ['formId', 'data', 'idempotencyKey'],
  properties: {
    formId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    data: {},
    idempotencyKey: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
    formVersion: { type: 'integer', minimum: 1 },
  },
} as const);

const rejectBody = bodyParser({
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const);

/** Work in progress on a form: any answers so far, but answers to a form are always an object. */
const draftBody = bodyParser({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'object' } },
} as const);

const transitionBody = bodyParser({
  type: 'object',
  required: ['to'],
  properties: {
    to: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    reason: { type: 'string', minLength: 1, maxLength: 100 },
    data: { type: 'object' },
    note: { type: 'string', maxLength: 4000 },
  },
} as const);

const approvalBody = bodyParser({
  type: 'object',
  required: ['decision'],
  properties: {
    decision: { enum: ['approve', 'return'] },
    comment: { type: 'string', maxLength: 4000 },
  },
} as const);

const noteBody = bodyParser({
  type: 'object',
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 10000 },
    contactType: { enum: CONTACT_TYPES },
    date: DATE,
  },
} as const);

const referralBody = bodyParser({
  type: 'object',
  required: ['serviceId', 'reason'],
  properties: {
    serviceId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    reason: { type: 'string', minLength: 1, maxLength: 4000 },
    consent: { type: 'boolean' },
  },
} as const);

const referralPatchBody = bodyParser({
  type: 'object',
  required: ['status'],
  properties: {
    status: { enum: ['accepted', 'rejected', 'completed', 'cancelled'] },
    outcome: { type: 'string', maxLength: 4000 },
  },
} as const);

const transferBody = bodyParser({
  type: 'object',
  required: ['toOffice', 'reason'],
  properties: { toOffice: OFFICE, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const);

const ID = /^[A-Za-z0-9-]{1,64}$/;

function pathId(request: ApiRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined || !ID.test(value)) throw new AppError('invalid_parameter', { params: { name } });
  return value;
}

/** `?nik=` (16 digits), or `?name=&birthDate=` (a calendar date). */
function searchKey(request: ApiRequest): ClientKey {
  const { nik, name, birthDate } = request.query;
  if (nik !== undefined) {
    if (!/^\d{16}$/.test(nik)) throw new AppError('invalid_parameter', { params: { name: 'nik' } });
    return { nik };
  }
  if (name === undefined || name.trim() === '' || name.length > 200) {
    throw new AppError('invalid_parameter', { params: { name: 'name' } });
  }
  const date = birthDate === undefined ? undefined : new Date(`${birthDate}T00:00:00Z`);
  if (
    !birthDate ||
    !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) ||
    date?.toISOString().slice(0, 10) !== birthDate
  ) {
    throw new AppError('invalid_parameter', { params: { name: 'birthDate' } });
  }
  return { name, birthDate };
}

function listQuery(request: ApiRequest): CaseListQuery {
  const { assignee, stage, priority, overdue, cursor } = request.query;
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
    throw new AppError('invalid_parameter', { params: { name: 'overdue' } });
  }
  // Stages are the case types' own ids; one that could not be an id is a mistake, not an empty list.
  if (stage !== undefined) contentId(stage, 'stage');
  return {
    limit: pageLimit(request.query.limit),
    ...(assignee ? { assignee } : {}),
    ...(stage ? { stage } : {}),
    ...(priority ? { priority } : {}),
    ...(overdue !== undefined ? { overdue: overdue === 'true' } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export const handler = createApiHandler(routesOf('cases'), {
  create: async (request) => {
    const { confirmDuplicate, ...input } = await createBody(request.body ?? {}, request.lang);
    if (confirmDuplicate !== true)
      await clientSearch.refuseDuplicateNik(request.user, input.client.nik, request.lang);
    const view = await caseFiles.createCase(request.user, input);
    return { status: 201, body: view, etag: view.version };
  },

  list: async (request) => ({ body: await caseFiles.listCases(request.user, listQuery(request)) }),

  search: async (request) => ({ body: await clientSearch.searchCases(request.user, searchKey(request)) }),

  get: async (request) => {
    const view = await caseFiles.readCase(request.user, pathId(request, 'id'));
    return { body: view, etag: view.version };
  },

  patch: async (request) => {
    const input = await patchBody(request.body ?? {}, request.lang);
    const view = await caseFiles.patchCase(
      request.user,
      pathId(request, 'id'),
      input,
      ifMatchVersion(request),
    );
    return { body: view, etag: view.version };
  },

  submit: async (request) => {
    const input = await submitBody(request.body ?? {}, request.lang);
    const { result, replayed } = await submissions.submit(
      request.user,
      pathId(request, 'id'),
      input,
      request.lang,
    );
    return { status: 201, body: result, ...(replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}) };
  },

  listSubmissions: async (request) => ({
    body: await submissions.listSubmissions(
      request.user,
      pathId(request, 'id'),
      pageLimit(request.query.limit),
      request.query.cursor,
    ),
  }),

  getSubmission: async (request) => ({
    body: await submissions.getSubmission(request.user, pathId(request, 'id'), pathId(request, 'sid')),
  }),

  getDraft: async (request) => {
    const draft = await submissions.getWorkDraft(
      request.user,
      pathId(request, 'id'),
      contentId(request.params.formId, 'formId'),
    );
    return { body: draft, etag: draft.version };
  },

  putDraft: async (request) => {
    const { data } = await draftBody(request.body ?? {}, request.lang);
    const draft = await submissions.putWorkDraft(
      request.user,
      pathId(request, 'id'),
      contentId(request.params.formId, 'formId'),
      data,
      ifMatchVersion(request),
    );
    return { body: draft, etag: draft.version };
  },

  transition: async (request) => {
    const input = await transitionBody(request.body ?? {}, request.lang);
    const view = await withRetries(() =>
      transitions.transition(
        request.user,
        pathId(request, 'id'),
        {
          to: input.to,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.data ? { data: input.data } : {}),
          ...(input.note ? { note: input.note } : {}),
        },
        ifMatchVersion(request),
        request.lang,
      ),
    );
    const { pending, ...body } = view;
    return { status: pending ? 202 : 200, body, etag: view.version };
  },

  decideApproval: async (request) => {
    const input = await approvalBody(request.body ?? {}, request.lang);
    const view = await withRetries(() =>
      transitions.decideApproval(
        request.user,
        pathId(request, 'id'),
        pathId(request, 'aid'),
        { decision: input.decision, ...(input.comment ? { comment: input.comment } : {}) },
        request.lang,
      ),
    );
    return { body: view, etag: view.version };
  },

  listNotes: async (request) => ({
    body: await notes.listNotes(
      request.user,
      pathId(request, 'id'),
      pageLimit(request.query.limit),
      request.query.cursor,
    ),
  }),

  addNote: async (request) => {
    const input = await noteBody(request.body ?? {}, request.lang);
    return {
      status: 201,
      body: await withRetries(() => notes.addNote(request.user, pathId(request, 'id'), input)),
    };
  },

  listReferrals: async (request) => ({
    body: await notes.listReferrals(
      request.user,
      pathId(request, 'id'),
      pageLimit(request.query.limit),
      request.query.cursor,
    ),
  }),

  addReferral: async (request) => {
    const input = await referralBody(request.body ?? {}, request.lang);
    const referral = await withRetries(() => notes.addReferral(request.user, pathId(request, 'id'), input));
    return { status: 201, body: referral, etag: referral.version };
  },

  updateReferral: async (request) => {
    const input = await referralPatchBody(request.body ?? {}, request.lang);
    const referral = await withRetries(() =>
      notes.updateReferral(
        request.user,
        pathId(request, 'id'),
        pathId(request, 'rid'),
        input,
        ifMatchVersion(request),
      ),
    );
    return { body: referral, etag: referral.version };
  },

  transfer: async (request) => {
    const input = await transferBody(request.body ?? {}, request.lang);
    const view = await withRetries(() =>
      transitions.requestTransfer(request.user, pathId(request, 'id'), input),
    );
    return { body: view, etag: view.version };
  },

  rejectTransfer: async (request) => {
    const { reason } = await rejectBody(request.body ?? {}, request.lang);
    const view = await withRetries(() =>
      transitions.rejectTransfer(request.user, pathId(request, 'id'), reason),
    );
    return { body: view, etag: view.version };
  },

  cancelTransfer: async (request) => {
    const view = await withRetries(() => transitions.cancelTransfer(request.user, pathId(request, 'id')));
    return { body: view, etag: view.version };
  },

  listTransfers: async (request) => {
    const direction = request.query.direction ?? 'incoming';
    if (direction !== 'incoming' && direction !== 'outgoing')
      throw new AppError('invalid_parameter', { params: { name: 'direction' } });
    return {
      body: await inbox.listTransfers(
        request.user,
        direction,
        pageLimit(request.query.limit),
        request.query.cursor,
      ),
    };
  },

  listApprovals: async (request) => ({
    body: await inbox.listApprovals(request.user, pageLimit(request.query.limit), request.query.cursor),
  }),

  acceptTransfer: async (request) => {
    const view = await withRetries(() => transitions.acceptTransfer(request.user, pathId(request, 'id')));
    return { body: view, etag: view.version };
  },

  audit: async (request) => {
    const order = request.query.order ?? 'oldest';
    if (order !== 'oldest' && order !== 'newest')
      throw new AppError('invalid_parameter', { params: { name: 'order' } });
    const id = pathId(request, 'id');
    const limit = pageLimit(request.query.limit);
    return { body: await notes.listAudit(request.user, id, limit, request.query.cursor, order === 'newest') };
  },

  decisions: async (request) => ({
    body: await evaluation.caseDecisions(request.user, pathId(request, 'id')),
  }),

  report: async (request) => ({
    html: await reports.submissionReport(
      request.user,
      pathId(request, 'id'),
      pathId(request, 'submissionId'),
      request.lang,
    ),
  }),

  dashboard: async (request) => ({ body: await caseFiles.dashboard(request.user) }),

  impact: async (request) => {
    const { target, limit } = await impactRequest(request);
    return { body: await impacts.ruleImpact(contentId(request.params.id), target, limit) };
  },
});
