/**
 * Fields a form marks `"x-sensitive": true` (health conditions such as HIV status) are shown only to
 * those allowed; for anyone else they are removed from the data, wherever they sit in it: nested,
 * in array items, behind a `$ref`, or declared in an allOf / if-then branch.
 */
import { resolveSchemaRef } from './schema-walk';

type Schema = Record<string, unknown>;

/** A copy of `data` without the values the schema marks sensitive. */
export function redactSensitive(schema: Schema, data: unknown): unknown {
  return redact(schema, [schema], data);
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a declaration, or what its `$ref` points at, is marked sensitive. */
function sensitive(root: Schema, declaration: Schema): boolean {
  return declaration['x-sensitive'] === true || resolveSchemaRef(root, declaration)['x-sensitive'] === true;
}

/** Redacts `data` against every schema that describes it (a property may be declared in several places). */
function redact(root: Schema, schemas: readonly Schema[], data: unknown): unknown {
  const resolved = schemas.map((schema) => resolveSchemaRef(root, schema));
  if (Array.isArray(data)) {
    const items = resolved.map((schema) => schema.items).filter(isSchema);
    return items.length > 0 ? data.map((item) => redact(root, items, item)) : data;
  }
  if (!isSchema(data)) return data;
  const properties = new Map<string, Schema[]>();
  for (const schema of resolved) collectProperties(root, schema, properties);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const declarations = properties.get(key) ?? [];
    if (declarations.some((declaration) => sensitive(root, declaration))) continue;
    out[key] = declarations.length > 0 ? redact(root, declarations, value) : value;
  }
  return out;
}

/** Every declaration of each property: direct, and in allOf / anyOf / oneOf / then / else branches. */
function collectProperties(root: Schema, node: Schema, found: Map<string, Schema[]>): void {
  const schema = resolveSchemaRef(root, node);
  if (isSchema(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      if (isSchema(value)) found.set(key, [...(found.get(key) ?? []), value]);
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const item of list) if (isSchema(item)) collectProperties(root, item, found);
  }
  for (const key of ['then', 'else']) {
    const branch = schema[key];
    if (isSchema(branch)) collectProperties(root, branch, found);
  }
}
