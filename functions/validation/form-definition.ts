/**
 * Checks that a form definition can be served: its schema is a JSON Schema object form that compiles
 * with its declared draft and whose every `$ref` resolves. Problems are reported as details whose
 * paths point into the submitted definition (e.g. /schema/properties/age/type).
 */
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import pointer from 'json-pointer';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { AJV_OPTIONS, DRAFTS, draftOf } from './ajv-config';
import { compileSchema } from './compile';
import { ERROR_MESSAGE_KEYWORD, localizeErrors } from './messages';
import { PREFILL_KEYWORD, PREFILL_SOURCES, prefillFields } from './prefill';
import { linearPatternProblem } from './runtime';
import { TRANSLATIONS_KEYWORD, translationProblems } from './translations';

const TEXT = {
  notObject: { id: 'skema harus berupa objek JSON Schema', en: 'the schema must be a JSON Schema object' },
  notObjectForm: {
    id: 'formulir harus berupa skema dengan "type": "object"',
    en: 'a form must be a schema with "type": "object"',
  },
  unknownDraft: {
    id: `versi JSON Schema tidak didukung; gunakan salah satu: ${Object.values(DRAFTS)
      .map((d) => d.uris[0])
      .join(', ')}`,
    en: `unsupported JSON Schema version; use one of: ${Object.values(DRAFTS)
      .map((d) => d.uris[0])
      .join(', ')}`,
  },
  missingRef: { id: 'rujukan $ref tidak dapat ditemukan: {ref}', en: 'the $ref cannot be resolved: {ref}' },
  pattern: {
    id: 'pola tidak dapat dijalankan oleh mesin pola Kawal (tanpa rujukan balik atau lookaround): {reason}',
    en: 'the pattern cannot run on Kawal’s pattern engine (no backreferences or lookarounds): {reason}',
  },
  prototypeRef: {
    id: 'rujukan $ref tidak boleh melewati "__proto__", "constructor" atau "prototype": {ref}',
    en: 'a $ref may not go through "__proto__", "constructor" or "prototype": {ref}',
  },
  compile: { id: 'skema tidak dapat dikompilasi: {reason}', en: 'the schema does not compile: {reason}' },
  uiSchema: { id: 'uiSchema harus berupa objek', en: 'uiSchema must be an object' },
  groups: {
    id: 'ui:groups harus berupa daftar langkah, masing-masing {"title": teks, "fields": [nama isian di akar formulir]}',
    en: 'ui:groups must be a list of steps, each {"title": text, "fields": [names of fields at the root of the form]}',
  },
  groupField: {
    id: 'isian ini tidak ada di akar formulir: {name}',
    en: 'there is no such field at the root of the form: {name}',
  },
  groupTwice: {
    id: 'isian ini sudah ada di langkah lain: {name}',
    en: 'this field is already in another step: {name}',
  },
  prefillSource: {
    id: `sumber isian otomatis tidak dikenal: {value}; gunakan salah satu: ${PREFILL_SOURCES.join(', ')}`,
    en: `unknown prefill source: {value}; use one of: ${PREFILL_SOURCES.join(', ')}`,
  },
  prefillPlace: {
    id: 'x-prefill hanya berlaku pada isian yang dicapai melalui "properties" dari akar formulir (bukan di dalam daftar, syarat, atau definisi)',
    en: 'x-prefill only applies to a field reached through "properties" from the root of the form (not inside a list, a condition or a definition)',
  },
  prefillCalculated: {
    id: 'isian hitungan (x-calculate) tidak dapat diisi otomatis',
    en: 'a calculated field (x-calculate) cannot be prefilled',
  },
  errorMessage: {
    id: 'x-errorMessage harus berupa teks, atau objek yang memetakan kata kunci (mis. "pattern") ke teks',
    en: 'x-errorMessage must be a text, or an object mapping keywords (e.g. "pattern") to texts',
  },
} as const;

