import { describe, expect, it } from 'vitest';
import { serverErrorsToErrorSchema } from '../../web/src/features/forms/server-errors';

describe('server validation errors as an rjsf ErrorSchema', () => {
  it('nests a JSON Pointer path into objects', () => {
    expect(serverErrorsToErrorSchema([{ path: '/identitas/namaKlien', message: 'wajib diisi' }])).toEqual({
      identitas: { namaKlien: { __errors: ['wajib diisi'] } },
    });
  });

  it('keeps errors on sibling and parent fields apart', () => {
    expect(
      serverErrorsToErrorSchema([
        { path: '/identitas/namaKlien', message: 'wajib diisi' },
        { path: '/identitas/tanggalAsesmen', message: 'format tidak valid (date)' },
        { path: '/identitas', message: 'kolom "x" tidak dikenal' },
        { path: '/catatan', message: 'maksimal 5000 karakter' },
      ]),
    ).toEqual({
      identitas: {
        __errors: ['kolom "x" tidak dikenal'],
        namaKlien: { __errors: ['wajib diisi'] },
        tanggalAsesmen: { __errors: ['format tidak valid (date)'] },
      },
      catatan: { __errors: ['maksimal 5000 karakter'] },
    });
  });

  it('uses array indices as keys', () => {
    expect(
      serverErrorsToErrorSchema([
        { path: '/anak/0/nama', message: 'wajib diisi' },
        { path: '/anak/2', message: 'harus berupa objek' },
      ]),
    ).toEqual({
      anak: { 0: { nama: { __errors: ['wajib diisi'] } }, 2: { __errors: ['harus berupa objek'] } },
    });
  });

  it('unescapes ~1 to / and ~0 to ~, in that order', () => {
    expect(
      serverErrorsToErrorSchema([
        { path: '/a~1b/c~0d', message: 'm1' },
        { path: '/~01', message: 'm2' },
      ]),
    ).toEqual({
      'a/b': { 'c~d': { __errors: ['m1'] } },
      '~1': { __errors: ['m2'] },
    });
  });

  it('puts errors on the root path at the top level', () => {
    expect(serverErrorsToErrorSchema([{ path: '', message: 'harus berupa objek' }])).toEqual({
      __errors: ['harus berupa objek'],
    });
  });

  it('treats "/" as the property named by the empty string, not the root', () => {
    expect(serverErrorsToErrorSchema([{ path: '/', message: 'm' }])).toEqual({ '': { __errors: ['m'] } });
  });

  it('keeps several messages for one field, in order', () => {
    expect(
      serverErrorsToErrorSchema([
        { path: '/bagianA/jumlahPasal', message: 'harus berupa bilangan bulat' },
        { path: '/bagianA/jumlahPasal', message: 'tidak boleh kurang dari 1' },
        { path: '', message: 'a' },
        { path: '', message: 'b' },
      ]),
    ).toEqual({
      __errors: ['a', 'b'],
      bagianA: { jumlahPasal: { __errors: ['harus berupa bilangan bulat', 'tidak boleh kurang dari 1'] } },
    });
  });

  it('returns an empty schema for no errors and does not change its input', () => {
    expect(serverErrorsToErrorSchema([])).toEqual({});
    const errors = Object.freeze([Object.freeze({ path: '/a', message: 'm' })]);
    expect(serverErrorsToErrorSchema(errors)).toEqual({ a: { __errors: ['m'] } });
  });

  it('shows a path that is not a JSON Pointer at the root instead of losing it', () => {
    expect(serverErrorsToErrorSchema([{ path: 'identitas.namaKlien', message: 'm' }])).toEqual({
      __errors: ['m'],
    });
  });

  it('stores a field named __proto__ as data without touching any prototype', () => {
    const schema = serverErrorsToErrorSchema([{ path: '/__proto__/polluted', message: 'm' }]);
    expect(Object.getPrototypeOf(schema)).toBe(Object.prototype);
    expect(Object.hasOwn(schema, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
