/**
 * Forms as versioned content: drafts checked on save, publishing (and rollback) as new immutable
 * versions, and validation of data against a published version or the draft, with compiled
 * validators cached per version.
 */
import { createHash } from 'node:crypto';
import { BoundedCache } from '../platform/bounded-cache';
import type { User } from '../platform/claims';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import type { Draft, Head, Version } from '../store/content-repo';
import type { Page } from '../store/cursor';
import { getPreviewSchema, putPreviewSchema } from '../store/preview-schemas';
import { toDetails } from '../validation/errors';
import { lazyValidatorCache, loadCalculations, loadFormDefinition, loadStandalone } from '../validation/lazy';
import { formToShow, textMapOf, translated } from '../validation/translations';
import { contentService } from './content';

const forms = contentService('FORM', {
  notFound: 'form_not_found',
  notPublished: 'form_not_published',
  versionNotFound: 'form_version_not_found',
  draftNotFound: 'draft_not_found',
});
const validators = lazyValidatorCache();
/** Precompiled validator modules (tens to hundreds of KB each) by version or preview, and language. */
const validatorModules = new BoundedCache<string>(60);

export interface FormDefinition {
  title: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

/** A form's title and description in another language, where the form gives them (x-translations). */
export type FormTitles = Partial<Record<'en', { title?: string; description?: string }>>;

export interface FormSummary {
  id: string;
  title: string;
  description: string;
  /** The title and description in English, where the form's translations give them. */
  translations: FormTitles;
  publishedVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface FormView {
  id: string;
  version: number;
  title: string;
  description: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  fromVersion: number | null;
}

export interface DraftView {
  id: string;
  version: number;
  title: string;
  description: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  updatedAt: string;
  updatedBy: string;
}

const schemaOf = (content: { body: Record<string, unknown> }) =>
  (content.body.schema ?? {}) as Record<string, unknown>;
const uiSchemaOf = (content: { body: Record<string, unknown> }) =>
  (content.body.uiSchema ?? {}) as Record<string, unknown>;

function summary(head: Head): FormSummary {
  const { id, title, description, publishedVersion, hasDraft, updatedAt } = head;
  const en = {
    ...(head.summary['title.en'] ? { title: head.summary['title.en'] } : {}),
    ...(head.summary['description.en'] ? { description: head.summary['description.en'] } : {}),
  };
  const translations: FormTitles = Object.keys(en).length > 0 ? { en } : {};
  return { id, title, description, translations, publishedVersion, hasDraft, updatedAt };
}

/** What the list shows of a form's translations: its title and description in English, where given. */
function translatedTitles(definition: FormDefinition): Record<string, string> {
  const map = textMapOf(definition.schema, 'en');
  const titles: Record<string, string> = {};
  if (!map) return titles;
  const title = translated(map, definition.title);
  if (title !== definition.title) titles['title.en'] = title;
  const description = definition.description ? translated(map, definition.description) : '';
  if (description && description !== definition.description) titles['description.en'] = description;
  return titles;
}

function formView(version: Version): FormView {
  return {
    id: version.id,
    version: version.version,
    title: version.title,
    description: version.description,
    schema: schemaOf(version),
    uiSchema: uiSchemaOf(version),
    publishedAt: version.publishedAt,
    publishedBy: version.publishedBy,
    note: version.note,
    fromVersion: version.fromVersion,
  };
}

function draftView(draft: Draft): DraftView {
  return {
    id: draft.id,
    version: draft.version,
    title: draft.title,
    description: draft.description,
    schema: schemaOf(draft),
    uiSchema: uiSchemaOf(draft),
    updatedAt: draft.updatedAt,
    updatedBy: draft.updatedBy,
  };
}

export async function listForms(limit: number, cursor?: string): Promise<Page<FormSummary>> {
  const page = await forms.repo.listHeads(limit, cursor);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

export async function getPublishedForm(id: string): Promise<FormView> {
  return formView(await forms.published(id));
}

export async function getFormVersion(id: string, number: number): Promise<FormView> {
  return formView(await forms.versionOf(id, number));
}

export async function listFormVersions(id: string, limit: number, cursor?: string) {
  return forms.versions(id, limit, cursor);
}

export async function getFormDraft(id: string): Promise<DraftView> {
  return draftView(await forms.draft(id));
}

/** Saves a draft after checking the definition; `expectedVersion` comes from If-Match. */
export async function saveFormDraft(
  id: string,
  definition: FormDefinition,
  user: User,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<DraftView> {
  (await loadFormDefinition()).assertFormDefinition(definition, lang);
  const draft = await forms.saveDraft(
    id,
    {
      title: definition.title,
      description: definition.description ?? '',
      body: { schema: definition.schema, uiSchema: definition.uiSchema ?? {} },
      summary: translatedTitles(definition),
    },
    user,
    expectedVersion,
  );
  return draftView(draft);
}

/** Publishes the draft, or republishes `fromVersion` (a rollback) as a new version. */
export function publishForm(id: string, request: { note?: string; fromVersion?: number }, user: User) {
  return forms.publish(id, request, user);
}

/** The schema of one published version of a form. */
export async function formSchemaOf(id: string, version: number): Promise<Record<string, unknown>> {
  return schemaOf(await forms.versionOf(id, version));
}

/** The published schema of a form, or undefined when it has none (used by rule checks). */
export async function publishedFormSchema(id: string): Promise<Record<string, unknown> | undefined> {
  const version = await forms.publishedOrNothing(id);
  return version ? schemaOf(version) : undefined;
}

export interface ValidationResult {
  valid: boolean;
  errors: ErrorDetail[];
}

/**
 * Validates `data` against the published form, a version, or the draft, after computing its
 * calculated fields (`x-calculate`; a value the client sent there is replaced); writes nothing.
 * `data` in the result is what would be stored.
 */
export async function validateFormData(
  id: string,
  raw: unknown,
  target: number | 'draft' | undefined,
  lang: Lang,
): Promise<ValidationResult & { version: number | 'draft'; data: unknown }> {
  let key: string;
  let schema: Record<string, unknown>;
  let version: number | 'draft';
  if (target === 'draft') {
    const draft = await forms.draft(id);
    key = `form:${id}@draft:${draft.version}:${draft.updatedAt}`;
    schema = schemaOf(draft);
    version = 'draft';
  } else {
    const form = target === undefined ? await forms.published(id) : await forms.versionOf(id, target);
    key = `form:${id}@${form.version}`;
    schema = schemaOf(form);
    version = form.version;
  }
  const validate = (await validators()).get(key, () => schema);
  const { data } = await (await loadCalculations()).applyCalculations(schema, raw);
  const valid = validate(data) === true;
  const errors = valid ? [] : toDetails(validate.errors, lang, textMapOf(schema, lang));
  return { valid, errors, version, data };
}

/**
 * The precompiled validators of a published version as the browser shows it in `lang` (its texts
 * translated, `x-translations` left out), written once per process: versions never change.
 */
export async function formValidatorModule(id: string, number: number, lang: Lang): Promise<string> {
  const version = await forms.versionOf(id, number);
  const { validatorModule } = await loadStandalone();
  return validatorModules.get(`form:${id}@${number}:${lang}`, () =>
    validatorModule(formToShow({ schema: schemaOf(version) }, lang).schema),
  );
}

/** DynamoDB's item limit is 400 KB: a preview keeps what a draft may hold. */
const MAX_PREVIEW_BYTES = 350 * 1024;

/**
 * Keeps a schema being edited in the studio (unsaved) for a day under its content hash, after
 * checking that it compiles (422 `invalid_form_schema` with ajv's reason otherwise); the hash names its
 * precompiled validators (`previewValidatorModule`). Nothing of the draft itself is written.
 */
export async function storePreviewSchema(
  formId: string,
  schema: Record<string, unknown>,
  lang: Lang,
): Promise<{ hash: string }> {
  const text = JSON.stringify(schema);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PREVIEW_BYTES)
    throw new AppError('payload_too_large', { params: { limit: MAX_PREVIEW_BYTES } });
  const hash = createHash('sha256').update(text).digest('base64url');
  // Compiled here first: a schema that does not compile is refused, and this instance has it ready.
  const { validatorModule } = await loadStandalone();
  validatorModules.get(`preview:${hash}:${lang}`, () => validatorModule(formToShow({ schema }, lang).schema));
  await putPreviewSchema(hash, { formId, schema: text });
  return { hash };
}

/** The precompiled validators of a previewed schema as `lang` shows it; 404 once it is gone. */
export async function previewValidatorModule(formId: string, hash: string, lang: Lang): Promise<string> {
  const key = `preview:${hash}:${lang}`;
  const stored = await getPreviewSchema(hash);
  if (!stored || stored.formId !== formId) throw new AppError('preview_not_found');
  const { validatorModule } = await loadStandalone();
  return validatorModules.get(key, () =>
    validatorModule(
      formToShow({ schema: JSON.parse(stored.schema) as Record<string, unknown> }, lang).schema,
    ),
  );
}
