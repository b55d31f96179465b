import { describe, expect, it } from 'vitest';
import {
  type CalendarAdjustments,
  type CalendarDay,
  DEFAULT_ADJUSTMENTS,
  WorkingCalendar,
} from '../../functions/domain/calendar';
import { isCalendarDate, todayIn } from '../../functions/domain/dates';
import { dueFrom } from '../../functions/domain/deadlines';

const TRANSFER_WORKING_DAYS = 10;

const calendar = new WorkingCalendar();

const defaults2026 = (): CalendarAdjustments => {
  const shipped = DEFAULT_ADJUSTMENTS.find((adjustment) => adjustment.year === 2026);
  if (!shipped) throw new Error('no shipped adjustments for 2026');
  return shipped;
};

/** The 2026 defaults with `add` and `remove` on top, as an administrator would store them. */
const adjusted2026 = (add: CalendarDay[], remove: string[]) => {
  const shipped = defaults2026();
  return new WorkingCalendar([
    { ...shipped, add: [...shipped.add, ...add], remove: [...shipped.remove, ...remove] },
  ]);
};

describe('working days', () => {
  it('counts a plain Tuesday as a working day', () => {
    // 2026-01-13 is a Tuesday with no holiday.
    expect(calendar.isWorkingDay('2026-01-13')).toBe(true);
  });

  it.each([
    ['2026-01-10', 'Saturday'],
    ['2026-01-11', 'Sunday'],
  ])('does not count %s (%s)', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it('skips weekends', () => {
    // Wed 7 Jan + 3: Thu 8 (1), Fri 9 (2), Sat 10 and Sun 11 skipped, Mon 12 (3).
    expect(calendar.addWorkingDays('2026-01-07', 3)).toBe('2026-01-12');
    // Starting on a Saturday: Sunday is skipped, Monday is the first working day.
    expect(calendar.addWorkingDays('2026-01-10', 1)).toBe('2026-01-12');
  });

  it('takes a Friday plus one working day to the next Monday', () => {
    expect(calendar.addWorkingDays('2026-01-09', 1)).toBe('2026-01-12');
  });

  it('does not count the start day', () => {
    expect(calendar.addWorkingDays('2026-01-13', 0)).toBe('2026-01-13');
    expect(calendar.addWorkingDays('2026-01-13', 1)).toBe('2026-01-14');
  });
});

describe('the 2026 Nyepi and Idul Fitri break', () => {
  it.each([
    ['2026-03-18', 'Wed, cuti bersama Nyepi'],
    ['2026-03-19', 'Thu, Hari Suci Nyepi'],
    ['2026-03-20', 'Fri, cuti bersama Idul Fitri'],
    ['2026-03-21', 'Sat, Idul Fitri'],
    ['2026-03-22', 'Sun, Idul Fitri'],
    ['2026-03-23', 'Mon, cuti bersama Idul Fitri'],
    ['2026-03-24', 'Tue, cuti bersama Idul Fitri'],
  ])('%s is not a working day (%s)', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it.each(['2026-03-17', '2026-03-25'])('%s either side of it is a working day', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(true);
  });

  it('takes Tuesday 17 March plus one working day to Wednesday 25 March', () => {
    expect(calendar.addWorkingDays('2026-03-17', 1)).toBe('2026-03-25');
  });

  it('puts a transfer decided on Monday 16 March due on Tuesday 7 April', () => {
    // Counting from Mon 16 March (not counted):
    //   Tue 17 Mar = 1
    //   Wed 18 – Tue 24 Mar: cuti bersama Nyepi, Nyepi, cuti bersama, Idul Fitri (Sat, Sun),
    //   cuti bersama, cuti bersama — none counted
    //   Wed 25 = 2, Thu 26 = 3, Fri 27 = 4, (Sat 28, Sun 29), Mon 30 = 5, Tue 31 = 6,
    //   Wed 1 Apr = 7, Thu 2 Apr = 8,
    //   Fri 3 Apr: Wafat Yesus Kristus (Good Friday; Easter 2026 is 5 April) — not counted,
    //   (Sat 4, Sun 5), Mon 6 Apr = 9, Tue 7 Apr = 10.
    expect(calendar.isWorkingDay('2026-04-03')).toBe(false);
    expect(calendar.addWorkingDays('2026-03-16', TRANSFER_WORKING_DAYS)).toBe('2026-04-07');
    expect(dueFrom({ length: { workingDays: TRANSFER_WORKING_DAYS } }, '2026-03-16', calendar)).toBe(
      '2026-04-07',
    );
  });

  it('relies on the adjustments: the library alone would count the cuti bersama days', () => {
    // Without the SKB list: 18 March (cuti bersama Nyepi) counts, so 17 March + 1 = 18 March.
    const libraryOnly = new WorkingCalendar([]);
    expect(libraryOnly.addWorkingDays('2026-03-17', 1)).toBe('2026-03-18');
    expect(libraryOnly.isWorkingDay('2026-03-23')).toBe(true);
  });
});

describe('the 2026 year end', () => {
  it.each([
    ['2026-12-24', 'Thu, cuti bersama Natal'],
    ['2026-12-25', 'Fri, Natal'],
    ['2027-01-01', 'Fri, Tahun Baru 2027'],
  ])('%s is not a working day (%s)', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it('takes Wednesday 23 December plus 3 working days to Wednesday 30 December', () => {
    // Thu 24 (cuti bersama Natal), Fri 25 (Natal), Sat 26, Sun 27 skipped;
    // Mon 28 = 1, Tue 29 = 2, Wed 30 = 3. (Three working days do not reach 1 January.)
    expect(calendar.addWorkingDays('2026-12-23', 3)).toBe('2026-12-30');
  });

  it('crosses into 2027 skipping Tahun Baru: 23 December plus 5 working days is Monday 4 January', () => {
    // As above to Wed 30 = 3; Thu 31 Dec = 4 (no cuti bersama in the 2026 SKB);
    // Fri 1 Jan 2027 (Tahun Baru) skipped, Sat 2 and Sun 3 skipped; Mon 4 Jan = 5.
    expect(calendar.addWorkingDays('2026-12-23', 4)).toBe('2026-12-31');
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
  });
});

describe('the 2027 joint decree (SKB No. 1205, 3, 2 Tahun 2026)', () => {
  const shipped2027 = DEFAULT_ADJUSTMENTS.find((adjustment) => adjustment.year === 2027);

  it('ships the decree with its source, 18 libur nasional and 8 cuti bersama', () => {
    expect(shipped2027?.source).toMatch(/1205/);
    expect(shipped2027?.source).toMatch(/Tahun 2027/);
    const days = [...calendar.daysOff(2027).values()];
    expect(
      days
        .filter((day) => day.kind === 'cuti-bersama')
        .map((day) => day.date)
        .sort(),
    ).toEqual([
      '2027-02-05',
      '2027-03-09',
      '2027-03-12',
      '2027-03-15',
      '2027-03-25',
      '2027-05-18',
      '2027-05-19',
      '2027-12-24',
    ]);
    expect(days.filter((day) => day.kind === 'libur-nasional')).toHaveLength(18);
  });

  it.each([
    ['2027-01-05', "Tue, Isra Mi'raj (the library calls it Maulid)"],
    ['2027-02-05', 'Fri, cuti bersama Imlek'],
    ['2027-03-08', 'Mon, Nyepi'],
    ['2027-03-09', 'Tue, cuti bersama Idulfitri'],
    ['2027-03-11', 'Thu, Idulfitri'],
    ['2027-03-12', 'Fri, cuti bersama Idulfitri'],
    ['2027-03-15', 'Mon, cuti bersama Idulfitri'],
    ['2027-03-25', 'Thu, cuti bersama Wafat Yesus Kristus'],
    ['2027-05-17', 'Mon, Iduladha'],
    ['2027-05-18', 'Tue, cuti bersama Iduladha'],
    ['2027-05-19', 'Wed, cuti bersama Waisak'],
    ['2027-12-24', 'Fri, cuti bersama Natal'],
  ])('%s is not a working day (%s)', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it("drops the library's lunar dates the decree does not have", () => {
    expect(new WorkingCalendar([]).daysOff(2027).has('2027-05-16')).toBe(true);
    expect(calendar.daysOff(2027).has('2027-05-16')).toBe(false);
    expect(calendar.daysOff(2027).has('2027-08-14')).toBe(false);
    expect(calendar.daysOff(2027).get('2027-01-05')?.name).toMatch(/Isra Mikraj/);
  });

  it('takes Friday 5 March plus one working day past the Nyepi and Idulfitri break to Tuesday 16 March', () => {
    // Mon 8 Nyepi, Tue 9 cuti bersama, Wed 10 and Thu 11 Idulfitri, Fri 12 and Mon 15 cuti bersama.
    expect(calendar.addWorkingDays('2027-03-05', 1)).toBe('2027-03-16');
    // The library alone would count Friday 12 March.
    expect(new WorkingCalendar([]).addWorkingDays('2027-03-11', 1)).toBe('2027-03-12');
  });
});

describe('administrator adjustments', () => {
  it('an added day off moves a deadline', () => {
    expect(calendar.addWorkingDays('2026-01-09', 1)).toBe('2026-01-12');
    const withDayOff = adjusted2026([{ date: '2026-01-12', name: 'Libur daerah', kind: 'libur-lain' }], []);
    expect(withDayOff.isWorkingDay('2026-01-12')).toBe(false);
    expect(withDayOff.addWorkingDays('2026-01-09', 1)).toBe('2026-01-13');
  });

  it('a removed library holiday becomes a working day', () => {
    // Thu 2 April + 1: Good Friday 3 April is skipped by default, landing on Monday 6 April.
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-06');
    const withoutGoodFriday = adjusted2026([], ['2026-04-03']);
    expect(withoutGoodFriday.isWorkingDay('2026-04-03')).toBe(true);
    expect(withoutGoodFriday.daysOff(2026).has('2026-04-03')).toBe(false);
    expect(withoutGoodFriday.addWorkingDays('2026-04-02', 1)).toBe('2026-04-03');
  });

  it('a stored year replaces the shipped list for that year only', () => {
    const stored = new WorkingCalendar([{ year: 2026, add: [], remove: [] }]);
    // No cuti bersama 24 December any more, but Natal (library) still holds.
    expect(stored.isWorkingDay('2026-12-24')).toBe(true);
    expect(stored.isWorkingDay('2026-12-25')).toBe(false);
    expect(stored.addWorkingDays('2026-12-23', 1)).toBe('2026-12-24');
  });

  it("names the library's mislabelled 16 January 2026 Isra Mi'raj", () => {
    // The library calls 2026-01-16 "Maulid Nabi Muhammad"; the decree says Isra Mi'raj.
    expect(new WorkingCalendar([]).daysOff(2026).get('2026-01-16')?.name).toMatch(/Maulid/);
    expect(calendar.daysOff(2026).get('2026-01-16')).toEqual({
      date: '2026-01-16',
      name: "Isra Mi'raj Nabi Muhammad SAW",
      kind: 'libur-nasional',
    });
    expect(calendar.isWorkingDay('2026-01-16')).toBe(false);
  });

  it('marks cuti bersama as such among the days off', () => {
    expect(calendar.daysOff(2026).get('2026-03-20')?.kind).toBe('cuti-bersama');
    expect(calendar.daysOff(2026).get('2026-12-25')?.kind).toBe('libur-nasional');
  });
});

describe("an office's calendar date", () => {
  it("is today's date where the office is, not in UTC", () => {
    // 20:00 UTC on 1 December is 03:00 on 2 December in Jakarta (UTC+7).
    expect(todayIn('Asia/Jakarta', new Date('2026-12-01T20:00:00Z'))).toBe('2026-12-02');
    // 14:59 UTC is 23:59 in Jayapura (UTC+9): still 1 December there; one minute later it is the 2nd.
    expect(todayIn('Asia/Jayapura', new Date('2026-12-01T14:59:00Z'))).toBe('2026-12-01');
    expect(todayIn('Asia/Jayapura', new Date('2026-12-01T15:00:00Z'))).toBe('2026-12-02');
  });

  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-01')).toBe(false);
    expect(isCalendarDate(20260201)).toBe(false);
  });
});
