/**
 * ISO weeks (Monday first, the week holding the year's first Thursday is week 1) of calendar dates:
 * the keys an office's weekly counts are kept under. `2026-W07` sorts as the weeks follow each other.
 */
import { addWeeks, getISOWeek, getISOWeekYear, lightFormat, parseISO, startOfISOWeek } from 'date-fns';

export interface IsoWeek {
  /** `YYYY-Www`, the ISO week-numbering year and the week. */
  week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  start: string;
}

function weekOfDay(day: Date): IsoWeek {
  return {
    week: `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`,
    start: lightFormat(startOfISOWeek(day), 'yyyy-MM-dd'),
  };
}

/** The ISO week a calendar date (`YYYY-MM-DD`) falls in. */
export function isoWeekOf(date: string): IsoWeek {
  return weekOfDay(parseISO(date));
}

/** The `count` weeks ending with the week of `today`, oldest first. */
export function weeksUntil(today: string, count: number): IsoWeek[] {
  const day = parseISO(today);
  return Array.from({ length: count }, (_, index) => weekOfDay(addWeeks(day, index - count + 1)));
}
