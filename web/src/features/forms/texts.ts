/** The texts of filling in a form (namespace `form-fill`): steps, grouped errors, prefilled fields. */
import en from '../../locales/en/form-fill.json';
import id from '../../locales/id/form-fill.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type FormFillKey = keyof typeof id;
const english: Record<FormFillKey, string> = en;

export const formFillTexts = defineNamespace<FormFillKey>('form-fill', { id, en: english });