function text(key: keyof typeof TEXT, lang: Lang, params: Record<string, string> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Pointer of the first `$ref` in `schema` whose value is `ref`, or '' if none. */
function findRef(schema: unknown, ref: string): string {
  const found = Object.entries(pointer.dict(schema as object)).find(
    ([path, value]) => path.endsWith('/$ref') && (value === ref || ref.endsWith(String(value))),
  );
  return found ? found[0].slice(0, -'/$ref'.length) : '';
}

function metaSchemaErrors(schema: Record<string, unknown>, lang: Lang): ErrorDetail[] {
  const draft = DRAFTS[draftOf(schema) ?? 'draft-07'];
  const ajv = new draft.Ajv({ ...AJV_OPTIONS });
  addFormats(ajv);
  if (ajv.validateSchema(schema)) return [];
  const errors = (ajv.errors ?? []).map((error: ErrorObject) => ({ ...error }));
  localizeErrors(errors, lang);
  return errors.map((error) => ({
    path: `/schema${error.instancePath}`,
    message: error.message ?? error.keyword,
  }));
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every `pattern` (its pointer) and every `patternProperties` key (the pointer of its entry) in a schema. */
function patternsOf(node: unknown, path: string): [string, string][] {
  if (!node || typeof node !== 'object') return [];
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}/${escapeKey(key)}`;
    if (key === 'pattern' && typeof value === 'string') found.push([at, value]);
    if (key === 'patternProperties' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const name of Object.keys(value)) found.push([`${at}/${escapeKey(name)}`, name]);
    }
    found.push(...patternsOf(value, at));
  }
  return found;
}

/** Keywords whose value maps names to subschemas: the keys there are names, not keywords. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
  'dependencies',
]);
/** Keywords whose value is data or text, never a schema. */
const NOT_SCHEMAS = new Set([
  'enum',
  'const',
  'default',
  'examples',
  'x-calculate',
  ERROR_MESSAGE_KEYWORD,
  TRANSLATIONS_KEYWORD,
]);

/** Every place `keyword` stands as a keyword of a (sub)schema: the pointer of its value, and the value. */
function keywordsIn(node: unknown, keyword: string, path = ''): [string, unknown][] {
  if (Array.isArray(node))
    return node.flatMap((item, index) => keywordsIn(item, keyword, `${path}/${index}`));
  if (!isPlainObject(node)) return [];
  const found: [string, unknown][] = [];
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}/${escapeKey(key)}`;
    if (key === keyword) found.push([at, value]);
    if (NOT_SCHEMAS.has(key)) continue;
    if (NAME_MAPS.has(key) && isPlainObject(value)) {
      for (const [name, child] of Object.entries(value))
        found.push(...keywordsIn(child, keyword, `${at}/${escapeKey(name)}`));
    } else {
      found.push(...keywordsIn(value, keyword, at));
    }
  }
  return found;
}

/** `x-prefill` names a known source, on a field it can fill; `x-errorMessage` is text. */
function extensionProblems(schema: Record<string, unknown>, lang: Lang): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const fillable = new Set(prefillFields(schema).map((field) => field.pointer));
  for (const [path, value] of keywordsIn(schema, PREFILL_KEYWORD)) {
    const at = `/schema${path}`;
    if (typeof value !== 'string' || !(PREFILL_SOURCES as readonly string[]).includes(value)) {
      problems.push({ path: at, message: text('prefillSource', lang, { value: JSON.stringify(value) }) });
      continue;
    }
    // /properties/a/properties/b/x-prefill fills /a/b.
    const segments = pointer.parse(path).slice(0, -1);
    const byProperties =
      segments.length > 0 && segments.every((segment, i) => i % 2 === 1 || segment === 'properties');
    const field = pointer.compile(segments.filter((_, i) => i % 2 === 1));
    if (!byProperties || !fillable.has(field)) {
      problems.push({ path: at, message: text('prefillPlace', lang) });
      continue;
    }
    if (pointer.get(schema, pointer.compile(segments))['x-calculate'] !== undefined)
      problems.push({ path: at, message: text('prefillCalculated', lang) });
  }
  for (const [path, value] of keywordsIn(schema, ERROR_MESSAGE_KEYWORD)) {
    const good =
      typeof value === 'string' ||
      (isPlainObject(value) && Object.values(value).every((message) => typeof message === 'string'));
    if (!good) problems.push({ path: `/schema${path}`, message: text('errorMessage', lang) });
  }
  return problems;
}

/**
 * `ui:groups` (the steps of a long form) names root fields, each in one step only, so no field is
 * lost from the steps or shown twice.
 */
