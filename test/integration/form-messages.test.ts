/**
 * What a person reads when the server refuses a form: a pattern's message is the field's own
 * (`x-errorMessage`) or a plain sentence, never the pattern; and a form whose `x-prefill` names an
 * unknown source is refused on save at that pointer, nothing written. Through the real handlers on
 * DynamoDB Local.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let admin: Client;
let worker: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  [admin, worker] = await Promise.all([login(kawal, 'admin'), login(kawal, 'pk1')]);
});
afterAll(async () => kawal?.stop());

interface Detail {
  path: string;
  message: string;
}
interface ErrorBody {
  error: { code: string; message: string; details?: Detail[] };
}

/** An integration case of pk1's at the assessment stage, where the adult litmas is offered. */
async function caseAtAssessment(): Promise<string> {
  const created = await worker.request<{ id: string }>('POST', '/api/cases', {
    body: {
      client: { name: 'Rudi Contoh Pesan', birthDate: '1984-07-01', sex: 'laki-laki' },
      caseType: 'integrasi',
    },
  });
  expect(created.status).toBe(201);
  const moved = await worker.request('POST', `/api/cases/${created.body.id}/transitions`, {
    body: { to: 'assessment' },
  });
  expect(moved.status).toBe(200);
  return created.body.id;
}

const noPattern = (details: Detail[]) => {
  for (const detail of details) expect(detail.message).not.toMatch(/\^|\$|\[0-9\]|\{\d|pola|pattern/);
};

describe('the messages of a refused submission', () => {
  it('gives a pattern the field’s own message on a default form, never the pattern', async () => {
    const id = await caseAtAssessment();
    const reply = await worker.request<ErrorBody>('POST', `/api/cases/${id}/submissions`, {
      body: {
        formId: 'litmas-integrasi-dewasa',
        idempotencyKey: crypto.randomUUID(),
        data: { dataPk: { nama: 'PK Satu', nip: '1990 0101' }, identitasKlien: { alamat: { rt: 'satu' } } },
      },
    });
    expect(reply.status).toBe(422);
    const details = reply.body.error.details ?? [];
    expect(details).toContainEqual({
      path: '/dataPk/nip',
      message: 'NIP terdiri dari 18 angka, tanpa spasi atau tanda baca.',
    });
    expect(details).toContainEqual({
      path: '/identitasKlien/alamat/rt',
      message: 'Tulis angka saja, paling banyak 3 angka (misalnya 001).',
    });
    noPattern(details);
    // Nothing was filed.
    const history = await worker.request<{ items: unknown[] }>('GET', `/api/cases/${id}/submissions`);
    expect(history.body.items).toEqual([]);
  });

  it('says "Format isian tidak sesuai." for a pattern without a message of its own, in English too', async () => {
    const form = {
      title: 'Uji pesan pola',
      description: 'Formulir uji',
      schema: {
        type: 'object',
        properties: {
          kode: { type: 'string', title: 'Kode register', pattern: '^[A-Z]{3}-[0-9]{4}$' },
          nip: {
            type: 'string',
            title: 'NIP',
            pattern: '^[0-9]{18}$',
            'x-errorMessage': 'NIP terdiri dari 18 angka.',
          },
        },
      },
      uiSchema: {},
    };
    expect((await admin.request('PUT', '/api/forms/uji-pesan-pola/draft', { body: form })).status).toBe(200);
    expect((await admin.request('POST', '/api/forms/uji-pesan-pola/publish', { body: {} })).status).toBe(201);
    const validate = (lang: string) =>
      worker.request<{ valid: boolean; errors: Detail[] }>('POST', '/api/forms/uji-pesan-pola/validate', {
        body: { data: { kode: 'abc-12', nip: '12' }, version: 1 },
        headers: { 'accept-language': lang },
      });
    const id = await validate('id');
    expect(id.body.valid).toBe(false);
    expect(id.body.errors).toHaveLength(2);
    expect(id.body.errors).toContainEqual({ path: '/kode', message: 'Format isian tidak sesuai.' });
    expect(id.body.errors).toContainEqual({ path: '/nip', message: 'NIP terdiri dari 18 angka.' });
    const en = await validate('en');
    expect(en.body.errors).toContainEqual({
      path: '/kode',
      message: 'The entry is not in the expected format.',
    });
    noPattern([...id.body.errors, ...en.body.errors]);
  });
});

describe('x-prefill on save', () => {
  it('refuses an unknown source with 422 at its pointer and keeps nothing', async () => {
    const form = {
      title: 'Uji isian otomatis',
      description: 'Formulir uji',
      schema: {
        type: 'object',
        properties: {
          klien: {
            type: 'object',
            properties: {
              nama: { type: 'string', 'x-prefill': 'client.name' },
              alamat: { type: 'string', 'x-prefill': 'client.address' },
            },
          },
        },
      },
      uiSchema: {},
    };
    const reply = await admin.request<ErrorBody>('PUT', '/api/forms/uji-isian-otomatis/draft', {
      body: form,
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_form_schema');
    expect(reply.body.error.details).toEqual([
      {
        path: '/schema/properties/klien/properties/alamat/x-prefill',
        message: expect.stringContaining('client.address'),
      },
    ]);
    expect((await admin.request('GET', '/api/forms/uji-isian-otomatis/draft')).status).toBe(404);

    const fixed = structuredClone(form);
    fixed.schema.properties.klien.properties.alamat['x-prefill'] = 'office.name';
    expect((await admin.request('PUT', '/api/forms/uji-isian-otomatis/draft', { body: fixed })).status).toBe(
      200,
    );
  });
});

describe('/api/me', () => {
  it('carries the NIP of a person the directory knows, and none for one it holds none for', async () => {
    expect((await worker.request('GET', '/api/me')).body).toMatchObject({
      id: 'pk1',
      nip: '199001012099011001',
    });
    expect((await admin.request('GET', '/api/me')).body).not.toHaveProperty('nip');
  });
});
