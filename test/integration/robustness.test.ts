/**
 * Bad input on every route that takes a body, sent by a caller the route admits: bodies that are not
 * objects, numbers and nesting the store cannot keep, prototype keys, wrong types, odd unicode and
 * encodings. Each answer is a 4xx with the error shape and a human message, never a 5xx, and nothing
 * is written (the whole table is counted before and after).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes';
import type { LocalKawal } from '../../functions/local/app';
import { db } from '../../functions/store/client';
import { type Client, login, PASSWORD, send, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
const callers = {} as Record<'admin' | 'kabapas1' | 'pk1', Client>;
const ids = { caseId: '', submissionId: '', referralId: '' };

/** How many items the table holds (a Scan is fine in a test). */
async function tableCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: kawal.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

beforeAll(async () => {
  kawal = await startTestKawal();
  for (const name of ['admin', 'kabapas1', 'pk1'] as const) callers[name] = await login(kawal, name);
  await callers.admin.request('PUT', '/api/services/uji-layanan', {
    body: { name: 'Layanan uji', type: 'konseling-individu' },
  });
  const opened = await callers.pk1.request<{ id: string }>('POST', '/api/cases', {
    body: { client: { name: 'Klien Uji', birthDate: '1990-02-03', sex: 'laki-laki' }, caseType: 'integrasi' },
  });
  ids.caseId = opened.body.id;
  const referral = await callers.pk1.request<{ id: string }>('POST', `/api/cases/${ids.caseId}/referrals`, {
    body: { serviceId: 'uji-layanan', reason: 'Konseling', consent: true },
  });
  ids.referralId = referral.body.id;
});
afterAll(async () => kawal?.stop());

const deep = (levels: number) => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Raw bodies, sent as they are. */
const RAW: [string, string][] = [
  ['JSON null', 'null'],
  ['an array', '[1,2,3]'],
  ['a string', '"teks"'],
  ['a number', '42'],
  ['true', 'true'],
  ['1e400 (Infinity once parsed)', '{"title":"x","data":{"n":1e400}}'],
  ['-1e400', '{"title":"x","data":{"n":-1e400}}'],
  ['an integer beyond 2^53', '{"title":"x","data":{"n":9007199254740993}}'],
  ['a number below 1e-130', '{"title":"x","data":{"n":1e-200}}'],
  ['a __proto__ key', '{"title":"x","__proto__":{"polluted":true}}'],
  ['a nested constructor key', '{"title":"x","data":{"constructor":{"prototype":{"x":1}}}}'],
  ['nesting 40 deep', JSON.stringify({ title: 'x', data: deep(40) })],
  ['truncated JSON', '{"title":"x"'],
  ['a lone surrogate escape in a key', '{"\\ud800":1,"title":5}'],
];

/** Bodies that are objects of the wrong shape for every route (checked by each route's own schema). */
const SHAPED: [string, unknown][] = [
  ['wrong types everywhere', { title: 5, name: 5, to: 5, data: 'x', text: 7, client: 'x', facts: 1 }],
  ['an unknown-only body of odd unicode', { '\u202e\u0000': 'x\uffff', '🙂': ['\u0000'] }],
];

function pathFor(template: string): string {
  return template
    .replace('{id}', template.startsWith('/api/cases/') ? ids.caseId : 'identifikasi')
    .replace('{rid}', ids.referralId || 'x')
    .replace('{aid}', 'current')
    .replace('{formId}', 'identifikasi')
    .replace('{year}', '2031')
    .replace('{n}', '1');
}

function callerFor(roles: readonly string[] | 'public'): Client | undefined {
  if (roles === 'public') return undefined;
  if (roles.includes('worker')) return callers.pk1;
  if (roles.includes('supervisor')) return callers.kabapas1;
  return callers.admin;
}

const withBody = ROUTES.filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method));
// Validate answers 200 with the problems for any object (its `data` is what is being checked).
const VALIDATE = '/api/forms/{id}/validate';
const rows = withBody.flatMap((route) => [
  ...RAW.map(([name, raw]) => ({ route, name, raw, body: undefined as unknown })),
  ...(route.path === VALIDATE
    ? []
    : SHAPED.map(([name, body]) => ({ route, name, raw: undefined as string | undefined, body }))),
]);

