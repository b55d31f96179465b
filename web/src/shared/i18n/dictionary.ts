/**
 * Every text the web shell shows lives in translator-friendly JSON resources under `web/src/locales/`,
 * one folder per language (`id`, the default and the source of the keys, and `en`) and one file per
 * namespace: `common.json` for the shell and the worker's screens; a feature loaded lazily (the
 * studio) brings its own namespace through `defineNamespace`. i18next looks the texts up and fills
 * `{{name}}` placeholders. `en` is typed against `id`, so a key missing in English fails type
 * checking (and `test/unit/web-i18n.test.ts` catches an extra one).
 */
import i18next, { type i18n } from 'i18next';
import enCommon from '../../locales/en/common.json';
import idCommon from '../../locales/id/common.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type MessageKey = keyof typeof idCommon;
export type MessageParams = Record<string, string | number>;

/** The texts of one namespace in both languages; English must have every Indonesian key. */
export interface NamespaceResources<K extends string> {
  id: Record<K, string>;
  en: Record<K, string>;
}

const english: Record<MessageKey, string> = enCommon;

const engine: i18n = i18next.createInstance();
void engine.init({
  initAsync: false,
  lng: 'id',
  fallbackLng: false,
  ns: ['common'],
  defaultNS: 'common',
  keySeparator: false,
  nsSeparator: false,
  returnNull: false,
  interpolation: { escapeValue: false },
  resources: { id: { common: idCommon }, en: { common: english } },
});

/** The text for `key` of namespace `ns` in `lang`, with `{{name}}` placeholders filled from `params`. */
function lookup(ns: string, lang: Lang, key: string, params: MessageParams): string {
  return engine.t(key, { ...params, lng: lang, ns });
}

/** The text for `key` in `lang`, with `{{name}}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return lookup('common', lang, key, params);
}

/**
 * Adds a namespace (a lazily loaded feature's texts) and answers its typed translate function.
 * Calling it again for the same namespace replaces the texts (hot reload in development).
 */
export function defineNamespace<K extends string>(
  ns: string,
  resources: NamespaceResources<K>,
): (lang: Lang, key: K, params?: MessageParams) => string {
  engine.addResourceBundle('id', ns, resources.id, false, true);
  engine.addResourceBundle('en', ns, resources.en, false, true);
  return (lang, key, params = {}) => lookup(ns, lang, key, params);
}

export function isLang(value: unknown): value is Lang {
  return (LANGUAGES as readonly unknown[]).includes(value);
}
