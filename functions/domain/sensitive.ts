/**
 * Fields a form marks `"x-sensitive": true` (health conditions such as HIV status) are shown only to
 * those allowed; for anyone else they are removed from the data, wherever they sit in it.
 */
import { resolveSchemaRef } from './schema-walk';

type Json = unknown;

/** A copy of `data` without the values the schema marks sensitive. */
export function redactSensitive(schema: Record<string, unknown>, data: Json): Json {
  return redact(schema, schema, data);
}

function redact(root: Record<string, unknown>, node: Record<string, unknown>, data: Json): Json {
  const schema = resolveSchemaRef(root, node);
  if (Array.isArray(data)) {
    const items =
      schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)
        ? (schema.items as Record<string, unknown>)
        : undefined;
    return items ? data.map((item) => redact(root, items, item)) : data;
  }
  if (!data || typeof data !== 'object') return data;
  const properties = collectProperties(root, schema);
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(data as Record<string, Json>)) {
    const property = properties.get(key);
    if (property?.['x-sensitive'] === true) continue;
    out[key] = property ? redact(root, property, value) : value;
  }
  return out;
}

/** Properties declared directly or in allOf / anyOf / oneOf / then / else branches. */
function collectProperties(
  root: Record<string, unknown>,
  schema: Record<string, unknown>,
): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const visit = (node: Record<string, unknown>) => {
    const resolved = resolveSchemaRef(root, node);
    const properties = resolved.properties;
    if (properties && typeof properties === 'object') {
      for (const [key, value] of Object.entries(properties as Record<string, unknown>)) {
        if (value && typeof value === 'object') {
          const existing = found.get(key);
          // Sensitive anywhere means sensitive.
          found.set(key, existing?.['x-sensitive'] === true ? existing : (value as Record<string, unknown>));
        }
      }
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = resolved[key];
      if (Array.isArray(list))
        for (const item of list) if (item && typeof item === 'object') visit(item as Record<string, unknown>);
    }
    for (const key of ['then', 'else']) {
      const branch = resolved[key];
      if (branch && typeof branch === 'object') visit(branch as Record<string, unknown>);
    }
  };
  visit(schema);
  return found;
}
