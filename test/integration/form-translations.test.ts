/**
 * A form's translations through HTTP: an empty translation is refused on save with its place and
 * nothing is written; the forms list gives the English title once published; the form's own
 * messages come in English to an English reader, on validate and on a submission; the printed report
 * uses the English titles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type ErrorBody, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let admin: Client;
let pk1: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  [admin, pk1] = await Promise.all([login(kawal, 'admin'), login(kawal, 'pk1')]);
});
afterAll(async () => kawal?.stop());

const EN = { headers: { 'accept-language': 'en' } };

const visitForm = (translations: unknown) => ({
  title: 'Kunjungan rumah',
  description: 'Catatan kunjungan kepada klien.',
  schema: {
    type: 'object',
    required: ['hp'],
    properties: {
      hp: {
        type: 'string',
        title: 'Nomor HP',
        pattern: '^[0-9]{10,13}$',
        'x-errorMessage': { pattern: 'Nomor HP terdiri dari 10 sampai 13 angka.' },
      },
    },
    'x-translations': translations,
  },
  uiSchema: { hp: { 'ui:help': 'Nomor yang dapat dihubungi.' } },
});

interface FormList {
  items: { id: string; title: string; translations: { en?: { title?: string; description?: string } } }[];
}

describe('saving a form with translations', () => {
  it('refuses an empty translation, writing nothing', async () => {
    const reply = await admin.request<ErrorBody>('PUT', '/api/forms/uji-terjemahan/draft', {
      body: visitForm({ en: { 'Nomor HP': 'Phone number', Alamat: 'Address', 'Kunjungan rumah': ' ' } }),
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_form_schema');
    expect(reply.body.error.details).toEqual([
      {
        path: '/schema/x-translations/en/Kunjungan rumah',
        message: 'terjemahan harus berupa teks yang tidak kosong, paling panjang 4000 karakter',
      },
    ]);
    expect((await admin.request('GET', '/api/forms/uji-terjemahan/draft')).status).toBe(404);
  });

  it('lists the English title once published, and speaks the form’s own message in English', async () => {
    const en = {
      'Kunjungan rumah': 'Home visit',
      'Catatan kunjungan kepada klien.': 'Notes of a visit to the client.',
      'Nomor HP': 'Phone number',
      'Nomor HP terdiri dari 10 sampai 13 angka.': 'A phone number has 10 to 13 digits.',
    };
    const put = await admin.request('PUT', '/api/forms/uji-terjemahan/draft', { body: visitForm({ en }) });
    expect(put.status).toBe(200);
    expect((await admin.request('POST', '/api/forms/uji-terjemahan/publish', { body: {} })).status).toBe(201);

    const list = await pk1.request<FormList>('GET', '/api/forms?limit=100');
    expect(list.body.items.find((form) => form.id === 'uji-terjemahan')).toMatchObject({
      title: 'Kunjungan rumah',
      translations: { en: { title: 'Home visit', description: 'Notes of a visit to the client.' } },
    });

    const bad = { data: { hp: '12' } };
    const inEnglish = await pk1.request<{ errors: { path: string; message: string }[] }>(
      'POST',
      '/api/forms/uji-terjemahan/validate',
      { body: bad, ...EN },
    );
    expect(inEnglish.body.errors).toEqual([{ path: '/hp', message: 'A phone number has 10 to 13 digits.' }]);
    const inIndonesian = await pk1.request<{ errors: { path: string; message: string }[] }>(
      'POST',
      '/api/forms/uji-terjemahan/validate',
      { body: bad },
    );
    expect(inIndonesian.body.errors).toEqual([
      { path: '/hp', message: 'Nomor HP terdiri dari 10 sampai 13 angka.' },
    ]);
  });
});

describe('a submission on a case, read in English', () => {
  it('gets the form’s own message in English, and a report with the English titles', async () => {
    // The identification form as published, with translations of its own for this test.
    const current = await admin.request<{
      title: string;
      description: string;
      schema: Record<string, unknown>;
      uiSchema: Record<string, unknown>;
    }>('GET', '/api/forms/identifikasi');
    const translations = (current.body.schema['x-translations'] ?? {}) as { en?: Record<string, string> };
    const schema = {
      ...current.body.schema,
      'x-translations': {
        en: {
          ...translations.en,
          'A. Identitas klien': 'A. The client (in English)',
          'Nama lengkap': 'Full name (in English)',
          'NIK terdiri dari 16 angka, sesuai KTP atau Kartu Keluarga.': 'A NIK has 16 digits (in English).',
        },
      },
    };
    const { title, description, uiSchema } = current.body;
    expect(
      (
        await admin.request('PUT', '/api/forms/identifikasi/draft', {
          body: { title, description, schema, uiSchema },
        })
      ).status,
    ).toBe(200);
    expect((await admin.request('POST', '/api/forms/identifikasi/publish', { body: {} })).status).toBe(201);

    const opened = await openCase(pk1);
    const data = example('identifikasi') as { identitas: Record<string, unknown> };
    const refused = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/submissions`, {
      body: {
        formId: 'identifikasi',
        data: { ...data, identitas: { ...data.identitas, nik: '123' } },
        idempotencyKey: key('nik'),
      },
      ...EN,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toContainEqual({
      path: '/identitas/nik',
      message: 'A NIK has 16 digits (in English).',
    });

    const filed = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data, idempotencyKey: key('id') },
    });
    expect(filed.status).toBe(201);
    const english = await pk1.request<string>('GET', `/api/cases/${opened.id}/report/${filed.body.id}`, EN);
    expect(english.status).toBe(200);
    expect(english.body).toContain('A. The client (in English)');
    expect(english.body).toContain('Full name (in English)');
    const indonesian = await pk1.request<string>('GET', `/api/cases/${opened.id}/report/${filed.body.id}`);
    expect(indonesian.body).toContain('A. Identitas klien');
    expect(indonesian.body).not.toContain('(in English)');
  });
});
