/** The stored holiday baseline: what date-holidays computes, and the fallback outside its years. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineDays, easterSunday, ruleHolidays, WorkingCalendar } from '../../functions/domain/calendar';
import {
  BASELINE_FIRST_YEAR,
  BASELINE_HOLIDAYS,
  BASELINE_LAST_YEAR,
} from '../../functions/domain/holidays-data';
import {
  FIRST_YEAR,
  holidaysModule,
  LAST_YEAR,
  libraryBaseline,
} from '../../functions/domain/holidays-data.gen';

const storedYears = Array.from(
  { length: BASELINE_LAST_YEAR - BASELINE_FIRST_YEAR + 1 },
  (_, i) => BASELINE_FIRST_YEAR + i,
);

describe('the stored baseline', () => {
  it('covers the years the generator writes', () => {
    expect([BASELINE_FIRST_YEAR, BASELINE_LAST_YEAR]).toEqual([FIRST_YEAR, LAST_YEAR]);
    expect(Object.keys(BASELINE_HOLIDAYS).map(Number)).toEqual(storedYears);
  });

  it.each(storedYears)('%i is what date-holidays computes', (year) => {
    expect(BASELINE_HOLIDAYS[year]).toEqual(libraryBaseline(year));
    expect(baselineDays(year)).toEqual(
      libraryBaseline(year).map(([date, name]) => ({ date, name, kind: 'libur-nasional' })),
    );
  });

  it('is the file the generator writes, unedited', () => {
    const file = new URL('../../functions/domain/holidays-data.ts', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(holidaysModule());
  });
});

describe('years outside the stored range', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2041, '2041-04-21'],
  ])('Easter %i is on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each(storedYears)('the rule holidays of %i are among the stored ones, with their names', (year) => {
    const stored = baselineDays(year);
    for (const day of ruleHolidays(year)) expect(stored).toContainEqual(day);
  });

  it.each([2019, 2041, 2100])('%i has the holidays the date or Easter sets', (year) => {
    expect(baselineDays(year)).toEqual(ruleHolidays(year));
    expect(baselineDays(year).map((day) => day.date.slice(5))).toEqual(
      expect.arrayContaining(['01-01', '05-01', '06-01', '08-17', '12-25']),
    );
  });

  it('counts Good Friday and Ascension of 2041 as days off', () => {
    // Easter 2041 is 21 April: Good Friday 19 April, Ascension (Easter + 39) Thursday 30 May.
    const calendar = new WorkingCalendar([]);
    expect(calendar.isWorkingDay('2041-04-19')).toBe(false);
    expect(calendar.isWorkingDay('2041-05-30')).toBe(false);
    expect(calendar.addWorkingDays('2041-04-18', 1)).toBe('2041-04-22');
  });
});
