/** HTTP handler for forms: parse, call the use case, respond. */
import { contentId, pageLimit, versionNumber } from '../cases/content-ids';
import {
  getFormDraft,
  getFormVersion,
  getPublishedForm,
  listForms,
  listFormVersions,
  publishForm,
  saveFormDraft,
  validateFormData,
} from '../cases/forms';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { bodyParser } from '../validation/request';
import { routesOf } from './routes';

const draftBody = bodyParser({
  type: 'object',
  required: ['title', 'schema'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    schema: { type: 'object' },
    uiSchema: { type: 'object' },
  },
} as const);

const publishBody = bodyParser({
  type: 'object',
  properties: {
    note: { type: 'string', maxLength: 1000 },
    fromVersion: { type: 'integer', minimum: 1 },
  },
} as const);

const validateBody = bodyParser({
  type: 'object',
  required: ['data'],
  properties: {
    data: {},
    version: { oneOf: [{ type: 'integer', minimum: 1 }, { const: 'draft' }] },
  },
} as const);

export const handler = createApiHandler(routesOf('forms'), {
  list: async ({ query }) => ({ body: await listForms(pageLimit(query.limit), query.cursor) }),

  getPublished: async ({ params }) => {
    const form = await getPublishedForm(contentId(params.id));
    return { body: form, etag: form.version };
  },

  listVersions: async ({ params, query }) => ({
    body: await listFormVersions(contentId(params.id), pageLimit(query.limit), query.cursor),
  }),

  getVersion: async ({ params }) => {
    const form = await getFormVersion(contentId(params.id), versionNumber(params.n, 'n'));
    return { body: form, etag: form.version };
  },

  getDraft: async ({ params }) => {
    const draft = await getFormDraft(contentId(params.id));
    return { body: draft, etag: draft.version };
  },

  putDraft: async (request) => {
    const input = draftBody(request.body ?? {}, request.lang);
    const draft = await saveFormDraft(
      contentId(request.params.id),
      input as Parameters<typeof saveFormDraft>[1],
      request.user,
      ifMatchVersion(request),
      request.lang,
    );
    return { body: draft, etag: draft.version };
  },

  publish: async (request) => {
    const input = publishBody(request.body ?? {}, request.lang);
    return { status: 201, body: await publishForm(contentId(request.params.id), input, request.user) };
  },

  validate: async (request) => {
    const input = validateBody(request.body ?? {}, request.lang);
    const result = await validateFormData(
      contentId(request.params.id),
      input.data,
      input.version as number | 'draft' | undefined,
      request.lang,
    );
    return { body: result };
  },
});
