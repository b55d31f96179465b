/**
 * How the printed report finds a field's title wherever the schema declares it (its own properties,
 * `allOf`, `if/then/else`, `dependencies`, `$ref`s followed), and how it writes dates: the way an
 * Indonesian office files them.
 */
import { describe, expect, it } from 'vitest';
import {
  humanize,
  longDate,
  longDateTime,
  orderedKeys,
  propertyFragments,
} from '../../functions/cases/report';

const SCHEMA = {
  type: 'object',
  definitions: { yaTidak: { type: 'boolean', title: 'Ya atau tidak' } },
  properties: {
    skorA: { type: 'integer', title: 'Skor bagian A' },
    bagianB: { type: 'object' },
  },
  allOf: [
    {
      if: { properties: { skorA: { maximum: 6 } } },
      then: {
        properties: {
          bagianB: {
            type: 'object',
            title: 'Bagian B — Faktor risiko tambahan',
            properties: { kdrt: { $ref: '#/definitions/yaTidak' } },
          },
        },
      },
      else: { properties: { alasan: { type: 'string', title: 'Alasan tanpa bagian B' } } },
    },
  ],
  dependencies: { bagianB: { properties: { catatanB: { type: 'string', title: 'Catatan bagian B' } } } },
};

describe('the report’s field titles', () => {
  it('finds a property’s fragments in its own properties and every conditional branch, in order', () => {
    const fragments = propertyFragments(SCHEMA, [SCHEMA]);
    expect([...fragments.keys()]).toEqual(['skorA', 'bagianB', 'alasan', 'catatanB']);
    const titles = (key: string) => fragments.get(key)?.map((fragment) => fragment.title);
    expect(titles('bagianB')).toEqual([undefined, 'Bagian B — Faktor risiko tambahan']);
    expect(titles('skorA')).toEqual(['Skor bagian A', undefined]);
    expect(titles('catatanB')).toEqual(['Catatan bagian B']);
    // Inside a conditional part, a $ref'd property keeps its title.
    const inner = propertyFragments(SCHEMA, fragments.get('bagianB') ?? []);
    expect(inner.get('kdrt')?.[0]?.title).toBe('Ya atau tidak');
  });

  it('reads a key with no title anywhere as words, never as the key', () => {
    expect(humanize('bagianB')).toBe('Bagian B');
    expect(humanize('nomorNIK')).toBe('Nomor NIK');
    expect(humanize('tanggalSidangTpp')).toBe('Tanggal sidang tpp');
    expect(humanize('jenis_kelamin')).toBe('Jenis kelamin');
  });

  it('keeps the uiSchema order, the rest where `*` stands', () => {
    expect(orderedKeys(['a', 'b', 'c'], { 'ui:order': ['c', '*'] }, { a: 1, b: 2, c: 3 })).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('writes dates and times as an Indonesian office does', () => {
    expect(longDate('2026-12-01', 'id')).toBe('1 Desember 2026');
    expect(longDate('2026-12-01', 'en')).toBe('1 December 2026');
    expect(longDateTime('2026-12-01T02:30:00.000Z', 'id', 'Asia/Jakarta')).toBe(
      '1 Desember 2026 pukul 09.30',
    );
  });
});
