/** The texts of people, offices and client search (namespace `people`). */
import en from '../../locales/en/people.json';
import id from '../../locales/id/people.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type PeopleKey = keyof typeof id;
const english: Record<PeopleKey, string> = en;

export const peopleTexts = defineNamespace<PeopleKey>('people', { id, en: english });
