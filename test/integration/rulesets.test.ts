import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, type OtherInstance, startOtherInstance, startTestKawal } from '../support/kawal';
import { CountCommand } from './count';

let kawal: LocalKawal;
let admin: Client;
let worker: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  [admin, worker] = await Promise.all([login(kawal, 'admin'), login(kawal, 'pk1')]);
});
afterAll(async () => kawal?.stop());

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>[] };
}
interface EvaluateBody {
  rulesetId: string;
  version: number | 'draft';
  events: { type: string; params?: Record<string, unknown> }[];
  explanation: {
    rule: string;
    fired: boolean;
    conditions: { fact: string; factValue: unknown; result: boolean; value: unknown }[];
  }[];
}

/** A small PB rule whose minimum (months of two thirds) is the threshold the tests move. */
function pbRuleset(minimum: number, tests?: unknown[]) {
  return {
    title: 'Uji PB',
    description: 'Aturan uji',
    kind: 'eligibility',
    facts: [
      { name: 'monthsServed', type: 'number', description: 'bulan telah dijalani' },
      { name: 'sentenceTwoThirdsMonths', type: 'number', description: 'dua pertiga masa pidana, bulan' },
      { name: 'adaPenjamin', type: 'boolean', description: 'ada penjamin' },
    ],
    rules: [
      {
        name: 'pb-dewasa',
        conditions: {
          all: [
            {
              name: 'Telah menjalani 2/3',
              fact: 'monthsServed',
              operator: 'greaterThanInclusive',
              value: { fact: 'sentenceTwoThirdsMonths' },
            },
            {
              name: '2/3 pidana cukup lama',
              fact: 'sentenceTwoThirdsMonths',
              operator: 'greaterThanInclusive',
              value: minimum,
            },
            { name: 'Ada penjamin', fact: 'adaPenjamin', operator: 'equal', value: true },
          ],
        },
        event: { type: 'eligible', params: { program: 'PB' } },
      },
    ],
    tests: tests ?? [
      {
        name: 'layak',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 41, adaPenjamin: true },
        expect: { events: [{ type: 'eligible', params: { program: 'PB' } }] },
      },
      {
        name: 'belum 2/3',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 39, adaPenjamin: true },
        expect: { events: [] },
      },
    ],
  };
}

/** 12 months' sentence: two thirds is 8 months; eligible only while the minimum is at most 8. */
const SHORT_SENTENCE = { sentenceTwoThirdsMonths: 8, monthsServed: 11, adaPenjamin: true };

async function evaluate(
  client: Client | { request: Client['request'] },
  id: string,
  facts: unknown,
  version?: unknown,
) {
  return client.request<EvaluateBody>('POST', `/api/rulesets/${id}/evaluate`, {
    body: { facts, ...(version === undefined ? {} : { version }) },
  });
}

async function countItems(pk: string) {
  return CountCommand(kawal, pk);
}

