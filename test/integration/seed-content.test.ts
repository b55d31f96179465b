/** The job that publishes the content packs after a deploy: only what is missing, never an edit. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_FILE } from '../../functions/cases/deploy-seed';
import { handler } from '../../functions/jobs/seed-content';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, startTestKawal } from '../support/kawal';

const ROOT = new URL('../../', import.meta.url).pathname;
let kawal: LocalKawal;
let admin: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  admin = await login(kawal, 'admin');
});
afterAll(async () => kawal?.stop());

describe('the content seed job', () => {
  it('publishes what is missing and leaves an administrator’s edits alone', async () => {
    // The local start already seeded the packs; an administrator publishes an edit of one form.
    const form = await admin.request<{ title: string; schema: unknown; uiSchema: unknown }>(
      'GET',
      '/api/forms/rujukan',
    );
    await admin.request('PUT', '/api/forms/rujukan/draft', {
      body: { ...form.body, title: 'Rujukan (versi kantor)' },
    });
    expect(
      (await admin.request<{ version: number }>('POST', '/api/forms/rujukan/publish', { body: {} })).body
        .version,
    ).toBe(2);

    // …and of one case type.
    const type = await admin.request<Record<string, unknown>>('GET', '/api/case-types/integrasi');
    const saved = await admin.request('PUT', '/api/case-types/integrasi/draft', {
      body: { ...type.body, title: 'Integrasi (versi kantor)' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(
      (await admin.request<{ version: number }>('POST', '/api/case-types/integrasi/publish', { body: {} }))
        .body.version,
    ).toBe(2);

    // A package with one form the installation does not have yet.
    const content = mkdtempSync(join(tmpdir(), 'kawal-content-'));
    cpSync(join(ROOT, 'forms'), join(content, 'forms'), { recursive: true });
    cpSync(join(ROOT, 'rules'), join(content, 'rules'), { recursive: true });
    mkdirSync(join(content, 'forms'), { recursive: true });
    writeFileSync(
      join(content, 'forms', 'formulir-baru.json'),
      JSON.stringify({
        id: 'formulir-baru',
        title: 'Formulir baru',
        description: '',
        schema: { type: 'object', properties: {} },
        uiSchema: {},
      }),
    );
    process.env.KAWAL_CONTENT_DIR = content;
    try {
      const seeded = await handler();
      // No deploy-seed.json in this package: no office, no administrator.
      expect(seeded).toEqual({
        offices: [],
        adminInvited: false,
        forms: ['formulir-baru'],
        rulesets: [],
        caseTypes: [],
        migrated: 0,
      });
    } finally {
      delete process.env.KAWAL_CONTENT_DIR;
    }
    const rujukan = await admin.request<{ version: number; title: string }>('GET', '/api/forms/rujukan');
    expect(rujukan.body).toMatchObject({ version: 2, title: 'Rujukan (versi kantor)' });
    expect((await admin.request('GET', '/api/forms/formulir-baru')).status).toBe(200);
    const integrasi = await admin.request<{ version: number; title: string }>(
      'GET',
      '/api/case-types/integrasi',
    );
    expect(integrasi.body).toMatchObject({ version: 2, title: 'Integrasi (versi kantor)' });
  });

  it('creates the configured offices and first administrator once, and never changes them afterwards', async () => {
    const content = mkdtempSync(join(tmpdir(), 'kawal-content-'));
    cpSync(join(ROOT, 'forms'), join(content, 'forms'), { recursive: true });
    cpSync(join(ROOT, 'rules'), join(content, 'rules'), { recursive: true });
    // What the deploy writes from kawal.config.json (cdk/lib/api-stack.ts, deploySeedOf).
    writeFileSync(
      join(content, SEED_FILE),
      JSON.stringify({
        offices: [
          { id: 'bapas-sumedang', name: 'Bapas Kelas II Sumedang', address: 'Jl. Contoh No. 2' },
          { id: 'bapas-ambon', name: 'Bapas Kelas II Ambon', timeZone: 'Asia/Jayapura' },
        ],
        admin: { email: 'kepala.ti@bapas-sumedang.example.go.id', name: 'Kepala TI Sumedang' },
      }),
    );
    process.env.KAWAL_CONTENT_DIR = content;
    try {
      const first = await handler();
      expect(first).toMatchObject({ offices: ['bapas-sumedang', 'bapas-ambon'], adminInvited: true });

      const offices = await admin.request<{ items: { id: string; name: string; timeZone: string }[] }>(
        'GET',
        '/api/offices',
      );
      expect(offices.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: 'bapas-sumedang',
            name: 'Bapas Kelas II Sumedang',
            timeZone: 'Asia/Jakarta',
          }),
          expect.objectContaining({
            id: 'bapas-ambon',
            name: 'Bapas Kelas II Ambon',
            timeZone: 'Asia/Jayapura',
          }),
        ]),
      );
      const people = await admin.request<
        { name: string; roles: string[]; email?: string; active: boolean }[]
      >('GET', '/api/users?role=admin');
      expect(people.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'Kepala TI Sumedang',
            email: 'kepala.ti@bapas-sumedang.example.go.id',
            roles: ['admin'],
            active: true,
          }),
        ]),
      );

      // An administrator renames an office; the next deploy leaves it, and invites no one twice.
      const renamed = await admin.request('PUT', '/api/offices/bapas-ambon', {
        body: { name: 'Bapas Ambon (nama baru)', timeZone: 'Asia/Jayapura' },
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      const again = await handler();
      expect(again).toMatchObject({ offices: [], adminInvited: false });
      const after = await admin.request<{ items: { id: string; name: string }[] }>('GET', '/api/offices');
      expect(after.body.items.find((office) => office.id === 'bapas-ambon')?.name).toBe(
        'Bapas Ambon (nama baru)',
      );
    } finally {
      delete process.env.KAWAL_CONTENT_DIR;
    }
  });
});
