/**
 * Field-level validation messages in Bahasa Indonesia and English, from ajv-i18n, with friendlier
 * wording for the keywords a person meets most. Shared by the server and the browser, so a field
 * reads the same message in both.
 *
 * A message never shows a regular expression or a schema keyword. A form may give a field its own
 * message with `x-errorMessage` on the field's schema: a string (used for every problem with the
 * field's value) or an object from keyword to message (`{"pattern": "NIP terdiri dari 18 angka."}`;
 * `required` there replaces "wajib diisi"). A `pattern` without a message of its own reads
 * "Format isian tidak sesuai.".
 */
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeId from 'ajv-i18n/localize/id';
import type { Lang } from '../platform/messages';
import { type TextMap, translated } from './translations';

/** The schema keyword of a field's own messages. */
export const ERROR_MESSAGE_KEYWORD = 'x-errorMessage';

/** What a `pattern` without a message of its own says. */
export const GENERIC_FORMAT_MESSAGE: Record<Lang, string> = {
  id: 'Format isian tidak sesuai.',
  en: 'The entry is not in the expected format.',
};

const FORMAT_NAMES: Record<Lang, Record<string, string>> = {
  id: {
    date: 'tanggal',
    time: 'jam',
    'date-time': 'tanggal dan jam',
    email: 'alamat email',
    uri: 'alamat web',
    url: 'alamat web',
  },
  en: {
    date: 'date',
    time: 'time',
    'date-time': 'date and time',
    email: 'email address',
    uri: 'web address',
    url: 'web address',
  },
};

const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  id: {
    string: 'teks',
    number: 'angka',
    integer: 'bilangan bulat',
    boolean: 'ya/tidak',
    object: 'objek',
    array: 'daftar',
    null: 'kosong',
  },
  en: {},
};

const param = (e: ErrorObject, name: string) => String((e.params as Record<string, unknown>)[name]);

function formatMessage(lang: Lang, e: ErrorObject): string {
  const name = FORMAT_NAMES[lang][param(e, 'format')];
  if (!name) return GENERIC_FORMAT_MESSAGE[lang];
  return lang === 'id' ? `harus berupa ${name} yang valid` : `must be a valid ${name}`;
}

const FRIENDLY: Record<Lang, Partial<Record<string, (error: ErrorObject) => string>>> = {
  id: {
    required: () => 'wajib diisi',
    dependencies: () => 'wajib diisi',
    dependentRequired: () => 'wajib diisi',
    type: (e) => `harus berupa ${TYPE_NAMES.id[param(e, 'type')] ?? param(e, 'type')}`,
    enum: () => 'harus salah satu dari pilihan yang tersedia',
    const: () => 'harus salah satu dari pilihan yang tersedia',
    oneOf: () => 'harus salah satu dari pilihan yang tersedia',
    anyOf: () => 'harus salah satu dari pilihan yang tersedia',
    not: () => 'isian ini tidak diperbolehkan',
    pattern: () => GENERIC_FORMAT_MESSAGE.id,
    propertyNames: () => GENERIC_FORMAT_MESSAGE.id,
    format: (e) => formatMessage('id', e),
    minimum: (e) => `tidak boleh kurang dari ${param(e, 'limit')}`,
    maximum: (e) => `tidak boleh lebih dari ${param(e, 'limit')}`,
    exclusiveMinimum: (e) => `harus lebih dari ${param(e, 'limit')}`,
    exclusiveMaximum: (e) => `harus kurang dari ${param(e, 'limit')}`,
    multipleOf: (e) => `harus kelipatan ${param(e, 'multipleOf')}`,
    minLength: (e) => `minimal ${param(e, 'limit')} karakter`,
    maxLength: (e) => `maksimal ${param(e, 'limit')} karakter`,
    minItems: (e) => `minimal ${param(e, 'limit')} butir`,
    maxItems: (e) => `maksimal ${param(e, 'limit')} butir`,
    uniqueItems: () => 'tidak boleh ada butir yang sama',
    additionalProperties: (e) => `kolom "${param(e, 'additionalProperty')}" tidak dikenal`,
  },
  en: {
    required: () => 'is required',
    dependencies: () => 'is required',
    dependentRequired: () => 'is required',
    enum: () => 'must be one of the choices offered',
    const: () => 'must be one of the choices offered',
    oneOf: () => 'must be one of the choices offered',
    anyOf: () => 'must be one of the choices offered',
    not: () => 'this entry is not allowed',
    pattern: () => GENERIC_FORMAT_MESSAGE.en,
    propertyNames: () => GENERIC_FORMAT_MESSAGE.en,
    format: (e) => formatMessage('en', e),
    uniqueItems: () => 'must not hold the same item twice',
    additionalProperties: (e) => `field "${param(e, 'additionalProperty')}" is not allowed`,
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords about a value that is missing: their message is on the missing property's schema. */
const MISSING = new Set(['required', 'dependencies', 'dependentRequired']);

/**
 * The schema of the field an error is about, as ajv's `verbose` reports it: the schema holding the
 * keyword, or for a missing value the property's schema in the object that requires it.
 */
function fieldSchemaOf(error: ErrorObject): unknown {
  const parent: unknown = error.parentSchema;
  if (!MISSING.has(error.keyword)) return parent;
  const missing = (error.params as Record<string, unknown>).missingProperty;
  if (!isRecord(parent) || typeof missing !== 'string' || !isRecord(parent.properties)) return undefined;
  return Object.hasOwn(parent.properties, missing) ? parent.properties[missing] : undefined;
}

/** The form's own message for an error (`x-errorMessage` on the field's schema), if it has one. */
export function ownMessage(error: ErrorObject): string | undefined {
  const schema = fieldSchemaOf(error);
  if (!isRecord(schema)) return undefined;
  const own = schema[ERROR_MESSAGE_KEYWORD];
  const keyword = MISSING.has(error.keyword) ? 'required' : error.keyword;
  if (typeof own === 'string') return keyword === 'required' || own.trim() === '' ? undefined : own;
  if (!isRecord(own) || !Object.hasOwn(own, keyword)) return undefined;
  const message = own[keyword];
  return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

/**
 * Rewrites each error's `message` in `lang` (in place, like ajv-i18n). A form's own message is shown
 * through `texts`, the form's translations into `lang` (`x-translations`), where it has one.
 */
export function localizeErrors(errors: ErrorObject[], lang: Lang, texts?: TextMap): void {
  (lang === 'en' ? localizeEn : localizeId)(errors);
  for (const error of errors) {
    const own = ownMessage(error);
    if (own !== undefined) {
      error.message = translated(texts, own);
      continue;
    }
    const friendly = FRIENDLY[lang][error.keyword];
    if (friendly) error.message = friendly(error);
  }
}
