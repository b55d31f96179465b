/** The texts of the directory screens (namespace `studio-directory`), loaded with their chunks. */
import en from '../../../locales/en/studio-directory.json';
import id from '../../../locales/id/studio-directory.json';
import { defineNamespace } from '../../../shared/i18n/dictionary';

export type DirectoryKey = keyof typeof id;
const english: Record<DirectoryKey, string> = en;

export const directoryTexts = defineNamespace<DirectoryKey>('studio-directory', { id, en: english });
