/** The case type and pack screens' texts (namespace `studio-process`), loaded with their chunks. */
import en from '../../../locales/en/studio-process.json';
import id from '../../../locales/id/studio-process.json';
import { defineNamespace, type MessageParams } from '../../../shared/i18n/dictionary';

export type ProcessKey = keyof typeof id;
const english: Record<ProcessKey, string> = en;

export const processTexts = defineNamespace<ProcessKey>('studio-process', { id, en: english });

/** A translate function of this namespace in one language (what `useTexts(processTexts).t` is). */
export type ProcessT = (key: ProcessKey, params?: MessageParams) => string;
