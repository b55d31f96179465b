/** Turns ajv errors into the contract's `details`: a JSON Pointer into the data and a message. */
import type { ErrorObject } from 'ajv';
import pointer from 'json-pointer';
import type { ErrorDetail } from '../platform/errors';
import { capDetails, MAX_DETAILS } from '../platform/json-body';
import type { Lang } from '../platform/messages';
import { localizeErrors } from './messages';
import type { TextMap } from './translations';

/** Keywords whose errors only repeat the errors of their subschemas. */
const NOISE = new Set(['if']);

/** The JSON Pointer of the value an error is about; `required` points at the missing property. */
export function errorPath(error: ErrorObject): string {
  const missing = error.params.missingProperty;
  if (typeof missing === 'string' && (error.keyword === 'required' || error.keyword.startsWith('dependen'))) {
    return error.instancePath + pointer.compile([missing]);
  }
  return error.instancePath;
}

/** Localized details, one per distinct (path, message), in ajv's order; `texts`: the form's translations. */
export function toDetails(
  errors: readonly ErrorObject[] | null | undefined,
  lang: Lang,
  texts?: TextMap,
): ErrorDetail[] {
  // Ajv may report hundreds of thousands of errors for a large invalid body; a person reads the first.
  const relevant = (errors ?? []).filter((error) => !NOISE.has(error.keyword));
  const copies = relevant.slice(0, 4 * MAX_DETAILS).map((error) => ({ ...error }));
  localizeErrors(copies, lang, texts);
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const error of copies) {
    const detail = { path: errorPath(error), message: error.message ?? error.keyword };
    const key = `${detail.path}\u0000${detail.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
  }
  const more = relevant.length - copies.length;
  return more > 0 || details.length > MAX_DETAILS ? capDetails(details, lang, Math.max(0, more)) : details;
}
