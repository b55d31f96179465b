/**
 * The shipped packs: every form and ruleset passes the server's checks and its own tests, and the
 * worked examples of DOMAIN.md hold against the rulesets as shipped (independently of their test lists,
 * which an agency may edit).
 */
import { describe, expect, it } from 'vitest';
import { readDefaultForms, readDefaultRulesets } from '../../functions/cases/content-packs';
import { compileRuleset, evaluateRuleset } from '../../functions/decisions/engine';
import { checkContent } from '../../functions/local/check-content';
import { applyCalculations } from '../../functions/validation/calculate';
import { NO_RISK } from '../support/rri';

const ROOT = new URL('../../', import.meta.url).pathname;
const rulesets = new Map(
  readDefaultRulesets(`${ROOT}rules`).map(({ id, title: _t, description: _d, ...content }) => [
    id,
    compileRuleset(content),
  ]),
);

function ruleset(id: string) {
  const compiled = rulesets.get(id);
  if (!compiled) throw new Error(`rules/${id}.json is missing`);
  return compiled;
}

const types = async (id: string, facts: Record<string, unknown>) =>
  (await evaluateRuleset(ruleset(id), facts, { explain: false })).events
    .map((e) => `${e.type}${e.params?.program ? `:${e.params.program}` : ''}`)
    .sort();

describe('the shipped content packs', async () => {
  const reports = await checkContent(ROOT);

  it.each(reports.map((report) => [report.item, report] as const))(
    '%s passes the checks and its own tests',
    (_item, report) => {
      expect(report.problems).toEqual([]);
      if (report.tests) expect(report.tests.passed).toBe(report.tests.total);
    },
  );

  it('ships every ruleset so that each rule fires in at least one of its tests and stays silent in two', async () => {
    for (const id of [...rulesets.keys()]) {
      const compiled = ruleset(id);
      const fired = new Map<string, number>();
      const silent = new Map<string, number>();
      for (const test of compiled.content.tests ?? []) {
        const { explanation = [] } = await evaluateRuleset(compiled, test.facts, { explain: true });
        for (const rule of explanation) {
          const counter = rule.fired ? fired : silent;
          counter.set(rule.rule, (counter.get(rule.rule) ?? 0) + 1);
        }
      }
      for (const [i, rule] of compiled.content.rules.entries()) {
        const name = rule.name ?? `aturan-${i + 1}`;
        expect(fired.get(name) ?? 0, `${id}/${name} fires`).toBeGreaterThanOrEqual(1);
        expect(silent.get(name) ?? 0, `${id}/${name} stays silent`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('worked examples', () => {
  it('RRI: answers summing to 6, 7, 12 and 16 are rendah, sedang, tinggi and sangat tinggi, calculated by the form', async () => {
    const form = readDefaultForms(`${ROOT}forms`).find((f) => f.id === 'asesmen-risiko');
    if (!form) throw new Error('forms/asesmen-risiko.json is missing');
    const none = NO_RISK;
    const six = {
      ...none,
      ditahanUsia16: true,
      pernahDipenjara: true,
      diskorsSekolah: true,
      menganggur12Bulan: true,
    };
    const seven = { ...six, keluargaDipidana: true };
    const twelve = {
      ...none,
      ditahanUsia16: true,
      jumlahPutusanSebelumnya: 3,
      penyalahgunaanZat: 'keduanya' as const,
      pernahDipenjara: true,
      pelanggaranTatib: true,
    };
    const sixteen = {
      ...twelve,
      jumlahPasal: 3,
      pelanggaranSyarat: true,
      diskorsSekolah: true,
      keluargaDipidana: true,
    };
    for (const [answers, total, expected] of [
      [six, 6, 'rendah'],
      [seven, 7, 'sedang'],
      [twelve, 12, 'tinggi'],
      [sixteen, 16, 'sangat tinggi'],
    ] as const) {
      const { data, errors } = await applyCalculations(form.schema, { bagianA: answers });
      expect(errors).toEqual([]);
      expect(data).toMatchObject({ skorA: total, kategoriRisiko: expected });
    }
  });

  // Facts as the integrasi case type builds them (the 2/3 months come from its calculation).
  const adult = {
    klienAnak: false,
    kategoriTindakPidana: 'umum',
    monthsWithoutDisciplinary: 12,
    monthsWithoutDisciplinaryBeforeTwoThirds: 12,
    aktifProgram: true,
    rriCategory: 'sedang',
    // PB needs the risk to have come down since the previous RRI (UU 22/2022 Ps 10(2)(c)).
    rriCategoryPrevious: 'tinggi',
    rriLevelsDecreased: 1,
    masyarakatDapatMenerima: true,
    adaPenjamin: true,
  };

  it('PB: 60 months, 41 served → eligible; 39 served → not, and the explanation names the 2/3 condition', async () => {
    expect(
      await types('kelayakan-integrasi', {
        ...adult,
        sentenceMonths: 60,
        sentenceTwoThirdsMonths: 40,
        monthsServed: 41,
      }),
    ).toContain('eligible:PB');
    const refused = await evaluateRuleset(
      ruleset('kelayakan-integrasi'),
      { ...adult, sentenceMonths: 60, sentenceTwoThirdsMonths: 40, monthsServed: 39 },
      { explain: true },
    );
    expect(refused.events.map((e) => e.params?.program)).not.toContain('PB');
    const pb = refused.explanation?.find((rule) => rule.rule === 'pb-dewasa');
    const failed = pb?.conditions.filter((c) => c.decisive) ?? [];
    expect(failed.map((c) => c.fact)).toEqual(['monthsServed']);
    expect(failed[0]?.name).toMatch(/2\/3/);
    expect(failed[0]).toMatchObject({ factValue: 39, value: 40 });
  });

  it('PB: a 12-month sentence (2/3 = 8 < 9) is never eligible, however long served', async () => {
    for (const served of [8, 11, 12]) {
      expect(
        await types('kelayakan-integrasi', {
          ...adult,
          sentenceMonths: 12,
          sentenceTwoThirdsMonths: 8,
          monthsServed: served,
        }),
      ).not.toContain('eligible:PB');
    }
  });

  it('diversion: 15 years old, threatened 60 months, first offence → mandatory; 84 months → not; 11 years old → outside the system', async () => {
    expect(
      await types('diversi', { ageAtOffenceYears: 15, threatenedSentenceMonths: 60, repeatOffence: false }),
    ).toContain('diversi-wajib');
    expect(
      await types('diversi', { ageAtOffenceYears: 15, threatenedSentenceMonths: 84, repeatOffence: false }),
    ).not.toContain('diversi-wajib');
    const child = await types('diversi', {
      ageAtOffenceYears: 11,
      threatenedSentenceMonths: 60,
      repeatOffence: false,
    });
    expect(child).toEqual(['di-luar-sistem-peradilan-anak']);
  });

  it('termination: "pindah" without a destination is refused, with one it is allowed', async () => {
    expect(await types('terminasi', { alasanTerminasi: 'pindah' })).toEqual(['terminasi-ditolak']);
    expect(await types('terminasi', { alasanTerminasi: 'pindah', tujuanBapas: 'bapas-2' })).toEqual([
      'terminasi-diizinkan',
    ]);
  });
});
