import { describe, expect, it } from 'vitest';
import {
  caseloadOrder,
  DEFAULT_PRIORITY,
  eligibilityFrom,
  priorityFrom,
} from '../../functions/domain/case-decisions';

const prioritas = (params: Record<string, unknown>) => ({ type: 'prioritas', params });

describe('priorityFrom', () => {
  it('defaults to rendah / 25 with no reasons when nothing fired', () => {
    expect(priorityFrom([])).toEqual({ level: 'rendah', score: 25, reasons: [] });
    expect(DEFAULT_PRIORITY).toEqual({ level: 'rendah', score: 25, reasons: [] });
  });

  it('takes the highest level whatever the order of the events', () => {
    const events = [
      prioritas({ level: 'sedang', reason: 'Klien anak' }),
      prioritas({ level: 'segera', reason: 'Kekerasan seksual' }),
      prioritas({ level: 'tinggi', reason: 'RRI tinggi' }),
    ];
    expect(priorityFrom(events)).toMatchObject({ level: 'segera', score: 100 });
    expect(priorityFrom([...events].reverse())).toMatchObject({ level: 'segera', score: 100 });
  });

  it('takes an explicit score over the level default when comparing', () => {
    const priority = priorityFrom([
      prioritas({ level: 'tinggi', reason: 'RRI tinggi' }),
      prioritas({ level: 'sedang', score: 90, reason: 'Dinilai khusus' }),
    ]);
    expect(priority).toMatchObject({ level: 'sedang', score: 90 });
  });

  it('collects every reason once, including those of lower levels', () => {
    const priority = priorityFrom([
      prioritas({ level: 'tinggi', reason: 'RRI tinggi' }),
      prioritas({ level: 'sedang', reason: 'Klien anak' }),
      prioritas({ level: 'tinggi', reason: 'RRI tinggi' }),
      prioritas({ level: 'segera' }),
    ]);
    expect(priority).toEqual({ level: 'segera', score: 100, reasons: ['RRI tinggi', 'Klien anak'] });
  });

  it('keeps the smallest responseHours of any event', () => {
    const priority = priorityFrom([
      prioritas({ level: 'segera', responseHours: 3 }),
      prioritas({ level: 'tinggi', responseHours: 1 }),
      prioritas({ level: 'sedang', responseHours: 6 }),
    ]);
    expect(priority.responseHours).toBe(1);
    expect(priority.level).toBe('segera');
  });

  it('has no responseHours when no event gives one', () => {
    expect(priorityFrom([prioritas({ level: 'tinggi' })])).not.toHaveProperty('responseHours');
  });

  it('ignores levels it does not know (the case type chose which events are priority events)', () => {
    const priority = priorityFrom([
      prioritas({ level: 'darurat', reason: 'tingkat tak dikenal', responseHours: 1 }),
      prioritas({ level: 42, reason: 'bukan teks' }),
      { type: 'prioritas' },
      prioritas({ level: 'tinggi', reason: 'RRI tinggi' }),
    ]);
    expect(priority).toEqual({ level: 'tinggi', score: 75, reasons: ['RRI tinggi'] });
  });

  it('does not drop a lower level below the default', () => {
    expect(priorityFrom([prioritas({ level: 'rendah', reason: 'Ditangani lokal' })])).toEqual({
      level: 'rendah',
      score: 25,
      reasons: ['Ditangani lokal'],
    });
  });
});

