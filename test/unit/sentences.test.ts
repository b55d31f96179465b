/**
 * Rule conditions as sentences with the values the rules used: from a condition's template, its name
 * and the declared fact's title and unit, else a generic sentence from the operator's phrase; numbers,
 * dates and lists the Indonesian way; a withheld value reads as the sentence without it. Also the
 * default eligibility rules as a PK reads them, and the check that refuses a template with an
 * unknown placeholder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withheld } from '../../functions/cases/evaluate-case';
import { rulesetProblems } from '../../functions/decisions/check';
import { compileRuleset, evaluateRuleset } from '../../functions/decisions/engine';
import type { RulesetContent } from '../../functions/decisions/ruleset';
import {
  conditionSentences,
  type FactWords,
  formatCalendarDate,
  formatValue,
  joinList,
} from '../../functions/decisions/sentences';

const WORDS: Record<string, FactWords> = {
  sentenceMonths: { title: 'Lama pidana', unit: 'bulan' },
  monthsServed: { title: 'Masa pidana yang telah dijalani', unit: 'bulan' },
  sentenceTwoThirdsMonths: { title: 'Dua pertiga masa pidana', unit: 'bulan' },
  adaPenjamin: { title: 'Penjamin bersedia' },
};
const words = (fact: string) => WORDS[fact];

describe('a condition as a sentence', () => {
  it('fills the condition’s own template with the value read and the value required', () => {
    const { text, statement } = conditionSentences(
      {
        name: 'Telah menjalani paling sedikit 2/3 masa pidana',
        text: 'Telah menjalani {{factValue}} dari {{value}} bulan yang disyaratkan',
        fact: 'monthsServed',
        operator: 'greaterThanInclusive',
        value: 24,
        valueFact: 'sentenceTwoThirdsMonths',
        factValue: 23,
      },
      words,
    );
    expect(text).toBe('Telah menjalani 23 dari 24 bulan yang disyaratkan');
    expect(statement).toBe('Telah menjalani paling sedikit 2/3 masa pidana');
  });

  it('says a generic sentence from the fact’s title and unit and the operator when content gives none', () => {
    const { text, statement } = conditionSentences(
      { fact: 'sentenceMonths', operator: 'greaterThanInclusive', value: 24, factValue: 30 },
      words,
    );
    expect(text).toBe('Lama pidana (bulan): 30 — syarat: paling sedikit 24');
    expect(statement).toBe('Lama pidana (bulan) — syarat: paling sedikit 24');
    expect(
      conditionSentences({ fact: 'sentenceMonths', operator: 'lessThan', value: 60, factValue: 72 }, words)
        .text,
    ).toBe('Lama pidana (bulan): 72 — syarat: kurang dari 60');
  });

  it('adds the value read to a named condition, with the requirement when it is another fact', () => {
    expect(
      conditionSentences(
        { name: 'Ada penjamin', fact: 'adaPenjamin', operator: 'equal', value: true, factValue: false },
        words,
      ).text,
    ).toBe('Ada penjamin — Penjamin bersedia: tidak');
    expect(
      conditionSentences(
        {
          name: 'Telah menjalani paling sedikit 2/3 masa pidana',
          fact: 'monthsServed',
          operator: 'greaterThanInclusive',
          value: 26.666666,
          valueFact: 'sentenceTwoThirdsMonths',
          factValue: 23.45,
        },
        words,
      ).text,
    ).toBe(
      'Telah menjalani paling sedikit 2/3 masa pidana — Masa pidana yang telah dijalani: 23,5 bulan; syarat: paling sedikit 26,7 bulan (Dua pertiga masa pidana)',
    );
  });

  it('never shows two different numbers as the same one', () => {
    const { text } = conditionSentences(
      {
        text: 'Telah menjalani {{factValue}} dari {{value}} bulan',
        fact: 'monthsServed',
        operator: 'greaterThanInclusive',
        value: 24,
        factValue: 23.97,
      },
      words,
    );
    expect(text).toBe('Telah menjalani 23,97 dari 24 bulan');
  });

  it('says when the value is not known yet instead of filling the template with nothing', () => {
    const { text } = conditionSentences(
      {
        name: 'Kategori RRI terbaru rendah atau sedang',
        text: 'Kategori RRI terbaru {{factValue}}',
        fact: 'rriCategory',
        operator: 'in',
        value: ['rendah', 'sedang'],
        factValue: null,
      },
      words,
    );
    expect(text).toBe('Kategori RRI terbaru rendah atau sedang — belum ada datanya');
  });

  it('reads dates, lists, yes/no and decorated operators the Indonesian way', () => {
    expect(formatCalendarDate('2026-12-01')).toBe('1 Desember 2026');
    expect(formatValue('2026-02-28')).toBe('28 Februari 2026');
    expect(formatValue(true)).toBe('ya');
    expect(formatValue(1234.56)).toBe('1.234,6');
    expect(joinList(['a', 'b', 'c'])).toBe('a, b, atau c');
    expect(
      conditionSentences(
        {
          fact: 'form:litmas',
          path: '$.putusan.tanggal',
          operator: 'dateOnOrBefore',
          value: '2026-12-01',
          factValue: '2026-12-05',
        },
        words,
      ).text,
    ).toBe('litmas putusan.tanggal: 5 Desember 2026 — syarat: paling lambat 1 Desember 2026');
    expect(
      conditionSentences(
        { fact: 'kategori', operator: 'not:in', value: ['umum', 'narkotika'], factValue: 'umum' },
        words,
      ).text,
    ).toBe('kategori: umum — syarat: bukan umum atau narkotika');
  });
});

const SMALL: RulesetContent = {
  kind: 'eligibility',
  facts: [
    { name: 'monthsServed', type: 'number', title: 'Masa pidana yang telah dijalani', unit: 'bulan' },
    { name: 'sentenceMonths', type: 'number', title: 'Lama pidana', unit: 'bulan' },
  ],
  rules: [
    {
      name: 'contoh',
      conditions: {
        all: [
          {
            name: 'Telah menjalani paling sedikit 24 bulan',
            text: 'Telah menjalani {{factValue}} dari {{value}} bulan yang disyaratkan',
            fact: 'monthsServed',
            operator: 'greaterThanInclusive',
            value: 24,
          },
          { fact: 'sentenceMonths', operator: 'lessThanInclusive', value: 60 },
        ],
      },
      event: { type: 'eligible', params: { program: 'X', title: 'Program contoh' } },
    },
  ],
};

describe('the explanation of a ruleset', () => {
  it('carries each condition’s sentence with the value used and the one without it', async () => {
    const { explanation = [] } = await evaluateRuleset(
      compileRuleset(SMALL),
      { monthsServed: 23, sentenceMonths: 30 },
      { explain: true },
    );
    const conditions = explanation[0]?.conditions ?? [];
    expect(conditions.map((c) => [c.text, c.statement, c.result, c.decisive])).toEqual([
      [
        'Telah menjalani 23 dari 24 bulan yang disyaratkan',
        'Telah menjalani paling sedikit 24 bulan',
        false,
        true,
      ],
      [
        'Lama pidana (bulan): 30 — syarat: paling banyak 60',
        'Lama pidana (bulan) — syarat: paling banyak 60',
        true,
        false,
      ],
    ]);
  });

  it('reads without the value once it is withheld', async () => {
    const result = await evaluateRuleset(
      compileRuleset(SMALL),
      { monthsServed: 23, sentenceMonths: 30 },
      { explain: true },
    );
    const shown = withheld(
      result,
      { monthsServed: 23, sentenceMonths: 30 },
      { monthsServed: null, sentenceMonths: 30 },
    );
    const [served, sentence] = shown.explanation?.[0]?.conditions ?? [];
    expect(served).toMatchObject({
      text: 'Telah menjalani paling sedikit 24 bulan',
      factValue: null,
      withheld: true,
      result: false,
    });
    expect(sentence?.text).toBe('Lama pidana (bulan): 30 — syarat: paling banyak 60');
  });

  it('reads the default eligibility rules as a PK would: months served of months required, decisive', async () => {
    const content = JSON.parse(
      readFileSync(new URL('../../rules/kelayakan-integrasi.json', import.meta.url), 'utf8'),
    ) as RulesetContent & { id: string; title: string };
    const { explanation = [] } = await evaluateRuleset(
      compileRuleset(content),
      {
        klienAnak: false,
        sentenceMonths: 36,
        sentenceTwoThirdsMonths: 24,
        sentenceHalfMonths: 18,
        monthsServed: 20,
        monthsWithoutDisciplinary: 20,
        monthsWithoutDisciplinaryBeforeTwoThirds: 24,
        aktifProgram: true,
        adaPenjamin: false,
        masyarakatDapatMenerima: true,
        kategoriTindakPidana: 'umum',
        rriCategory: 'sedang',
        rriCategoryPrevious: 'tinggi',
        rriLevelsDecreased: 1,
      },
      { explain: true },
    );
    const pb = explanation.find((rule) => rule.rule === 'pb-dewasa');
    expect(pb?.event.params?.title).toBe('Pembebasan bersyarat (PB)');
    const decisive = pb?.conditions.filter((c) => c.decisive).map((c) => c.text);
    expect(decisive).toEqual([
      'Telah menjalani 20 dari 24 bulan masa pidana yang disyaratkan (2/3 masa pidana)',
      'Ada penjamin yang sanggup membantu membimbing dan mengawasi (litmas: tidak)',
    ]);
    expect(pb?.conditions.map((c) => c.text)).toContain(
      'Kategori RRI terbaru sedang; yang disyaratkan rendah atau sedang',
    );
    for (const rule of explanation) {
      for (const condition of rule.conditions) expect(condition.text).not.toMatch(/\{\{|undefined/);
    }
  });
});

describe('a condition’s template when the ruleset is saved', () => {
  it('is refused with an unknown placeholder, pointing at it', async () => {
    const content = structuredClone(SMALL) as unknown as {
      rules: { conditions: { all: Record<string, unknown>[] } }[];
    };
    const leaf = content.rules[0]?.conditions.all[0];
    if (leaf) leaf.text = 'Telah menjalani {{nilai}} bulan';
    const problems = await rulesetProblems(content, new Map(), 'id');
    expect(problems).toEqual([
      {
        path: '/rules/0/conditions/all/0/text',
        message: 'teks kondisi hanya dapat memuat {{factValue}} dan {{value}}, bukan {{nilai}}',
      },
    ]);
    expect(await rulesetProblems(SMALL, new Map(), 'id')).toEqual([]);
  });
});
