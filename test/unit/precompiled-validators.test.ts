/**
 * A form passes in the browser if and only if it passes on the server, now that the browser compiles
 * nothing: the precompiled module the server writes for a form as shown in a language, wrapped as the
 * web app wraps it, reports the same errors (place, keyword, parameters, words) as the server's own
 * validator with its messages, for every default form in Indonesian and English, on empty data, the
 * form's example and the example spoiled in several ways (formats, patterns, types, bounds, choices,
 * answers that open `if`/`then` parts), with calculated fields computed first as on both sides. And
 * the module itself: it imports nothing, names the packages it was made with, links every runtime
 * piece ajv asks for, keeps an administrator's example data out, and refuses a schema that does not
 * compile.
 */
import { readFileSync } from 'node:fs';
import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import type { Lang } from '../../functions/platform/messages';
import { applyCalculations } from '../../functions/validation/calculate';
import { compileSchema } from '../../functions/validation/compile';
import { toDetails } from '../../functions/validation/errors';
import { localizeErrors } from '../../functions/validation/messages';
import { VALIDATOR_MODULE_BUILD } from '../../functions/validation/runtime';
import { validatorModule } from '../../functions/validation/standalone';
import { textMapOf } from '../../functions/validation/translations';
import { browserValidator } from '../support/validator-modules';

type Json = Record<string, unknown>;
const LANGS: Lang[] = ['id', 'en'];

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `data` with every leaf passed through `change` (objects and arrays kept). */
function spoil(data: unknown, change: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(data)) return data.map((item) => spoil(item, change));
  if (isRecord(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, spoil(v, change)]));
  return change(data);
}

/** Ways to spoil a form's example, each meeting other rules. */
const SPOILERS: Record<string, (example: Json) => unknown> = {
  empty: () => ({}),
  example: (example) => example,
  'strings break patterns, formats and choices': (example) =>
    spoil(example, (leaf) => (typeof leaf === 'string' ? 'x y!' : leaf)),
  'strings become numbers': (example) => spoil(example, (leaf) => (typeof leaf === 'string' ? 7 : leaf)),
  'numbers out of bounds': (example) => spoil(example, (leaf) => (typeof leaf === 'number' ? -1e9 : leaf)),
  'yes/no answers turned over (if/then parts open)': (example) =>
    spoil(example, (leaf) => (typeof leaf === 'boolean' ? !leaf : leaf)),
  'every part emptied': (example) => Object.fromEntries(Object.keys(example).map((key) => [key, {}])),
  'bad dates': (example) =>
    spoil(example, (leaf) =>
      typeof leaf === 'string' && /^\d{4}-\d\d-\d\d$/.test(leaf) ? '2024-13-45' : leaf,
    ),
};

/** The errors as ajv reports them, after the messages: what both sides show comes from these. */
const shape = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((error) => ({
    at: error.instancePath,
    keyword: error.keyword,
    params: error.params,
    message: error.message,
  }));

/** The server's errors for `data`, worded in `lang` as its details are. */
function serverErrors(schema: Json, data: unknown, lang: Lang) {
  const validate = compileSchema(schema);
  const valid = validate(data) === true;
  const errors = (validate.errors ?? []).map((error) => ({ ...error }));
  localizeErrors(errors, lang, textMapOf(schema, lang));
  return { valid, errors: shape(errors), details: toDetails(validate.errors, lang, textMapOf(schema, lang)) };
}

