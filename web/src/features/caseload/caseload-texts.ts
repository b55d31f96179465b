/**
 * Texts of the caseload's cards, its phone layout, the inbox's decisions and the approval states a
 * PK follows (namespace `caseload`); the case page's approval panel reads them too.
 */
import en from '../../locales/en/caseload.json';
import id from '../../locales/id/caseload.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type CaseloadKey = keyof typeof id;
const english: Record<CaseloadKey, string> = en;

export const caseloadTexts = defineNamespace<CaseloadKey>('caseload', { id, en: english });
