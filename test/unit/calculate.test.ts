import { describe, expect, it, vi } from 'vitest';
import * as expression from '../../functions/domain/expression';
import { applyCalculations, calculatedFields } from '../../functions/validation/calculate';

vi.mock('../../functions/domain/expression', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/domain/expression')>();
  return { ...original, compileExpression: vi.fn(original.compileExpression) };
});

const calc = (text: string, rest: Record<string, unknown> = {}) => ({ 'x-calculate': text, ...rest });

/** A small RRI-like form: part A answers, their total and category, part B only for a low total. */
const RISK = {
  type: 'object',
  properties: {
    bagianA: {
      type: 'object',
      properties: {
        ditahanUsia16: { type: 'boolean' },
        jumlahPutusanSebelumnya: { type: 'integer' },
        menganggur12Bulan: { type: 'boolean' },
      },
    },
    skorA: {
      type: 'integer',
      readOnly: true,
      ...calc(
        '(bagianA.ditahanUsia16 ? 3 : 0) + (bagianA.jumlahPutusanSebelumnya >= 3 ? 4 : bagianA.jumlahPutusanSebelumnya >= 1 ? 2 : 0) + (bagianA.menganggur12Bulan ? 1 : 0)',
      ),
    },
    kategoriRisiko: {
      type: 'string',
      readOnly: true,
      ...calc('skorA >= 7 ? "sedang" : "rendah"'),
    },
  },
  allOf: [
    {
      if: { required: ['skorA'], properties: { skorA: { maximum: 6 } } },
      then: { required: ['bagianB'], properties: { bagianB: { type: 'object' } } },
    },
  ],
};

describe('calculatedFields', () => {
  it('lists calculated properties in document order, nested ones by their JSON Pointer', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'integer' },
        total: calc('a * 2'),
        alamat: {
          type: 'object',
          properties: { kode: calc('$uppercase(kota)'), 'rt/rw': calc('"01/02"') },
        },
        akhir: calc('total + 1'),
      },
    };
    expect(calculatedFields(schema)).toEqual([
      { pointer: '/total', expression: 'a * 2' },
      { pointer: '/alamat/kode', expression: '$uppercase(kota)' },
      { pointer: '/alamat/rt~1rw', expression: '"01/02"' },
      { pointer: '/akhir', expression: 'total + 1' },
    ]);
  });

  it('finds them in allOf, then and else branches and behind #/definitions and #/$defs', () => {
    const schema = {
      type: 'object',
      definitions: { skor: calc('1 + 1', { type: 'integer' }) },
      $defs: { bagian: { type: 'object', properties: { jumlah: calc('2 + 2') } } },
      properties: { skor: { $ref: '#/definitions/skor' }, bagian: { $ref: '#/$defs/bagian' } },
      allOf: [
        {
          if: { properties: { a: { const: 1 } } },
          then: { properties: { dariThen: calc('"then"') } },
          else: { properties: { dariElse: calc('"else"') } },
        },
        { properties: { dariAllOf: calc('"allOf"') } },
      ],
    };
    expect(calculatedFields(schema).map((field) => field.pointer)).toEqual([
      '/skor',
      '/bagian/jumlah',
      '/dariThen',
      '/dariElse',
      '/dariAllOf',
    ]);
  });

  it('counts a pointer declared twice once, with its first expression', () => {
    const schema = {
      type: 'object',
      properties: { skor: calc('1') },
      allOf: [{ then: { properties: { skor: calc('2') } } }],
    };
    expect(calculatedFields(schema)).toEqual([{ pointer: '/skor', expression: '1' }]);
  });

  it('stops at a $ref that leads back into itself', () => {
    const schema = {
      type: 'object',
      definitions: {
        node: { type: 'object', properties: { nilai: calc('1'), anak: { $ref: '#/definitions/node' } } },
      },
      properties: { akar: { $ref: '#/definitions/node' } },
    };
    expect(calculatedFields(schema).map((field) => field.pointer)).toEqual(['/akar/nilai']);
  });

  it('ignores x-calculate that is not a string and schemas without calculations', () => {
    expect(calculatedFields({ type: 'object', properties: { a: { 'x-calculate': 3 } } })).toEqual([]);
    expect(calculatedFields({ type: 'object' })).toEqual([]);
  });
});

