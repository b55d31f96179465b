/** Calendar dates (YYYY-MM-DD) as people in an office mean them: in the office's time zone. */
import { TZDate } from '@date-fns/tz';
import { differenceInMonths, differenceInYears, isValid, lightFormat, parseISO } from 'date-fns';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's calendar date in `timeZone`. */
export function todayIn(timeZone = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  return lightFormat(new TZDate(now, timeZone), 'yyyy-MM-dd');
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && lightFormat(parsed, 'yyyy-MM-dd') === value;
}

function parse(value: string): Date {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return parseISO(value);
}

/** Completed years from `birthDate` to `at` (a birthday on `at` counts; 29 February turns on 1 March). */
export function ageInYears(birthDate: string, at: string): number {
  return differenceInYears(parse(at), parse(birthDate));
}

/**
 * Completed months from `start` to `end`, as date-fns counts them: a month completes on the same day
 * of a later month, or on the last day of a month too short to have it (31 January → 28 February).
 */
export function completedMonths(start: string, end: string): number {
  return differenceInMonths(parse(end), parse(start));
}
