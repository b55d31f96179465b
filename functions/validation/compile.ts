/**
 * Compiling JSON Schemas into validators, with a cache keyed by content version so that a published
 * form is compiled once per process, never per request.
 */
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { BoundedCache } from '../platform/bounded-cache';
import { AJV_OPTIONS, ajvClassFor, CUSTOM_FORMATS } from './ajv-config';

/**
 * Compiles a schema with its declared draft. Each compile gets its own ajv instance so schemas that
 * share an `$id` never clash; it throws ajv's error for a schema that does not compile.
 */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const AjvClass = ajvClassFor(schema);
  const ajv = new AjvClass({ ...AJV_OPTIONS });
  addFormats(ajv);
  for (const [name, format] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, format);
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
