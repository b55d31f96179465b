/**
 * The arithmetic of the calendar screen, the same the server counts deadlines with
 * (`functions/domain/calendar.ts`): the year's days off are the holiday library's baseline plus the
 * administrator's additions (an addition on a baseline date replaces it), less the removed dates;
 * working days are Monday to Friday that are not days off.
 */
import type { CalendarDay } from './api';

/** The days off the adjustments give, one per date, in date order. */
export function daysOffWith(
  baseline: readonly CalendarDay[],
  add: readonly CalendarDay[],
  remove: readonly string[],
): CalendarDay[] {
  const removed = new Set(remove);
  const days = new Map<string, CalendarDay>();
  for (const day of [...baseline, ...add]) if (!removed.has(day.date)) days.set(day.date, day);
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** `YYYY-MM-DD` as a UTC date (so no time zone shifts the day). */
function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function isWeekend(date: string): boolean {
  const day = utc(date).getUTCDay();
  return day === 0 || day === 6;
}

export interface MonthCount {
  /** 0 for January. */
  month: number;
  /** Mondays to Fridays in the month. */
  weekdays: number;
  /** Days off that fall on one of those. */
  daysOff: number;
  working: number;
}

/** Working days per month of `year` with these days off. */
export function workingDaysByMonth(year: number, daysOff: readonly CalendarDay[]): MonthCount[] {
  const off = new Set(daysOff.map((day) => day.date));
  return Array.from({ length: 12 }, (_, month) => {
    let weekdays = 0;
    let offOnWeekdays = 0;
    for (let date = new Date(Date.UTC(year, month, 1)); date.getUTCMonth() === month; ) {
      const weekday = date.getUTCDay();
      if (weekday !== 0 && weekday !== 6) {
        weekdays++;
        if (off.has(date.toISOString().slice(0, 10))) offOnWeekdays++;
      }
      date = new Date(date.getTime() + 86_400_000);
    }
    return { month, weekdays, daysOff: offOnWeekdays, working: weekdays - offOnWeekdays };
  });
}

/** Whether `date` is a real `YYYY-MM-DD` date in `year`. */
export function isDateIn(date: string, year: number): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !date.startsWith(`${year}-`)) return false;
  const parsed = utc(date);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
