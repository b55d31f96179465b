/** HTTP handler for the case process as content: case types, their wiring, offices, and content packs. */
import {
  type CaseTypeInput,
  getCaseTypeDraft,
  getCaseTypeVersion,
  getPublishedCaseType,
  listCaseTypes,
  listCaseTypeVersions,
  publishCaseType,
  saveCaseTypeDraft,
  wiring,
} from '../cases/case-types';
import { contentId } from '../cases/content-ids';
import { openStagesOf, remapStages } from '../cases/daily';
import { caseTypeImpact } from '../cases/impact';
import { listAllOffices, saveOffice, TIME_ZONES } from '../cases/offices';
import { exportPack, importPack } from '../cases/packs';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { bodyParser } from '../validation/request';
import { contentReadActions, impactRequest, publishBody } from './content-actions';
import { routesOf } from './routes';

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