describe('applyCalculations', () => {
  it('computes the RRI-like total and category, into a new object', async () => {
    const data = { bagianA: { ditahanUsia16: true, jumlahPutusanSebelumnya: 1, menganggur12Bulan: true } };
    const result = await applyCalculations(RISK, data);
    expect(result).toEqual({ data: { ...data, skorA: 6, kategoriRisiko: 'rendah' }, errors: [] });
    expect(data).not.toHaveProperty('skorA');
    expect(result.data.bagianA).not.toBe(data.bagianA);

    const higher = await applyCalculations(RISK, {
      bagianA: { ditahanUsia16: true, jumlahPutusanSebelumnya: 3, menganggur12Bulan: false },
    });
    expect(higher.data).toMatchObject({ skorA: 7, kategoriRisiko: 'sedang' });
  });

  it('overwrites whatever the client sent for a calculated field', async () => {
    const result = await applyCalculations(RISK, {
      bagianA: { ditahanUsia16: false, jumlahPutusanSebelumnya: 0, menganggur12Bulan: false },
      skorA: 17,
      kategoriRisiko: 'sangat tinggi',
    });
    expect(result.data).toMatchObject({ skorA: 0, kategoriRisiko: 'rendah' });
  });

  it('writes nested pointers, creating a missing parent only for a value', async () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'integer' },
        ringkasan: { type: 'object', properties: { dobel: calc('a * 2'), kosong: calc('tidakAda') } },
        lain: { type: 'object', properties: { kosong: calc('tidakAda') } },
      },
    };
    expect((await applyCalculations(schema, { a: 4 })).data).toEqual({ a: 4, ringkasan: { dobel: 8 } });
    expect((await applyCalculations(schema, {})).data).toEqual({});
    expect((await applyCalculations(schema, { lain: { kosong: 'dari klien' } })).data).toEqual({ lain: {} });
  });

  it('evaluates in document order: a later expression sees earlier results, an earlier one does not', async () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'integer' },
        sebelum: calc('tengah'),
        tengah: calc('a + 1'),
        sesudah: calc('tengah * 10'),
      },
    };
    const { data } = await applyCalculations(schema, { a: 1, tengah: 100 });
    // `sebelum` reads the value as sent (the client's), `sesudah` the calculated one.
    expect(data).toEqual({ a: 1, sebelum: 100, tengah: 2, sesudah: 20 });
  });

  it('removes the property when the result is undefined', async () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' }, dobel: calc('a * 2') } };
    expect((await applyCalculations(schema, { dobel: 99 })).data).toEqual({});
  });

  it('reports an expression that does not parse, removes its property and computes the rest', async () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer' }, rusak: calc('a +'), benar: calc('a + 1') },
    };
    const result = await applyCalculations(schema, { a: 1, rusak: 5 });
    expect(result.data).toEqual({ a: 1, benar: 2 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ pointer: '/rusak', expression: 'a +' });
    expect(result.errors[0]?.code).toMatch(/^S0/);
  });

  it('bounds a runaway expression by the time budget', async () => {
    const schema = {
      type: 'object',
      properties: {
        putar: calc('($f := function($n) { $f($n + 1) }; $f(0))'),
        berat: calc('$sum([1..9000].([1..9000] ~> $count()))'),
        sesudah: calc('"selesai"'),
      },
    };
    const started = Date.now();
    const result = await applyCalculations(schema, { putar: 1, berat: 2 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.data).toEqual({ sesudah: 'selesai' });
    expect(result.errors.map((error) => error.pointer)).toEqual(['/putar', '/berat']);
    expect(result.errors.every((error) => /^D|^U/.test(error.code))).toBe(true);
  });

  it('reports a value whose parent is not an object and leaves the parent alone', async () => {
    const schema = {
      type: 'object',
      properties: { bagian: { type: 'object', properties: { nilai: calc('1') } } },
    };
    const result = await applyCalculations(schema, { bagian: 'teks' });
    expect(result.data).toEqual({ bagian: 'teks' });
    expect(result.errors[0]).toMatchObject({ pointer: '/bagian/nilai', code: 'parent_not_object' });
  });

  it('writes a property named __proto__ as data, never as the prototype', async () => {
    // Parsed, as content arrives: a `__proto__` key in an object literal would set the prototype.
    const schema = JSON.parse(
      '{"type": "object", "properties": {"__proto__": {"x-calculate": "{\\"polluted\\": true}"}}}',
    ) as Record<string, unknown>;
    const { data } = await applyCalculations(schema, {});
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('passes bindings to the expressions', async () => {
    const schema = { type: 'object', properties: { hari: calc('$today') } };
    expect((await applyCalculations(schema, {}, { bindings: { today: '2026-11-20' } })).data).toEqual({
      hari: '2026-11-20',
    });
  });

  it('leaves data that is not an object as it is', async () => {
    expect(await applyCalculations(RISK, null)).toEqual({ data: null, errors: [] });
    expect(await applyCalculations(RISK, [1])).toEqual({ data: [1], errors: [] });
  });

  it('compiles each expression text once, however often it runs', async () => {
    const text = `"sekali" & "${Math.random()}"`;
    const schema = { type: 'object', properties: { a: calc(text), b: calc(text) } };
    const compile = vi.mocked(expression.compileExpression);
    const before = compile.mock.calls.filter(([called]) => called === text).length;
    for (let round = 0; round < 3; round++) await applyCalculations(schema, {});
    await applyCalculations({ ...schema }, {});
    expect(compile.mock.calls.filter(([called]) => called === text).length - before).toBe(1);
  });
});

describe('regular expressions in expressions', () => {
  it('match on a linear-time engine: a pattern that backtracks for hours answers at once, with no match', async () => {
    const compiled = expression.compileExpression(`$match("${'a'.repeat(40)}!", /^(a+)+$/)`);
    expect(await expression.evaluateExpression(compiled, {})).toBeUndefined();
  });

  it('keep JSONata’s behaviour for flags, groups, positions and the string functions', async () => {
    const run = (text: string) => expression.evaluateExpression(expression.compileExpression(text), {});
    expect(await run('$match("é🙂 BBc abbb", /(b+)(c)?/i)')).toEqual([
      { match: 'BBc', index: 4, groups: ['BB', 'c'] },
      { match: 'bbb', index: 9, groups: ['bbb', undefined] },
    ]);
    expect(await run('$replace("a-b-c", /-/, "+")')).toBe('a+b+c');
    expect(await run('$split("a1b22c", /[0-9]+/)')).toEqual(['a', 'b', 'c']);
    expect(await run('$contains("Hello", /ELL/i)')).toBe(true);
  });

  it('refuses at compile a regular expression that needs backtracking, with its position', () => {
    expect(() => expression.compileExpression('$match(x, /(a)\\1/)')).toThrow(expression.ExpressionError);
    let caught: unknown;
    try {
      expression.compileExpression('$match(x, /(?=a)b/)');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'regex', position: expect.any(Number) });
  });
});

