/**
 * Compiling JSON Schemas into validators, with a cache keyed by content version so that a published
 * form is compiled once per process, never per request.
 */
import type Ajv from 'ajv';
import type { CodeOptions, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { BoundedCache } from '../platform/bounded-cache';
import { AJV_OPTIONS, DRAFTS, type DraftName, draftOf } from './ajv-config';
import { CUSTOM_FORMATS } from './runtime';

/**
 * An ajv instance for one draft, with Kawal's options and formats; `code` adds code generation
 * options (the standalone modules' `source` and runtime names) to Kawal's own.
 */
export function newAjv(draft: DraftName, code: CodeOptions = {}): Ajv {
  const ajv = new DRAFTS[draft].Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, ...code } });
  addFormats(ajv);
  for (const [name, format] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * Compiles a schema with its declared draft (draft-07 when it declares none Kawal supports). Each
 * compile gets its own ajv instance, for content (forms, reasons, drafts being checked): an instance
 * keeps every schema it compiled for its whole life (by identity, by `$id`, and the `$id`s inside
 * it), so a shared one would grow with every draft saved and let one form's `$id` clash with or
 * resolve a `$ref` of another's. Throws ajv's error for a schema that does not compile.
 */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  return newAjv(draftOf(schema) ?? 'draft-07').compile(schema);
}

const ownInstances = new Map<DraftName, Ajv>();

/**
 * Compiles one of Kawal's own schemas (request bodies, the shape of content), a fixed set written in
 * the code: one ajv instance per draft serves them all, so its set-up is paid once per process, and
 * ajv returns the same validator for the same schema object. They must not declare an `$id` another
 * one declares (ajv refuses the second, loudly).
 */
export function compileOwnSchema(schema: Record<string, unknown>): ValidateFunction {
  const draft = draftOf(schema) ?? 'draft-07';
  let ajv = ownInstances.get(draft);
  if (!ajv) {
    ajv = newAjv(draft);
    ownInstances.set(draft, ajv);
  }
  return ajv.compile(schema);
}

/**
 * Compiled validators by key (e.g. `form:identifikasi@3`). Keys must name immutable content: a
 * published version, or a draft revision.
 */
export class ValidatorCache {
  private readonly cache: BoundedCache<ValidateFunction>;

  constructor(size = 500) {
    this.cache = new BoundedCache(size);
  }

  get(key: string, schema: () => Record<string, unknown>): ValidateFunction {
    return this.cache.get(key, () => compileSchema(schema()));
  }

  get count(): number {
    return this.cache.count;
  }
}