describe('rulesets: publish, evaluate, change without a redeploy', () => {
  let second: OtherInstance | undefined;
  afterAll(() => second?.stop());

  it('publishes v1, and a second running instance follows v2 within its TTL without a restart', async () => {
    expect((await admin.request('PUT', '/api/rulesets/uji-pb/draft', { body: pbRuleset(9) })).status).toBe(
      200,
    );
    const v1 = await admin.request<{ version: number }>('POST', '/api/rulesets/uji-pb/publish', {
      body: { note: 'awal' },
    });
    expect(v1).toMatchObject({ status: 201, body: { version: 1 } });

    // Another process: its own module state, engine cache and published-pointer cache (TTL 1 s).
    second = await startOtherInstance({
      dynamoEndpoint: kawal.dynamoEndpoint,
      tableName: kawal.tableName,
      contentTtlMs: 1000,
    });
    const other = await login(second, 'pk1');

    const before = await evaluate(other, 'uji-pb', SHORT_SENTENCE);
    expect(before.body).toMatchObject({ version: 1, events: [] });
    expect(before.body.explanation[0]?.conditions[1]).toMatchObject({
      factValue: 8,
      value: 9,
      result: false,
    });

    // The administrator lowers the threshold to 8 months and publishes v2 on the first instance.
    await admin.request('PUT', '/api/rulesets/uji-pb/draft', {
      body: pbRuleset(8, [
        {
          name: 'layak',
          facts: { sentenceTwoThirdsMonths: 40, monthsServed: 41, adaPenjamin: true },
          expect: { events: [{ type: 'eligible' }] },
        },
        { name: '12 bulan kini layak', facts: SHORT_SENTENCE, expect: { events: [{ type: 'eligible' }] } },
      ]),
    });
    const v2 = await admin.request<{ version: number }>('POST', '/api/rulesets/uji-pb/publish', { body: {} });
    expect(v2.body.version).toBe(2);

    // The second instance, never restarted, answers with v2 once its pointer TTL (1 s) has passed.
    let after = await evaluate(other, 'uji-pb', SHORT_SENTENCE);
    for (let i = 0; i < 150 && after.body.version !== 2; i++) {
      await sleep(100);
      after = await evaluate(other, 'uji-pb', SHORT_SENTENCE);
    }
    expect(after.body).toMatchObject({
      version: 2,
      events: [{ type: 'eligible', params: { program: 'PB' } }],
    });
  });

  it('refuses a draft whose tests fail, listing each failure, and keeps v2 in force', async () => {
    const broken = pbRuleset(45, [
      {
        name: 'layak',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 41, adaPenjamin: true },
        expect: { events: [{ type: 'eligible' }] },
      },
      {
        name: 'tetap tidak layak',
        facts: { sentenceTwoThirdsMonths: 40, monthsServed: 39, adaPenjamin: true },
        expect: { events: [] },
      },
    ]);
    expect((await admin.request('PUT', '/api/rulesets/uji-pb/draft', { body: broken })).status).toBe(200);
    const refused = await admin.request<ErrorBody>('POST', '/api/rulesets/uji-pb/publish', { body: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('tests_failed');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ test: 'layak', expected: [{ type: 'eligible' }], actual: [] }),
    ]);
    const current = await worker.request<{ version: number }>('GET', '/api/rulesets/uji-pb');
    expect(current.body.version).toBe(2);
    expect((await admin.request<{ title: string }>('GET', '/api/rulesets/uji-pb/draft')).status).toBe(200);
    expect((await evaluate(worker, 'uji-pb', SHORT_SENTENCE)).body.version).toBe(2);
  });

  it('evaluates the draft and a named version on request', async () => {
    const draft = await evaluate(worker, 'uji-pb', SHORT_SENTENCE, 'draft');
    expect(draft.body).toMatchObject({ version: 'draft', events: [] });
    const v1 = await evaluate(worker, 'uji-pb', SHORT_SENTENCE, 1);
    expect(v1.body).toMatchObject({ version: 1, events: [] });
  });

  it('rolls back to v1 as version 3', async () => {
    const rollback = await admin.request<{ version: number }>('POST', '/api/rulesets/uji-pb/publish', {
      body: { fromVersion: 1, note: 'kembali' },
    });
    expect(rollback).toMatchObject({ status: 201, body: { version: 3 } });
    const now = await evaluate(worker, 'uji-pb', SHORT_SENTENCE);
    expect(now.body).toMatchObject({ version: 3, events: [] });
    const versions = await worker.request<{ items: { version: number; fromVersion: number | null }[] }>(
      'GET',
      '/api/rulesets/uji-pb/versions',
    );
    expect(versions.body.items.map((v) => [v.version, v.fromVersion])).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
    const list = await worker.request<{
      items: { id: string; kind: string; publishedVersion: number; hasDraft: boolean }[];
    }>('GET', '/api/rulesets?limit=100');
    expect(list.body.items.find((r) => r.id === 'uji-pb')).toMatchObject({
      kind: 'eligibility',
      publishedVersion: 3,
      hasDraft: true,
    });
  });

  it('evaluate never writes', async () => {
    const before = await countItems('RULESET#uji-pb');
    for (let i = 0; i < 3; i++) await evaluate(worker, 'uji-pb', SHORT_SENTENCE);
    expect(await countItems('RULESET#uji-pb')).toBe(before);
  });
});

