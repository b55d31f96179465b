/**
 * Compiling JSON Schemas into validators, with a cache keyed by content version so that a published
 * form is compiled once per process, never per request.
 */
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
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

const DEFAULT_CACHE_SIZE = 500;

/**
 * Compiled validators by key (e.g. `form:identifikasi@3`). Keys must name immutable content: a
 * published version, or a draft revision. The oldest entry is dropped past `size`.
 */
export class ValidatorCache {
  private readonly entries = new Map<string, ValidateFunction>();
  constructor(private readonly size = DEFAULT_CACHE_SIZE) {}

  get(key: string, schema: () => Record<string, unknown>): ValidateFunction {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const compiled = compileSchema(schema());
    this.entries.set(key, compiled);
    if (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return compiled;
  }

  get count(): number {
    return this.entries.size;
  }
}
