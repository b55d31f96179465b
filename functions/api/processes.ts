/** HTTP handler for the case process as content: case types, their wiring, offices, and content packs. */
import type { CaseTypeInput } from '../cases/case-types';
import { contentId } from '../cases/content-ids';
import { TIME_ZONES } from '../domain/vocabulary';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { deferred, once } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { contentReadActions, impactRequest, publishBody } from './content-actions';
import { routesOf } from './routes';

const caseTypes = once(() => import('../cases/case-types'));
const getCaseTypeDraft = deferred(caseTypes, 'getCaseTypeDraft');
const getCaseTypeVersion = deferred(caseTypes, 'getCaseTypeVersion');
const getPublishedCaseType = deferred(caseTypes, 'getPublishedCaseType');
const listCaseTypes = deferred(caseTypes, 'listCaseTypes');
const listCaseTypeVersions = deferred(caseTypes, 'listCaseTypeVersions');
const publishCaseType = deferred(caseTypes, 'publishCaseType');
const saveCaseTypeDraft = deferred(caseTypes, 'saveCaseTypeDraft');
const wiring = deferred(caseTypes, 'wiring');
const daily = once(() => import('../cases/daily'));
const openStagesOf = deferred(daily, 'openStagesOf');
const remapStages = deferred(daily, 'remapStages');
const impact = once(() => import('../cases/impact'));
const caseTypeImpact = deferred(impact, 'caseTypeImpact');
const offices = once(() => import('../cases/offices'));
const listAllOffices = deferred(offices, 'listAllOffices');
const saveOffice = deferred(offices, 'saveOffice');
const packs = once(() => import('../cases/packs'));
const exportPack = deferred(packs, 'exportPack');
const importPack = deferred(packs, 'importPack');

/** Only the envelope is checked here; the content gets the 422 checks of the use case. */
const draftBody = bodyParser({
  type: 'object',
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
  },
} as const);

const officeBody = bodyParser({
  type: 'object',
  required: ['name', 'timeZone'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    timeZone: { enum: TIME_ZONES },
    address: { type: 'string', maxLength: 1000 },
  },
} as const);

const importBody = bodyParser({
  type: 'object',
  required: ['pack'],
  properties: { pack: { type: 'object' }, dryRun: { type: 'boolean' }, publish: { type: 'boolean' } },
} as const);

export const handler = createApiHandler(routesOf('processes'), {
  ...contentReadActions({
    list: listCaseTypes,
    published: getPublishedCaseType,
    versions: listCaseTypeVersions,
    version: getCaseTypeVersion,
    draft: getCaseTypeDraft,
  }),

  putDraft: async (request) => {
    await draftBody(request.body ?? {}, request.lang);
    const draft = await saveCaseTypeDraft(
      contentId(request.params.id),
      request.body as CaseTypeInput,
      request.user,
      ifMatchVersion(request),
      request.lang,
    );
    return { body: draft, etag: draft.version };
  },

  publish: async (request) => {
    const input = await publishBody(request.body ?? {}, request.lang);
    const id = contentId(request.params.id);
    const published = await publishCaseType(id, input, request.user, request.lang, () => openStagesOf(id));
    const remapped = await remapStages(id, request.user);
    return { status: 201, body: { ...published, remapped } };
  },

  impact: async (request) => {
    const { target, limit } = await impactRequest(request);
    return { body: await caseTypeImpact(contentId(request.params.id), target, limit) };
  },

  wiring: async (request) => ({ body: await wiring(contentId(request.params.id)) }),

  listOffices: async () => ({ body: { items: await listAllOffices(), nextCursor: null } }),

  putOffice: async (request) => {
    const input = await officeBody(request.body ?? {}, request.lang);
    return { body: await saveOffice(request.user, contentId(request.params.id), input) };
  },

  exportPack: async () => ({ body: await exportPack() }),

  importPack: async (request) => {
    const input = await importBody(request.body ?? {}, request.lang);
    const options = { dryRun: input.dryRun === true, publish: input.publish === true };
    return { body: await importPack(input.pack, request.user, request.lang, options) };
  },
});
