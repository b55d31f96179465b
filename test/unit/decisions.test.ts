import { describe, expect, it } from 'vitest';
import { rulesetProblems, suppliedFactProblems } from '../../functions/decisions/check';
import { compileRuleset, EngineCache, evaluateRuleset } from '../../functions/decisions/engine';
import { operatorSpec } from '../../functions/decisions/operators';
import { pathSegments, resolvePath, typeAtPath } from '../../functions/decisions/paths';
import type { RulesetContent } from '../../functions/decisions/ruleset';
import { eventsMatch, runRulesetTests } from '../../functions/decisions/tests';

const FORM_SCHEMA = {
  type: 'object',
  properties: {
    bagianA: {
      type: 'object',
      properties: {
        jumlahPasal: { type: 'integer' },
        penyalahgunaanZat: { type: 'string', oneOf: [{ const: 'tidak' }, { const: 'alkohol' }] },
        tanggal: { type: 'string', format: 'date' },
        kondisi: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};
const SCHEMAS = new Map<string, Record<string, unknown> | undefined>([
  ['asesmen-risiko', FORM_SCHEMA],
  ['draf-saja', undefined],
]);

/** The facts these rules read beyond the built-ins, declared as a ruleset must. */
const DECLARED = [
  { name: 'monthsServed', type: 'number' },
  { name: 'sentenceTwoThirdsMonths', type: 'number' },
  { name: 'rriCategory', type: 'string' },
];
const ruleset = (rules: unknown[], extra: { facts?: unknown[] } & Record<string, unknown> = {}) => ({
  kind: 'eligibility',
  rules,
  ...extra,
  facts: [...DECLARED, ...(extra.facts ?? [])],
});
const rule = (conditions: unknown, name = 'r1') => ({ name, conditions, event: { type: 'ok' } });
const problemsOf = (content: unknown) => rulesetProblems(content, SCHEMAS, 'id');
const paths = async (content: unknown) => (await problemsOf(content)).map((p) => p.path);

describe('ruleset checks on save', () => {
  it('accepts a good ruleset', async () => {
    const good = ruleset(
      [
        rule({
          all: [
            {
              fact: 'monthsServed',
              operator: 'greaterThanInclusive',
              value: { fact: 'sentenceTwoThirdsMonths' },
            },
            { fact: 'form:asesmen-risiko', path: '$.bagianA.jumlahPasal', operator: 'lessThan', value: 3 },
            { fact: 'adaPenjamin', operator: 'equal', value: true },
            { not: { fact: 'rriCategory', operator: 'in', value: ['tinggi'] } },
            { fact: 'case', path: '$.client.birthDate', operator: 'dateBefore', value: '2010-01-01' },
          ],
        }),
      ],
      { facts: [{ name: 'adaPenjamin', type: 'boolean', description: 'ada penjamin' }] },
    );
    expect(await problemsOf(good)).toEqual([]);
  });

  it('refuses malformed rule JSON: rules that are not an array, a rule without conditions', async () => {
    expect(await paths({ kind: 'x', rules: { a: 1 } })).toContain('/rules');
    expect(await paths(ruleset([{ event: { type: 'ok' } }]))).toContain('/rules/0/conditions');
    expect(await paths(ruleset([rule({ all: 'x' })]))).toContain('/rules/0/conditions/all');
    expect(await paths(ruleset([rule({ all: [] })]))).toContain('/rules/0/conditions/all');
    expect(await paths(ruleset([rule({ fact: 'today', operator: 'equal', value: 1 })]))).toContain(
      '/rules/0/conditions',
    );
    expect(await paths(ruleset([rule({ all: [{ fact: 'today' }] })]))).toContain('/rules/0/conditions/all/0');
  });

  it('refuses an unknown operator', async () => {
    const found = await problemsOf(
      ruleset([rule({ all: [{ fact: 'monthsServed', operator: 'kiraKira', value: 1 }] })]),
    );
    expect(found).toEqual([
      { path: '/rules/0/conditions/all/0/operator', message: 'operator "kiraKira" tidak dikenal' },
    ]);
    expect(
      await paths(ruleset([rule({ all: [{ fact: 'monthsServed', operator: 'someFact:equal', value: 1 }] })])),
    ).toEqual(['/rules/0/conditions/all/0/operator']);
  });

  it('refuses a fact that is neither in the catalogue nor declared, also as a value', async () => {
    expect(
      await paths(ruleset([rule({ any: [{ fact: 'lamaPidana', operator: 'equal', value: 1 }] })])),
    ).toEqual(['/rules/0/conditions/any/0/fact']);
    expect(
      await paths(
        ruleset([rule({ any: [{ fact: 'monthsServed', operator: 'equal', value: { fact: 'entahApa' } }] })]),
      ),
    ).toEqual(['/rules/0/conditions/any/0/value/fact']);
  });

  it('refuses a path that is not in the published form schema, and a form that is not published', async () => {
    const missing = await problemsOf(
      ruleset([
        rule({
          all: [{ fact: 'form:asesmen-risiko', path: '$.bagianA.tidakAda', operator: 'equal', value: 1 }],
        }),
      ]),
    );
    expect(missing[0]?.path).toBe('/rules/0/conditions/all/0/path');
    expect(missing[0]?.message).toContain('$.bagianA.tidakAda');
    expect(
      await paths(
        ruleset([rule({ all: [{ fact: 'form:draf-saja', path: '$.a', operator: 'equal', value: 1 }] })]),
      ),
    ).toEqual(['/rules/0/conditions/all/0/path']);
    expect(
      await paths(
        ruleset([rule({ all: [{ fact: 'case', path: '$.client.hobi', operator: 'equal', value: 1 }] })]),
      ),
    ).toEqual(['/rules/0/conditions/all/0/path']);
    expect(
      await paths(
        ruleset([rule({ all: [{ fact: 'case', path: '$..client', operator: 'equal', value: 1 }] })]),
      ),
    ).toEqual(['/rules/0/conditions/all/0/path']);
    expect(
      await paths(
        ruleset([rule({ all: [{ fact: 'monthsServed', path: '$.a', operator: 'equal', value: 1 }] })]),
      ),
    ).toEqual(['/rules/0/conditions/all/0/path']);
  });

  it('refuses an operator that does not fit the fact type, and a value of the wrong kind', async () => {
    const text = await problemsOf(
      ruleset([
        rule({
          all: [
            {
              fact: 'form:asesmen-risiko',
              path: '$.bagianA.penyalahgunaanZat',
              operator: 'greaterThan',
              value: 1,
            },
          ],
        }),
      ]),
    );
    expect(text).toEqual([
      {
        path: '/rules/0/conditions/all/0/operator',
        message: 'operator "greaterThan" tidak cocok untuk fakta bertipe string',
      },
    ]);
    expect(
      await paths(ruleset([rule({ all: [{ fact: 'rriCategory', operator: 'contains', value: 'x' }] })])),
    ).toEqual(['/rules/0/conditions/all/0/operator']);
    expect(
      await paths(ruleset([rule({ all: [{ fact: 'monthsServed', operator: 'greaterThan', value: '9' }] })])),
    ).toEqual(['/rules/0/conditions/all/0/value']);
    expect(
      await paths(ruleset([rule({ all: [{ fact: 'rriCategory', operator: 'in', value: 'tinggi' }] })])),
    ).toEqual(['/rules/0/conditions/all/0/value']);
    expect(
      await paths(ruleset([rule({ all: [{ fact: 'today', operator: 'dateBefore', value: '2026-02-30' }] })])),
    ).toEqual(['/rules/0/conditions/all/0/value']);
    expect(
      await paths(
        ruleset([
          rule({
            all: [
              { fact: 'form:asesmen-risiko', path: '$.bagianA.kondisi', operator: 'contains', value: 'tb' },
            ],
          }),
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses duplicate rule names, events without a type, and declared facts that clash', async () => {
    expect(
      await paths(
        ruleset([
          rule({ all: [{ fact: 'today', operator: 'equal', value: 1 }] }, 'x'),
          rule({ any: [{ fact: 'today', operator: 'equal', value: 2 }] }, 'x'),
        ]),
      ),
    ).toEqual(['/rules/1/name']);
    expect(
      await paths(
        ruleset([
          { name: 'r', conditions: { all: [{ fact: 'today', operator: 'equal', value: 1 }] }, event: {} },
        ]),
      ),
    ).toEqual(['/rules/0/event/type']);
    expect(
      await paths(
        ruleset([], {
          facts: [
            { name: 'a', type: 'number' },
            { name: 'a', type: 'string' },
            { name: 'today', type: 'date' },
          ],
        }),
      ),
    ).toEqual(['/facts/4/name', '/facts/5/name']);
  });

  it('stops at conditions nested 1,000 deep without overflowing', async () => {
    let conditions: unknown = { fact: 'today', operator: 'equal', value: 1 };
    for (let i = 0; i < 1000; i++) conditions = { all: [conditions] };
    const found = await problemsOf(ruleset([rule(conditions)]));
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('bersarang');
  });

  it('checks the facts of each test: unknown names and wrong types', async () => {
    const content = ruleset([rule({ all: [{ fact: 'monthsServed', operator: 'equal', value: 1 }] })], {
      tests: [
        {
          name: 't1',
          facts: { monthsServed: 'empat', siapa: 1, today: '2026-01-01', case: null },
          expect: { events: [] },
        },
        { name: 't1', facts: {}, expect: { events: [] } },
      ],
    });
    expect((await paths(content)).sort()).toEqual([
      '/tests/0/facts/monthsServed',
      '/tests/0/facts/siapa',
      '/tests/1/name',
    ]);
    expect(suppliedFactProblems({ today: '2026-02-30' }, new Map(), '/facts', 'en')).toEqual([
      { path: '/facts/today', message: 'fact "today" must be of type date' },
    ]);
  });
});

describe('paths', () => {
  it('accepts simple JSONPath only', () => {
    expect(pathSegments('$.a.b[0]')).toEqual(['a', 'b', '0']);
    expect(pathSegments("$['a b']")).toEqual(['a b']);
    expect(pathSegments('$..a')).toBeUndefined();
    expect(pathSegments('$.a[*]')).toBeUndefined();
    expect(pathSegments('$.a[?(@.x)]')).toBeUndefined();
    expect(pathSegments('a.b')).toBeUndefined();
  });

  it('refuses a path into an object prototype', () => {
    for (const path of ['$.__proto__', '$.a.constructor', "$['prototype']", '$.a.constructor.prototype.x'])
      expect(pathSegments(path), path).toBeUndefined();
    expect(pathSegments('$.constructors')).toEqual(['constructors']);
  });

  it('resolves without evaluating anything and without reaching the prototype', () => {
    expect(resolvePath({ a: { b: [5] } }, '$.a.b[0]')).toBe(5);
    expect(resolvePath({ a: 1 }, '$.a.b')).toBeNull();
    expect(resolvePath({}, '$.constructor')).toBeNull();
  });

  it('finds types inside schemas, through $ref and conditionals', () => {
    const schema = {
      type: 'object',
      definitions: { tgl: { type: 'string', format: 'date' } },
      properties: { a: { $ref: '#/definitions/tgl' }, n: { type: ['integer', 'null'] } },
      allOf: [{ if: {}, then: { properties: { b: { type: 'boolean' } } } }],
    };
    expect(typeAtPath(schema, ['a'])).toBe('date');
    expect(typeAtPath(schema, ['n'])).toBe('number');
    expect(typeAtPath(schema, ['b'])).toBe('boolean');
    expect(typeAtPath(schema, ['c'])).toBeUndefined();
  });

  it('knows the not: decorator', () => {
    expect(operatorSpec('not:in')?.value).toBe('array');
    expect(operatorSpec('swap:in')).toBeUndefined();
    expect(operatorSpec('toString')).toBeUndefined();
  });
});

const PB: RulesetContent = {
  kind: 'eligibility',
  facts: [
    { name: 'adaPenjamin', type: 'boolean', description: '' },
    { name: 'monthsServed', type: 'number', description: '' },
    { name: 'sentenceTwoThirdsMonths', type: 'number', description: '' },
    { name: 'rriCategory', type: 'string', description: '' },
  ],
  rules: [
    {
      name: 'pb',
      conditions: {
        all: [
          {
            name: '2/3 dijalani',
            fact: 'monthsServed',
            operator: 'greaterThanInclusive',
            value: { fact: 'sentenceTwoThirdsMonths' },
          },
          {
            name: '2/3 ≥ 9 bulan',
            fact: 'sentenceTwoThirdsMonths',
            operator: 'greaterThanInclusive',
            value: 9,
            priority: 10,
          },
          { fact: 'adaPenjamin', operator: 'equal', value: true },
        ],
      },
      event: { type: 'eligible', params: { program: 'PB' } },
    },
    {
      name: 'risiko',
      conditions: { any: [{ fact: 'rriCategory', operator: 'in', value: ['tinggi', 'sangat tinggi'] }] },
      event: { type: 'risiko-tinggi' },
    },
  ],
  tests: [],
};

describe('evaluation and explanation', () => {
  const compiled = compileRuleset(PB);

  it('answers alike when the first runs of a fresh ruleset arrive together (its engine loads once)', async () => {
    const fresh = compileRuleset(PB);
    const facts = { sentenceTwoThirdsMonths: 40, monthsServed: 50, adaPenjamin: true, rriCategory: 'tinggi' };
    const together = await Promise.all([1, 2, 3].map(() => evaluateRuleset(fresh, facts, { explain: true })));
    const alone = await evaluateRuleset(compileRuleset(PB), facts, { explain: true });
    expect(alone.events.map((e) => e.type).sort()).toEqual(['eligible', 'risiko-tinggi']);
    for (const result of together) expect(result).toEqual(alone);
  });

  it('fires on the facts it is given (a case type builds them; the engine computes none)', async () => {
    const result = await evaluateRuleset(
      compiled,
      { sentenceTwoThirdsMonths: 40, monthsServed: 41, adaPenjamin: true },
      { explain: false },
    );
    expect(result.events).toEqual([{ type: 'eligible', params: { program: 'PB' } }]);
    expect(result.explanation).toBeUndefined();
  });

  it('reads a fact given as a value, e.g. the RRI category a form calculated', async () => {
    const result = await evaluateRuleset(
      compiled,
      { sentenceTwoThirdsMonths: 40, monthsServed: 50, adaPenjamin: true, rriCategory: 'tinggi' },
      { explain: true },
    );
    expect(result.events.map((e) => e.type).sort()).toEqual(['eligible', 'risiko-tinggi']);
    expect(result.explanation?.[1]?.conditions[0]).toMatchObject({
      fact: 'rriCategory',
      factValue: 'tinggi',
      result: true,
    });
  });

  it('explains every leaf, including those the engine short-circuits, with names and pointers', async () => {
    const result = await evaluateRuleset(
      compiled,
      { sentenceTwoThirdsMonths: 8, monthsServed: 11, adaPenjamin: true },
      { explain: true },
    );
    expect(result.events).toEqual([]);
    const pb = result.explanation?.[0];
    expect(pb).toMatchObject({ rule: 'pb', fired: false, event: { type: 'eligible' } });
    expect(pb?.conditions).toEqual([
      {
        name: '2/3 dijalani',
        fact: 'monthsServed',
        operator: 'greaterThanInclusive',
        value: 8,
        factValue: 11,
        result: true,
        at: '/rules/0/conditions/all/0',
        decisive: false,
        text: '2/3 dijalani — nilai yang dibaca: 11; syarat: paling sedikit 8',
        statement: '2/3 dijalani',
      },
      {
        name: '2/3 ≥ 9 bulan',
        fact: 'sentenceTwoThirdsMonths',
        operator: 'greaterThanInclusive',
        value: 9,
        factValue: 8,
        result: false,
        at: '/rules/0/conditions/all/1',
        decisive: true,
        text: '2/3 ≥ 9 bulan — nilai yang dibaca: 8',
        statement: '2/3 ≥ 9 bulan',
      },
      {
        fact: 'adaPenjamin',
        operator: 'equal',
        value: true,
        factValue: true,
        result: true,
        at: '/rules/0/conditions/all/2',
        decisive: false,
        text: 'adaPenjamin: ya — syarat: ya',
        statement: 'adaPenjamin — syarat: ya',
      },
    ]);
    expect(result.explanation?.[1]).toMatchObject({
      rule: 'risiko',
      fired: false,
      conditions: [{ factValue: null, result: false }],
    });
  });

  it('treats a missing fact as unknown: the condition fails, nothing throws', async () => {
    const result = await evaluateRuleset(compiled, {}, { explain: true });
    expect(result.events).toEqual([]);
    expect(result.explanation?.[0]?.conditions.every((c) => c.result === false)).toBe(true);
  });

  it('treats a declared fact nobody supplied as null, so "filled in" checks fail for it', async () => {
    const destination = compileRuleset({
      kind: 'termination',
      facts: [{ name: 'tujuanBapas', type: 'string' }],
      rules: [
        {
          name: 'pindah',
          conditions: {
            all: [{ name: 'Bapas tujuan diisi', fact: 'tujuanBapas', operator: 'notIn', value: [null, ''] }],
          },
          event: { type: 'ok' },
        },
        {
          name: 'kurang',
          conditions: { all: [{ not: { fact: 'tujuanBapas', operator: 'notIn', value: [null, ''] } }] },
          event: { type: 'kurang' },
        },
      ],
    });
    expect((await evaluateRuleset(destination, {}, { explain: false })).events).toEqual([{ type: 'kurang' }]);
    expect((await evaluateRuleset(destination, { tujuanBapas: '' }, { explain: false })).events).toEqual([
      { type: 'kurang' },
    ]);
    const filled = await evaluateRuleset(destination, { tujuanBapas: 'bapas-2' }, { explain: true });
    expect(filled.events).toEqual([{ type: 'ok' }]);
    expect(filled.explanation?.[1]?.conditions[0]).toMatchObject({
      negated: true,
      result: true,
      factValue: 'bapas-2',
    });
  });

  it('caches one compiled ruleset per key', () => {
    const cache = new EngineCache(1);
    let builds = 0;
    const content = () => {
      builds++;
      return PB;
    };
    const first = cache.get('pb@1', content);
    expect(cache.get('pb@1', content)).toBe(first);
    cache.get('pb@2', content);
    cache.get('pb@1', content);
    expect(builds).toBe(3);
  });
});

describe('the test runner', () => {
  it('compares events as multisets, matching the params a test names', () => {
    expect(eventsMatch([{ type: 'a' }], [{ type: 'a', params: { x: 1 } }])).toBe(true);
    expect(eventsMatch([{ type: 'a', params: { x: 1 } }], [{ type: 'a', params: { x: 2 } }])).toBe(false);
    expect(eventsMatch([{ type: 'a' }, { type: 'b' }], [{ type: 'b' }, { type: 'a' }])).toBe(true);
    expect(eventsMatch([{ type: 'a' }], [{ type: 'a' }, { type: 'a' }])).toBe(false);
    expect(eventsMatch([], [{ type: 'a' }])).toBe(false);
    expect(eventsMatch([], [])).toBe(true);
  });

  it('reports each test with its expected and actual events', async () => {
    const outcomes = await runRulesetTests(compileRuleset(PB), [
      {
        name: 'lulus',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 41, adaPenjamin: true },
        expect: { events: [{ type: 'eligible', params: { program: 'PB' } }] },
      },
      {
        name: 'gagal',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 39, adaPenjamin: true },
        expect: { events: [{ type: 'eligible' }] },
      },
    ]);
    expect(outcomes).toEqual([
      {
        test: 'lulus',
        passed: true,
        expected: [{ type: 'eligible', params: { program: 'PB' } }],
        actual: [{ type: 'eligible', params: { program: 'PB' } }],
      },
      { test: 'gagal', passed: false, expected: [{ type: 'eligible' }], actual: [] },
    ]);
  });
});
