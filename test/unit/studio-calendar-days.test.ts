/**
 * The calendar screen's preview counts as the server does: the days off it derives from the baseline
 * and the adjustments, and the working days per month, match `WorkingCalendar` for shipped and
 * edited years.
 */
import { describe, expect, it } from 'vitest';
import {
  baselineDays,
  type CalendarAdjustments,
  DEFAULT_ADJUSTMENTS,
  WorkingCalendar,
} from '../../functions/domain/calendar';
import {
  daysOffWith,
  isDateIn,
  isWeekend,
  workingDaysByMonth,
} from '../../web/src/features/studio/directory/calendar-days';

const edited2025: CalendarAdjustments = {
  year: 2025,
  add: [
    { date: '2025-05-30', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti-bersama' },
    { date: '2025-06-07', name: 'Hari Raya Idul Adha', kind: 'libur-nasional' },
    { date: '2025-01-27', name: "Isra Mi'raj Nabi Muhammad SAW", kind: 'libur-nasional' },
  ],
  remove: ['2025-05-29', '2025-06-06'],
};

const years = [...DEFAULT_ADJUSTMENTS, edited2025];

describe('the calendar preview', () => {
  it.each(years.map((adjustment) => [adjustment.year, adjustment] as const))(
    'gives the server’s days off for %i',
    (year, adjustment) => {
      const server = new WorkingCalendar([adjustment]);
      const preview = daysOffWith(baselineDays(year), adjustment.add, adjustment.remove);
      expect(preview).toEqual(
        [...server.daysOff(year).values()].sort((a, b) => a.date.localeCompare(b.date)),
      );
    },
  );

  it.each(years.map((adjustment) => [adjustment.year, adjustment] as const))(
    'counts each month’s working days of %i as the server does',
    (year, adjustment) => {
      const server = new WorkingCalendar([adjustment]);
      const months = workingDaysByMonth(
        year,
        daysOffWith(baselineDays(year), adjustment.add, adjustment.remove),
      );
      for (const month of months) {
        let working = 0;
        for (let day = 1; day <= 31; day++) {
          const date = `${year}-${String(month.month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (isDateIn(date, year) && server.isWorkingDay(date)) working++;
        }
        expect({ month: month.month, working: month.working }).toEqual({ month: month.month, working });
      }
    },
  );

  it('counts May 2025 with Ascension Day, a cuti bersama, and without them', () => {
    const may = (add: CalendarAdjustments['add'], remove: string[]) =>
      workingDaysByMonth(2025, daysOffWith(baselineDays(2025), add, remove))[4];
    expect(may([], [])).toEqual({ month: 4, weekdays: 22, daysOff: 3, working: 19 });
    const cuti = [{ date: '2025-05-30', name: 'Cuti bersama', kind: 'cuti-bersama' as const }];
    expect(may(cuti, [])).toEqual({ month: 4, weekdays: 22, daysOff: 4, working: 18 });
    expect(may(cuti, ['2025-05-29'])).toEqual({ month: 4, weekdays: 22, daysOff: 3, working: 19 });
  });

  it('knows weekends and real dates of the year', () => {
    expect(isWeekend('2025-05-31')).toBe(true);
    expect(isWeekend('2025-06-01')).toBe(true);
    expect(isWeekend('2025-06-02')).toBe(false);
    expect(isDateIn('2025-02-28', 2025)).toBe(true);
    expect(isDateIn('2025-02-29', 2025)).toBe(false);
    expect(isDateIn('2026-01-01', 2025)).toBe(false);
    expect(isDateIn('2025-1-1', 2025)).toBe(false);
  });
});
