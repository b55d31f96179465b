/**
 * A form's translations (`x-translations`): which texts can be translated, how a form reads in
 * English (labels translated, data untouched, the form's own messages in English through the server's
 * details), the check on save (known language, non-empty), and stale entries (a key whose text the
 * form no longer has) kept but named.
 */
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { compileSchema } from '../../functions/validation/compile';
import { toDetails } from '../../functions/validation/errors';
import { formDefinitionProblems } from '../../functions/validation/form-definition';
import {
  staleTranslations,
  textMapOf,
  translatableTexts,
  translateForm,
  translationProblems,
} from '../../functions/validation/translations';

const FORMS = new URL('../../forms', import.meta.url).pathname;

const EN = {
  'Kunjungan rumah': 'Home visit',
  'Catatan kunjungan kepada klien.': 'Notes of a visit to the client.',
  Klien: 'Client',
  'Nomor HP': 'Phone number',
  'Nomor HP terdiri dari 10 sampai 13 angka.': 'A phone number has 10 to 13 digits.',
  'Dikunjungi di': 'Visited at',
  Rumah: 'Home',
  'Tulis apa yang dilihat.': 'Write what you saw.',
  'Cara kunjungan': 'Kind of visit',
};

const FORM = {
  title: 'Kunjungan rumah',
  description: 'Catatan kunjungan kepada klien.',
  schema: {
    type: 'object',
    required: ['klien', 'tempat'],
    properties: {
      klien: {
        type: 'object',
        title: 'Klien',
        properties: {
          hp: {
            type: 'string',
            title: 'Nomor HP',
            pattern: '^[0-9]{10,13}$',
            'x-errorMessage': { pattern: 'Nomor HP terdiri dari 10 sampai 13 angka.' },
          },
        },
      },
      tempat: {
        type: 'string',
        title: 'Dikunjungi di',
        oneOf: [
          { const: 'rumah', title: 'Rumah' },
          { const: 'kantor', title: 'Kantor' },
        ],
        default: 'Rumah',
      },
      cara: { type: 'string', enum: ['Tatap muka', 'Telepon'] },
    },
    'x-translations': { en: EN },
  },
  uiSchema: {
    tempat: { 'ui:help': 'Tulis apa yang dilihat.' },
    cara: { 'ui:title': 'Cara kunjungan', 'ui:enumNames': ['Tatap muka', 'Telepon'] },
  },
};

describe('the texts of a form that may be translated', () => {
  it('are its title, description, field and option titles, own messages and uiSchema texts, each once', () => {
    expect(translatableTexts(FORM)).toEqual([
      'Kunjungan rumah',
      'Catatan kunjungan kepada klien.',
      'Klien',
      'Nomor HP',
      'Nomor HP terdiri dari 10 sampai 13 angka.',
      'Dikunjungi di',
      'Rumah',
      'Kantor',
      'Tulis apa yang dilihat.',
      'Cara kunjungan',
      'Tatap muka',
      'Telepon',
    ]);
  });

  it('leave out data: const and enum values, defaults, and the translations themselves', () => {
    const texts = translatableTexts(FORM);
    expect(texts).not.toContain('rumah');
    expect(texts).not.toContain('Home');
  });
});

describe('a form in English', () => {
  const english = translateForm(FORM, 'en');

  it('shows each translated text in English and the others as written', () => {
    expect(english.title).toBe('Home visit');
    expect(english.description).toBe('Notes of a visit to the client.');
    const properties = english.schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.klien?.title).toBe('Client');
    expect(properties.tempat?.oneOf).toEqual([
      { const: 'rumah', title: 'Home' },
      { const: 'kantor', title: 'Kantor' },
    ]);
    expect(english.uiSchema.tempat).toEqual({ 'ui:help': 'Write what you saw.' });
    expect(english.uiSchema.cara).toEqual({
      'ui:title': 'Kind of visit',
      'ui:enumNames': ['Tatap muka', 'Telepon'],
    });
  });

  it('keeps the data the same: values, defaults and rules of checking', () => {
    const properties = english.schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.tempat?.default).toBe('Rumah');
    expect(properties.cara?.enum).toEqual(['Tatap muka', 'Telepon']);
    expect(english.schema.required).toEqual(['klien', 'tempat']);
  });

  it('is the same form in Indonesian, and the same translated objects each time', () => {
    expect(translateForm(FORM, 'id')).toBe(FORM);
    expect(translateForm(FORM, 'en').schema).toBe(english.schema);
    const untranslated = { ...FORM, schema: { type: 'object', properties: {} } };
    expect(translateForm(untranslated, 'en')).toBe(untranslated);
  });

  it("gives the form's own message in English through the server's details", () => {
    const validate = compileSchema(FORM.schema);
    expect(validate({ klien: { hp: '12' }, tempat: 'rumah' })).toBe(false);
    const en = toDetails(validate.errors, 'en', textMapOf(FORM.schema, 'en'));
    expect(en).toContainEqual({ path: '/klien/hp', message: 'A phone number has 10 to 13 digits.' });
    const id = toDetails(validate.errors, 'id', textMapOf(FORM.schema, 'id'));
    expect(id).toContainEqual({ path: '/klien/hp', message: 'Nomor HP terdiri dari 10 sampai 13 angka.' });
  });
});

describe('the check of translations on save', () => {
  const withTranslations = (translations: unknown) => ({
    ...FORM,
    schema: { ...FORM.schema, 'x-translations': translations },
  });

  it('accepts translations of texts the form has', () => {
    expect(formDefinitionProblems(FORM, 'id')).toEqual([]);
  });

  it('keeps a translation whose text the form no longer has, and names it as stale', () => {
    const renamed = withTranslations({ en: { ...EN, 'Alamat/RT': 'Address' } });
    expect(translationProblems(renamed, 'en')).toEqual([]);
    expect(staleTranslations(renamed)).toEqual([{ lang: 'en', text: 'Alamat/RT' }]);
    expect(staleTranslations(FORM)).toEqual([]);
  });

  it('refuses an empty or non-text translation, an unknown language, and a map that is not one', () => {
    const paths = (translations: unknown) =>
      translationProblems(withTranslations(translations), 'id').map((problem) => problem.path);
    expect(paths({ en: { Klien: '  ' } })).toEqual(['/schema/x-translations/en/Klien']);
    expect(paths({ en: { Klien: 5 } })).toEqual(['/schema/x-translations/en/Klien']);
    expect(paths({ fr: { Klien: 'Client' } })).toEqual(['/schema/x-translations/fr']);
    expect(paths(['en'])).toEqual(['/schema/x-translations']);
    expect(paths({ en: 'Client' })).toEqual(['/schema/x-translations/en']);
  });

  it('refuses translations anywhere but the root of the schema, through the form check', () => {
    const nested = {
      ...FORM,
      schema: {
        ...FORM.schema,
        properties: { ...FORM.schema.properties, cara: { type: 'string', 'x-translations': { en: {} } } },
      },
    };
    expect(formDefinitionProblems(nested, 'id').map((problem) => problem.path)).toContain(
      '/schema/properties/cara/x-translations',
    );
  });
});

describe('the default forms', () => {
  it('pass the check with their translations, each translation a text of its form, every text translated', async () => {
    for (const form of await readDefaultForms(FORMS)) {
      expect(formDefinitionProblems(form, 'en'), form.id).toEqual([]);
      expect(staleTranslations(form), form.id).toEqual([]);
      const english = textMapOf(form.schema, 'en') ?? {};
      expect(
        translatableTexts(form).filter((text) => !Object.hasOwn(english, text)),
        form.id,
      ).toEqual([]);
    }
  });
});
