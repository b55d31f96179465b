/**
 * Working days in Indonesia: Monday to Friday, less public holidays and cuti bersama. The holiday
 * library gives a baseline of national holidays; its lunar dates can be a day off the official decree,
 * so each year's official list (the SKB 3 Menteri, including cuti bersama) is applied on top as data
 * that an administrator can extend or correct.
 */
import { addDays, format, getDay, parseISO } from 'date-fns';
import Holidays from 'date-holidays';

export interface CalendarDay {
  date: string;
  name: string;
  kind: 'libur-nasional' | 'cuti-bersama' | 'libur-lain';
}

/** One year's corrections to the library: days added and days removed. */
export interface CalendarAdjustments {
  year: number;
  add: CalendarDay[];
  remove: string[];
  source?: string;
}

/**
 * Shipped defaults. 2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497,
 * 2 dan 5 Tahun 2025 (cuti bersama) and the official Idul Fitri 1447 H (21–22 March, where the
 * library says 20–21).
 */
export const DEFAULT_ADJUSTMENTS: readonly CalendarAdjustments[] = [
  {
    year: 2026,
    source: 'SKB 3 Menteri No. 1497, 2, 5 Tahun 2025',
    add: [
      { date: '2026-01-16', name: "Isra Mi'raj Nabi Muhammad SAW", kind: 'libur-nasional' },
      { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek', kind: 'cuti-bersama' },
      { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi', kind: 'cuti-bersama' },
      { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H', kind: 'cuti-bersama' },
      { date: '2026-03-22', name: 'Hari Raya Idul Fitri 1447 H', kind: 'libur-nasional' },
      { date: '2026-03-23', name: 'Cuti bersama Idul Fitri 1447 H', kind: 'cuti-bersama' },
      { date: '2026-03-24', name: 'Cuti bersama Idul Fitri 1447 H', kind: 'cuti-bersama' },
      { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti-bersama' },
      { date: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 H', kind: 'cuti-bersama' },
      { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', kind: 'cuti-bersama' },
    ],
    remove: [],
  },
];

const library = new Holidays('ID');
const libraryYears = new Map<number, CalendarDay[]>();

function libraryHolidays(year: number): CalendarDay[] {
  let days = libraryYears.get(year);
  if (!days) {
    days = library
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({
        date: holiday.date.slice(0, 10),
        name: holiday.name,
        kind: 'libur-nasional' as const,
      }));
    libraryYears.set(year, days);
  }
  return days;
}

/** A calendar built from the library and per-year adjustments (the stored ones win over defaults). */
export class WorkingCalendar {
  private readonly adjustments = new Map<number, CalendarAdjustments>();
  private readonly closedByYear = new Map<number, Map<string, CalendarDay>>();

  constructor(adjustments: readonly CalendarAdjustments[] = DEFAULT_ADJUSTMENTS) {
    for (const adjustment of adjustments) this.adjustments.set(adjustment.year, adjustment);
  }

  /** The days off in `year` other than weekends, by date. */
  daysOff(year: number): Map<string, CalendarDay> {
    let days = this.closedByYear.get(year);
    if (!days) {
      const adjustment = this.adjustments.get(year);
      const removed = new Set(adjustment?.remove ?? []);
      days = new Map();
      for (const day of [...libraryHolidays(year), ...(adjustment?.add ?? [])]) {
        if (!removed.has(day.date)) days.set(day.date, day);
      }
      this.closedByYear.set(year, days);
    }
    return days;
  }

  isWorkingDay(date: string): boolean {
    const day = getDay(parseISO(date));
    if (day === 0 || day === 6) return false;
    return !this.daysOff(Number(date.slice(0, 4))).has(date);
  }

  /** The date `count` working days after `start` (start itself not counted). */
  addWorkingDays(start: string, count: number): string {
    let current = parseISO(start);
    let left = count;
    while (left > 0) {
      current = addDays(current, 1);
      if (this.isWorkingDay(format(current, 'yyyy-MM-dd'))) left--;
    }
    return format(current, 'yyyy-MM-dd');
  }
}
