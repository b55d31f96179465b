/**
 * A form's translations. A form is written in Bahasa Indonesia; it may carry, at the root of its
 * schema, `"x-translations": {"en": {"<text as written in the form>": "<the same text in English>"}}`:
 * one flat list of texts per language, keyed by the Indonesian text itself, the way a translator
 * works through a list of phrases. A text that appears in several places ("Tanggal", "Ya") is
 * translated once, and the list survives moving and renaming fields. In English mode the form's
 * title and description, the titles and descriptions of its fields and options, its own error
 * messages (`x-errorMessage`), and the uiSchema's help, titles, descriptions, placeholders, option
 * labels and step titles are shown translated where a translation is given, and as written where not.
 *
 * Shared by the server (validation messages, the printed report) and the browser (the form itself).
 */
import type { ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';

export const TRANSLATIONS_KEYWORD = 'x-translations';
/** The languages a form may be translated into (its own language is Indonesian). */
export const TRANSLATION_LANGUAGES = ['en'] as const;
/** Bounds on what an administrator may store. */
export const MAX_TRANSLATIONS = 5000;
export const MAX_TRANSLATION_LENGTH = 4000;

/** Source text → translated text, for one language. */
export type TextMap = Readonly<Record<string, string>>;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Schema keywords whose value is data, not a schema: nothing in them is shown as a label. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'x-calculate', TRANSLATIONS_KEYWORD]);
/** Schema keywords holding a text a person reads. */
const SCHEMA_TEXTS = new Set(['title', 'description']);
/** uiSchema keys holding a text a person reads (also inside `ui:options`, without the prefix). */
const UI_TEXTS = new Set(['ui:title', 'ui:description', 'ui:help', 'ui:placeholder']);
const UI_OPTION_TEXTS = new Set(['title', 'description', 'help', 'placeholder']);

/** The text map a schema carries for `lang`; undefined for Indonesian or when there is none. */
export function textMapOf(schema: unknown, lang: Lang): TextMap | undefined {
  if (lang === 'id' || !isRecord(schema)) return undefined;
  const all = schema[TRANSLATIONS_KEYWORD];
  if (!isRecord(all)) return undefined;
  const map = all[lang];
  return isRecord(map) ? (map as TextMap) : undefined;
}

/** `text` in the map's language when the map has it, else `text` as written. */
export function translated(map: TextMap | undefined, text: string): string {
  if (!map || !Object.hasOwn(map, text)) return text;
  const value = map[text];
  return typeof value === 'string' && value.trim() !== '' ? value : text;
}

type Visit = (text: string) => string;

/** A copy of a schema with each label passed through `visit` (data and the translations kept as they are). */
function mapSchemaTexts(node: unknown, visit: Visit): unknown {
  if (Array.isArray(node)) return node.map((item) => mapSchemaTexts(item, visit));
  if (!isRecord(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) copy[key] = value;
    else if (SCHEMA_TEXTS.has(key) && typeof value === 'string') copy[key] = visit(value);
    else if (key === 'x-errorMessage') copy[key] = mapErrorMessage(value, visit);
    else copy[key] = mapSchemaTexts(value, visit);
  }
  return copy;
}

function mapErrorMessage(value: unknown, visit: Visit): unknown {
  if (typeof value === 'string') return visit(value);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([keyword, message]) => [
      keyword,
      typeof message === 'string' ? visit(message) : message,
    ]),
  );
}

function mapTextList(value: unknown, visit: Visit): unknown {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? visit(item) : item)) : value;
}

