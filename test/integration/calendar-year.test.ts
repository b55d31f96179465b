/**
 * The calendar document an administrator edits: the holiday library's baseline beside the year's
 * adjustments, and the decree they follow with its date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import type { ErrorBody } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';

interface Day {
  date: string;
  name: string;
  kind: string;
}
interface CalendarYear {
  year: number;
  daysOff: Day[];
  baseline: Day[];
  adjustments: { year: number; add: Day[]; remove: string[]; source?: string; sourceDate?: string };
}

let kawal: LocalKawal;
let admin: Client;
let pk1: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  admin = await login(kawal, 'admin');
  pk1 = await login(kawal, 'pk1');
});
afterAll(async () => kawal?.stop());

describe('a calendar year', () => {
  it('shows the library’s baseline beside the days off, so a removal can name a baseline day', async () => {
    const year = await pk1.request<CalendarYear>('GET', '/api/calendar/2028');
    expect(year.status).toBe(200);
    // Nothing adjusted for 2028: the days off are the baseline.
    expect(year.body.adjustments).toEqual({ year: 2028, add: [], remove: [] });
    expect(year.body.baseline).toEqual(
      expect.arrayContaining([
        { date: '2028-08-17', name: expect.stringContaining('Kemerdekaan'), kind: 'libur-nasional' },
      ]),
    );
    const dates = year.body.baseline.map((day) => day.date);
    expect(dates).toEqual([...dates].sort());
    expect(year.body.daysOff.map((day) => day.date)).toEqual([...new Set(dates)]);
  });

  it('keeps the decree’s date, and the baseline stays whole after a removal', async () => {
    const body = {
      add: [{ date: '2028-08-18', name: 'Cuti bersama Hari Kemerdekaan', kind: 'cuti-bersama' }],
      remove: ['2028-08-17'],
      source: 'SKB 3 Menteri Nomor 1, 2, 3 Tahun 2027',
      sourceDate: '2027-09-20',
    };
    const saved = await admin.request<CalendarYear>('PUT', '/api/calendar/2028', { body });
    expect(saved.status).toBe(200);
    expect(saved.body.adjustments).toEqual({ year: 2028, ...body });
    const off = saved.body.daysOff.map((day) => day.date);
    expect(off).toContain('2028-08-18');
    expect(off).not.toContain('2028-08-17');
    expect(saved.body.baseline.map((day) => day.date)).toContain('2028-08-17');

    const read = await pk1.request<CalendarYear>('GET', '/api/calendar/2028');
    expect(read.body.adjustments).toEqual({ year: 2028, ...body });
  });

  it('names the shipped 2027 decree’s date', async () => {
    const year = await pk1.request<CalendarYear>('GET', '/api/calendar/2027');
    expect(year.body.adjustments.sourceDate).toBe('2026-09-15');
  });

  it('refuses a decree date that is not a date, keeping what was stored', async () => {
    const refused = await admin.request<ErrorBody>('PUT', '/api/calendar/2028', {
      body: { add: [], remove: [], sourceDate: '2027-02-30' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    expect(refused.body.error.details?.[0]?.path).toBe('/sourceDate');
    const read = await pk1.request<CalendarYear>('GET', '/api/calendar/2028');
    expect(read.body.adjustments.remove).toEqual(['2028-08-17']);
  });
});
