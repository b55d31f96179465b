/**
 * The rules of field messages shared by the server and the browser: no regular expression ever, a
 * field's own `x-errorMessage` (one text or per keyword) before the generic sentence, the same words
 * through the server's details and through the browser's validator; and the form check of the
 * `x-prefill` and `x-errorMessage` declarations, with prefilling itself.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { compileSchema } from '../../functions/validation/compile';
import { toDetails } from '../../functions/validation/errors';
import { formDefinitionProblems } from '../../functions/validation/form-definition';
import { applyPrefill, prefillFields } from '../../functions/validation/prefill';
import { browserValidator } from '../support/validator-modules';

const FORMS = new URL('../../forms', import.meta.url).pathname;

const SCHEMA = {
  type: 'object',
  required: ['nip'],
  properties: {
    nip: {
      type: 'string',
      title: 'NIP',
      pattern: '^[0-9]{18}$',
      'x-errorMessage': { pattern: 'NIP terdiri dari 18 angka.', required: 'NIP wajib diisi.' },
    },
    nik: {
      type: 'string',
      title: 'NIK',
      pattern: '^[0-9]{16}$',
      'x-errorMessage': 'NIK terdiri dari 16 angka.',
    },
    rt: { type: 'string', title: 'RT', pattern: '^[0-9]{1,3}$', minLength: 1 },
    kode: { type: 'string', minLength: 3, 'x-errorMessage': 'Kode paling sedikit 3 huruf.' },
    tanggal: { type: 'string', format: 'date' },
    jam: { type: 'string', format: 'time', 'x-errorMessage': { format: 'Tulis jam seperti 09:30.' } },
    pilihan: { type: 'string', oneOf: [{ const: 'a' }, { const: 'b' }] },
  },
} as const;

const detailsFor = (data: unknown, lang: 'id' | 'en' = 'id') => {
  const validate = compileSchema(SCHEMA as unknown as Record<string, unknown>);
  validate(data);
  return toDetails(validate.errors, lang);
};

describe('field messages on the server', () => {
  it('uses the field’s own message for a pattern, the generic sentence otherwise, never the pattern', () => {
    const details = detailsFor({ nip: '12', nik: 'x', rt: 'abcd' });
    expect(details).toContainEqual({ path: '/nip', message: 'NIP terdiri dari 18 angka.' });
    expect(details).toContainEqual({ path: '/nik', message: 'NIK terdiri dari 16 angka.' });
    expect(details).toContainEqual({ path: '/rt', message: 'Format isian tidak sesuai.' });
    for (const detail of details) {
      expect(detail.message).not.toMatch(/\^|\$|\[0-9\]|pola|pattern/);
    }
  });

  it('applies a plain text to every problem with the value, and a per-keyword text only to its keyword', () => {
    expect(detailsFor({ nip: '123456789012345678', kode: 'ab' })).toContainEqual({
      path: '/kode',
      message: 'Kode paling sedikit 3 huruf.',
    });
    expect(detailsFor({ nip: '123456789012345678', jam: '25 lewat' })).toContainEqual({
      path: '/jam',
      message: 'Tulis jam seperti 09:30.',
    });
    // The NIP's messages are for pattern and required; its type problem keeps the usual words.
    expect(detailsFor({ nip: 5 })).toContainEqual({ path: '/nip', message: 'harus berupa teks' });
  });

  it('replaces "wajib diisi" only where the field asks for it under "required"', () => {
    expect(detailsFor({})).toEqual([{ path: '/nip', message: 'NIP wajib diisi.' }]);
    const plain = compileSchema({
      type: 'object',
      required: ['nik'],
      properties: { nik: { type: 'string', 'x-errorMessage': 'NIK terdiri dari 16 angka.' } },
    });
    plain({});
    expect(toDetails(plain.errors, 'id')).toEqual([{ path: '/nik', message: 'wajib diisi' }]);
  });

  it('words formats and choices without schema words', () => {
    const details = detailsFor({ nip: '123456789012345678', tanggal: '2026-13-45', pilihan: 'c' });
    expect(details).toContainEqual({ path: '/tanggal', message: 'harus berupa tanggal yang valid' });
    expect(details).toContainEqual({
      path: '/pilihan',
      message: 'harus salah satu dari pilihan yang tersedia',
    });
    for (const detail of details) expect(detail.message).not.toMatch(/oneOf|skema|konstan|"date"/);
  });

  it('speaks English with the same rules', () => {
    const details = detailsFor({ nip: '1', rt: 'abcd', tanggal: 'x' }, 'en');
    expect(details).toContainEqual({ path: '/nip', message: 'NIP terdiri dari 18 angka.' });
    expect(details).toContainEqual({ path: '/rt', message: 'The entry is not in the expected format.' });
    expect(details).toContainEqual({ path: '/tanggal', message: 'must be a valid date' });
  });
});

describe('field messages in the browser', () => {
  it('are the server’s, through the precompiled validator the web app imports', async () => {
    const schema = SCHEMA as unknown as RJSFSchema;
    const { validator } = await browserValidator(SCHEMA as unknown as Record<string, unknown>, 'id');
    const data = { nip: '12', rt: 'abcd', tanggal: '2026-13-45' };
    const browser = validator.validateFormData(data, schema).errors.map((error) => ({
      path: `/${(error.property ?? '').replace(/^\./, '').replace(/\./g, '/')}`,
      message: error.message,
    }));
    expect(browser).toEqual(expect.arrayContaining(detailsFor(data)));
    expect(browser).toContainEqual({ path: '/nip', message: 'NIP terdiri dari 18 angka.' });
    expect(browser).toContainEqual({ path: '/rt', message: 'Format isian tidak sesuai.' });
  });
});

describe('x-prefill and x-errorMessage on save', () => {
  const problems = (schema: unknown) => formDefinitionProblems({ schema }, 'id');

  it('accepts the known sources on fields under properties', () => {
    expect(
      problems({
        type: 'object',
        properties: {
          klien: {
            type: 'object',
            properties: {
              nama: { type: 'string', 'x-prefill': 'client.name' },
              lahir: { type: 'string', format: 'date', 'x-prefill': 'client.birthDate' },
            },
          },
          nip: { type: 'string', 'x-prefill': 'worker.nip', 'x-errorMessage': { pattern: 'NIP 18 angka.' } },
        },
      }),
    ).toEqual([]);
  });

  it('refuses an unknown source at its pointer', () => {
    const found = problems({
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string', 'x-prefill': 'client.alamat' } } },
      },
    });
    expect(found).toEqual([
      {
        path: '/schema/properties/a/properties/b/x-prefill',
        message: expect.stringContaining('client.alamat'),
      },
    ]);
    expect(found[0]?.message).toContain('client.name');
  });

  it('refuses x-prefill where nothing can be filled: in a list, a condition, or a calculated field', () => {
    const found = problems({
      type: 'object',
      properties: {
        daftar: {
          type: 'array',
          items: { type: 'object', properties: { n: { type: 'string', 'x-prefill': 'client.name' } } },
        },
        skor: { type: 'integer', readOnly: true, 'x-calculate': '1', 'x-prefill': 'worker.name' },
      },
      allOf: [{ if: { required: ['skor'] }, then: { properties: { z: { 'x-prefill': 'client.nik' } } } }],
    });
    expect(found.map((problem) => problem.path).sort()).toEqual([
      '/schema/allOf/0/then/properties/z/x-prefill',
      '/schema/properties/daftar/items/properties/n/x-prefill',
      '/schema/properties/skor/x-prefill',
    ]);
  });

  it('takes a property named x-prefill for a name, not a declaration', () => {
    expect(problems({ type: 'object', properties: { 'x-prefill': { type: 'string' } } })).toEqual([]);
  });

  it('refuses an x-errorMessage that is not text', () => {
    expect(
      problems({ type: 'object', properties: { a: { type: 'string', 'x-errorMessage': { pattern: 5 } } } }),
    ).toEqual([
      { path: '/schema/properties/a/x-errorMessage', message: expect.stringContaining('x-errorMessage') },
    ]);
  });

  it('finds the prefilled fields of every default form and every pattern there has its own message', () => {
    const forms = readDefaultForms(FORMS);
    const litmas = forms.find((form) => form.id === 'litmas-integrasi-dewasa');
    expect(prefillFields(litmas?.schema).map((field) => `${field.pointer} ${field.source}`)).toEqual([
      '/dataPk/nama worker.name',
      '/dataPk/nip worker.nip',
      '/identitasKlien/nama client.name',
      '/identitasKlien/tanggalLahir client.birthDate',
      '/identitasKlien/jenisKelamin client.sex',
    ]);
    const unexplained = (node: unknown, path: string): string[] => {
      if (!node || typeof node !== 'object') return [];
      const schema = node as Record<string, unknown>;
      const own =
        typeof schema.pattern === 'string' && schema.readOnly !== true && !schema['x-errorMessage']
          ? [path]
          : [];
      return [
        ...own,
        ...Object.entries(schema)
          .filter(([key]) => key !== 'x-errorMessage')
          .flatMap(([key, value]) => unexplained(value, `${path}/${key}`)),
      ];
    };
    for (const form of forms) expect(unexplained(form.schema, ''), form.id).toEqual([]);
  });
});

describe('prefilling', () => {
  const schema = {
    type: 'object',
    properties: {
      identitas: {
        type: 'object',
        properties: {
          nama: { type: 'string', 'x-prefill': 'client.name' },
          jenisKelamin: {
            type: 'string',
            'x-prefill': 'client.sex',
            oneOf: [{ const: 'laki-laki' }, { const: 'perempuan' }],
          },
          nik: { type: 'string', 'x-prefill': 'client.nik' },
        },
      },
      umur: { type: 'integer', 'x-prefill': 'client.name' },
    },
  };

  it('fills the empty fields with what is known, leaving the rest and the input alone', () => {
    const input = { identitas: { nama: '' } };
    const filled = applyPrefill(schema, input, { 'client.name': 'Budi Contoh', 'client.sex': 'laki-laki' });
    expect(filled).toEqual({ identitas: { nama: 'Budi Contoh', jenisKelamin: 'laki-laki' } });
    expect(input).toEqual({ identitas: { nama: '' } });
  });

  it('keeps what the person typed and a value that does not fit the field out', () => {
    const typed = { identitas: { nama: 'Nama Sendiri' } };
    expect(applyPrefill(schema, typed, { 'client.name': 'Budi', 'client.sex': 'lainnya' })).toBe(typed);
  });
});

describe('the form check of the steps a form declares (ui:groups)', () => {
  const schema = {
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
  };
  const problems = (groups: unknown) =>
    formDefinitionProblems({ schema, uiSchema: { 'ui:groups': groups } }, 'id');

  it('accepts steps that name root fields, each once', () => {
    expect(
      problems([
        { title: 'Satu', fields: ['a', 'b'] },
        { title: 'Dua', fields: ['c'] },
      ]),
    ).toEqual([]);
  });

  it('refuses a field the form does not have at its root, and one named in two steps, at its place', () => {
    expect(
      problems([
        { title: 'Satu', fields: ['a', 'x'] },
        { title: 'Dua', fields: ['a'] },
      ]),
    ).toEqual([
      { path: '/uiSchema/ui:groups/0/fields/1', message: 'isian ini tidak ada di akar formulir: x' },
      { path: '/uiSchema/ui:groups/1/fields/0', message: 'isian ini sudah ada di langkah lain: a' },
    ]);
  });

  it('refuses steps that are not a list of {title, fields}', () => {
    expect(problems({ a: 1 }).map((problem) => problem.path)).toEqual(['/uiSchema/ui:groups']);
    expect(problems([{ title: 3, fields: ['a'] }, 'b']).map((problem) => problem.path)).toEqual([
      '/uiSchema/ui:groups/0',
      '/uiSchema/ui:groups/1',
    ]);
  });
});
