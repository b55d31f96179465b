/** The dashboard's texts (namespace `dashboard`), loaded with the dashboard's chunk. */
import en from '../../locales/en/dashboard.json';
import id from '../../locales/id/dashboard.json';
import { defineNamespace } from '../../shared/i18n/dictionary';

export type DashboardKey = keyof typeof id;
const english: Record<DashboardKey, string> = en;

export const dashboardTexts = defineNamespace<DashboardKey>('dashboard', { id, en: english });
