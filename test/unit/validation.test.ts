import { readFileSync } from 'node:fs';
import {
  AJV_CONFIG,
  COLOR_FORMAT_REGEX,
  DATA_URL_FORMAT_REGEX,
} from '@rjsf/validator-ajv8/lib/createAjvInstance.js';
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { AJV_OPTIONS, draftOf } from '../../functions/validation/ajv-config';
import { compileSchema, ValidatorCache } from '../../functions/validation/compile';
import { errorPath, toDetails } from '../../functions/validation/errors';
import { formDefinitionProblems } from '../../functions/validation/form-definition';
import { COLOR_FORMAT, DATA_URL_FORMAT, linearRegExp } from '../../functions/validation/runtime';

describe('shared ajv configuration', () => {
  it('matches what @rjsf/validator-ajv8 uses in the browser', () => {
    const { code, ...options } = AJV_OPTIONS;
    expect(options).toEqual(AJV_CONFIG);
    expect(code.regExp).toBe(linearRegExp);
    expect(COLOR_FORMAT.source).toBe(COLOR_FORMAT_REGEX.source);
    expect(DATA_URL_FORMAT.source).toBe(DATA_URL_FORMAT_REGEX.source);
  });

  it.each([
    [undefined, 'draft-07'],
    ['http://json-schema.org/draft-07/schema#', 'draft-07'],
    ['https://json-schema.org/draft/2019-09/schema', '2019-09'],
    ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
    ['http://json-schema.org/draft-04/schema#', undefined],
  ])('reads $schema %s as %s', ($schema, draft) => {
    expect(draftOf({ $schema })).toBe(draft);
  });
});

describe('form definition checks', () => {
  const problems = (schema: unknown, uiSchema?: unknown) =>
    formDefinitionProblems({ schema, ...(uiSchema === undefined ? {} : { uiSchema }) }, 'id');

  it('accepts a plain object form', () => {
    expect(problems({ type: 'object', properties: { a: { type: 'string' } } })).toEqual([]);
  });

  it('accepts a local $ref that resolves, in every supported draft', () => {
    expect(
      problems({
        type: 'object',
        definitions: { t: { type: 'string' } },
        properties: { a: { $ref: '#/definitions/t' } },
      }),
    ).toEqual([]);
    expect(
      problems({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: { t: { type: 'string' } },
        properties: { a: { $ref: '#/$defs/t' } },
      }),
    ).toEqual([]);
  });

  it('refuses a schema that is not an object', () => {
    expect(problems([1, 2])).toEqual([{ path: '/schema', message: 'skema harus berupa objek JSON Schema' }]);
    expect(problems('x')[0]?.path).toBe('/schema');
  });

  it('refuses a form whose root is not type object', () => {
    expect(problems({ type: 'string' })).toContainEqual({
      path: '/schema/type',
      message: 'formulir harus berupa skema dengan "type": "object"',
    });
    expect(problems({ properties: {} }).map((p) => p.path)).toContain('/schema/type');
  });

  it('points at the keyword that breaks the meta-schema', () => {
    const found = problems({ type: 'object', properties: { umur: { type: 'integer', minimum: 'nol' } } });
    expect(found.map((p) => p.path)).toContain('/schema/properties/umur/minimum');
  });

  it('points at an unresolved $ref, escaping the pointer', () => {
    const found = problems({ type: 'object', properties: { 'a/b': { $ref: '#/definitions/missing' } } });
    expect(found).toEqual([
      {
        path: '/schema/properties/a~1b',
        message: 'rujukan $ref tidak dapat ditemukan: #/definitions/missing',
      },
    ]);
  });

  it('refuses a $ref through an object prototype, pointing at it', () => {
    for (const ref of ['#/__proto__/constructor', '#/properties/a/constructor', '#/prototype']) {
      const found = problems({ type: 'object', properties: { a: { type: 'string' }, b: { $ref: ref } } });
      expect(found, ref).toEqual([
        { path: '/schema/properties/b/$ref', message: expect.stringContaining(ref) },
      ]);
    }
    expect(
      problems({
        type: 'object',
        definitions: { x: { type: 'string' } },
        properties: { b: { $ref: '#/definitions/x' } },
      }),
    ).toEqual([]);
  });

  it('refuses an unsupported $schema and a uiSchema that is not an object', () => {
    expect(problems({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' })[0]?.path).toBe(
      '/schema/$schema',
    );
    expect(problems({ type: 'object' }, ['x'])).toContainEqual({
      path: '/uiSchema',
      message: 'uiSchema harus berupa objek',
    });
  });

  it('reports a pattern that does not compile, at its pointer', () => {
    const found = problems({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } });
    expect(found).toEqual([
      { path: '/schema/properties/a/pattern', message: expect.stringContaining('pola') },
    ]);
  });

  it('refuses patterns the linear engine cannot run: backreferences and lookarounds, in patternProperties too', () => {
    const found = problems({
      type: 'object',
      properties: {
        a: { type: 'string', pattern: '^(a)\\1$' },
        b: { type: 'object', patternProperties: { '^(?=x)': { type: 'string' } } },
      },
    });
    expect(found.map((p) => p.path)).toEqual([
      '/schema/properties/a/pattern',
      '/schema/properties/b/patternProperties/^(?=x)',
    ]);
  });

  it('accepts a pattern that backtracking engines choke on, and matches it in linear time', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } };
    expect(problems(schema)).toEqual([]);
    const validate = compileSchema(schema);
    expect(validate({ a: `${'a'.repeat(5000)}!` })).toBe(false);
    expect(validate({ a: 'aaaa' })).toBe(true);
  });
});