/** A copy of a uiSchema with each text a person reads passed through `visit`. */
function mapUiTexts(node: unknown, visit: Visit): unknown {
  if (Array.isArray(node)) return node.map((item) => mapUiTexts(item, visit));
  if (!isRecord(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (UI_TEXTS.has(key) && typeof value === 'string') copy[key] = visit(value);
    else if (key === 'ui:enumNames') copy[key] = mapTextList(value, visit);
    else if (key === 'ui:options' && isRecord(value)) {
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, option]) => [
          name,
          UI_OPTION_TEXTS.has(name) && typeof option === 'string'
            ? visit(option)
            : name === 'enumNames'
              ? mapTextList(option, visit)
              : option,
        ]),
      );
    } else if (key === 'ui:groups' && Array.isArray(value)) {
      copy[key] = value.map((group) =>
        isRecord(group) && typeof group.title === 'string' ? { ...group, title: visit(group.title) } : group,
      );
    } else if (key.startsWith('ui:')) copy[key] = value;
    else copy[key] = mapUiTexts(value, visit);
  }
  return copy;
}

export interface TranslatableForm {
  title?: string;
  description?: string;
  schema: Json;
  uiSchema?: Json;
}

/** Every text of a form that a translation may be given for, each once, in the order met. */
export function translatableTexts(form: TranslatableForm): string[] {
  const texts = new Set<string>();
  const collect: Visit = (text) => {
    if (text.trim() !== '') texts.add(text);
    return text;
  };
  if (typeof form.title === 'string') collect(form.title);
  if (typeof form.description === 'string') collect(form.description);
  mapSchemaTexts(form.schema, collect);
  mapUiTexts(form.uiSchema ?? {}, collect);
  return [...texts];
}

/** Translated schema and uiSchema, kept per schema object and language. */
const cache = new WeakMap<
  Json,
  Map<Lang, { uiSchema: Json | undefined; schema: Json; ui: Json | undefined }>
>();

/**
 * The form as shown in `lang`: the same object for Indonesian or when the form has no translations
 * for `lang`, else a copy with its texts translated (the translated schema and uiSchema are kept, so
 * a form re-renders with the same objects).
 */
export function translateForm<T extends TranslatableForm>(form: T, lang: Lang): T {
  const map = textMapOf(form.schema, lang);
  if (!map) return form;
  const visit: Visit = (text) => translated(map, text);
  let byLang = cache.get(form.schema);
  if (!byLang) {
    byLang = new Map();
    cache.set(form.schema, byLang);
  }
  let done = byLang.get(lang);
  if (!done || done.uiSchema !== form.uiSchema) {
    done = {
      uiSchema: form.uiSchema,
      schema: mapSchemaTexts(form.schema, visit) as Json,
      ui: form.uiSchema ? (mapUiTexts(form.uiSchema, visit) as Json) : undefined,
    };
    byLang.set(lang, done);
  }
  return {
    ...form,
    ...(typeof form.title === 'string' ? { title: visit(form.title) } : {}),
    ...(typeof form.description === 'string' ? { description: visit(form.description) } : {}),
    schema: done.schema,
    ...(done.ui ? { uiSchema: done.ui } : {}),
  };
}

const untranslatable = new WeakMap<Json, Json>();

/**
 * The form as a renderer needs it: its texts in `lang` (see `translateForm`) and its schema without
 * the translations themselves, which no renderer reads and which would otherwise be compared and
 * hashed with the schema on every render of a long form. The same objects each time for the same form.
 */
export function formToShow<T extends TranslatableForm>(form: T, lang: Lang): T {
  const shown = translateForm(form, lang);
  if (!Object.hasOwn(shown.schema, TRANSLATIONS_KEYWORD)) return shown;
  let schema = untranslatable.get(shown.schema);
  if (!schema) {
    const { [TRANSLATIONS_KEYWORD]: _texts, ...rest } = shown.schema;
    schema = rest;
    untranslatable.set(shown.schema, schema);
  }
  return { ...shown, schema };
}