/** FormView's filter: ajv's "must match the then schema" summaries and repeats out, as the server's details. */
const transformErrors = (errors: RJSFValidationError[]) => {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.property ?? ''}\u0000${error.message ?? ''}`;
    if (error.name === 'if' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const pointerOf = (property: string | undefined) =>
  (property ?? '').replace(/^\./, '') === ''
    ? ''
    : `/${(property ?? '').replace(/^\./, '').split('.').join('/')}`;

const forms = readDefaultForms(new URL('../../forms/', import.meta.url).pathname);

describe('the browser judges each default form as the server does', () => {
  it.each(forms.map((form) => [form.id, form] as const))('%s', async (_id, form) => {
    const schema = form.schema as Json;
    const example = (form.example ?? {}) as Json;
    let failing = 0;
    for (const lang of LANGS) {
      const { shown, validator } = await browserValidator(schema, lang);
      for (const [name, make] of Object.entries(SPOILERS)) {
        // Calculated fields are computed before checking, by the browser (live) as by the server.
        const { data } = await applyCalculations(schema, make(example));
        const server = serverErrors(schema, data, lang);
        const raw = validator.rawValidation(shown as RJSFSchema, data as Json);
        expect(shape(raw.errors as ErrorObject[]), `${name} (${lang})`).toEqual(server.errors);
        expect(raw.errors === undefined, `${name} (${lang}) valid`).toBe(server.valid);
        if (!server.valid) failing++;

        // Through rjsf, as FormView lists them: the same places and words as the server's details.
        const listed = validator
          .validateFormData(data as Json, shown as RJSFSchema, undefined, transformErrors)
          .errors.map((error) => ({ path: pointerOf(error.property), message: error.message }));
        if (server.details.length < 100) expect(listed, `${name} (${lang}) listed`).toEqual(server.details);
      }
    }
    expect(failing).toBeGreaterThan(0);
  });

  it('covers formats, patterns, required, if/then parts, own messages and calculated fields', async () => {
    const seen = new Set<string>();
    let ownMessages = 0;
    for (const form of forms) {
      const schema = form.schema as Json;
      const json = JSON.stringify(schema);
      for (const make of Object.values(SPOILERS)) {
        const { data } = await applyCalculations(schema, make((form.example ?? {}) as Json));
        const { errors } = serverErrors(schema, data, 'id');
        for (const error of errors) seen.add(error.keyword);
        ownMessages += errors.filter(
          (error) => error.message && json.includes(JSON.stringify(error.message)),
        ).length;
      }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['format', 'pattern', 'required', 'if', 'type', 'minimum']),
    );
    expect(ownMessages).toBeGreaterThan(0);
    expect(forms.some((form) => JSON.stringify(form.schema).includes('"x-calculate"'))).toBe(true);
  });
});

describe('the same rules in a schema of every kind', () => {
  const schema: Json = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['nip', 'ada'],
    $defs: { kode: { type: 'string', pattern: '^[A-Z]{3}$' } },
    properties: {
      nip: {
        type: 'string',
        pattern: '^[0-9]{18}$',
        'x-errorMessage': { pattern: 'NIP terdiri dari 18 angka.' },
      },
      tanggal: { type: 'string', format: 'date' },
      surel: { type: 'string', format: 'email' },
      nama: { type: 'string', maxLength: 3 },
      daftar: { type: 'array', uniqueItems: true, items: { enum: ['a', 'b'] } },
      tetap: { const: { x: 1 } },
      ada: { type: 'boolean' },
      kode: { $ref: '#/$defs/kode' },
      jumlah: { type: 'number', 'x-calculate': '$count(daftar)' },
    },
    dependentRequired: { surel: ['nama'] },
    if: { properties: { ada: { const: true }, kode: { $ref: '#/$defs/kode' } } },
    then: { required: ['tanggal'] },
    unevaluatedProperties: false,
    examples: [{ nip: 'contoh-rahasia' }],
  };

  it('gives the server’s errors and messages', async () => {
    const { shown, validator, text } = await browserValidator(schema, 'id');
    expect(text.includes('contoh-rahasia')).toBe(false);
    expect(text.includes('= runtime.equal;')).toBe(true);
    for (const raw of [
      {
        nip: '12',
        ada: true,
        kode: 'ABC',
        tanggal: '2024-02-30',
        surel: 'bukan',
        nama: 'panjang',
        daftar: ['a', 'a'],
      },
      { nip: '123456789012345678', ada: false, tetap: { x: 2 }, lain: 1, daftar: ['c'] },
      { nip: '123456789012345678', ada: true, kode: 'ABC', tanggal: '2024-02-29' },
    ]) {
      const { data } = await applyCalculations(schema, raw);
      const server = serverErrors(schema, data, 'id');
      const browser = validator.rawValidation(shown as RJSFSchema, data as Json);
      expect(shape(browser.errors as ErrorObject[])).toEqual(server.errors);
    }
    const { data } = await applyCalculations(schema, { nip: '12', ada: true, kode: 'ABC' });
    const listed = validator
      .validateFormData(data as Json, shown as RJSFSchema, undefined, transformErrors)
      .errors.map((error) => ({ path: pointerOf(error.property), message: error.message }));
    expect(listed).toEqual(serverErrors(schema, data, 'id').details);
    expect(listed).toEqual(
      expect.arrayContaining([
        { path: '/nip', message: 'NIP terdiri dari 18 angka.' },
        { path: '/tanggal', message: 'wajib diisi' },
      ]),
    );
  });

  it('answers rjsf’s questions about the parts it checks alone (an `if` with a $ref among them)', async () => {
    const { shown, validator } = await browserValidator(schema, 'id');
    const condition = shown.if as RJSFSchema;
    expect(validator.isValid(condition, { ada: true, kode: 'ABC' }, shown as RJSFSchema)).toBe(true);
    expect(validator.isValid(condition, { ada: true, kode: 'abc' }, shown as RJSFSchema)).toBe(false);
    expect(validator.isValid(condition, { ada: false }, shown as RJSFSchema)).toBe(false);
  });
});

describe('the module', () => {
  const litmas = forms.find((form) => form.id === 'litmas-integrasi-dewasa');

  it('imports nothing and reaches the runtime only through its argument', () => {
    const text = validatorModule(litmas?.schema as Json);
    // Booleans, not the text: a failure would print a module of hundreds of KB.
    expect(/^\s*import\b/m.test(text)).toBe(false);
    expect(text.includes('require(')).toBe(false);
    expect(/^export const root = "[^"]+";$/m.test(text)).toBe(true);
    expect(/^export default function validators\(runtime\) \{$/m.test(text)).toBe(true);
    expect(text.includes('= runtime.regExp;')).toBe(true);
    expect(text.includes('= runtime.formats.date;')).toBe(true);
    expect(text.includes('= runtime.ucs2length;')).toBe(true);
  });

  it('names the ajv and @rjsf it was written with, as installed', () => {
    const version = (name: string) =>
      (
        JSON.parse(
          readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8'),
        ) as {
          version: string;
        }
      ).version;
    expect(VALIDATOR_MODULE_BUILD.ajv).toBe(version('ajv'));
    expect(VALIDATOR_MODULE_BUILD.rjsf).toBe(version('@rjsf/utils'));
    expect(VALIDATOR_MODULE_BUILD.rjsf).toBe(version('@rjsf/validator-ajv8'));
  });

  it('refuses a schema that does not compile, with ajv’s reason', () => {
    expect(() => validatorModule({ type: 'object', properties: { a: { type: 'teks' } } })).toThrow(
      expect.objectContaining({ code: 'invalid_form_schema' }),
    );
    expect(() => validatorModule({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      expect.objectContaining({ code: 'invalid_form_schema' }),
    );
    expect(() => validatorModule({ type: 'object', properties: { a: { type: 'teks' } } })).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ message: expect.stringMatching(/schema is invalid/) })],
      }),
    );
  });
});
