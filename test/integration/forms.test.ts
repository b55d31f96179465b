import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/local/issuer';
import { type Client, login, send, startTestKawal } from '../support/kawal';
import { CountCommand } from './count';

let kawal: LocalKawal;
let admin: Client;
let worker: Client;
let supervisor: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  [admin, worker, supervisor] = await Promise.all([
    login(kawal, 'admin'),
    login(kawal, 'pk1'),
    login(kawal, 'kabapas1'),
  ]);
});
afterAll(async () => kawal?.stop());

const simpleForm = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  description: 'Formulir uji',
  schema: {
    type: 'object',
    required: ['nama'],
    properties: { nama: { type: 'string', minLength: 2 }, umur: { type: 'integer', minimum: 0 } },
    ...extra,
  },
  uiSchema: { 'ui:order': ['nama', 'umur'] },
});

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('forms API', () => {
  it('lists the seeded default forms', async () => {
    const reply = await worker.request<{
      items: { id: string; publishedVersion: number }[];
      nextCursor: null;
    }>('GET', '/api/forms');
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((form) => form.id);
    expect(ids).toContain('asesmen-risiko');
    expect(reply.body.items.every((form) => form.publishedVersion === 1)).toBe(true);
    expect(reply.body.nextCursor).toBeNull();
  });

  it('pages the list with an opaque cursor', async () => {
    const first = await worker.request<{ items: { id: string }[]; nextCursor: string | null }>(
      'GET',
      '/api/forms?limit=1',
    );
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await worker.request<{ items: { id: string }[] }>(
      'GET',
      `/api/forms?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0]?.id).not.toBe(first.body.items[0]?.id);
    const bad = await worker.request<ErrorBody>('GET', '/api/forms?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
    const tooMany = await worker.request<ErrorBody>('GET', '/api/forms?limit=101');
    expect(tooMany.status).toBe(400);
  });

  it('serves the published form with its version as ETag', async () => {
    const reply = await worker.request<{
      id: string;
      version: number;
      schema: { type: string };
      publishedBy: string;
    }>('GET', '/api/forms/asesmen-risiko');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'asesmen-risiko', version: 1, publishedBy: 'system' });
    expect(reply.body.schema.type).toBe('object');
    expect(reply.headers.get('etag')).toBe('"1"');
  });

  it('answers 404 for unknown forms, versions and drafts', async () => {
    expect((await worker.request<ErrorBody>('GET', '/api/forms/tidak-ada')).body.error.code).toBe(
      'form_not_found',
    );
    const version = await worker.request<ErrorBody>('GET', '/api/forms/asesmen-risiko/versions/99');
    expect(version.status).toBe(404);
    expect(version.body.error.code).toBe('form_version_not_found');
    const draft = await admin.request<ErrorBody>('GET', '/api/forms/asesmen-risiko/draft');
    expect(draft.status).toBe(404);
    expect(draft.body.error.code).toBe('draft_not_found');
    const badId = await worker.request<ErrorBody>('GET', '/api/forms/Bad%20Id');
    expect(badId.status).toBe(400);
  });

  it('saves a draft, publishes versions 1 and 2, and rolls back as version 3', async () => {
    const put = await admin.request<{ version: number; title: string }>(
      'PUT',
      '/api/forms/uji-terbit/draft',
      {
        body: simpleForm('Versi satu'),
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(1);
    expect(put.headers.get('etag')).toBe('"1"');

    const listed = await worker.request<{
      items: { id: string; hasDraft: boolean; publishedVersion: null }[];
    }>('GET', '/api/forms?limit=100');
    expect(listed.body.items.find((form) => form.id === 'uji-terbit')).toMatchObject({
      hasDraft: true,
      publishedVersion: null,
    });
    expect((await worker.request<ErrorBody>('GET', '/api/forms/uji-terbit')).body.error.code).toBe(
      'form_not_published',
    );

    const v1 = await admin.request<{ version: number }>('POST', '/api/forms/uji-terbit/publish', {
      body: { note: 'awal' },
    });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);
    expect((await admin.request('GET', '/api/forms/uji-terbit/draft')).status).toBe(404);
    const again = await admin.request<ErrorBody>('POST', '/api/forms/uji-terbit/publish', { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('nothing_to_publish');

    await admin.request('PUT', '/api/forms/uji-terbit/draft', { body: simpleForm('Versi dua') });
    const v2 = await admin.request<{ version: number }>('POST', '/api/forms/uji-terbit/publish', {
      body: {},
    });
    expect(v2.body.version).toBe(2);
    expect((await worker.request<{ title: string }>('GET', '/api/forms/uji-terbit')).body.title).toBe(
      'Versi dua',
    );

    const rollback = await admin.request<{ version: number }>('POST', '/api/forms/uji-terbit/publish', {
      body: { fromVersion: 1, note: 'kembali ke versi 1' },
    });
    expect(rollback.status).toBe(201);
    expect(rollback.body.version).toBe(3);
    const v3 = await worker.request<Record<string, unknown>>('GET', '/api/forms/uji-terbit');
    const old = await worker.request<Record<string, unknown>>('GET', '/api/forms/uji-terbit/versions/1');
    expect(v3.body).toMatchObject({ version: 3, fromVersion: 1, note: 'kembali ke versi 1' });
    for (const field of ['title', 'description', 'schema', 'uiSchema'])
      expect(v3.body[field]).toEqual(old.body[field]);

    const versions = await worker.request<{ items: { version: number; note: string | null }[] }>(
      'GET',
      '/api/forms/uji-terbit/versions',
    );
    expect(versions.body.items.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.items[2]?.note).toBe('awal');

    const missing = await admin.request<ErrorBody>('POST', '/api/forms/uji-terbit/publish', {
      body: { fromVersion: 9 },
    });
    expect(missing.status).toBe(404);
  });

  it('gives concurrent publishes distinct versions and loses none', async () => {
    await admin.request('PUT', '/api/forms/uji-serentak/draft', { body: simpleForm('Serentak') });
    await admin.request('POST', '/api/forms/uji-serentak/publish', { body: {} });
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.request<{ version: number }>('POST', '/api/forms/uji-serentak/publish', {
          body: { fromVersion: 1, note: `ulang ${i}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(201));
    const numbers = replies.map((r) => r.body.version).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7]);
    const versions = await worker.request<{ items: { version: number; note: string }[] }>(
      'GET',
      '/api/forms/uji-serentak/versions',
    );
    expect(versions.body.items.map((v) => v.note).sort()).toEqual(
      ['ulang 0', 'ulang 1', 'ulang 2', 'ulang 3', 'ulang 4', 'ulang 5', null].sort(),
    );
  });

  it('refuses a stale draft save with 412 and keeps the newer draft', async () => {
    const first = await admin.request<{ version: number }>('PUT', '/api/forms/uji-versi/draft', {
      body: simpleForm('A'),
    });
    const second = await admin.request<{ version: number }>('PUT', '/api/forms/uji-versi/draft', {
      body: simpleForm('B'),
      headers: { 'if-match': `"${first.body.version}"` },
    });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);
    const stale = await admin.request<ErrorBody>('PUT', '/api/forms/uji-versi/draft', {
      body: simpleForm('C'),
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('version_mismatch');
    const draft = await admin.request<{ title: string; version: number }>(
      'GET',
      '/api/forms/uji-versi/draft',
    );
    expect(draft.body).toMatchObject({ title: 'B', version: 2 });
    const badHeader = await admin.request<ErrorBody>('PUT', '/api/forms/uji-versi/draft', {
      body: simpleForm('D'),
      headers: { 'if-match': 'abc' },
    });
    expect(badHeader.status).toBe(400);
  });

  it.each([
    ['not an object form', { type: 'array', items: {} }, '/schema/type'],
    [
      'a keyword with the wrong type',
      { type: 'object', properties: { a: { type: 'text' } } },
      '/schema/properties/a/type',
    ],
    [
      'an unresolved $ref',
      { type: 'object', properties: { a: { $ref: '#/definitions/nope' } } },
      '/schema/properties/a',
    ],
    [
      'an unsupported $schema',
      { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' },
      '/schema/$schema',
    ],
    [
      'a pattern that does not compile',
      { type: 'object', properties: { a: { type: 'string', pattern: '(' } } },
      '/schema/properties/a/pattern',
    ],
    [
      'a pattern that needs backtracking (a backreference)',
      { type: 'object', properties: { b: { type: 'string', pattern: '^(a)\\1$' } } },
      '/schema/properties/b/pattern',
    ],
  ])('refuses a draft with %s (422, nothing written)', async (_name, schema, path) => {
    const id = `uji-buruk-${path.replace(/[^a-z]/g, '')}`;
    const reply = await admin.request<ErrorBody>('PUT', `/api/forms/${id}/draft`, {
      body: { title: 'Buruk', schema },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_form_schema');
    expect(reply.body.error.details?.map((d) => d.path)).toContain(path);
    expect((await admin.request('GET', `/api/forms/${id}/draft`)).status).toBe(404);
    expect(await countItems(`FORM#${id}`)).toBe(0);
  });

  it('refuses a body without the required fields with 400 and field paths', async () => {
    const reply = await admin.request<ErrorBody>('PUT', '/api/forms/uji-kosong/draft', {
      body: { schema: 'x' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.details?.map((d) => d.path).sort()).toEqual(['/schema', '/title']);
  });

  it('validates data against the published form with JSON Pointer paths, writing nothing', async () => {
    await admin.request('PUT', '/api/forms/uji-validasi/draft', { body: simpleForm('Validasi') });
    await admin.request('POST', '/api/forms/uji-validasi/publish', { body: {} });
    const before = await countItems('FORM#uji-validasi');
    const bad = await worker.request<{
      valid: boolean;
      errors: { path: string; message: string }[];
      version: number;
    }>('POST', '/api/forms/uji-validasi/validate', { body: { data: { umur: -1 } } });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.version).toBe(1);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/nama', message: 'wajib diisi' },
        { path: '/umur', message: 'tidak boleh kurang dari 0' },
      ]),
    );
    const good = await worker.request<{ valid: boolean; errors: unknown[] }>(
      'POST',
      '/api/forms/uji-validasi/validate',
      {
        body: { data: { nama: 'Budi', umur: 30 } },
      },
    );
    expect(good.body).toMatchObject({ valid: true, errors: [] });
    const english = await worker.request<{ errors: { path: string; message: string }[] }>(
      'POST',
      '/api/forms/uji-validasi/validate',
      { body: { data: {} }, headers: { 'accept-language': 'en-US,en;q=0.9' } },
    );
    expect(english.body.errors).toContainEqual({ path: '/nama', message: 'is required' });
    expect(await countItems('FORM#uji-validasi')).toBe(before);
  });

  it('validates against a named version or the draft', async () => {
    await admin.request('PUT', '/api/forms/uji-validasi/draft', {
      body: simpleForm('Validasi 2', { required: ['nama', 'umur'] }),
    });
    const draft = await worker.request<{ valid: boolean; version: string }>(
      'POST',
      '/api/forms/uji-validasi/validate',
      {
        body: { data: { nama: 'Budi' }, version: 'draft' },
      },
    );
    expect(draft.body).toMatchObject({ valid: false, version: 'draft' });
    const v1 = await worker.request<{ valid: boolean }>('POST', '/api/forms/uji-validasi/validate', {
      body: { data: { nama: 'Budi' }, version: 1 },
    });
    expect(v1.body.valid).toBe(true);
    const bad = await worker.request<ErrorBody>('POST', '/api/forms/uji-validasi/validate', {
      body: { data: {}, version: 'latest' },
    });
    expect(bad.status).toBe(400);
  });

  it.each([
    [
      '2019-09',
      { $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { nik: ['nama'] } },
      { nik: '1' },
      '/nama',
    ],
    [
      '2020-12',
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { pasal: { type: 'array', prefixItems: [{ type: 'integer' }] } },
      },
      { pasal: ['satu'] },
      '/pasal/0',
    ],
  ])('validates a form that declares JSON Schema %s with that draft', async (draft, schema, data, path) => {
    const id = `uji-draf-${draft.replace('-', '')}`;
    const put = await admin.request('PUT', `/api/forms/${id}/draft`, {
      body: { title: draft, schema: { type: 'object', ...schema } },
    });
    expect(put.status).toBe(200);
    await admin.request('POST', `/api/forms/${id}/publish`, { body: {} });
    const reply = await worker.request<{ valid: boolean; errors: { path: string }[] }>(
      'POST',
      `/api/forms/${id}/validate`,
      {
        body: { data },
      },
    );
    expect(reply.body.valid).toBe(false);
    expect(reply.body.errors.map((e) => e.path)).toContain(path);
  });
});

