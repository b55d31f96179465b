/**
 * The chosen UI language: Bahasa Indonesia unless the user picked English. Kept in localStorage,
 * mirrored on <html lang>, sent as Accept-Language by the API client, and read by React through
 * `useI18n`.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { isLang, type Lang, type MessageKey, type MessageParams, translate } from './dictionary';

const STORAGE_KEY = 'kawal.lang';
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : 'id';
  } catch {
    return 'id';
  }
}

let current: Lang = stored();
document.documentElement.lang = current;

export function getLanguage(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language with its translate function; re-renders when the language changes. */
export function useI18n() {
  const lang = useSyncExternalStore(subscribe, getLanguage);
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(lang, key, params), [lang]);
  return { lang, setLang: setLanguage, t };
}

/** The BCP 47 locale used to format dates in `lang`. */
export function localeOf(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}

/** A timestamp as a readable date and time in `lang`; the raw text when it is not a date. */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date (`YYYY-MM-DD`, as the API sends deadlines and birth dates) in `lang`; the raw text otherwise. */
export function formatDate(date: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
}

/** A timestamp to the second (for the audit trail, where many entries share a minute). */
export function formatTimestamp(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** `useI18n` for a namespace added with `defineNamespace`: its typed texts in the current language. */
export function useTexts<K extends string>(
  texts: (lang: Lang, key: K, params?: MessageParams) => string,
): { lang: Lang; t: (key: K, params?: MessageParams) => string } {
  const lang = useSyncExternalStore(subscribe, getLanguage);
  const t = useCallback((key: K, params?: MessageParams) => texts(lang, key, params), [lang, texts]);
  return { lang, t };
}