const TEXT = {
  notRoot: {
    id: 'terjemahan (x-translations) hanya boleh ada di akar skema formulir',
    en: 'translations (x-translations) may only stand at the root of the form’s schema',
  },
  shape: {
    id: 'terjemahan harus berupa objek per bahasa ({languages}), masing-masing memetakan teks formulir ke terjemahannya',
    en: 'translations must be an object per language ({languages}), each mapping a text of the form to its translation',
  },
  language: {
    id: 'bahasa terjemahan tidak dikenal: {value}; gunakan salah satu: {languages}',
    en: 'unknown translation language: {value}; use one of: {languages}',
  },
  value: {
    id: 'terjemahan harus berupa teks yang tidak kosong, paling panjang {max} karakter',
    en: 'a translation must be a non-empty text of at most {max} characters',
  },
  tooMany: {
    id: 'terlalu banyak terjemahan untuk satu bahasa (paling banyak {max})',
    en: 'too many translations for one language (at most {max})',
  },
} as const;

function message(key: keyof typeof TEXT, lang: Lang, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where `x-translations` stands below the root (pointers into the schema), where it must not. */
function nestedTranslations(node: unknown, path: string, found: string[]): string[] {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) nestedTranslations(item, `${path}/${index}`, found);
  } else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${escapeKey(key)}`;
      if (key === TRANSLATIONS_KEYWORD && path !== '') found.push(at);
      if (!DATA_KEYWORDS.has(key)) nestedTranslations(value, at, found);
    }
  }
  return found;
}

/**
 * The entries of a form's translations whose Indonesian text the form no longer has (a title changed
 * since it was translated): never shown, kept until someone removes or re-keys them, and listed by
 * the studio so they are not forgotten. Saving does not refuse them: an administrator who corrects a
 * title must not be stopped by its translation.
 */
export function staleTranslations(form: TranslatableForm): { lang: string; text: string }[] {
  const all = form.schema[TRANSLATIONS_KEYWORD];
  if (!isRecord(all)) return [];
  const texts = new Set(translatableTexts(form));
  return Object.entries(all).flatMap(([lang, map]) =>
    isRecord(map) ? Object.keys(map).flatMap((text) => (texts.has(text) ? [] : [{ lang, text }])) : [],
  );
}

/**
 * What is wrong with a form's translations, as details pointing into the definition
 * (`/schema/x-translations/en/<text>`): only at the root, a map per known language, each entry a
 * non-empty text within the bounds. An entry whose text the form no longer has is not a problem
 * (see `staleTranslations`).
 */
export function translationProblems(form: TranslatableForm, lang: Lang): ErrorDetail[] {
  const problems: ErrorDetail[] = nestedTranslations(form.schema, '', []).map((at) => ({
    path: `/schema${at}`,
    message: message('notRoot', lang),
  }));
  if (!Object.hasOwn(form.schema, TRANSLATIONS_KEYWORD)) return problems;
  const at = `/schema/${TRANSLATIONS_KEYWORD}`;
  const all = form.schema[TRANSLATIONS_KEYWORD];
  const languages = TRANSLATION_LANGUAGES.join(', ');
  if (!isRecord(all)) return [...problems, { path: at, message: message('shape', lang, { languages }) }];
  for (const [language, map] of Object.entries(all)) {
    const here = `${at}/${escapeKey(language)}`;
    if (!(TRANSLATION_LANGUAGES as readonly string[]).includes(language)) {
      problems.push({ path: here, message: message('language', lang, { value: language, languages }) });
      continue;
    }
    if (!isRecord(map)) {
      problems.push({ path: here, message: message('shape', lang, { languages }) });
      continue;
    }
    const entries = Object.entries(map);
    if (entries.length > MAX_TRANSLATIONS) {
      problems.push({ path: here, message: message('tooMany', lang, { max: MAX_TRANSLATIONS }) });
      continue;
    }
    for (const [source, target] of entries) {
      const path = `${here}/${escapeKey(source)}`;
      if (typeof target !== 'string' || target.trim() === '' || target.length > MAX_TRANSLATION_LENGTH)
        problems.push({ path, message: message('value', lang, { max: MAX_TRANSLATION_LENGTH }) });
    }
  }
  return problems;
}
