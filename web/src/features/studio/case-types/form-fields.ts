/**
 * The fields of a published form's JSON Schema as an administrator knows them: by their titles
 * ("Pelanggaran › Klien pindah alamat tanpa melapor"), each with the JSON Pointer a fact source
 * reads and the fact type it gives (as the server checks it on save: a string with `format: date` is
 * a date). Fields inside conditional parts (`allOf`, `if`/`then`/`else`, `oneOf`) are listed too.
 */
import type { FactType } from '../../../../../functions/domain/facts';
import { resolveSchemaRef } from '../../../../../functions/domain/schema-walk';

type Schema = Record<string, unknown>;

export interface FormField {
  /** JSON Pointer into the form's data. */
  pointer: string;
  /** The titles from the top of the form down to the field. */
  titles: string[];
  type: FactType | 'unknown';
}

const asSchema = (value: unknown): Schema | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The schema itself and the parts that may add properties to the same object. */
function branches(root: Schema, schema: Schema, depth = 0): Schema[] {
  const resolved = resolveSchemaRef(root, schema);
  const out = [resolved];
  if (depth > 8) return out;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = resolved[key];
    if (Array.isArray(list))
      for (const item of list) {
        const sub = asSchema(item);
        if (sub) out.push(...branches(root, sub, depth + 1));
      }
  }
  for (const key of ['then', 'else']) {
    const sub = asSchema(resolved[key]);
    if (sub) out.push(...branches(root, sub, depth + 1));
  }
  return out;
}

/** The fact type a field's schema gives; 'unknown' when the schema does not say. */
export function fieldType(root: Schema, schema: Schema): FactType | 'unknown' {
  for (const branch of branches(root, schema)) {
    const declared = Array.isArray(branch.type) ? branch.type.find((t) => t !== 'null') : branch.type;
    if (declared === 'string') return branch.format === 'date' ? 'date' : 'string';
    if (declared === 'integer' || declared === 'number') return 'number';
    if (declared === 'boolean' || declared === 'object' || declared === 'array') return declared;
    const constant = branch.const ?? (Array.isArray(branch.enum) ? branch.enum[0] : undefined);
    if (typeof constant === 'string') return 'string';
    if (typeof constant === 'number') return 'number';
    if (typeof constant === 'boolean') return 'boolean';
  }
  return 'unknown';
}

function propertiesOf(root: Schema, schema: Schema): [string, Schema][] {
  const seen = new Set<string>();
  const out: [string, Schema][] = [];
  for (const branch of branches(root, schema)) {
    for (const [key, value] of Object.entries(asSchema(branch.properties) ?? {})) {
      const property = asSchema(value);
      if (!property || seen.has(key)) continue;
      seen.add(key);
      out.push([key, resolveSchemaRef(root, property)]);
    }
  }
  return out;
}

/**
 * Every field of the form with a value a fact can read: groups (objects) are walked into, and listed
 * themselves only with `groups` (for a fact of type object).
 */
export function formFields(schema: Schema, options: { groups?: boolean } = {}): FormField[] {
  const fields: FormField[] = [];
  const walk = (node: Schema, pointer: string, titles: string[], depth: number) => {
    if (depth > 12) return;
    for (const [key, property] of propertiesOf(schema, node)) {
      const here = `${pointer}/${escapeKey(key)}`;
      const title = typeof property.title === 'string' && property.title.trim() ? property.title : key;
      const type = fieldType(schema, property);
      if (type === 'object') {
        if (options.groups) fields.push({ pointer: here, titles: [...titles, title], type });
        walk(property, here, [...titles, title], depth + 1);
      } else fields.push({ pointer: here, titles: [...titles, title], type });
    }
  };
  walk(schema, '', [], 0);
  return fields;
}

/** A field's titles by its pointer ("Identitas › Tanggal lahir"); the pointer's keys where no title is found. */
export function fieldTitles(schema: Schema, pointer: string): string[] {
  const titles: string[] = [];
  let node: Schema | undefined = schema;
  for (const segment of pointer.split('/').slice(1).map(unescapeSegment)) {
    const property: Schema | undefined = node
      ? propertiesOf(schema, node).find(([key]) => key === segment)?.[1]
      : undefined;
    titles.push(typeof property?.title === 'string' && property.title.trim() ? property.title : segment);
    node = property;
  }
  return titles;
}

/** Whether a field of `actual` type may feed a fact of `declared` type (as the server checks it). */
export function typeFits(declared: string, actual: FactType | 'unknown'): boolean {
  return actual === 'unknown' || declared === actual || (declared === 'string' && actual === 'date');
}
