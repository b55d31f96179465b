/** HTTP handler for forms: parse, call the use case, respond. */
import { contentId, versionNumber } from '../cases/content-ids';
import { AppError } from '../platform/errors';
import { type ApiRequest, createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule } from '../platform/lazy';
import type { Lang } from '../platform/messages';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { contentReadActions, publishBody, VERSION_TARGET } from './content-actions';
import { routesOf } from './routes';

const forms = lazyModule(
  () => import('../cases/forms'),
  [
    'formValidatorModule',
    'getFormDraft',
    'getFormVersion',
    'getPublishedForm',
    'listForms',
    'listFormVersions',
    'previewValidatorModule',
    'publishForm',
    'saveFormDraft',
    'storePreviewSchema',
    'validateFormData',
  ],
);

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

const previewBody = bodyParser({
  type: 'object',
  required: ['schema'],
  properties: { schema: { type: 'object' } },
} as const);

/**
 * The language a validator module is written for (`?lang=`, Indonesian by default): a module import
 * carries the browser's Accept-Language, not the app's.
 */
function moduleLang(request: ApiRequest): Lang {
  const lang = request.query.lang ?? 'id';
  if (lang !== 'id' && lang !== 'en') throw new AppError('invalid_parameter', { params: { name: 'lang' } });
  return lang;
}

/** A preview's hash as `storePreviewSchema` makes it (base64url SHA-256). */
function previewHash(raw: string | undefined): string {
  if (raw === undefined || !/^[A-Za-z0-9_-]{43}$/.test(raw)) {
    throw new AppError('invalid_parameter', { params: { name: 'hash' } });
  }
  return raw;
}

/** Published versions never change; their URL also names the module build (`?v=`). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A preview's module is named by its content too, and kept as long as its schema is. */
const PREVIEW_CACHE = 'public, max-age=86400, immutable';

export const handler = createApiHandler(routesOf('forms'), {
  ...contentReadActions({
    list: forms.listForms,
    published: forms.getPublishedForm,
    versions: forms.listFormVersions,
    version: forms.getFormVersion,
    draft: forms.getFormDraft,
  }),

  putDraft: async (request) => {
    const input = await draftBody(request.body ?? {}, request.lang);
    const draft = await forms.saveFormDraft(
      contentId(request.params.id),
      input as Parameters<typeof forms.saveFormDraft>[1],
      request.user,
      ifMatchVersion(request),
      request.lang,
    );
    return { body: draft, etag: draft.version };
  },

  publish: async (request) => {
    const input = await publishBody(request.body ?? {}, request.lang);
    return { status: 201, body: await forms.publishForm(contentId(request.params.id), input, request.user) };
  },

  validatorModule: async (request) => ({
    script: await forms.formValidatorModule(
      contentId(request.params.id),
      versionNumber(request.params.n, 'n'),
      moduleLang(request),
    ),
    headers: { 'cache-control': IMMUTABLE },
  }),

  preview: async (request) => {
    const input = await previewBody(request.body ?? {}, request.lang);
    const stored = await forms.storePreviewSchema(
      contentId(request.params.id),
      input.schema as Record<string, unknown>,
      request.lang,
    );
    return { status: 201, body: stored };
  },

  previewValidatorModule: async (request) => ({
    script: await forms.previewValidatorModule(
      contentId(request.params.id),
      previewHash(request.params.hash),
      moduleLang(request),
    ),
    headers: { 'cache-control': PREVIEW_CACHE },
  }),

  validate: async (request) => {
    const input = await validateBody(request.body ?? {}, request.lang);
    const result = await forms.validateFormData(
      contentId(request.params.id),
      input.data,
      input.version as number | 'draft' | undefined,
      request.lang,
    );
    return { body: result };
  },
});
