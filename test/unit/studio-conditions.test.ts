/** The condition builder's conversion between json-rules-engine conditions and react-querybuilder queries. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BuilderGroup,
  type BuilderRule,
  fieldName,
  OPAQUE,
  opaqueRules,
  splitField,
  toConditions,
  toQuery,
} from '../../web/src/features/studio/rulesets/conditions';

const RULES_DIR = new URL('../../rules/', import.meta.url).pathname;
const rulesets = readdirSync(RULES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    file,
    content: JSON.parse(readFileSync(join(RULES_DIR, file), 'utf8')) as {
      rules: { name?: string; conditions: unknown }[];
    },
  }));

const roundTrip = (conditions: unknown) => toConditions(toQuery(conditions));

describe('every default ruleset', () => {
  it('is found', () => {
    expect(rulesets.length).toBeGreaterThanOrEqual(9);
  });

  it.each(rulesets.map(({ file, content }) => [file, content] as const))(
    '%s: each rule comes back unchanged, key order included, with nothing left to the JSON view',
    (_file, content) => {
      for (const rule of content.rules) {
        const query = toQuery(rule.conditions);
        expect(JSON.stringify(toConditions(query))).toBe(JSON.stringify(rule.conditions));
        expect(opaqueRules(query)).toEqual([]);
      }
    },
  );
});

describe('groups', () => {
  it('reads all/any as and/or, and a negated group as a group with not', () => {
    const leaf = { fact: 'umur', operator: 'lessThan', value: 18 };
    const query = toQuery({ all: [leaf, { not: { any: [leaf, leaf] } }] });
    expect(query.combinator).toBe('and');
    const inner = query.rules[1] as BuilderGroup;
    expect(inner).toMatchObject({ combinator: 'or', not: true });
    expect(inner.rules).toHaveLength(2);
    expect(roundTrip({ all: [leaf, { not: { any: [leaf, leaf] } }] })).toEqual({
      all: [leaf, { not: { any: [leaf, leaf] } }],
    });
  });

  it('keeps {not: leaf}, {not: {not: …}} and a root not as written', () => {
    const leaf = { fact: 'anak', operator: 'equal', value: true };
    for (const conditions of [
      { all: [{ not: leaf }] },
      { not: { not: { all: [leaf] } } },
      { not: leaf },
      { not: { all: [leaf], name: 'kelompok bernama' } },
    ]) {
      expect(roundTrip(conditions)).toEqual(conditions);
    }
  });

  it('writes a negated single child as a negated group once a second condition is added', () => {
    const leaf = { fact: 'anak', operator: 'equal', value: true };
    const query = toQuery({ all: [{ not: leaf }] });
    const negated = query.rules[0] as BuilderGroup;
    negated.rules.push({ field: 'umur', operator: 'lessThan', value: 12 });
    expect(toConditions(query)).toEqual({
      all: [{ not: { all: [leaf, { fact: 'umur', operator: 'lessThan', value: 12 }] } }],
    });
  });

  it('turns a group from and to or, and drops not when it is switched off', () => {
    const leaf = { fact: 'umur', operator: 'lessThan', value: 18 };
    const query = toQuery({ not: { all: [leaf, leaf] } });
    query.combinator = 'or';
    expect(toConditions(query)).toEqual({ not: { any: [leaf, leaf] } });
    query.not = false;
    expect(toConditions(query)).toEqual({ any: [leaf, leaf] });
  });

  it('wraps a root leaf in a group that unwraps on the way back', () => {
    const leaf = { fact: 'umur', operator: 'lessThan', value: 18 };
    const query = toQuery(leaf);
    expect(query.rules).toHaveLength(1);
    expect(roundTrip(leaf)).toEqual(leaf);
  });

  it('keeps the keys of a group node beside all/any', () => {
    const conditions = { name: 'syarat umur', all: [{ fact: 'umur', operator: 'lessThan', value: 18 }] };
    expect(JSON.stringify(roundTrip(conditions))).toBe(JSON.stringify(conditions));
  });
});

describe('leaves', () => {
  it('name the field by fact and path, and split it back', () => {
    expect(fieldName('form:identifikasi', '$.kebutuhanAwal.kondisiKhusus')).toBe(
      'form:identifikasi$.kebutuhanAwal.kondisiKhusus',
    );
    expect(splitField('form:identifikasi$.kebutuhanAwal.kondisiKhusus')).toEqual({
      fact: 'form:identifikasi',
      path: '$.kebutuhanAwal.kondisiKhusus',
    });
    expect(splitField('monthsServed')).toEqual({ fact: 'monthsServed' });
  });

  it('carry the condition’s words, and an edit of the threshold changes only the value', () => {
    const leaf = {
      name: 'Usia saat tindak pidana paling sedikit 12 tahun',
      text: 'Usia {{factValue}} tahun; syaratnya paling sedikit {{value}} tahun',
      fact: 'ageAtOffenceYears',
      operator: 'greaterThanInclusive',
      value: 12,
    };
    const query = toQuery({ all: [leaf] });
    const rule = query.rules[0] as BuilderRule;
    expect(rule).toMatchObject({ field: 'ageAtOffenceYears', name: leaf.name, text: leaf.text, value: 12 });
    rule.value = 16;
    rule.name = 'Usia saat tindak pidana paling sedikit 16 tahun';
    expect(JSON.stringify(toConditions(query))).toBe(
      JSON.stringify({
        all: [{ ...leaf, name: 'Usia saat tindak pidana paling sedikit 16 tahun', value: 16 }],
      }),
    );
  });

  it('compare a fact with another fact as a field-to-field rule', () => {
    const leaf = {
      fact: 'monthsServed',
      operator: 'greaterThanInclusive',
      value: { fact: 'sentenceTwoThirdsMonths' },
    };
    const rule = toQuery({ all: [leaf] }).rules[0] as BuilderRule;
    expect(rule).toMatchObject({ valueSource: 'field', value: 'sentenceTwoThirdsMonths' });
    expect(roundTrip({ all: [leaf] })).toEqual({ all: [leaf] });
    const withPath = { fact: 'today', operator: 'dateOnOrBefore', value: { fact: 'form:x', path: '$.a.b' } };
    expect(roundTrip({ all: [withPath] })).toEqual({ all: [withPath] });
  });

  it('keep params and unknown keys, which only the JSON view edits', () => {
    const leaf = { fact: 'skor', operator: 'greaterThan', value: 3, params: { bobot: 2 }, priority: 5 };
    const rule = toQuery({ any: [leaf] }).rules[0] as BuilderRule;
    expect(rule.extra).toEqual({ params: { bobot: 2 }, priority: 5 });
    expect(JSON.stringify(roundTrip({ any: [leaf] }))).toBe(JSON.stringify({ any: [leaf] }));
  });

  it('keep a node the builder cannot show as an opaque rule, unchanged', () => {
    const odd = [
      { condition: 'sharedCondition' },
      { fact: 'a$b', operator: 'equal', value: 1 },
      { fact: 'umur', operator: 'equal' },
      { fact: 'umur', path: 'tanpa-dolar', operator: 'equal', value: 1 },
      { fact: 'umur', operator: 'equal', value: { fact: 'lain', params: { x: 1 } } },
      { all: [], any: [] },
      { not: [1] },
      'teks',
    ];
    for (const node of odd) {
      const query = toQuery({ all: [node] });
      const [rule] = query.rules as BuilderRule[];
      if (node === odd[4]) {
        // A value that names a fact with params is an ordinary value the builder shows as JSON.
        expect(rule?.field).toBe('umur');
      } else {
        expect(rule?.field).toBe(OPAQUE);
        expect(opaqueRules(query)).toHaveLength(1);
      }
      expect(roundTrip({ all: [node] })).toEqual({ all: [node] });
    }
  });

  it('write a new rule from the builder in the usual key order', () => {
    const query: BuilderGroup = {
      combinator: 'and',
      rules: [{ field: 'form:identifikasi$.registrasi.kategoriKlien', operator: 'equal', value: 'anak' }],
    };
    expect(JSON.stringify(toConditions(query))).toBe(
      JSON.stringify({
        all: [
          { fact: 'form:identifikasi', operator: 'equal', value: 'anak', path: '$.registrasi.kategoriKlien' },
        ],
      }),
    );
  });
});
