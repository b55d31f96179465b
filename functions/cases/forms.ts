/**
 * Forms as versioned content: drafts checked on save, publishing (and rollback) as new immutable
 * versions, and validation of data against a published version or the draft, with compiled
 * validators cached per version.
 */
import type { User } from '../platform/claims';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { contentCache } from '../store/content-cache';
import { contentRepo, type Draft, type Head, type Version } from '../store/content-repo';
import type { Page } from '../store/cursor';
import { ValidatorCache } from '../validation/compile';
import { toDetails } from '../validation/errors';
import { assertFormDefinition } from '../validation/form-definition';

const repo = contentRepo('FORM');
const cache = contentCache(repo);
const validators = new ValidatorCache();

/** How many times a publish that lost a race re-reads and tries again before answering 409. */
const PUBLISH_ATTEMPTS = 8;

export interface FormDefinition {
  title: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

export interface FormSummary {
  id: string;
  title: string;
  description: string;
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
  return { id, title, description, publishedVersion, hasDraft, updatedAt };
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
  const page = await repo.listHeads(limit, cursor);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

async function publishedVersion(id: string): Promise<Version> {
  const number = await cache.publishedVersion(id);
  if (number === undefined) throw new AppError('form_not_found', { params: { formId: id } });
  if (number === null) throw new AppError('form_not_published', { params: { formId: id } });
  const version = await cache.version(id, number);
  if (!version) throw new AppError('form_not_published', { params: { formId: id } });
  return version;
}

async function versionOf(id: string, number: number): Promise<Version> {
  const version = await cache.version(id, number);
  if (!version) throw new AppError('form_version_not_found', { params: { formId: id, version: number } });
  return version;
}

export async function getPublishedForm(id: string): Promise<FormView> {
  return formView(await publishedVersion(id));
}

export async function getFormVersion(id: string, number: number): Promise<FormView> {
  return formView(await versionOf(id, number));
}

export async function listFormVersions(id: string, limit: number, cursor?: string) {
  if (!(await repo.getHead(id))) throw new AppError('form_not_found', { params: { formId: id } });
  return repo.listVersions(id, limit, cursor);
}

export async function getFormDraft(id: string): Promise<DraftView> {
  const draft = await repo.getDraft(id);
  if (!draft) throw new AppError('draft_not_found', { params: { formId: id } });
  return draftView(draft);
}

/** Saves a draft after checking the definition; `expectedVersion` comes from If-Match. */
export async function saveFormDraft(
  id: string,
  definition: FormDefinition,
  user: User,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<DraftView> {
  assertFormDefinition(definition, lang);
  const draft = await repo.putDraft(
    id,
    {
      title: definition.title,
      description: definition.description ?? '',
      body: { schema: definition.schema, uiSchema: definition.uiSchema ?? {} },
    },
    user.id,
    expectedVersion,
  );
  return draftView(draft);
}

/**
 * Publishes the draft, or republishes `fromVersion` (a rollback) as a new version. A publish that
 * loses a race with another re-reads and takes the next number; nothing is overwritten.
 */
export async function publishForm(
  id: string,
  request: { note?: string; fromVersion?: number },
  user: User,
): Promise<{ version: number }> {
  for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
    const head = await repo.getHead(id);
    if (!head)
      throw new AppError(request.fromVersion ? 'form_not_found' : 'nothing_to_publish', {
        params: { formId: id },
      });
    const options = { by: user.id, note: request.note ?? null, latestVersion: head.latestVersion };
    let version: number | undefined;
    if (request.fromVersion !== undefined) {
      const source = await versionOf(id, request.fromVersion);
      version = await repo.publish(id, source, { ...options, fromVersion: source.version });
    } else {
      const draft = await repo.getDraft(id);
      if (!draft) throw new AppError('nothing_to_publish', { params: { formId: id } });
      version = await repo.publish(id, draft, { ...options, fromVersion: null, draftVersion: draft.version });
    }
    if (version !== undefined) {
      cache.published(id, version);
      return { version };
    }
  }
  throw new AppError('conflict');
}

export interface ValidationResult {
  valid: boolean;
  errors: ErrorDetail[];
}

/** Validates `data` against the published form, a version, or the draft; writes nothing. */
export async function validateFormData(
  id: string,
  data: unknown,
  target: number | 'draft' | undefined,
  lang: Lang,
): Promise<ValidationResult & { version: number | 'draft' }> {
  let key: string;
  let schema: Record<string, unknown>;
  let version: number | 'draft';
  if (target === 'draft') {
    const draft = await repo.getDraft(id);
    if (!draft) throw new AppError('draft_not_found', { params: { formId: id } });
    key = `form:${id}@draft:${draft.version}:${draft.updatedAt}`;
    schema = schemaOf(draft);
    version = 'draft';
  } else {
    const form = target === undefined ? await publishedVersion(id) : await versionOf(id, target);
    key = `form:${id}@${form.version}`;
    schema = schemaOf(form);
    version = form.version;
  }
  const validate = validators.get(key, () => schema);
  const valid = validate(data) === true;
  return { valid, errors: valid ? [] : toDetails(validate.errors, lang), version };
}
