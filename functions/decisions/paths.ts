/**
 * Rule paths into object facts. Kawal accepts simple JSONPath only ($.a.b, $.a[0], $['a b']): no
 * wildcards, filters or recursive descent, so a path can be checked against a JSON Schema and
 * resolved without evaluating expressions.
 */
import { JSONPath } from 'jsonpath-plus';
import type { FactType } from '../domain/facts';
import { resolveSchemaRef } from '../domain/schema-walk';

/** Names that lead into an object's prototype rather than its data. */
const PROTOTYPE = new Set(['__proto__', 'constructor', 'prototype']);

/** The segments of a simple path, or undefined when the path is not simple (or goes into a prototype). */
export function pathSegments(path: string): string[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments = JSONPath.toPathArray(path).slice(1);
  if (
    segments.some(
      (segment) => segment === '' || segment === '..' || /[*?@()]/.test(segment) || PROTOTYPE.has(segment),
    )
  )
    return undefined;
  return segments;
}

/** Resolves a simple path (the engine's path resolver); null when there is nothing there. */
export function resolvePath(value: unknown, path: string): unknown {
  const segments = pathSegments(path);
  if (!segments) return null;
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? null;
}

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;
}

/** Subschemas that may describe the same value: itself, allOf / anyOf / oneOf / then / else branches. */
function branches(schema: Schema): Schema[] {
  const out = [schema];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const item of list) out.push(...branches(asSchema(item) ?? {}));
  }
  for (const key of ['then', 'else']) {
    const branch = asSchema(schema[key]);
    if (branch) out.push(...branches(branch));
  }
  return out;
}

const resolveRef = (root: Schema, schema: Schema): Schema => resolveSchemaRef(root, schema);

function child(root: Schema, schema: Schema, segment: string): Schema | undefined {
  for (const branch of branches(resolveRef(root, schema))) {
    const resolved = resolveRef(root, branch);
    const property = asSchema(asSchema(resolved.properties)?.[segment]);
    if (property) return resolveRef(root, property);
    if (/^\d+$/.test(segment)) {
      const prefix = resolved.prefixItems;
      const index = Number(segment);
      if (Array.isArray(prefix) && asSchema(prefix[index]))
        return resolveRef(root, asSchema(prefix[index]) ?? {});
      const items = asSchema(resolved.items);
      if (items) return resolveRef(root, items);
    }
  }
  return undefined;
}

/** The fact type a JSON Schema describes (a string with format date is a date). */
export function schemaFactType(schema: Schema): FactType | undefined {
  for (const branch of branches(schema)) {
    const type = Array.isArray(branch.type) ? branch.type.find((t) => t !== 'null') : branch.type;
    if (type === 'string') return branch.format === 'date' ? 'date' : 'string';
    if (type === 'integer' || type === 'number') return 'number';
    if (type === 'boolean' || type === 'object' || type === 'array') return type;
    const constant = branch.const ?? (Array.isArray(branch.enum) ? branch.enum[0] : undefined);
    if (typeof constant === 'string') return 'string';
    if (typeof constant === 'number') return 'number';
    if (typeof constant === 'boolean') return 'boolean';
  }
  const options = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(options)) {
    const types = new Set(options.map((option) => schemaFactType(asSchema(option) ?? {})));
    if (types.size === 1) return [...types][0];
  }
  return undefined;
}

/**
 * The type at `segments` inside `schema`: a FactType, 'unknown' when the schema does not say, or
 * undefined when the path does not exist in the schema.
 */
export function typeAtPath(schema: Schema, segments: readonly string[]): FactType | 'unknown' | undefined {
  let current: Schema | undefined = schema;
  for (const segment of segments) {
    current = child(schema, current, segment);
    if (!current) return undefined;
  }
  return schemaFactType(current) ?? 'unknown';
}
