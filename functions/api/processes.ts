/** HTTP handler for the case process as content: case types, their caseTypes.wiring, offices, and content packs. */
import type { CaseTypeInput } from '../cases/case-types';
import { contentId } from '../cases/content-ids';
import { TIME_ZONES } from '../domain/vocabulary';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { contentReadActions, impactRequest, publishBody } from './content-actions';
import { routesOf } from './routes';

const caseTypes = lazyModule(
  () => import('../cases/case-types'),
  [
    'getCaseTypeDraft',
    'getCaseTypeVersion',
    'getPublishedCaseType',
    'listCaseTypes',
    'listCaseTypeVersions',
    'publishCaseType',
    'saveCaseTypeDraft',
    'wiring',
  ],
);
const dailyRun = lazyModule(() => import('../cases/daily'), ['openStagesOf', 'remapStages']);
const impacts = lazyModule(() => import('../cases/impact'), ['caseTypeImpact']);
const offices = lazyModule(() => import('../cases/offices'), ['listAllOffices', 'saveOffice']);
const packs = lazyModule(() => import('../cases/packs'), ['exportPack', 'importPack']);

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
    list: caseTypes.listCaseTypes,
    published: caseTypes.getPublishedCaseType,
    versions: caseTypes.listCaseTypeVersions,
    version: caseTypes.getCaseTypeVersion,
    draft: caseTypes.getCaseTypeDraft,
  }),

  putDraft: async (request) => {
    await draftBody(request.body ?? {}, request.lang);
    const draft = await caseTypes.saveCaseTypeDraft(
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
    const published = await caseTypes.publishCaseType(id, input, request.user, request.lang, () =>
      dailyRun.openStagesOf(id),
    );
    const remapped = await dailyRun.remapStages(id, request.user);
    return { status: 201, body: { ...published, remapped } };
  },

  impact: async (request) => {
    const { target, limit } = await impactRequest(request);
    return { body: await impacts.caseTypeImpact(contentId(request.params.id), target, limit) };
  },

  wiring: async (request) => ({ body: await caseTypes.wiring(contentId(request.params.id)) }),

  listOffices: async () => ({ body: { items: await offices.listAllOffices(), nextCursor: null } }),

  putOffice: async (request) => {
    const input = await officeBody(request.body ?? {}, request.lang);
    return { body: await offices.saveOffice(request.user, contentId(request.params.id), input) };
  },

  exportPack: async () => ({ body: await packs.exportPack() }),

  importPack: async (request) => {
    const input = await importBody(request.body ?? {}, request.lang);
    const options = { dryRun: input.dryRun === true, publish: input.publish === true };
    return { body: await packs.importPack(input.pack, request.user, request.lang, options) };
  },
});
