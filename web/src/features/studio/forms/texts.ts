/** The forms editor's texts (namespace `studio-forms`), loaded with its chunk. */
import en from '../../../locales/en/studio-forms.json';
import id from '../../../locales/id/studio-forms.json';
import { defineNamespace } from '../../../shared/i18n/dictionary';

export type FormsKey = keyof typeof id;
const english: Record<FormsKey, string> = en;

export const formsTexts = defineNamespace<FormsKey>('studio-forms', { id, en: english });
