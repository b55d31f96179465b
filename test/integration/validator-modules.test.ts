/**
 * The precompiled validators the browser imports, through the local server: a published version's
 * module (JavaScript, kept for good, the form as shown in the language asked for, the server's verdict
 * on the same data), and the studio's preview of an unsaved schema (kept under its hash in the table,
 * so another instance serves its module; refused with ajv's reason when it does not compile).
 */
import type { RJSFSchema } from '@rjsf/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { VALIDATOR_MODULE_VERSION } from '../../functions/validation/runtime';
import { ModuleValidator } from '../../web/src/features/forms/validator';
import {
  type Client,
  login,
  type OtherInstance,
  send,
  startOtherInstance,
  startTestKawal,
} from '../support/kawal';
import { importModule } from '../support/validator-modules';

let kawal: LocalKawal;
let admin: Client;
let worker: Client;
let other: OtherInstance | undefined;

beforeAll(async () => {
  kawal = await startTestKawal();
  [admin, worker] = await Promise.all([login(kawal, 'admin'), login(kawal, 'pk1')]);
});
afterAll(async () => {
  other?.stop();
  await kawal?.stop();
});

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const moduleOf = (path: string, base = kawal.url) => send<string>(base, 'GET', path);

describe('a published version’s validators', () => {
  const path = `/api/forms/identifikasi/versions/1/validator.js?lang=id&v=${VALIDATOR_MODULE_VERSION}`;

  it('are a JavaScript module, served without a token and kept for good', async () => {
    const reply = await moduleOf(path);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(reply.body.startsWith('// Kawal: precompiled validators of a form')).toBe(true);
  });

  it('judge data as the server’s validate route does, with the same words', async () => {
    const form = await importModule((await moduleOf(path)).body);
    const validator = new ModuleValidator(form, 'id');
    const schema = (await worker.request<{ schema: RJSFSchema }>('GET', '/api/forms/identifikasi/versions/1'))
      .body.schema;
    for (const data of [{}, { identitas: { nik: '12', nama: '' } }]) {
      const server = await worker.request<{ valid: boolean; errors: { path: string; message: string }[] }>(
        'POST',
        '/api/forms/identifikasi/validate',
        { body: { data, version: 1 } },
      );
      const browser = validator.validateFormData(data, schema).errors.map((error) => ({
        path: `/${(error.property ?? '').replace(/^\./, '').split('.').join('/')}`,
        message: error.message,
      }));
      expect(server.body.valid).toBe(false);
      expect(browser).toEqual(expect.arrayContaining(server.body.errors));
    }
  });

  it('are written for the language asked for, and refuse another', async () => {
    const english = await moduleOf(path.replace('lang=id', 'lang=en'));
    expect(english.status).toBe(200);
    const indonesian = (await moduleOf(path)).body;
    expect(english.body).not.toBe(indonesian);
    const other = await send<ErrorBody>(kawal.url, 'GET', path.replace('lang=id', 'lang=fr'));
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('invalid_parameter');
  });

  it('are 404 for a version or form that does not exist', async () => {
    const version = await send<ErrorBody>(
      kawal.url,
      'GET',
      '/api/forms/identifikasi/versions/99/validator.js',
    );
    expect(version.status).toBe(404);
    expect(version.body.error.code).toBe('form_version_not_found');
    const form = await send<ErrorBody>(kawal.url, 'GET', '/api/forms/tidak-ada/versions/1/validator.js');
    expect(form.status).toBe(404);
  });
});

describe('the studio preview’s validators', () => {
  const schema = {
    type: 'object',
    required: ['nip'],
    properties: {
      nip: { type: 'string', pattern: '^[0-9]{18}$', 'x-errorMessage': 'NIP terdiri dari 18 angka.' },
    },
    examples: [{ nip: 'data-contoh-administrator' }],
  };

  it('are kept under the schema’s hash, and another instance serves them', async () => {
    const stored = await admin.request<{ hash: string }>('POST', '/api/forms/uji-pratinjau/previews', {
      body: { schema },
    });
    expect(stored.status).toBe(201);
    expect(stored.body.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await admin.request<{ hash: string }>('POST', '/api/forms/uji-pratinjau/previews', {
      body: { schema },
    });
    expect(again.body.hash).toBe(stored.body.hash);

    other = await startOtherInstance({ dynamoEndpoint: kawal.dynamoEndpoint, tableName: kawal.tableName });
    const path = `/api/forms/uji-pratinjau/previews/${stored.body.hash}/validator.js?lang=id`;
    const reply = await moduleOf(path, other.url);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.body.includes('data-contoh-administrator')).toBe(false);
    const validator = new ModuleValidator(await importModule(reply.body), 'id');
    expect(
      validator.validateFormData({ nip: '12' }, schema as RJSFSchema).errors.map((e) => e.message),
    ).toEqual(['NIP terdiri dari 18 angka.']);

    // Only under the form it was posted for; a malformed name is refused.
    const elsewhere = await send<ErrorBody>(
      kawal.url,
      'GET',
      `/api/forms/identifikasi/previews/${stored.body.hash}/validator.js`,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('preview_not_found');
    const malformed = await send<ErrorBody>(
      kawal.url,
      'GET',
      '/api/forms/uji-pratinjau/previews/abc/validator.js',
    );
    expect(malformed.status).toBe(400);
  });

  it('refuse a schema that does not compile, with ajv’s reason', async () => {
    const bad = { type: 'object', properties: { nip: { type: 'teks' } } };
    const reply = await admin.request<ErrorBody>('POST', '/api/forms/uji-pratinjau/previews', {
      body: { schema: bad },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_form_schema');
    expect(reply.body.error.details?.[0]?.message).toMatch(/schema is invalid/);
  });
});