describe('validation errors as details', () => {
  const validate = compileSchema({
    type: 'object',
    required: ['nama', 'alamat'],
    properties: {
      nama: { type: 'string', minLength: 2 },
      umur: { type: 'integer', minimum: 0, maximum: 150 },
      tanggal: { type: 'string', format: 'date' },
      alamat: { type: 'object', required: ['kota'], properties: { kota: { type: 'string' } } },
      pasal: { type: 'array', items: { type: 'string' } },
      'nama/alias': { type: 'string' },
    },
    additionalProperties: false,
  });

  it('gives JSON Pointer paths, pointing at the missing property for required', () => {
    validate({ nama: 'A', umur: 'tua', tanggal: '2026-13-45', alamat: {}, pasal: ['1', 2], 'nama/alias': 3 });
    const details = toDetails(validate.errors, 'id');
    expect(details).toEqual(
      expect.arrayContaining([
        { path: '/nama', message: 'minimal 2 karakter' },
        { path: '/umur', message: 'harus berupa bilangan bulat' },
        { path: '/tanggal', message: 'harus berupa tanggal yang valid' },
        { path: '/alamat/kota', message: 'wajib diisi' },
        { path: '/pasal/1', message: 'harus berupa teks' },
        { path: '/nama~1alias', message: 'harus berupa teks' },
      ]),
    );
  });

  it('speaks English when asked', () => {
    validate({});
    expect(toDetails(validate.errors, 'en')).toEqual(
      expect.arrayContaining([
        { path: '/nama', message: 'is required' },
        { path: '/alamat', message: 'is required' },
      ]),
    );
  });

  it('names an unknown field and keeps ajv-i18n messages for other keywords', () => {
    validate({ nama: 'Budi', alamat: { kota: 'X' }, lain: 1, umur: 200 });
    const details = toDetails(validate.errors, 'id');
    expect(details).toContainEqual({ path: '', message: 'kolom "lain" tidak dikenal' });
    expect(details).toContainEqual({ path: '/umur', message: 'tidak boleh lebih dari 150' });
  });

  it('does not repeat the "if" wrapper error', () => {
    const conditional = compileSchema({
      type: 'object',
      if: { properties: { anak: { const: true } }, required: ['anak'] },
      then: { required: ['wali'] },
    });
    conditional({ anak: true });
    expect(toDetails(conditional.errors, 'id')).toEqual([{ path: '/wali', message: 'wajib diisi' }]);
  });

  it('errorPath appends the missing property only for required-like keywords', () => {
    expect(
      errorPath({
        keyword: 'required',
        instancePath: '/a',
        params: { missingProperty: 'b' },
        schemaPath: '',
      }),
    ).toBe('/a/b');
    expect(
      errorPath({ keyword: 'type', instancePath: '/a', params: { type: 'string' }, schemaPath: '' }),
    ).toBe('/a');
  });
});

describe('the validator cache', () => {
  it('compiles a key once and evicts the oldest past its size', () => {
    const cache = new ValidatorCache(2);
    let compiles = 0;
    const schema = () => {
      compiles++;
      return { type: 'object' };
    };
    const first = cache.get('a@1', schema);
    expect(cache.get('a@1', schema)).toBe(first);
    cache.get('b@1', schema);
    cache.get('c@1', schema);
    expect(cache.count).toBe(2);
    expect(compiles).toBe(3);
    cache.get('a@1', schema);
    expect(compiles).toBe(4);
  });
});

describe('default forms in forms/', () => {
  const dir = new URL('../../forms/', import.meta.url).pathname;
  const forms = readDefaultForms(dir);

  it('ships at least the intake and the risk assessment', () => {
    expect(forms.map((form) => form.id)).toEqual(expect.arrayContaining(['identifikasi', 'asesmen-risiko']));
  });

  it.each(forms.map((form) => [form.id, form] as const))(
    '%s is a valid definition that accepts its example and rejects {}',
    (id, form) => {
      expect(JSON.parse(readFileSync(`${dir}${id}.json`, 'utf8')).id).toBe(id);
      expect(formDefinitionProblems(form, 'id')).toEqual([]);
      const validate = compileSchema(form.schema);
      const example = form.example;
      expect(example, `${id} needs an example`).toBeDefined();
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({})).toBe(false);
      expect(form.title).not.toBe('');
    },
  );
});