describe('bad input on every route that takes a body', () => {
  it('has hundreds of cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
  });

  let before = 0;
  beforeAll(async () => {
    before = await tableCount();
  });

  it.each(rows.map((row) => [`${row.route.method} ${row.route.path}: ${row.name}`, row] as const))(
    '%s',
    async (_name, { route, raw, body }) => {
      const caller = callerFor(route.roles);
      const options = raw !== undefined ? { raw } : { body };
      const reply = caller
        ? await caller.request<{ error?: { code: string; message: string } }>(
            route.method,
            pathFor(route.path),
            options,
          )
        : await send<{ error?: { code: string; message: string } }>(
            kawal.url,
            route.method,
            pathFor(route.path),
            options,
          );
      expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
      expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
      expect(reply.body.error?.code).toMatch(/^[a-z_]+$/);
      expect(reply.body.error?.message).toBeTruthy();
      // A message for people: no regular expressions, no null, no internals.
      expect(reply.body.error?.message).not.toMatch(/\^|\$\)|null|undefined|Error:/);
    },
  );

  it('wrote nothing', async () => {
    expect(await tableCount()).toBe(before);
  });
});

describe('fact values from hidden fields', () => {
  it('are withheld from a caller who may read the case but not its sensitive fields; the results stay', async () => {
    const kabapas2 = await login(kawal, 'kabapas2');
    const pk2 = await login(kawal, 'pk2');
    const opened = await callers.pk1.request<{ id: string }>('POST', '/api/cases', {
      body: {
        client: { name: 'Klien Rahasia', birthDate: '1990-02-03', sex: 'laki-laki' },
        caseType: 'integrasi',
      },
    });
    const caseId = opened.body.id;
    const intake = JSON.parse(readFileSync(new URL('../../forms/identifikasi.json', import.meta.url), 'utf8'))
      .example as { kebutuhanAwal: Record<string, unknown> };
    intake.kebutuhanAwal.kondisiKhusus = ['hiv-aids'];
    const submitted = await callers.pk1.request('POST', `/api/cases/${caseId}/submissions`, {
      body: { formId: 'identifikasi', data: intake, idempotencyKey: 'rahasia-1' },
    });
    expect(submitted.status).toBe(201);
    expect(
      (
        await callers.kabapas1.request('POST', `/api/cases/${caseId}/transfer`, {
          body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
        })
      ).status,
    ).toBe(200);

    type Explained = {
      explanation: {
        conditions: { fact: string; path?: string; factValue: unknown; result: boolean; withheld?: true }[];
      }[];
    };
    const evaluate = (client: Client) =>
      client.request<Explained>('POST', '/api/rulesets/prioritas/evaluate', { body: { caseId } });
    const hidden = (reply: { body: Explained }) =>
      reply.body.explanation
        .flatMap((rule) => rule.conditions)
        .filter((c) => c.path?.includes('kondisiKhusus'));

    // Those who may see the sensitive fields see the values.
    for (const client of [callers.pk1, callers.kabapas1]) {
      const reply = await evaluate(client);
      expect(reply.status).toBe(200);
      expect(hidden(reply).length).toBeGreaterThan(0);
      expect(hidden(reply).every((c) => JSON.stringify(c.factValue).includes('hiv-aids'))).toBe(true);
    }
    // The receiving supervisor sees every result, never the value.
    const receiving = await evaluate(kabapas2);
    expect(receiving.status).toBe(200);
    expect(hidden(receiving).length).toBeGreaterThan(0);
    expect(hidden(receiving).every((c) => c.factValue === null && c.withheld === true)).toBe(true);
    expect(hidden(receiving).some((c) => c.result)).toBe(true);
    expect(
      JSON.stringify(receiving.body.explanation.flatMap((r) => r.conditions).map((c) => c.factValue)),
    ).not.toContain('hiv-aids');
    // Those who may not read the case get nothing at all.
    for (const client of [callers.admin, pk2]) expect((await evaluate(client)).status).toBe(403);
  });
});

describe('signing in with wrong passwords', () => {
  it('backs off after five failures in a row: 429 with Retry-After, even for the right password, until the wait is over', async () => {
    const attempt = (password: string) =>
      send<{ error?: { code: string; message: string } }>(kawal.url, 'POST', '/api/auth/login', {
        body: { username: 'kabapas2', password },
      });
    for (let i = 0; i < 6; i++) expect((await attempt('salah')).status).toBe(401);
    const waiting = await attempt(PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.body.error?.code).toBe('too_many_attempts');
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    await sleep(Number(waiting.headers.get('retry-after')) * 1000 + 100);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });
});

