import { describe, expect, it } from 'vitest';
import { ageInYears, completedMonths, isCalendarDate, todayIn } from '../../functions/domain/dates';
import { COMPUTED_FACTS, catalogueFact, factCatalogue } from '../../functions/domain/facts';
import { rriCategory, rriScore } from '../../functions/domain/rri';
import { NO_RISK } from '../support/rri';

const computed = (name: string) => {
  const fact = COMPUTED_FACTS.find((f) => f.name === name);
  if (!fact) throw new Error(`no computed fact ${name}`);
  return fact.compute;
};

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    [20260101, false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('takes today in the office time zone, not UTC', () => {
    const lateUtc = new Date('2026-11-24T18:30:00Z');
    expect(todayIn('Asia/Jakarta', lateUtc)).toBe('2026-11-25');
    expect(todayIn('UTC', lateUtc)).toBe('2026-11-24');
    expect(todayIn('Asia/Jayapura', new Date('2026-12-31T15:30:00Z'))).toBe('2027-01-01');
  });

  it.each([
    ['2010-11-24', '2026-11-24', 16, 'birthday today counts'],
    ['2010-11-25', '2026-11-24', 15, 'birthday tomorrow does not'],
    ['2008-02-29', '2026-02-28', 17, 'leap-day birthday, 28 February of a common year'],
    ['2008-02-29', '2026-03-01', 18, 'leap-day birthday turns on 1 March'],
    ['2012-02-29', '2024-02-29', 12, 'leap-day birthday on a leap day'],
  ])('age from %s at %s is %i (%s)', (birth, at, age) => {
    expect(ageInYears(birth, at)).toBe(age);
  });

  it.each([
    ['2026-01-31', '2026-02-27', 0],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-01-31', '2026-03-30', 1],
    ['2026-01-31', '2026-03-31', 2],
    ['2026-01-15', '2026-02-15', 1],
    ['2026-01-15', '2026-02-14', 0],
    ['2023-03-31', '2026-11-24', 43],
  ])('completed months from %s to %s: %i', (start, end, months) => {
    expect(completedMonths(start, end)).toBe(months);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => ageInYears('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('RRI part A', () => {
  const none = NO_RISK;

  it('scores each item with its weight', () => {
    expect(rriScore(none)).toBe(0);
    expect(rriScore({ ...none, ditahanUsia16: true })).toBe(3);
    expect(rriScore({ ...none, jumlahPasal: 2 })).toBe(0);
    expect(rriScore({ ...none, jumlahPasal: 3 })).toBe(1);
    expect(rriScore({ ...none, jumlahPutusanSebelumnya: 1 })).toBe(2);
    expect(rriScore({ ...none, jumlahPutusanSebelumnya: 2 })).toBe(2);
    expect(rriScore({ ...none, jumlahPutusanSebelumnya: 3 })).toBe(4);
    expect(rriScore({ ...none, penyalahgunaanZat: 'alkohol' })).toBe(1);
    expect(rriScore({ ...none, penyalahgunaanZat: 'narkoba' })).toBe(2);
    expect(rriScore({ ...none, penyalahgunaanZat: 'keduanya' })).toBe(3);
    expect(rriScore({})).toBe(0);
  });

  it('reaches the maximum of 17', () => {
    expect(
      rriScore({
        ditahanUsia16: true,
        pernahDipenjara: true,
        jumlahPasal: 5,
        pelanggaranSyarat: true,
        jumlahPutusanSebelumnya: 7,
        pelanggaranTatib: true,
        diskorsSekolah: true,
        keluargaDipidana: true,
        penyalahgunaanZat: 'keduanya',
        menganggur12Bulan: true,
      }),
    ).toBe(17);
  });

  it.each([
    [0, 'rendah'],
    [6, 'rendah'],
    [7, 'sedang'],
    [11, 'sedang'],
    [12, 'tinggi'],
    [15, 'tinggi'],
    [16, 'sangat tinggi'],
    [17, 'sangat tinggi'],
  ])('score %i is %s', (score, category) => {
    expect(rriCategory(score)).toBe(category);
  });
});

describe('computed facts', () => {
  const head = {
    timeZone: 'Asia/Jakarta',
    client: { birthDate: '2010-05-20' },
    offence: { date: '2026-05-19', threatenedSentenceMonths: 60, repeat: false },
    sentence: { months: 60, startDate: '2023-03-31', lastDisciplinaryDate: '2025-11-24' },
  };

  it('derives ages, sentence arithmetic and clean months from the case', () => {
    expect(computed('ageAtOffenceYears')({ case: head })).toBe(15);
    expect(computed('ageYears')({ case: head, today: '2026-05-20' })).toBe(16);
    expect(computed('sentenceMonths')({ case: head })).toBe(60);
    expect(computed('sentenceTwoThirdsMonths')({ sentenceMonths: 60 })).toBe(40);
    expect(computed('sentenceTwoThirdsMonths')({ sentenceMonths: 12 })).toBe(8);
    expect(computed('sentenceHalfMonths')({ sentenceMonths: 9 })).toBe(4.5);
    expect(computed('monthsServed')({ case: head, today: '2026-11-24' })).toBe(43);
    expect(computed('fractionServed')({ monthsServed: 40, sentenceMonths: 60 })).toBeCloseTo(2 / 3);
    expect(computed('monthsWithoutDisciplinary')({ case: head, today: '2026-11-24' })).toBe(12);
    expect(computed('threatenedSentenceMonths')({ case: head })).toBe(60);
    expect(computed('repeatOffence')({ case: head })).toBe(false);
  });

  it('counts clean months from the sentence start when there is no disciplinary entry', () => {
    const clean = { sentence: { startDate: '2026-01-24' } };
    expect(computed('monthsWithoutDisciplinary')({ case: clean, today: '2026-11-24' })).toBe(10);
  });

  it('is unknown (undefined), not zero, when its inputs are missing or malformed', () => {
    expect(computed('ageYears')({ case: {}, today: '2026-01-01' })).toBeUndefined();
    expect(
      computed('monthsServed')({ case: { sentence: { startDate: 'kemarin' } }, today: '2026-01-01' }),
    ).toBeUndefined();
    expect(computed('fractionServed')({ monthsServed: 3, sentenceMonths: 0 })).toBeUndefined();
    expect(computed('rriScore')({})).toBeUndefined();
    expect(computed('rriCategory')({ rriScore: undefined })).toBeUndefined();
  });

  it('scores the RRI from the risk assessment form', () => {
    const form = { bagianA: { ditahanUsia16: true, jumlahPutusanSebelumnya: 3 } };
    expect(computed('rriScore')({ 'form:asesmen-risiko': form })).toBe(7);
    expect(computed('rriCategory')({ rriScore: 7 })).toBe('sedang');
  });

  it('takes today in the case office time zone', () => {
    expect(computed('today')({ case: { timeZone: 'Asia/Jakarta' } })).toBe(todayIn('Asia/Jakarta'));
  });
});

describe('the catalogue', () => {
  it('lists every fact with a name, type, description and source', () => {
    const names = factCatalogue().map((fact) => fact.name);
    expect(names).toEqual(
      expect.arrayContaining(['case', 'form:<formId>', 'monthsServed', 'rriCategory', 'today']),
    );
    for (const fact of factCatalogue()) {
      expect(fact.description, fact.name).not.toBe('');
      expect(['case', 'form', 'computed', 'declared']).toContain(fact.source);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('knows form facts by prefix', () => {
    expect(catalogueFact('form:asesmen-risiko')?.type).toBe('object');
    expect(catalogueFact('form:')).toBeUndefined();
    expect(catalogueFact('nope')).toBeUndefined();
  });
});
