/** The texts of what the rules decided, in plain words (namespace `decisions`). */
import en from '../../locales/en/decisions.json';
import id from '../../locales/id/decisions.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type DecisionKey = keyof typeof id;
const english: Record<DecisionKey, string> = en;

export const decisionTexts = defineNamespace<DecisionKey>('decisions', { id, en: english });