describe('honest concurrent use', () => {
  it('20 notes at once on one case are all kept, and an accept racing them is not refused', async () => {
    const kabapas2 = await login(kawal, 'kabapas2');
    const opened = await callers.pk1.request<{ id: string }>('POST', '/api/cases', {
      body: {
        client: { name: 'Klien Ramai', birthDate: '1990-02-03', sex: 'laki-laki' },
        caseType: 'integrasi',
      },
    });
    const caseId = opened.body.id;
    expect(
      (
        await callers.kabapas1.request('POST', `/api/cases/${caseId}/transfer`, {
          body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
        })
      ).status,
    ).toBe(200);
    const [accept, ...notes] = await Promise.all([
      kabapas2.request('POST', `/api/cases/${caseId}/transfer/accept`),
      ...Array.from({ length: 20 }, (_, i) =>
        callers.kabapas1.request('POST', `/api/cases/${caseId}/notes`, { body: { text: `Catatan ${i}` } }),
      ),
    ]);
    expect(accept?.status).toBe(200);
    // Notes written before the accept landed are kept; after it, bapas-1 may no longer write (403).
    for (const note of notes) expect([201, 403]).toContain(note.status);
    const kept = notes.filter((note) => note.status === 201).length;
    const listed = await kabapas2.request<{ items: unknown[] }>(
      'GET',
      `/api/cases/${caseId}/notes?limit=100`,
    );
    expect(listed.body.items).toHaveLength(kept);
  });
});

describe('answers stay bounded', () => {
  it('lists at most 100 problems for ~1 MiB of invalid items, with a count of the rest', async () => {
    const form = {
      title: 'Uji larik',
      schema: { type: 'object', properties: { angka: { type: 'array', items: { type: 'integer' } } } },
    };
    await callers.admin.request('PUT', '/api/forms/uji-larik/draft', { body: form });
    await callers.admin.request('POST', '/api/forms/uji-larik/publish', { body: {} });
    const body = { data: { angka: Array.from({ length: 200_000 }, () => 'x') } };
    const sent = JSON.stringify(body).length;
    const checked = await callers.pk1.request<{
      valid: boolean;
      errors: { path: string; omitted?: number }[];
    }>('POST', '/api/forms/uji-larik/validate', { body });
    expect(checked.status).toBe(200);
    expect(checked.body.valid).toBe(false);
    expect(checked.body.errors).toHaveLength(101);
    expect(checked.body.errors.at(-1)?.omitted).toBe(200_000 - 100);
    // The answer echoes the data checked, but never amplifies it.
    expect(JSON.stringify(checked.body).length).toBeLessThan(sent * 1.2);

    const opened = await callers.pk1.request<{ id: string }>('POST', '/api/cases', {
      body: {
        client: { name: 'Klien Larik', birthDate: '1990-02-03', sex: 'laki-laki' },
        caseType: 'integrasi',
      },
    });
    const refused = await callers.pk1.request<{ error: { code: string; details: unknown[] } }>(
      'POST',
      `/api/cases/${opened.body.id}/submissions`,
      {
        body: {
          formId: 'identifikasi',
          data: { identitas: { nama: Array.from({ length: 100_000 }, () => 1) } },
          idempotencyKey: 'larik-1',
        },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.length).toBeLessThanOrEqual(101);
  });

  it('a catastrophic pattern and a runaway calculation cannot hold /api/health for more than 200 ms', async () => {
    const form = {
      title: 'Uji pola',
      schema: {
        type: 'object',
        properties: {
          kode: { type: 'string', pattern: '^(a+)+$' },
          putar: { type: 'number', 'x-calculate': '($f := function($n) { $f($n + 1) }; $f(0))' },
        },
      },
    };
    expect((await callers.admin.request('PUT', '/api/forms/uji-pola/draft', { body: form })).status).toBe(
      200,
    );
    expect((await callers.admin.request('POST', '/api/forms/uji-pola/publish', { body: {} })).status).toBe(
      201,
    );
    const attacks = Array.from({ length: 10 }, () =>
      callers.pk1.request<{ valid: boolean }>('POST', '/api/forms/uji-pola/validate', {
        body: { data: { kode: `${'a'.repeat(5000)}!` } },
      }),
    );
    // The fastest of three health checks made while the attacks are in flight: a blocked process
    // would make every one of them wait.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect((await send(kawal.url, 'GET', '/api/health')).status).toBe(200);
      times.push(performance.now() - started);
    }
    expect(Math.min(...times)).toBeLessThan(200);
    for (const reply of await Promise.all(attacks)) {
      expect(reply.status).toBe(200);
      expect(reply.body.valid).toBe(false);
    }
  });

  it('answers a body whose nesting would overflow a recursive walk with 400', async () => {
    const raw = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const reply = await callers.admin.request<{ error: { code: string } }>('PUT', '/api/forms/dalam/draft', {
      raw,
    });
    expect(reply.status).toBe(400);
  });
});
