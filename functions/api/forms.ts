/** HTTP handler for forms: parse, call the use case, respond. */
import { contentId } from '../cases/content-ids';
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
import { contentReadActions, publishBody, VERSION_TARGET } from './content-actions';
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

const validateBody = bodyParser({
  type: 'object',
  required: ['data'],
  properties: {
    data: {},
    version: VERSION_TARGET,
  },
} as const);

export const handler = createApiHandler(routesOf('forms'), {
  ...contentReadActions({
    list: listForms,
    published: getPublishedForm,
    versions: listFormVersions,
    version: getFormVersion,
    draft: getFormDraft,
  }),

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
