/**
 * Working days in Indonesia: Monday to Friday, less public holidays and cuti bersama. The holiday
 * library (date-holidays, stored as data for 2020–2040 by ./holidays-data.gen.ts so handlers do not
 * load it) gives a baseline of national holidays; its lunar dates can be a day off the official
 * decree, so each year's official list (the SKB 3 Menteri, including cuti bersama) is applied on top
 * as data that an administrator can extend or correct.
 */
import { addDays, getDay, lightFormat, parseISO } from 'date-fns';
import { BASELINE_FIRST_YEAR, BASELINE_HOLIDAYS, BASELINE_LAST_YEAR } from './holidays-data';

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
  /** The decree the year's list follows (number and title of the SKB 3 Menteri). */
  source?: string;
  /** The date the decree was signed, `YYYY-MM-DD`. */
  sourceDate?: string;
}

/**
 * Shipped defaults. 2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497,
 * 2 dan 5 Tahun 2025 (cuti bersama) and the official Idul Fitri 1447 H (21–22 March, where the
 * library says 20–21). 2027: SKB Nomor 1205, 3 dan 2 Tahun 2026 (15 September 2026), every day of
 * the decree (18 libur nasional, 8 cuti bersama), with the library's lunar dates the decree does not
 * have removed (Idul Adha on 16 May, Maulid on 14 August).
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
  {
    year: 2027,
    sourceDate: '2026-09-15',
    source:
      'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1205, 3, 2 Tahun 2026 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027 (15 September 2026), menurut setneg.go.id/baca/index/inilah_skb_3_menteri_libur_nasional_dan_cuti_bersama_2027 lewat salinan sekunder: periksa terhadap naskah SKB. Idulfitri dan Iduladha 1448 H mengikuti penetapan Menteri Agama: perbaiki bila bergeser.',
    add: [
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur-nasional' },
      { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'libur-nasional' },
      { date: '2027-02-05', name: 'Cuti bersama Tahun Baru Imlek', kind: 'cuti-bersama' },
      { date: '2027-02-06', name: 'Tahun Baru Imlek 2578 Kongzili', kind: 'libur-nasional' },
      { date: '2027-03-08', name: 'Hari Suci Nyepi Tahun Baru Saka 1949', kind: 'libur-nasional' },
      { date: '2027-03-09', name: 'Cuti bersama Idulfitri 1448 H', kind: 'cuti-bersama' },
      { date: '2027-03-10', name: 'Hari Raya Idulfitri 1448 H', kind: 'libur-nasional' },
      { date: '2027-03-11', name: 'Hari Raya Idulfitri 1448 H', kind: 'libur-nasional' },
      { date: '2027-03-12', name: 'Cuti bersama Idulfitri 1448 H', kind: 'cuti-bersama' },
      { date: '2027-03-15', name: 'Cuti bersama Idulfitri 1448 H', kind: 'cuti-bersama' },
      { date: '2027-03-25', name: 'Cuti bersama Wafat Yesus Kristus', kind: 'cuti-bersama' },
      { date: '2027-03-26', name: 'Wafat Yesus Kristus', kind: 'libur-nasional' },
      { date: '2027-03-28', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'libur-nasional' },
      { date: '2027-05-01', name: 'Hari Buruh Internasional', kind: 'libur-nasional' },
      { date: '2027-05-06', name: 'Kenaikan Yesus Kristus', kind: 'libur-nasional' },
      { date: '2027-05-17', name: 'Hari Raya Iduladha 1448 H', kind: 'libur-nasional' },
      { date: '2027-05-18', name: 'Cuti bersama Iduladha 1448 H', kind: 'cuti-bersama' },
      { date: '2027-05-19', name: 'Cuti bersama Hari Raya Waisak', kind: 'cuti-bersama' },
      { date: '2027-05-20', name: 'Hari Raya Waisak 2571 BE', kind: 'libur-nasional' },
      { date: '2027-06-01', name: 'Hari Lahir Pancasila', kind: 'libur-nasional' },
      { date: '2027-06-06', name: '1 Muharam Tahun Baru Islam 1449 H', kind: 'libur-nasional' },
      { date: '2027-08-15', name: 'Maulid Nabi Muhammad SAW', kind: 'libur-nasional' },
      { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'libur-nasional' },
      { date: '2027-12-24', name: 'Cuti bersama Kelahiran Yesus Kristus', kind: 'cuti-bersama' },
      { date: '2027-12-25', name: 'Kelahiran Yesus Kristus (Natal)', kind: 'libur-nasional' },
      { date: '2027-12-26', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'libur-nasional' },
    ],
    remove: ['2027-05-16', '2027-08-14'],
  },
];

/** Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The holidays of a year outside the stored range: those set by the Gregorian date or by Easter, in
 * the library's names. The lunar ones (Islamic, Imlek, Nyepi, Waisak) need the library: an
 * administrator adds them with the year's decree, or the data is generated for a wider range.
 */
export function ruleHolidays(year: number): CalendarDay[] {
  const easter = parseISO(easterSunday(year));
  const fromEaster = (days: number) => lightFormat(addDays(easter, days), 'yyyy-MM-dd');
  const days: [string, string][] = [
    [`${year}-01-01`, 'Hari tahun baru'],
    [fromEaster(-2), 'Wafat Yesus Kristus'],
    [`${year}-05-01`, 'Hari Buruh Internasional'],
    [fromEaster(39), 'Kenaikan Yesus Kristus'],
    [`${year}-06-01`, 'Hari Lahir Pancasila'],
    [`${year}-08-17`, 'Hari Ulang Tahun Kemerdekaan Republik Indonesia'],
    [`${year}-12-25`, 'Hari Raya Natal'],
  ];
  return days
    .map(([date, name]) => ({ date, name, kind: 'libur-nasional' as const }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

const libraryYears = new Map<number, CalendarDay[]>();

/** The baseline of `year`, by date: the stored library data, or the rule holidays outside its range. */
function libraryHolidays(year: number): CalendarDay[] {
  let days = libraryYears.get(year);
  if (!days) {
    const stored =
      year >= BASELINE_FIRST_YEAR && year <= BASELINE_LAST_YEAR ? BASELINE_HOLIDAYS[year] : undefined;
    days = stored
      ? stored.map(([date, name]) => ({ date, name, kind: 'libur-nasional' as const }))
      : ruleHolidays(year);
    libraryYears.set(year, days);
  }
  return days;
}

/**
 * The library's public holidays in `year` (the baseline the adjustments correct), by date. Outside
 * 2020–2040 only the holidays the date or Easter sets (`ruleHolidays`).
 */
export function baselineDays(year: number): CalendarDay[] {
  return [...libraryHolidays(year)].sort((a, b) => a.date.localeCompare(b.date));
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
      if (this.isWorkingDay(lightFormat(current, 'yyyy-MM-dd'))) left--;
    }
    return lightFormat(current, 'yyyy-MM-dd');
  }
}
