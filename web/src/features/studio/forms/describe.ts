/**
 * A place in a form's draft body (`{title, description, schema, uiSchema}`) in words, for diffs and
 * problem lists: fields by their titles along the way ("Kepala surat › Nomor surat › panjang
 * maksimum"), schema keywords by what they mean to an administrator.
 */
import type { PathSegment } from '../json-diff';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The words the description uses; `keyword(name)` answers undefined for a keyword it has no word for. */
export interface PlaceWords {
  formTitle: string;
  formDescription: string;
  form: string;
  /** What a field's uiSchema entry is called (how it is shown). */
  display: string;
  keyword(name: string): string | undefined;
  item(index: number): string;
}

function propertyOf(schemas: readonly (Json | undefined)[], key: string): (Json | undefined)[] {
  return schemas.map((schema) => {
    const properties = schema && isRecord(schema.properties) ? schema.properties : undefined;
    const found = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    return isRecord(found) ? found : undefined;
  });
}

const titleOf = (schemas: readonly (Json | undefined)[], key: string) => {
  for (const schema of schemas) if (typeof schema?.title === 'string' && schema.title) return schema.title;
  return key;
};

/**
 * `path` (into the body) in words. `documents` are the bodies the path may be in (the later one
 * first, so an added field is named by its new title, a removed one by its old).
 */
export function describePlace(
  path: readonly PathSegment[],
  documents: readonly unknown[],
  words: PlaceWords,
) {
  const [first, ...rest] = path;
  if (first === 'title' && rest.length === 0) return words.formTitle;
  if (first === 'description' && rest.length === 0) return words.formDescription;
  const bodies = documents.filter(isRecord);
  const parts: string[] = [];
  let schemas = bodies.map((body) => (isRecord(body.schema) ? body.schema : undefined));
  if (first === 'schema') {
    let index = 0;
    while (index < rest.length) {
      const segment = rest[index];
      const next = rest[index + 1];
      if (segment === 'properties' && typeof next === 'string') {
        schemas = propertyOf(schemas, next);
        parts.push(titleOf(schemas, next));
        index += 2;
        continue;
      }
      if (typeof segment === 'number') parts.push(words.item(segment));
      else if (segment !== undefined) parts.push(words.keyword(segment) ?? segment);
      // Inside a keyword (a choice's options, a condition) the rest names parts of it, not fields.
      for (const tail of rest.slice(index + 1)) {
        parts.push(typeof tail === 'number' ? words.item(tail) : (words.keyword(tail) ?? tail));
      }
      break;
    }
  } else if (first === 'uiSchema') {
    let atField = false;
    for (const segment of rest) {
      atField = false;
      if (typeof segment === 'string' && !segment.startsWith('ui:')) {
        const found = propertyOf(schemas, segment);
        if (found.some(Boolean)) {
          schemas = found;
          parts.push(titleOf(schemas, segment));
          atField = true;
          continue;
        }
      }
      parts.push(typeof segment === 'number' ? words.item(segment) : (words.keyword(segment) ?? segment));
    }
    // A field's whole ui entry: said apart from the field itself.
    if (atField || rest.length === 0) parts.push(words.display);
  } else if (first !== undefined) {
    parts.push(String(first), ...rest.map(String));
  }
  return parts.length > 0 ? parts.join(' › ') : words.form;
}
