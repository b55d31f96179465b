/** The working-day calendar: shipped defaults overlaid with what administrators stored per year. */
import {
  baselineDays,
  type CalendarAdjustments,
  type CalendarDay,
  DEFAULT_ADJUSTMENTS,
  WorkingCalendar,
} from '../domain/calendar';
import type { User } from '../platform/claims';
import { config } from '../platform/config';
import { allAdjustments, putAdjustments } from '../store/calendar-repo';

let cached: { at: number; calendar: WorkingCalendar } | undefined;

/** The calendar deadlines are counted with; read again after the content TTL. */
export async function workingCalendar(): Promise<WorkingCalendar> {
  if (!cached || Date.now() - cached.at >= config().contentTtlMs) {
    const byYear = new Map(DEFAULT_ADJUSTMENTS.map((adjustment) => [adjustment.year, adjustment]));
    for (const adjustment of await allAdjustments()) byYear.set(adjustment.year, adjustment);
    cached = { at: Date.now(), calendar: new WorkingCalendar([...byYear.values()]) };
  }
  return cached.calendar;
}

export interface CalendarYear {
  year: number;
  /** The year's days off other than weekends: the baseline with the adjustments applied. */
  daysOff: CalendarDay[];
  /** The holiday library's public holidays, before adjustments (what `remove` may name). */
  baseline: CalendarDay[];
  adjustments: CalendarAdjustments;
}

export async function getCalendarYear(year: number): Promise<CalendarYear> {
  const calendar = await workingCalendar();
  const stored = (await allAdjustments()).find((adjustment) => adjustment.year === year);
  const adjustments = stored ??
    DEFAULT_ADJUSTMENTS.find((adjustment) => adjustment.year === year) ?? { year, add: [], remove: [] };
  const daysOff = [...calendar.daysOff(year).values()].sort((a, b) => a.date.localeCompare(b.date));
  return { year, daysOff, baseline: baselineDays(year), adjustments };
}

/** Replaces one year's adjustments (the whole list: what is not sent is no longer added or removed). */
export async function putCalendarYear(adjustments: CalendarAdjustments, user: User): Promise<CalendarYear> {
  await putAdjustments(adjustments, user.id);
  cached = undefined;
  return getCalendarYear(adjustments.year);
}