describe('eligibilityFrom', () => {
  const condition = (fact: string, result: boolean, decisive: boolean, name?: string) => ({
    ...(name === undefined ? {} : { name }),
    fact,
    result,
    decisive,
  });

  it('is eligible when a rule of the programme fired, with that rule’s decisive conditions as reasons', () => {
    const eligibility = eligibilityFrom([
      {
        rule: 'pb-dewasa-gagal',
        fired: false,
        event: { type: 'eligible', params: { program: 'PB' } },
        conditions: [condition('masaPidanaDijalani', false, true, 'Belum 2/3 masa pidana')],
      },
      {
        rule: 'pb-dewasa',
        fired: true,
        event: { type: 'eligible', params: { program: 'PB' } },
        conditions: [
          condition('duaPertiga', true, true, 'Sudah 2/3 masa pidana'),
          condition('kelakuanBaik', true, true),
          condition('penjamin', true, false, 'Penjamin ada'),
        ],
      },
    ]);
    expect(eligibility).toEqual({
      PB: { eligible: true, reasons: ['Sudah 2/3 masa pidana', 'kelakuanBaik'] },
    });
  });

  it('leaves out a programme whose scope conditions fail: it is another client’s programme', () => {
    const child = 'Klien berumur di bawah 18 tahun pada tanggal tindak pidana';
    const adult = 'Klien dewasa pada tanggal tindak pidana';
    const rules = (isChild: boolean) => [
      {
        rule: 'pb-anak',
        fired: false,
        event: { type: 'eligible', params: { program: 'PB-anak', scope: [child] } },
        conditions: [condition('klienAnak', isChild, !isChild, child), condition('setengah', false, isChild)],
      },
      {
        rule: 'pb-dewasa',
        fired: false,
        event: { type: 'eligible', params: { program: 'PB', scope: [adult] } },
        conditions: [
          condition('klienAnak', !isChild, isChild, adult),
          condition('duaPertiga', false, !isChild),
        ],
      },
    ];
    expect(eligibilityFrom(rules(false))).toEqual({ PB: { eligible: false, reasons: ['duaPertiga'] } });
    expect(eligibilityFrom(rules(true))).toEqual({ 'PB-anak': { eligible: false, reasons: ['setengah'] } });
  });

  it('is not eligible when no rule fired, with the decisive conditions of all its rules once each', () => {
    const eligibility = eligibilityFrom([
      {
        rule: 'cb-1',
        fired: false,
        event: { type: 'eligible', params: { program: 'CB' } },
        conditions: [
          condition('pidanaBulan', false, true, 'Pidana ≤ 18 bulan'),
          condition('kelakuanBaik', true, false, 'Berkelakuan baik'),
        ],
      },
      {
        rule: 'cb-2',
        fired: false,
        event: { type: 'eligible', params: { program: 'CB' } },
        conditions: [
          condition('pidanaBulan', false, true, 'Pidana ≤ 18 bulan'),
          condition('duaPertiga', false, true),
        ],
      },
    ]);
    expect(eligibility).toEqual({ CB: { eligible: false, reasons: ['Pidana ≤ 18 bulan', 'duaPertiga'] } });
  });

  it('groups by params.program, falling back to the event type', () => {
    const eligibility = eligibilityFrom([
      {
        rule: 'asimilasi',
        fired: true,
        event: { type: 'eligible', params: { program: 'Asimilasi' } },
        conditions: [condition('setengah', true, true)],
      },
      {
        rule: 'diversi',
        fired: false,
        event: { type: 'diversi-wajib' },
        conditions: [condition('usia', false, true, 'Usia 12–18')],
      },
      {
        rule: 'pb',
        fired: false,
        event: { type: 'eligible', params: { program: 'PB' } },
        conditions: [condition('rri', false, true)],
      },
    ]);
    expect(eligibility).toEqual({
      Asimilasi: { eligible: true, reasons: ['setengah'] },
      'diversi-wajib': { eligible: false, reasons: ['Usia 12–18'] },
      PB: { eligible: false, reasons: ['rri'] },
    });
  });

  it('gives an empty record for no rules', () => {
    expect(eligibilityFrom([])).toEqual({});
  });
});

describe('caseloadOrder', () => {
  const sorted = (keys: string[]) => [...keys].sort();

  it('puts a higher score before a lower one, whatever the due dates', () => {
    const high = caseloadOrder(100, '2026-12-31', 'A');
    const low = caseloadOrder(25, '2026-01-01', 'B');
    expect(sorted([low, high])).toEqual([high, low]);
  });

  it('orders every level', () => {
    const keys = [25, 50, 100, 75].map((score) => caseloadOrder(score, '2026-03-01', `c${score}`));
    expect(sorted(keys).map((key) => key.split('#')[2])).toEqual(['c100', 'c75', 'c50', 'c25']);
  });

  it('puts the earlier due date first for equal scores', () => {
    const later = caseloadOrder(75, '2026-04-07', 'A');
    const earlier = caseloadOrder(75, '2026-03-25', 'B');
    expect(sorted([later, earlier])).toEqual([earlier, later]);
  });

  it('puts a case with no deadline after the ones with deadlines, for equal scores', () => {
    const none = caseloadOrder(50, undefined, 'A');
    const far = caseloadOrder(50, '2099-12-31', 'B');
    expect(sorted([none, far])).toEqual([far, none]);
  });

  it('breaks a full tie by case id', () => {
    const b = caseloadOrder(50, '2026-03-25', '01B');
    const a = caseloadOrder(50, '2026-03-25', '01A');
    expect(sorted([b, a])).toEqual([a, b]);
  });

  it('rounds scores and keeps the rank fixed-width', () => {
    expect(caseloadOrder(100, '2026-03-25', 'X')).toBe('899#2026-03-25#X');
    expect(caseloadOrder(74.6, undefined, 'Y')).toBe('924#9999-12-31#Y');
    expect(caseloadOrder(5000, undefined, 'Z')).toBe('000#9999-12-31#Z');
  });
});