describe('an expression that overruns its budget', () => {
  it('is not failed by one pause of the machine: an overrun is tried once more at once', async () => {
    let calls = 0;
    // The first evaluation is held past the budget (as a busy host would hold it), the second is not.
    const pausedOnce = () => {
      calls++;
      const until = Date.now() + (calls === 1 ? expression.EXPRESSION_BUDGET.timeoutMs + 20 : 0);
      while (Date.now() < until) {
        // busy: nothing else runs
      }
      return 1;
    };
    const compiled = expression.compileExpression('$pausedOnce() + $pausedOnce()');
    expect(await expression.evaluateExpression(compiled, {}, { pausedOnce })).toBe(2);
    expect(calls).toBeGreaterThan(2);
  });

  it('is refused at once after two overruns in a row, so requests cannot add up one budget each', async () => {
    const runaway = expression.compileExpression('($f := function($n) { $f($n + 1) }; $f(0))');
    const failures: string[] = [];
    for (let i = 0; i < 3; i++) {
      try {
        await expression.evaluateExpression(runaway, {});
      } catch (error) {
        failures.push((error as expression.ExpressionError).message);
      }
    }
    expect(failures).toHaveLength(3);
    // The first request runs it (a time overrun is tried once more at once, in case the machine
    // paused); by the third at the latest it is refused without running.
    expect(failures[0]).not.toMatch(/stopped for a while/);
    expect(failures[2]).toMatch(/stopped for a while/);
    // Another expression is not affected.
    expect(await expression.evaluateExpression(expression.compileExpression('1 + 1'), {})).toBe(2);
  });
});
