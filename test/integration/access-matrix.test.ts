/**
 * Every route × every kind of caller, from one table. Each request runs against a fresh case of
 * bapas-1 assigned to pk1 (with a submission, a referral and a pending transfer to bapas-2 where the
 * route needs one), so no row depends on another.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, send, startTestKawal } from '../support/kawal';

type Caller = 'admin' | 'sameSupervisor' | 'otherSupervisor' | 'assignedWorker' | 'otherWorker' | 'noToken';
const CALLERS: Caller[] = [
  'admin',
  'sameSupervisor',
  'otherSupervisor',
  'assignedWorker',
  'otherWorker',
  'noToken',
];
const ACCOUNTS: Record<Exclude<Caller, 'noToken'>, string> = {
  admin: 'admin',
  sameSupervisor: 'kabapas1',
  otherSupervisor: 'kabapas2',
  assignedWorker: 'pk1',
  otherWorker: 'pk2',
};

interface Fixture {
  caseId: string;
  submissionId: string;
  referralId: string;
}

interface Row {
  /** Builds the request path and body for a fixture. */
  request: (f: Fixture) => { path: string; body?: unknown };
  /** Whether the fixture needs a pending transfer to bapas-2. */
  transfer?: boolean;
  /** Whether the fixture needs a move waiting for a supervisor's approval. */
  approval?: boolean;
  /** Expected status for each caller (noToken is always 401). */
  expect: [admin: number, same: number, other: number, assigned: number, otherWorker: number];
}

const intake = JSON.parse(
  readFileSync(new URL('../../forms/identifikasi.json', import.meta.url), 'utf8'),
).example;
const unique = () => `k${Math.random().toString(36).slice(2, 10)}`;
const draftCaseType = {
  title: 'Uji',
  stages: [
    { id: 'intake', title: 'Penerimaan' },
    { id: 'terminated', title: 'Selesai' },
  ],
  moves: [{ from: 'intake', to: 'terminated' }],
};
const draftForm = { title: 'Uji', schema: { type: 'object', properties: { a: { type: 'string' } } } };
const previewSchema = {
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'string', minLength: 2 } },
};
/** The preview's name, as the server makes it: base64url SHA-256 of the schema's JSON. */
const previewHash = createHash('sha256').update(JSON.stringify(previewSchema)).digest('base64url');

