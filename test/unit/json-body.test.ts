/** The guard every JSON body passes before a route sees it, and the cap on error details. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyProblems, capDetails, MAX_DETAILS } from '../../functions/platform/json-body';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
const key = fc.string({ maxLength: 8 }).filter((k) => !FORBIDDEN.includes(k));
/** Values DynamoDB keeps exactly: strings, booleans, null, safe integers and plain decimals. */
const storable = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 10 }),
    fc.boolean(),
    fc.constant(null),
    fc.maxSafeInteger(),
    fc
      .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
      .filter((x) => x === 0 || Math.abs(x) > 1e-100),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('the body guard', () => {
  it('accepts every object of storable values', () => {
    fc.assert(
      fc.property(fc.dictionary(key, storable, { maxKeys: 6 }), (body) => {
        expect(bodyProblems(body, 'id')).toEqual([]);
      }),
    );
  });

  it('refuses anything that is not an object, at the root', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(storable)),
        (body) => {
          expect(bodyProblems(body, 'en')).toEqual([
            { path: '', message: expect.stringContaining('object') },
          ]);
        },
      ),
    );
  });

  it('names the path of a value the store cannot keep, wherever it is put', () => {
    const bad = fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 60, 1e-200, 1e200);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 6 }), bad, (path, value) => {
        const body: Record<string, unknown> = {};
        let at: Record<string, unknown> = body;
        path.slice(0, -1).forEach((segment) => {
          const next: Record<string, unknown> = {};
          at[segment] = next;
          at = next;
        });
        at[path.at(-1) as string] = value;
        const pointer = path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
        expect(bodyProblems(body, 'id').map((p) => p.path)).toEqual([pointer]);
      }),
    );
  });

  it('refuses prototype keys as parsed from JSON, and nesting deeper than the store allows', () => {
    for (const name of FORBIDDEN) {
      const body = JSON.parse(`{"a":{"${name}":{"x":1}}}`);
      expect(bodyProblems(body, 'id').map((p) => p.path)).toEqual([`/a/${name}`]);
    }
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(bodyProblems(deep, 'id')).toHaveLength(1);
  });
});

describe('the cap on details', () => {
  it('keeps at most 100 details and counts the rest in one more', () => {
    fc.assert(
      fc.property(fc.nat({ max: 400 }), fc.nat({ max: 1000 }), (count, uncounted) => {
        const details = Array.from({ length: count }, (_, i) => ({ path: `/${i}`, message: 'salah' }));
        const capped = capDetails(details, 'id', uncounted);
        const omitted = Math.max(0, count - MAX_DETAILS) + uncounted;
        expect(capped).toHaveLength(Math.min(count, MAX_DETAILS) + (omitted > 0 ? 1 : 0));
        if (omitted > 0) expect(capped.at(-1)).toMatchObject({ omitted });
        expect(capped.slice(0, Math.min(count, MAX_DETAILS))).toEqual(details.slice(0, MAX_DETAILS));
      }),
    );
  });
});
