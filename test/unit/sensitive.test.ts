import { describe, expect, it } from 'vitest';
import { redactSensitive } from '../../functions/domain/sensitive';

const SENSITIVE = { 'x-sensitive': true } as const;

describe('redactSensitive', () => {
  it('removes a sensitive top-level property and keeps its siblings', () => {
    const schema = {
      type: 'object',
      properties: {
        nama: { type: 'string' },
        statusHiv: { type: 'string', ...SENSITIVE },
        catatan: { type: 'string', 'x-sensitive': false },
      },
    };
    expect(redactSensitive(schema, { nama: 'Budi', statusHiv: 'positif', catatan: 'ok' })).toEqual({
      nama: 'Budi',
      catatan: 'ok',
    });
  });

  it('keeps keys the schema does not declare', () => {
    const schema = { type: 'object', properties: { statusHiv: { type: 'string', ...SENSITIVE } } };
    expect(redactSensitive(schema, { statusHiv: 'positif', tambahan: { statusHiv: 'x' } })).toEqual({
      tambahan: { statusHiv: 'x' },
    });
  });

  it('removes a sensitive property nested in objects', () => {
    const schema = {
      type: 'object',
      properties: {
        kesehatan: {
          type: 'object',
          properties: {
            napza: {
              type: 'object',
              properties: { riwayat: { type: 'boolean', ...SENSITIVE }, layanan: { type: 'string' } },
            },
            umum: { type: 'string' },
          },
        },
      },
    };
    const data = { kesehatan: { napza: { riwayat: true, layanan: 'Puskesmas' }, umum: 'baik' } };
    expect(redactSensitive(schema, data)).toEqual({
      kesehatan: { napza: { layanan: 'Puskesmas' }, umum: 'baik' },
    });
  });

  it('removes a whole sensitive object', () => {
    const schema = {
      type: 'object',
      properties: {
        napza: { type: 'object', ...SENSITIVE, properties: { riwayat: { type: 'boolean' } } },
        nama: { type: 'string' },
      },
    };
    expect(redactSensitive(schema, { napza: { riwayat: true }, nama: 'Budi' })).toEqual({ nama: 'Budi' });
  });

  it('removes a sensitive property from every item of an array', () => {
    const schema = {
      type: 'object',
      properties: {
        kontak: {
          type: 'array',
          items: {
            type: 'object',
            properties: { tanggal: { type: 'string' }, kondisi: { type: 'string', ...SENSITIVE } },
          },
        },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const data = {
      kontak: [
        { tanggal: '2026-03-25', kondisi: 'TB' },
        { tanggal: '2026-04-07', kondisi: 'HIV' },
        { tanggal: '2026-04-21', lain: 1 },
      ],
      tags: ['a', 'b'],
    };
    expect(redactSensitive(schema, data)).toEqual({
      kontak: [{ tanggal: '2026-03-25' }, { tanggal: '2026-04-07' }, { tanggal: '2026-04-21', lain: 1 }],
      tags: ['a', 'b'],
    });
  });

  it('follows $ref to definitions, for objects and for array items', () => {
    const schema = {
      type: 'object',
      definitions: {
        kesehatan: {
          type: 'object',
          properties: { hiv: { type: 'string', ...SENSITIVE }, golonganDarah: { type: 'string' } },
        },
      },
      properties: {
        kesehatan: { $ref: '#/definitions/kesehatan' },
        riwayat: { type: 'array', items: { $ref: '#/definitions/kesehatan' } },
      },
    };
    const data = {
      kesehatan: { hiv: 'positif', golonganDarah: 'O' },
      riwayat: [{ hiv: 'negatif', golonganDarah: 'O' }],
    };
    expect(redactSensitive(schema, data)).toEqual({
      kesehatan: { golonganDarah: 'O' },
      riwayat: [{ golonganDarah: 'O' }],
    });
  });

  it('follows $ref in $defs and a root that is itself a $ref', () => {
    const schema = {
      $ref: '#/$defs/form',
      $defs: {
        form: {
          type: 'object',
          properties: { hiv: { type: 'string', ...SENSITIVE }, nama: { type: 'string' } },
        },
      },
    };
    expect(redactSensitive(schema, { hiv: 'positif', nama: 'Budi' })).toEqual({ nama: 'Budi' });
  });

  it('removes a property whose $ref target is marked sensitive', () => {
    // The definition carries the mark; the property only points at it.
    const schema = {
      type: 'object',
      definitions: { statusHiv: { type: 'string', enum: ['positif', 'negatif'], ...SENSITIVE } },
      properties: { hiv: { $ref: '#/definitions/statusHiv' }, nama: { type: 'string' } },
    };
    expect(redactSensitive(schema, { hiv: 'positif', nama: 'Budi' })).toEqual({ nama: 'Budi' });
  });

  it('removes a property marked sensitive where it sits beside a $ref', () => {
    const schema = {
      type: 'object',
      definitions: { teks: { type: 'string' } },
      properties: { hiv: { $ref: '#/definitions/teks', ...SENSITIVE }, nama: { $ref: '#/definitions/teks' } },
    };
    expect(redactSensitive(schema, { hiv: 'positif', nama: 'Budi' })).toEqual({ nama: 'Budi' });
  });

  it('removes a property marked sensitive only inside an if/then branch', () => {
    const schema = {
      type: 'object',
      properties: { adaPenyakit: { type: 'boolean' } },
      allOf: [
        {
          if: { properties: { adaPenyakit: { const: true } } },
          then: { properties: { penyakit: { type: 'string', ...SENSITIVE } }, required: ['penyakit'] },
          else: { properties: { alasan: { type: 'string' } } },
        },
      ],
    };
    expect(redactSensitive(schema, { adaPenyakit: true, penyakit: 'HIV', alasan: 'x' })).toEqual({
      adaPenyakit: true,
      alasan: 'x',
    });
  });

  it('treats a property as sensitive when any declaration of it is, whatever the order', () => {
    const plainFirst = {
      type: 'object',
      properties: { penyakit: { type: 'string' } },
      if: { properties: { penyakit: { minLength: 1 } } },
      then: { properties: { penyakit: { ...SENSITIVE } } },
    };
    const sensitiveFirst = {
      type: 'object',
      properties: { penyakit: { type: 'string', ...SENSITIVE } },
      if: { properties: { penyakit: { minLength: 1 } } },
      then: { properties: { penyakit: { minLength: 3 } } },
    };
    expect(redactSensitive(plainFirst, { penyakit: 'HIV' })).toEqual({});
    expect(redactSensitive(sensitiveFirst, { penyakit: 'HIV' })).toEqual({});
  });

  it('keeps removing a nested sensitive property when a branch restates its parent', () => {
    // A then-branch that adds a constraint on `kesehatan` must not undo the nested mark on `hiv`.
    const schema = {
      type: 'object',
      properties: {
        jenis: { type: 'string' },
        kesehatan: {
          type: 'object',
          properties: { hiv: { type: 'string', ...SENSITIVE }, catatan: { type: 'string' } },
        },
      },
      if: { properties: { jenis: { const: 'pendampingan' } } },
      then: { properties: { kesehatan: { required: ['catatan'] } } },
    };
    const data = { jenis: 'pendampingan', kesehatan: { hiv: 'positif', catatan: 'rujuk' } };
    expect(redactSensitive(schema, data)).toEqual({ jenis: 'pendampingan', kesehatan: { catatan: 'rujuk' } });
  });

  it('does not change its input', () => {
    const schema = {
      type: 'object',
      properties: {
        hiv: { type: 'string', ...SENSITIVE },
        kontak: {
          type: 'array',
          items: { type: 'object', properties: { kondisi: { type: 'string', ...SENSITIVE } } },
        },
      },
    };
    const data = { hiv: 'positif', kontak: [{ kondisi: 'TB', tanggal: '2026-03-25' }] };
    const dataBefore = structuredClone(data);
    const schemaBefore = structuredClone(schema);
    const out = redactSensitive(schema, data);
    expect(out).toEqual({ kontak: [{ tanggal: '2026-03-25' }] });
    expect(data).toEqual(dataBefore);
    expect(schema).toEqual(schemaBefore);
    expect(out).not.toBe(data);
  });

  it.each([null, undefined, 0, 42, 'teks', true, false])('passes %j through', (value) => {
    const schema = { type: 'object', properties: { hiv: { type: 'string', ...SENSITIVE } } };
    expect(redactSensitive(schema, value)).toBe(value);
  });

  it('passes through an array when the schema has no items', () => {
    const data = [{ hiv: 'positif' }];
    expect(redactSensitive({ type: 'array' }, data)).toEqual(data);
  });

  it('passes values through a schema with no properties', () => {
    expect(redactSensitive({}, { a: 1, b: { c: 2 } })).toEqual({ a: 1, b: { c: 2 } });
  });
});
