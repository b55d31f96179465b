/** Dates as the calendar screen shows them: with the weekday, month in words ("Jumat, 25 Desember 2026"). */
import type { Lang } from '../../../shared/i18n/dictionary';
import { localeOf } from '../../../shared/i18n/language';

export function formatLongDate(date: string, lang: Lang): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(parsed);
}

/** The month's name (0 for January). */
export function monthName(month: number, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month, 1)),
  );
}