describe('rulesets: who may do what', () => {
  it('forbids workers and supervisors to write or publish drafts (403), writing nothing', async () => {
    const supervisor = await login(kawal, 'kabapas1');
    for (const client of [worker, supervisor]) {
      const put = await client.request<ErrorBody>('PUT', '/api/rulesets/uji-terlarang/draft', {
        body: pbRuleset(9),
      });
      expect(put.status).toBe(403);
      expect((await client.request('POST', '/api/rulesets/uji-pb/publish', { body: {} })).status).toBe(403);
    }
    expect(await countItems('RULESET#uji-terlarang')).toBe(0);
  });

  it('serves the fact catalogue to every role', async () => {
    const reply = await worker.request<{
      items: { name: string; type: string; source: { kind: string }; caseTypes?: string[] }[];
    }>('GET', '/api/facts');
    expect(reply.status).toBe(200);
    // Built-ins, and each fact a published case type declares, with where it comes from.
    expect(reply.body.items).toContainEqual(expect.objectContaining({ name: 'today', type: 'date' }));
    expect(reply.body.items).toContainEqual(
      expect.objectContaining({
        name: 'monthsServed',
        type: 'number',
        source: expect.objectContaining({ kind: 'expression' }),
        caseTypes: ['integrasi'],
      }),
    );
  });

  it('warns on save about a declared fact no case type provides, and saves it', async () => {
    const provided = await admin.request<{ warnings: unknown[] }>(
      'PUT',
      '/api/rulesets/uji-peringatan/draft',
      {
        body: pbRuleset(9),
      },
    );
    expect(provided.status).toBe(200);
    expect(provided.body.warnings).toEqual([]);
    const body = pbRuleset(9);
    body.facts.push({ name: 'faktaTanpaSumber', type: 'boolean', description: 'belum dihubungkan' });
    const orphan = await admin.request<{ warnings: { path: string; message: string }[] }>(
      'PUT',
      '/api/rulesets/uji-peringatan/draft',
      { body },
    );
    expect(orphan.status).toBe(200);
    expect(orphan.body.warnings).toEqual([
      { path: `/facts/${body.facts.length - 1}/name`, message: expect.stringContaining('faktaTanpaSumber') },
    ]);
  });

  it('answers 404 for a ruleset that does not exist', async () => {
    const reply = await worker.request<ErrorBody>('GET', '/api/rulesets/tidak-ada');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ruleset_not_found');
    expect((await evaluate(worker, 'tidak-ada', {})).status).toBe(404);
  });
});

describe('rulesets: bad input gets a clear 4xx, writes nothing, and the handler keeps answering', () => {
  const cases: [string, unknown, number, string][] = [
    [
      'rules that are not an array',
      { title: 'x', kind: 'eligibility', rules: { a: 1 } },
      422,
      'invalid_ruleset',
    ],
    ['a rule with an unknown fact', { ...pbRuleset(9), facts: [] }, 422, 'invalid_ruleset'],
    ['a missing title', { kind: 'eligibility', rules: [] }, 400, 'invalid_request'],
  ];

  it.each(cases)('%s', async (_name, body, status, code) => {
    const reply = await admin.request<ErrorBody>('PUT', '/api/rulesets/uji-buruk/draft', { body });
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(await countItems('RULESET#uji-buruk')).toBe(0);
  });

  it('refuses conditions nested 1,000 deep with 400, before any check runs', async () => {
    let conditions: unknown = { fact: 'monthsServed', operator: 'equal', value: 1 };
    for (let i = 0; i < 1000; i++) conditions = { all: [conditions] };
    const body = {
      title: 'dalam',
      kind: 'x',
      facts: [{ name: 'monthsServed', type: 'number' }],
      rules: [{ name: 'dalam', conditions, event: { type: 'x' } }],
    };
    const reply = await admin.request<ErrorBody>('PUT', '/api/rulesets/uji-dalam/draft', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details?.[0]).toMatchObject({
      path: expect.stringMatching(/^\/rules\/0\/conditions\/all\/0\//),
      message: expect.stringContaining('bersarang'),
    });
    expect(await countItems('RULESET#uji-dalam')).toBe(0);
  });

  it('refuses a 1 MiB ruleset with 413', async () => {
    const rule = (i: number) => ({
      name: `aturan-${i}`,
      conditions: { all: [{ fact: 'monthsServed', operator: 'greaterThan', value: i }] },
      event: { type: 'x', params: { catatan: 'y'.repeat(2000) } },
    });
    const body = {
      title: 'besar',
      kind: 'x',
      facts: [{ name: 'monthsServed', type: 'number' }],
      rules: Array.from({ length: 500 }, (_, i) => rule(i)),
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const reply = await admin.request<ErrorBody>('PUT', '/api/rulesets/uji-besar/draft', { body });
    expect(reply.status).toBe(413);
    expect(await countItems('RULESET#uji-besar')).toBe(0);
  });

  it('refuses facts of the wrong type or unknown facts in evaluate with 422', async () => {
    const wrong = await evaluate(worker, 'uji-pb', { monthsServed: 'sebelas', adaPenjamin: 'ya', entah: 1 });
    expect(wrong.status).toBe(422);
    const body = wrong.body as unknown as ErrorBody;
    expect(body.error.code).toBe('invalid_facts');
    expect(body.error.details?.map((d) => d.path).sort()).toEqual([
      '/facts/adaPenjamin',
      '/facts/entah',
      '/facts/monthsServed',
    ]);
    const notObject = await worker.request<ErrorBody>('POST', '/api/rulesets/uji-pb/evaluate', {
      body: { facts: [1, 2] },
    });
    expect(notObject.status).toBe(400);
  });

  it('still answers afterwards', async () => {
    expect((await evaluate(worker, 'uji-pb', SHORT_SENTENCE)).status).toBe(200);
  });
});
