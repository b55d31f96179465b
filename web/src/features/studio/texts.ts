/** The studio's texts (namespace `studio`), loaded with the studio's chunk. */
import en from '../../locales/en/studio.json';
import id from '../../locales/id/studio.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type StudioKey = keyof typeof id;
const english: Record<StudioKey, string> = en;

export const studioTexts = defineNamespace<StudioKey>('studio', { id, en: english });
