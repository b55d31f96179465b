/**
 * Field-level validation messages in Bahasa Indonesia and English, from ajv-i18n, with friendlier
 * wording for the keywords a person meets most. Shared by the server and the browser.
 */
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeId from 'ajv-i18n/localize/id';
import type { Lang } from '../platform/messages';

const FRIENDLY: Record<Lang, Partial<Record<string, (error: ErrorObject) => string>>> = {
  id: {
    required: () => 'wajib diisi',
    type: (e) => `harus berupa ${TYPE_NAMES.id[String(e.params.type)] ?? String(e.params.type)}`,
    enum: () => 'harus salah satu dari pilihan yang tersedia',
    format: (e) => `format tidak valid (${String(e.params.format)})`,
    minimum: (e) => `tidak boleh kurang dari ${String(e.params.limit)}`,
    maximum: (e) => `tidak boleh lebih dari ${String(e.params.limit)}`,
    minLength: (e) => `minimal ${String(e.params.limit)} karakter`,
    maxLength: (e) => `maksimal ${String(e.params.limit)} karakter`,
    additionalProperties: (e) => `kolom "${String(e.params.additionalProperty)}" tidak dikenal`,
  },
  en: {
    required: () => 'is required',
    additionalProperties: (e) => `field "${String(e.params.additionalProperty)}" is not allowed`,
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

/** Rewrites each error's `message` in `lang` (in place, like ajv-i18n). */
export function localizeErrors(errors: ErrorObject[], lang: Lang): void {
  (lang === 'en' ? localizeEn : localizeId)(errors);
  for (const error of errors) {
    const friendly = FRIENDLY[lang][error.keyword];
    if (friendly) error.message = friendly(error);
  }
}
