/**
 * Checking the preview's example data against the schema being edited, configured exactly as the
 * workers' validator (`features/forms/validator.ts`: the server's ajv options, formats and messages),
 * so the preview shows the errors a worker would get. The workers' validators are kept per published
 * version; a schema being edited changes at every pause in typing, so here one validator per JSON
 * Schema draft is reset whenever the schema changes, and only the newest schema stays compiled.
 */
import { type RJSFSchema, type RJSFValidationError, toPath } from '@rjsf/utils';
import { customizeValidator, type Localizer } from '@rjsf/validator-ajv8';
import {
  AJV_OPTIONS,
  ajvClassFor,
  CUSTOM_FORMATS,
  draftOf,
} from '../../../../../functions/validation/ajv-config';
import { localizeErrors } from '../../../../../functions/validation/messages';
import { getLanguage } from '../../../shared/i18n/language';
import type { FormValue } from '../../forms/validator';

const localizer: Localizer = (errors) => {
  if (errors) localizeErrors(errors, getLanguage());
};

type Validator = ReturnType<typeof customizeValidator<FormValue, RJSFSchema>>;
const validators = new Map<string, { validator: Validator; schema?: object }>();

function entryFor(schema: Record<string, unknown>): { validator: Validator; schema?: object } {
  const draft = draftOf(schema) ?? 'draft-07';
  let entry = validators.get(draft);
  if (!entry) {
    entry = {
      validator: customizeValidator<FormValue, RJSFSchema>(
        { AjvClass: ajvClassFor(schema), ajvOptionsOverrides: AJV_OPTIONS, customFormats: CUSTOM_FORMATS },
        localizer,
      ),
    };
    validators.set(draft, entry);
  }
  return entry;
}

/** The validator for `schema`, holding only its compiled form (what was compiled for another is dropped). */
function validatorFor(schema: Record<string, unknown>): Validator {
  const entry = entryFor(schema);
  if (entry.schema !== schema) {
    entry.validator.reset();
    entry.schema = schema;
  }
  return entry.validator;
}

/** Keywords that never change what is valid: a schema differing only in them is checked as the one before. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'x-sensitive']);
let lastChecked: { key: string; schema: Record<string, unknown> } | undefined;

/**
 * The schema to check data against: the one checked before when `schema` differs from it only in
 * titles, help and such (so typing a title never compiles the schema again), else `schema`.
 */
function forChecking(schema: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify(schema, (name, value: unknown) => (ANNOTATIONS.has(name) ? undefined : value));
  if (lastChecked?.key === key) return lastChecked.schema;
  lastChecked = { key, schema };
  return schema;
}

/** What the JSON Schema meta-schema refuses in `schema` (quick: nothing is compiled); undefined when nothing. */
export function metaSchemaProblem(schema: Record<string, unknown>): string | undefined {
  if (!draftOf(schema)) return '$schema';
  const { ajv } = entryFor(schema).validator;
  return ajv.validateSchema(schema) ? undefined : ajv.errorsText(ajv.errors);
}

/** As the workers' form shows them: without ajv's "must match the then schema" summaries. */
const transformErrors = (errors: RJSFValidationError[]) => errors.filter((error) => error.name !== 'if');

export interface PreviewProblem {
  /** The field's place in the data (keys and indices from the root; empty for the form as a whole). */
  segments: string[];
  message: string;
}

export type PreviewCheck = { ok: true; problems: PreviewProblem[] } | { ok: false; message: string };

/** Whether `schema` compiles, and if so what is wrong with `data` against it. */
export function checkPreview(schema: Record<string, unknown>, data: FormValue | undefined): PreviewCheck {
  const target = forChecking(schema);
  const validator = validatorFor(target);
  const raw = validator.rawValidation(target, data ?? {});
  if (raw.validationError) return { ok: false, message: raw.validationError.message };
  const { errors } = validator.validateFormData(data ?? {}, target as RJSFSchema, undefined, transformErrors);
  const seen = new Set<string>();
  const problems: PreviewProblem[] = [];
  for (const error of errors) {
    const segments = error.property ? toPath(error.property).filter((segment) => segment !== '') : [];
    const message = error.message ?? error.stack;
    const key = `${segments.join('\u0000')}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ segments, message });
  }
  return { ok: true, problems };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The declaration of `key` in `schema`: its properties, or a conditional part's. */
function declared(schema: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const places: unknown[] = [schema, schema.then, schema.else];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list))
      for (const item of list) if (isRecord(item)) places.push(item, item.then, item.else);
  }
  for (const place of places) {
    if (!isRecord(place) || !isRecord(place.properties)) continue;
    const found = Object.hasOwn(place.properties, key) ? place.properties[key] : undefined;
    if (isRecord(found)) return found;
  }
  return undefined;
}

/** The titles of the fields along a place in the data (a field without a title by its key). */
export function titlesOfData(schema: Record<string, unknown>, segments: readonly string[]): string[] {
  const titles: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && node && isRecord(node.items)) {
      node = node.items;
      titles.push(`#${Number(segment) + 1}`);
      continue;
    }
    node = node ? declared(node, segment) : undefined;
    titles.push(typeof node?.title === 'string' && node.title ? node.title : segment);
  }
  return titles;
}
