/**
 * Prefilled fields: a form property may declare `"x-prefill": "<source>"`, and a new form (no draft
 * yet) opens with what Kawal already knows there: the case's client, the office, the signed-in PK.
 * The value stays editable and is validated like anything typed. Declared in the form's content, so
 * an agency decides which fields are prefilled; the form check refuses an unknown source. Shared by
 * the server (the check) and the browser (filling the data).
 */
import pointer from 'json-pointer';

export const PREFILL_KEYWORD = 'x-prefill';

/** Where a prefilled value comes from. */
export const PREFILL_SOURCES = [
  'client.name',
  'client.birthDate',
  'client.sex',
  'client.nik',
  'office.name',
  'worker.name',
  'worker.nip',
] as const;

export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** What is known when a form opens; a source without a value prefills nothing. */
export type PrefillValues = Partial<Record<PrefillSource, string>>;

export function isPrefillSource(value: unknown): value is PrefillSource {
  return (PREFILL_SOURCES as readonly unknown[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export interface PrefillField {
  /** JSON Pointer of the field in the form data. */
  pointer: string;
  source: PrefillSource;
  /** The field's schema (to check that a value fits it). */
  schema: Record<string, unknown>;
}

/**
 * The prefilled fields of a schema: properties reached through `properties` from the root (not
 * inside arrays, conditions or definitions), in document order.
 */
export function prefillFields(schema: unknown): PrefillField[] {
  const found: PrefillField[] = [];
  const walk = (node: unknown, segments: string[]) => {
    if (!isRecord(node) || !isRecord(node.properties)) return;
    for (const [name, child] of Object.entries(node.properties)) {
      // A name that reaches an object's prototype is never written into the data.
      if (!isRecord(child) || UNSAFE_NAMES.has(name)) continue;
      const source = child[PREFILL_KEYWORD];
      const at = [...segments, name];
      if (isPrefillSource(source)) found.push({ pointer: pointer.compile(at), source, schema: child });
      walk(child, at);
    }
  };
  walk(schema, []);
  return found;
}

/** Whether `value` can stand in a field with this schema (its type, and its choices if it has some). */
function fits(schema: Record<string, unknown>, value: string): boolean {
  const type = schema.type;
  if (type !== undefined && type !== 'string' && !(Array.isArray(type) && type.includes('string')))
    return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    const consts = options.filter(isRecord).filter((option) => Object.hasOwn(option, 'const'));
    if (consts.length === options.length && !consts.some((option) => option.const === value)) return false;
  }
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
  return true;
}

/**
 * `data` with each prefilled field that is still empty set from `values`, when the value fits the
 * field. Pure: `data` is not changed; the same object comes back when nothing was filled.
 */
export function applyPrefill(
  schema: unknown,
  data: Record<string, unknown> | undefined,
  values: PrefillValues,
): Record<string, unknown> | undefined {
  let result: Record<string, unknown> | undefined;
  for (const field of prefillFields(schema)) {
    const value = values[field.source];
    if (value === undefined || value === '' || !fits(field.schema, value)) continue;
    const target = result ?? data ?? {};
    const current = pointer.has(target, field.pointer) ? pointer.get(target, field.pointer) : undefined;
    if (current !== undefined && current !== '') continue;
    // Copied once, at the first value filled in.
    result ??= structuredClone(data ?? {});
    pointer.set(result, field.pointer, value);
  }
  return result ?? data;
}