// Status per caller: admin, supervisor of the case's office, supervisor of another office, assigned worker, other worker.
const MATRIX: Record<string, Row> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: [200, 200, 200, 200, 200] },
  'GET /api/me': { request: () => ({ path: '/api/me' }), expect: [200, 200, 200, 200, 200] },
  'POST /api/auth/login': {
    request: () => ({ path: '/api/auth/login', body: { username: 'pk1', password: 'salah' } }),
    expect: [401, 401, 401, 401, 401],
  },
  'GET /api/forms': { request: () => ({ path: '/api/forms' }), expect: [200, 200, 200, 200, 200] },
  'GET /api/forms/{id}': {
    request: () => ({ path: '/api/forms/identifikasi' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/forms/{id}/versions': {
    request: () => ({ path: '/api/forms/identifikasi/versions' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/forms/{id}/versions/{n}': {
    request: () => ({ path: '/api/forms/identifikasi/versions/1' }),
    expect: [200, 200, 200, 200, 200],
  },
  // Precompiled validators: a published version's module is public (form content, same for all).
  'GET /api/forms/{id}/versions/{n}/validator.js': {
    request: () => ({ path: '/api/forms/identifikasi/versions/1/validator.js?lang=id' }),
    expect: [200, 200, 200, 200, 200],
  },
  'POST /api/forms/{id}/previews': {
    request: () => ({ path: '/api/forms/identifikasi/previews', body: { schema: previewSchema } }),
    expect: [201, 403, 403, 403, 403],
  },
  // Named by the hash of a schema an administrator posted (see beforeAll), without a token.
  'GET /api/forms/{id}/previews/{hash}/validator.js': {
    request: () => ({ path: `/api/forms/identifikasi/previews/${previewHash}/validator.js?lang=en` }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/forms/{id}/draft': {
    request: () => ({ path: '/api/forms/identifikasi/draft' }),
    expect: [404, 403, 403, 403, 403],
  },
  'PUT /api/forms/{id}/draft': {
    request: () => ({ path: `/api/forms/${unique()}/draft`, body: draftForm }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/forms/{id}/publish': {
    request: () => ({ path: '/api/forms/identifikasi/publish', body: { fromVersion: 1 } }),
    expect: [201, 403, 403, 403, 403],
  },
  'POST /api/forms/{id}/validate': {
    request: () => ({ path: '/api/forms/identifikasi/validate', body: { data: {} } }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/rulesets': { request: () => ({ path: '/api/rulesets' }), expect: [200, 200, 200, 200, 200] },
  'GET /api/rulesets/{id}': {
    request: () => ({ path: '/api/rulesets/prioritas' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/rulesets/{id}/versions': {
    request: () => ({ path: '/api/rulesets/prioritas/versions' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/rulesets/{id}/versions/{n}': {
    request: () => ({ path: '/api/rulesets/prioritas/versions/1' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/rulesets/{id}/draft': {
    request: () => ({ path: '/api/rulesets/prioritas/draft' }),
    expect: [404, 403, 403, 403, 403],
  },
  'PUT /api/rulesets/{id}/draft': {
    request: () => ({
      path: `/api/rulesets/${unique()}/draft`,
      body: {
        title: 'Uji',
        kind: 'uji',
        facts: [{ name: 'ageYears', type: 'number' }],
        rules: [
          {
            conditions: { all: [{ fact: 'ageYears', operator: 'greaterThan', value: 1 }] },
            event: { type: 'x' },
          },
        ],
      },
    }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/rulesets/{id}/publish': {
    request: () => ({ path: '/api/rulesets/prioritas/publish', body: { fromVersion: 1 } }),
    expect: [201, 403, 403, 403, 403],
  },
  'POST /api/rulesets/{id}/evaluate': {
    request: () => ({ path: '/api/rulesets/diversi/evaluate', body: { facts: { ageAtOffenceYears: 15 } } }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/facts': { request: () => ({ path: '/api/facts' }), expect: [200, 200, 200, 200, 200] },
  'POST /api/rulesets/{id}/impact': {
    request: () => ({ path: '/api/rulesets/prioritas/impact', body: { version: 1, limit: 5 } }),
    expect: [200, 403, 403, 403, 403],
  },
  'GET /api/rulesets/{id}/cases': {
    request: () => ({ path: '/api/rulesets/prioritas/cases?limit=5' }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/rulesets/{id}/cases/{caseId}/evaluate': {
    request: (f) => ({ path: `/api/rulesets/prioritas/cases/${f.caseId}/evaluate`, body: {} }),
    expect: [200, 403, 403, 403, 403],
  },
  'GET /api/case-types': { request: () => ({ path: '/api/case-types' }), expect: [200, 200, 200, 200, 200] },
  'GET /api/case-types/{id}': {
    request: () => ({ path: '/api/case-types/integrasi' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/case-types/{id}/versions': {
    request: () => ({ path: '/api/case-types/integrasi/versions' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/case-types/{id}/versions/{n}': {
    request: () => ({ path: '/api/case-types/integrasi/versions/1' }),
    expect: [200, 200, 200, 200, 200],
  },
  'GET /api/case-types/{id}/draft': {
    request: () => ({ path: '/api/case-types/integrasi/draft' }),
    expect: [404, 403, 403, 403, 403],
  },
  'PUT /api/case-types/{id}/draft': {
    request: () => ({ path: `/api/case-types/${unique()}/draft`, body: draftCaseType }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/case-types/{id}/publish': {
    request: () => ({ path: '/api/case-types/integrasi/publish', body: { fromVersion: 1 } }),
    expect: [201, 403, 403, 403, 403],
  },
  'GET /api/case-types/{id}/wiring': {
    request: () => ({ path: '/api/case-types/integrasi/wiring' }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/case-types/{id}/impact': {
    request: () => ({ path: '/api/case-types/integrasi/impact', body: { version: 1, limit: 5 } }),
    expect: [200, 403, 403, 403, 403],
  },
  'GET /api/offices': { request: () => ({ path: '/api/offices' }), expect: [200, 200, 200, 200, 200] },
  'PUT /api/offices/{id}': {
    request: () => ({
      path: `/api/offices/${unique()}`,
      body: { name: 'Bapas Uji', timeZone: 'Asia/Makassar' },
    }),
    expect: [200, 403, 403, 403, 403],
  },
  'GET /api/packs/export': {
    request: () => ({ path: '/api/packs/export' }),
    expect: [200, 403, 403, 403, 403],
  },
  'GET /api/users': {
    request: () => ({ path: '/api/users?office=bapas-1' }),
    expect: [200, 200, 403, 403, 403],
  },
  'GET /api/users/names': {
    request: () => ({ path: '/api/users/names?ids=pk1,kabapas2' }),
    expect: [200, 200, 200, 200, 200],
  },
  'POST /api/users': {
    request: () => ({
      path: '/api/users',
      body: { username: unique(), name: 'Pengguna Uji', roles: ['worker'], office: 'bapas-1' },
    }),
    expect: [201, 403, 403, 403, 403],
  },
  'PATCH /api/users/{id}': {
    request: () => ({ path: '/api/users/pk2', body: { name: 'PK Dua' } }),
    expect: [200, 403, 403, 403, 403],
  },
  // Local accounts have no authenticator: the administrator passes the role check and hears so (409).
  'POST /api/users/{id}/authenticator/reset': {
    request: () => ({ path: '/api/users/pk2/authenticator/reset' }),
    expect: [409, 403, 403, 403, 403],
  },
  'POST /api/packs/import': {
    request: () => ({
      path: '/api/packs/import',
      body: { dryRun: true, pack: { format: 'kawal-pack/1', forms: [], rulesets: [], caseTypes: [] } },
    }),
    expect: [200, 403, 403, 403, 403],
  },
  'POST /api/cases': {
    request: () => ({
      path: '/api/cases',
      body: { client: { name: 'Uji', birthDate: '1990-01-01', sex: 'perempuan' }, caseType: 'integrasi' },
    }),
    expect: [403, 201, 201, 201, 201],
  },
  'GET /api/cases': { request: () => ({ path: '/api/cases' }), expect: [403, 200, 200, 200, 200] },
  'GET /api/cases/search': {
    request: () => ({ path: '/api/cases/search?nik=3201010101010001' }),
    expect: [403, 200, 200, 200, 200],
  },
  'GET /api/cases/{id}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}` }),
    expect: [403, 200, 403, 200, 403],
  },
  'PATCH /api/cases/{id}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}`, body: { client: { name: 'Nama Baru' } } }),
    expect: [403, 200, 403, 200, 403],
  },
  'POST /api/cases/{id}/submissions': {
    request: (f) => ({
      path: `/api/cases/${f.caseId}/submissions`,
      body: { formId: 'identifikasi', data: intake, idempotencyKey: unique() },
    }),
    expect: [403, 201, 403, 201, 403],
  },
  'GET /api/cases/{id}/submissions': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/submissions` }),
    expect: [403, 200, 403, 200, 403],
  },
  'GET /api/cases/{id}/submissions/{sid}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/submissions/${f.submissionId}` }),
    expect: [403, 200, 403, 200, 403],
  },
  'GET /api/cases/{id}/drafts/{formId}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/drafts/identifikasi` }),
    expect: [403, 404, 403, 404, 403],
  },
  'PUT /api/cases/{id}/drafts/{formId}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/drafts/identifikasi`, body: { data: { a: 1 } } }),
    expect: [403, 200, 403, 200, 403],
  },
  'POST /api/cases/{id}/transitions': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/transitions`, body: { to: 'assessment' } }),
    expect: [403, 200, 403, 200, 403],
  },
  'GET /api/cases/{id}/notes': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/notes` }),
    expect: [403, 200, 403, 200, 403],
  },
  'POST /api/cases/{id}/notes': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/notes`, body: { text: 'Kunjungan rumah.' } }),
    expect: [403, 201, 403, 201, 403],
  },
  'GET /api/cases/{id}/referrals': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/referrals` }),
    expect: [403, 200, 403, 200, 403],
  },
  'POST /api/cases/{id}/referrals': {
    request: (f) => ({
      path: `/api/cases/${f.caseId}/referrals`,
      body: { serviceId: 'uji-layanan', reason: 'Konseling', consent: true },
    }),
    expect: [403, 201, 403, 201, 403],
  },
  'PATCH /api/cases/{id}/referrals/{rid}': {
    request: (f) => ({
      path: `/api/cases/${f.caseId}/referrals/${f.referralId}`,
      body: { status: 'accepted' },
    }),
    expect: [403, 200, 403, 200, 403],
  },
  'POST /api/cases/{id}/transfer': {
    request: (f) => ({
      path: `/api/cases/${f.caseId}/transfer`,
      body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
    }),
    expect: [403, 200, 403, 403, 403],
  },
  'POST /api/cases/{id}/transfer/accept': {
    transfer: true,
    request: (f) => ({ path: `/api/cases/${f.caseId}/transfer/accept` }),
    expect: [403, 403, 200, 403, 403],
  },
  'POST /api/cases/{id}/transfer/reject': {
    transfer: true,
    request: (f) => ({ path: `/api/cases/${f.caseId}/transfer/reject`, body: { reason: 'Belum ada PK' } }),
    expect: [403, 403, 200, 403, 403],
  },
  'POST /api/cases/{id}/transfer/cancel': {
    transfer: true,
    request: (f) => ({ path: `/api/cases/${f.caseId}/transfer/cancel` }),
    expect: [403, 200, 403, 403, 403],
  },
  'GET /api/transfers': {
    request: () => ({ path: '/api/transfers?direction=incoming' }),
    expect: [403, 200, 200, 403, 403],
  },
  'GET /api/approvals': { request: () => ({ path: '/api/approvals' }), expect: [403, 200, 200, 403, 403] },
  'POST /api/cases/{id}/approvals/{aid}': {
    approval: true,
    request: (f) => ({ path: `/api/cases/${f.caseId}/approvals/current`, body: { decision: 'return' } }),
    expect: [403, 200, 403, 403, 403],
  },
  'GET /api/cases/{id}/audit': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/audit` }),
    expect: [200, 200, 403, 403, 403],
  },
  'GET /api/cases/{id}/decisions': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/decisions` }),
    expect: [403, 200, 403, 200, 403],
  },
  'GET /api/cases/{id}/report/{submissionId}': {
    request: (f) => ({ path: `/api/cases/${f.caseId}/report/${f.submissionId}` }),
    expect: [403, 200, 403, 200, 403],
  },
  'GET /api/dashboard': { request: () => ({ path: '/api/dashboard' }), expect: [403, 200, 200, 200, 200] },
  'GET /api/services': { request: () => ({ path: '/api/services' }), expect: [200, 200, 200, 200, 200] },
  'PUT /api/services/{id}': {
    request: () => ({ path: `/api/services/${unique()}`, body: { name: 'Layanan uji', type: 'medis' } }),
    expect: [200, 403, 403, 403, 403],
  },
  'DELETE /api/services/{id}': {
    request: () => ({ path: '/api/services/hapus-saya' }),
    expect: [204, 403, 403, 403, 403],
  },
  'GET /api/calendar/{year}': {
    request: () => ({ path: '/api/calendar/2026' }),
    expect: [200, 200, 200, 200, 200],
  },
  'PUT /api/calendar/{year}': {
    request: () => ({ path: '/api/calendar/2031', body: { add: [], remove: [] } }),
    expect: [200, 403, 403, 403, 403],
  },
};

let kawal: LocalKawal;
const clients = {} as Record<Exclude<Caller, 'noToken'>, Client>;

beforeAll(async () => {
  kawal = await startTestKawal();
  for (const [caller, username] of Object.entries(ACCOUNTS)) {
    clients[caller as Exclude<Caller, 'noToken'>] = await login(kawal, username);
  }
  await clients.admin.request('PUT', '/api/services/uji-layanan', {
    body: { name: 'Layanan uji', type: 'konseling-individu' },
  });
  const preview = await clients.admin.request('POST', '/api/forms/identifikasi/previews', {
    body: { schema: previewSchema },
  });
  if (preview.body.hash !== previewHash) throw new Error(`preview: ${JSON.stringify(preview.body)}`);
});
afterAll(async () => kawal?.stop());

async function fixture(row: Row, route: string): Promise<Fixture> {
  const supervisor = clients.sameSupervisor;
  const created = await supervisor.request<{ id: string }>('POST', '/api/cases', {
    body: {
      client: { name: 'Klien Uji', birthDate: '1990-02-03', sex: 'laki-laki' },
      caseType: 'integrasi',
      assignee: 'pk1',
    },
  });
  const caseId = created.body.id;
  if (!caseId) throw new Error(`fixture: case not created: ${JSON.stringify(created.body)}`);
  const submission = await supervisor.request<{ id: string }>('POST', `/api/cases/${caseId}/submissions`, {
    body: { formId: 'identifikasi', data: intake, idempotencyKey: unique() },
  });
  const referral = await supervisor.request<{ id: string }>('POST', `/api/cases/${caseId}/referrals`, {
    body: { serviceId: 'uji-layanan', reason: 'Konseling', consent: true },
  });
  if (row.approval) {
    // A worker's move to intervention waits for the supervisor (a supervisor's own move would not).
    for (const to of ['assessment', 'planning', 'intervention']) {
      const moved = await clients.assignedWorker.request('POST', `/api/cases/${caseId}/transitions`, {
        body: { to },
      });
      if (moved.status !== (to === 'intervention' ? 202 : 200))
        throw new Error(`fixture: move to ${to}: ${JSON.stringify(moved.body)}`);
    }
  }
  if (row.transfer) {
    await supervisor.request('POST', `/api/cases/${caseId}/transfer`, {
      body: { toOffice: 'bapas-2', reason: 'Pindah' },
    });
  }
  if (route === 'DELETE /api/services/{id}') {
    await clients.admin.request('PUT', '/api/services/hapus-saya', {
      body: { name: 'Hapus', type: 'medis' },
    });
  }
  if (submission.status !== 201 || referral.status !== 201)
    throw new Error('fixture: submission or referral failed');
  return { caseId, submissionId: submission.body.id, referralId: referral.body.id };
}

describe('access matrix', () => {
  it('covers every route of the route table', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  const rows = ROUTES.flatMap((route) => {
    const key = `${route.method} ${route.path}`;
    return CALLERS.map((caller) => [key, caller] as const);
  });

  it.each(rows)('%s as %s', async (key, caller) => {
    const row = MATRIX[key];
    if (!row) throw new Error(`no row for ${key}`);
    const route = ROUTES.find((r) => `${r.method} ${r.path}` === key);
    const f = await fixture(row, key);
    const { path, body } = row.request(f);
    const method = key.split(' ')[0] ?? 'GET';
    const reply =
      caller === 'noToken'
        ? await send(kawal.url, method, path, body === undefined ? {} : { body })
        : await clients[caller].request(method, path, body === undefined ? {} : { body });
    const expected =
      caller === 'noToken'
        ? route?.roles === 'public'
          ? row.expect[0]
          : 401
        : row.expect[CALLERS.indexOf(caller)];
    expect(reply.status, JSON.stringify(reply.body)).toBe(expected);
  });
});
