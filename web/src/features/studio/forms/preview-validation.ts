/**
 * Checking the preview's example data against the schema being edited, with the validators a worker
 * would get: the server compiles the draft's schema (unsaved: `POST /api/forms/{id}/previews` keeps it
 * a day under its content hash, and refuses one that does not compile with ajv's reason) into the same
 * precompiled module as a published version's (`GET …/previews/{hash}/validator.js`), which the
 * preview imports (`features/forms/validator.ts`). Nothing is compiled in the browser. A new module is
 * asked for after a pause in editing; one asked for meanwhile is withdrawn.
 */
import { type RJSFSchema, type RJSFValidationError, toPath } from '@rjsf/utils';
import { VALIDATOR_MODULE_VERSION } from '../../../../../functions/validation/runtime';
import { ApiError, apiRequest } from '../../../shared/api-client';
import type { Lang } from '../../../shared/i18n/dictionary';
import {
  type FormValidator,
  type FormValue,
  SourceRefused,
  SourceWithdrawn,
  type ValidatorSource,
} from '../../forms/validator';

/** The pause in editing after which the draft's validators are asked for. */
export const PREVIEW_VALIDATOR_DELAY_MS = 250;

const sources = new WeakMap<object, Map<Lang, ValidatorSource>>();
let serial = 0;
/** Bumped by every source that starts loading: an older one still waiting is withdrawn. */
let newest = 0;

/** The validators of `schema` (a draft of form `formId`, as the editor holds it) in `lang`; one source per schema object. */
export function previewValidatorSource(
  formId: string,
  schema: Record<string, unknown>,
  lang: Lang,
): ValidatorSource {
  let byLang = sources.get(schema);
  if (!byLang) {
    byLang = new Map();
    sources.set(schema, byLang);
  }
  let source = byLang.get(lang);
  if (!source) {
    const id = encodeURIComponent(formId);
    source = {
      key: `preview:${formId}:${++serial}:${lang}`,
      lang,
      url: async () => {
        const ticket = ++newest;
        await new Promise((resolve) => setTimeout(resolve, PREVIEW_VALIDATOR_DELAY_MS));
        if (ticket !== newest) throw new SourceWithdrawn();
        try {
          const { hash } = await apiRequest<{ hash: string }>(`/api/forms/${id}/previews`, {
            method: 'POST',
            body: { schema },
          });
          return `/api/forms/${id}/previews/${hash}/validator.js?lang=${lang}&v=${VALIDATOR_MODULE_VERSION}`;
        } catch (error) {
          // The server's reason (ajv's, for a schema that does not compile) is what the preview shows.
          if (error instanceof ApiError && error.status < 500) {
            throw new SourceRefused(error.details[0]?.message ?? error.message);
          }
          throw error;
        }
      },
    };
    byLang.set(lang, source);
  }
  return source;
}

/** As the workers' form shows them: without ajv's "must match the then schema" summaries. */
const transformErrors = (errors: RJSFValidationError[]) => errors.filter((error) => error.name !== 'if');

export interface PreviewProblem {
  /** The field's place in the data (keys and indices from the root; empty for the form as a whole). */
  segments: string[];
  message: string;
}

export type PreviewCheck = { ok: true; problems: PreviewProblem[] } | { ok: false; message: string };

/** What is wrong with `data` against `schema`, by the schema's validators. */
export function checkPreview(
  validator: FormValidator,
  schema: Record<string, unknown>,
  data: FormValue | undefined,
): PreviewCheck {
  const { errors } = validator.validateFormData(data ?? {}, schema as RJSFSchema, undefined, transformErrors);
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