function groupProblems(schema: Record<string, unknown>, uiSchema: unknown, lang: Lang): ErrorDetail[] {
  if (!isPlainObject(uiSchema) || !Object.hasOwn(uiSchema, 'ui:groups')) return [];
  const groups = uiSchema['ui:groups'];
  const at = '/uiSchema/ui:groups';
  if (!Array.isArray(groups)) return [{ path: at, message: text('groups', lang) }];
  const names = new Set(isPlainObject(schema.properties) ? Object.keys(schema.properties) : []);
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  groups.forEach((group, index) => {
    const here = `${at}/${index}`;
    const good =
      isPlainObject(group) &&
      (group.title === undefined || typeof group.title === 'string') &&
      Array.isArray(group.fields) &&
      group.fields.every((name) => typeof name === 'string');
    if (!good) {
      problems.push({ path: here, message: text('groups', lang) });
      return;
    }
    (group.fields as string[]).forEach((name, position) => {
      const path = `${here}/fields/${position}`;
      if (!names.has(name)) problems.push({ path, message: text('groupField', lang, { name }) });
      else if (seen.has(name)) problems.push({ path, message: text('groupTwice', lang, { name }) });
      seen.add(name);
    });
  });
  return problems;
}

/** The problems with a form definition; empty when it is good. */
export function formDefinitionProblems(
  definition: { schema: unknown; uiSchema?: unknown; title?: unknown; description?: unknown },
  lang: Lang,
): ErrorDetail[] {
  const { schema, uiSchema } = definition;
  const problems: ErrorDetail[] = [];
  if (uiSchema !== undefined && !isPlainObject(uiSchema))
    problems.push({ path: '/uiSchema', message: text('uiSchema', lang) });
  if (!isPlainObject(schema)) return [{ path: '/schema', message: text('notObject', lang) }, ...problems];
  if (!draftOf(schema))
    return [{ path: '/schema/$schema', message: text('unknownDraft', lang) }, ...problems];
  if (schema.type !== 'object') problems.push({ path: '/schema/type', message: text('notObjectForm', lang) });

  // A reference through an object's prototype resolves to something that is not the schema at all.
  const prototypeRefs = Object.entries(pointer.dict(schema)).filter(
    ([path, value]) =>
      path.endsWith('/$ref') &&
      typeof value === 'string' &&
      /(^|[/#])(__proto__|constructor|prototype)(\/|$)/.test(value.split('#')[1] ?? ''),
  );
  for (const [path, value] of prototypeRefs) {
    problems.push({ path: `/schema${path}`, message: text('prototypeRef', lang, { ref: String(value) }) });
  }
  if (prototypeRefs.length > 0) return problems;

  for (const [path, pattern] of patternsOf(schema, '')) {
    const reason = linearPatternProblem(pattern);
    if (reason) problems.push({ path: `/schema${path}`, message: text('pattern', lang, { reason }) });
  }
  problems.push(...extensionProblems(schema, lang));
  problems.push(...groupProblems(schema, uiSchema, lang));
  problems.push(
    ...translationProblems(
      {
        schema,
        ...(isPlainObject(uiSchema) ? { uiSchema } : {}),
        ...(typeof definition.title === 'string' ? { title: definition.title } : {}),
        ...(typeof definition.description === 'string' ? { description: definition.description } : {}),
      },
      lang,
    ),
  );
  if (problems.length > 0) return problems;

  const meta = metaSchemaErrors(schema, lang);
  if (meta.length > 0) return [...problems, ...meta];
  try {
    compileSchema(schema);
  } catch (error) {
    const missingRef = (error as { missingRef?: unknown }).missingRef;
    if (typeof missingRef === 'string') {
      problems.push({
        path: `/schema${findRef(schema, missingRef)}`,
        message: text('missingRef', lang, { ref: missingRef }),
      });
    } else {
      problems.push({
        path: '/schema',
        message: text('compile', lang, { reason: error instanceof Error ? error.message : String(error) }),
      });
    }
  }
  return problems;
}

/** Throws `invalid_form_schema` (422) with every problem found. */
export function assertFormDefinition(
  definition: { schema: unknown; uiSchema?: unknown; title?: unknown; description?: unknown },
  lang: Lang,
): void {
  const details = formDefinitionProblems(definition, lang);
  if (details.length > 0) throw new AppError('invalid_form_schema', { details });
}