describe('HTTP platform', () => {
  it('answers health without a token', async () => {
    const reply = await send(kawal.url, 'GET', '/api/health');
    expect(reply).toMatchObject({ status: 200, body: { status: 'ok', store: 'ok' } });
  });

  it('returns the caller from /api/me, with the NIP the users directory holds', async () => {
    const reply = await supervisor.request('GET', '/api/me');
    expect(reply.body).toEqual({
      id: 'kabapas1',
      name: 'Kepala Bapas Satu',
      roles: ['supervisor'],
      office: 'bapas-1',
      nip: '197001012099011001',
    });
  });

  it('refuses a wrong password with 401', async () => {
    const reply = await send<ErrorBody>(kawal.url, 'POST', '/api/auth/login', {
      body: { username: 'pk1', password: 'salah' },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('invalid_credentials');
    const unknown = await send<ErrorBody>(kawal.url, 'POST', '/api/auth/login', {
      body: { username: 'siapa', password: 'salah' },
    });
    expect(unknown.status).toBe(401);
  });

  it('answers 401 without a token, with a forged one, and with an expired one', async () => {
    const none = await send<ErrorBody>(kawal.url, 'GET', '/api/forms');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('masuk'),
    });

    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], name: 'Palsu' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('admin')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await send(kawal.url, 'GET', '/api/forms', { token: forged })).status).toBe(401);

    const [header, , signature] = admin.token.split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'admin', 'cognito:groups': ['admin'], exp: 9999999999 }),
    ).toString('base64url');
    expect(
      (await send(kawal.url, 'GET', '/api/forms', { token: `${header}.${payload}.${signature}` })).status,
    ).toBe(401);

    const expired = await kawal.issuer.sign(
      { id: 'admin', name: 'Admin', roles: ['admin'], office: null },
      -60,
    );
    expect((await send(kawal.url, 'GET', '/api/forms', { token: expired })).status).toBe(401);

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await send(kawal.url, 'GET', '/api/forms', { token: unsigned })).status).toBe(401);
  });

  it('answers 403 when a worker or supervisor writes or publishes a draft, writing nothing', async () => {
    for (const client of [worker, supervisor]) {
      const put = await client.request<ErrorBody>('PUT', '/api/forms/uji-terlarang/draft', {
        body: simpleForm('X'),
      });
      expect(put.status).toBe(403);
      expect(put.body.error.code).toBe('forbidden');
      expect((await client.request('POST', '/api/forms/asesmen-risiko/publish', { body: {} })).status).toBe(
        403,
      );
      expect((await client.request('GET', '/api/forms/asesmen-risiko/draft')).status).toBe(403);
    }
    expect(await countItems('FORM#uji-terlarang')).toBe(0);
  });

  it('answers 413 for a 2 MiB body and writes nothing', async () => {
    const big = simpleForm('Besar', { description: 'x'.repeat(2 * 1024 * 1024) });
    const reply = await admin.request<ErrorBody>('PUT', '/api/forms/uji-besar/draft', { body: big });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
    expect(await countItems('FORM#uji-besar')).toBe(0);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await admin.request<ErrorBody>('PUT', '/api/forms/uji-rusak/draft', {
      raw: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const text = await admin.request<ErrorBody>('PUT', '/api/forms/uji-rusak/draft', {
      raw: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
    expect(await countItems('FORM#uji-rusak')).toBe(0);
  });

  it('speaks English on Accept-Language: en and Indonesian otherwise', async () => {
    const en = await send<ErrorBody>(kawal.url, 'GET', '/api/forms', {
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.error.message).toBe('You must sign in; the token is missing, invalid or expired.');
    const fr = await send<ErrorBody>(kawal.url, 'GET', '/api/forms', {
      headers: { 'accept-language': 'fr' },
    });
    expect(fr.body.error.message).toMatch(/^Anda harus masuk/);
  });

  it('answers 404 with the error shape for an unknown API route', async () => {
    const reply = await admin.request<ErrorBody>('GET', '/api/tidak-ada');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('route_not_found');
  });
});

async function countItems(pk: string): Promise<number> {
  return CountCommand(kawal, pk);
}
