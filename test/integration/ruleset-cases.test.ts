/**
 * The studio's view of a ruleset's open cases: which cases run it (never who the client is), the
 * ruleset on one of them with sensitive values withheld from the administrator, and the open cases
 * decided again when a publish changes the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let admin: Client;
let pk1: Client;

interface CaseRow {
  caseId: string;
  caseType: string;
  caseTypeTitle: string;
  stage: string;
  stageTitle: string;
  office: string;
  officeName: string;
  openedAt: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Explained {
  caseId: string;
  version: number | 'draft';
  events: { type: string }[];
  facts: Record<string, unknown>;
  withheldFacts: string[];
  explanation: {
    rule: string;
    conditions: { fact: string; path?: string; factValue: unknown; result: boolean; withheld?: true }[];
  }[];
}
interface ErrorBody {
  error: { code: string; message: string };
}

/** The demo case of a client, as the worker's caseload lists it. */
async function demoCase(name: string): Promise<string> {
  const page = await pk1.request<Page<{ id: string; client: { name: string } }>>(
    'GET',
    '/api/cases?limit=100',
  );
  const found = page.body.items.find((item) => item.client.name === name);
  if (!found) throw new Error(`no demo case for ${name}`);
  return found.id;
}

async function allPages(path: string, limit: number): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const reply = await admin.request<Page<CaseRow>>('GET', `${path}?limit=${limit}${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    rows.push(...reply.body.items);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  kawal = await startTestKawal({ demo: true });
  [admin, pk1] = await Promise.all([login(kawal, 'admin'), login(kawal, 'pk1')]);
});
afterAll(async () => kawal?.stop());

describe('the open cases of a ruleset', () => {
  it('lists the open cases whose type runs it, by type, stage and office, never the client', async () => {
    const diversi = await allPages('/api/rulesets/diversi/cases', 100);
    expect(diversi.length).toBe(2);
    for (const row of diversi) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'caseId',
          'caseType',
          'caseTypeTitle',
          'office',
          'officeName',
          'openedAt',
          'stage',
          'stageTitle',
        ].sort(),
      );
      expect(row.caseType).toBe('diversi');
      expect(row.caseTypeTitle).not.toBe('diversi');
      expect(row.stageTitle).toBe('Identifikasi');
      expect(row.officeName).toMatch(/^Bapas /);
    }
    for (const client of ['Adi Contoh', 'Fajar Contoh'])
      expect(JSON.stringify(diversi)).not.toContain(client);
    // A priority ruleset decides every demo case type; the integration one only its own.
    const priority = await allPages('/api/rulesets/prioritas/cases', 100);
    expect(priority.length).toBe(6);
    const integration = await allPages('/api/rulesets/kelayakan-integrasi/cases', 100);
    expect(new Set(integration.map((row) => row.caseType))).toEqual(new Set(['integrasi']));
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const whole = await allPages('/api/rulesets/prioritas/cases', 100);
    const paged = await allPages('/api/rulesets/prioritas/cases', 2);
    expect(paged.map((row) => row.caseId)).toEqual(whole.map((row) => row.caseId));
    const forged = await admin.request<ErrorBody>('GET', '/api/rulesets/prioritas/cases?cursor=bukan.kursor');
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_cursor');
    expect((await admin.request('GET', '/api/rulesets/prioritas/cases?limit=0')).status).toBe(400);
  });
});

describe('a ruleset on an open case, for the administrator', () => {
  it('shows each result and the values, and withholds the values of sensitive fields', async () => {
    const budi = await demoCase('Budi Contoh');
    const reply = await admin.request<Explained>('POST', `/api/rulesets/prioritas/cases/${budi}/evaluate`, {
      body: {},
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.caseId).toBe(budi);
    const conditions = reply.body.explanation.flatMap((rule) => rule.conditions);
    const hidden = conditions.filter((c) => c.path === '$.kebutuhanAwal.kondisiKhusus');
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((c) => c.withheld === true && c.factValue === null)).toBe(true);
    // The result stays: the case's TB condition still decides its priority.
    expect(hidden.some((c) => c.result)).toBe(true);
    expect(JSON.stringify(conditions.map((c) => c.factValue))).not.toContain('tb');
    const registration = conditions.find((c) => c.path === '$.registrasi.jenisRegistrasi');
    expect(registration?.factValue).toBe('pb');
    expect(reply.body.facts.rriCategory).toBe('rendah');

    const audit = await admin.request<Page<{ action: string; actor: string }>>(
      'GET',
      `/api/cases/${budi}/audit?order=newest&limit=100`,
    );
    expect(
      audit.body.items.some((entry) => entry.action === 'rules.evaluated' && entry.actor === 'admin'),
    ).toBe(true);
  });

  it('answers 4xx for what it cannot evaluate, and only to administrators', async () => {
    const budi = await demoCase('Budi Contoh');
    const missing = await admin.request<ErrorBody>(
      'POST',
      '/api/rulesets/prioritas/cases/01NOSUCHCASE/evaluate',
      {
        body: {},
      },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('case_not_found');
    const noDraft = await admin.request<ErrorBody>('POST', `/api/rulesets/prioritas/cases/${budi}/evaluate`, {
      body: { version: 'draft' },
    });
    expect(noDraft.status).toBe(404);
    expect(noDraft.body.error.code).toBe('ruleset_draft_not_found');
    expect(
      (await admin.request('POST', `/api/rulesets/prioritas/cases/${budi}/evaluate`, { body: { facts: {} } }))
        .status,
    ).toBe(400);
    expect(
      (await admin.request('POST', '/api/rulesets/prioritas/cases/bukan_kasus!/evaluate', { body: {} }))
        .status,
    ).toBe(400);
    expect(
      (await pk1.request('POST', `/api/rulesets/prioritas/cases/${budi}/evaluate`, { body: {} })).status,
    ).toBe(403);
  });
});

describe('publishing a ruleset', () => {
  it('decides its open cases again when the rules changed, and not when they did not', async () => {
    const adi = await demoCase('Adi Contoh');
    const flagsOf = async () =>
      ((await pk1.request<{ flags?: { id: string }[] }>('GET', `/api/cases/${adi}`)).body.flags ?? []).map(
        (flag) => flag.id,
      );
    expect(await flagsOf()).toEqual(
      expect.arrayContaining(['diversi-wajib', 'persetujuan-korban-diperlukan']),
    );

    // The same rules again: nothing to decide.
    const same = await admin.request<{ version: number; redecided: number }>(
      'POST',
      '/api/rulesets/diversi/publish',
      {
        body: { fromVersion: 1 },
      },
    );
    expect(same.status).toBe(201);
    expect(same.body.redecided).toBe(0);

    // Victim consent is needed only from 16 years of age: Adi (15) no longer needs it.
    const published = (await admin.request<Record<string, unknown>>('GET', '/api/rulesets/diversi')).body as {
      rules: { conditions: { all: { value: unknown }[] } }[];
    };
    const rules = structuredClone(published.rules);
    const consent = rules[1]?.conditions.all[0];
    if (!consent) throw new Error('the consent rule has no first condition');
    consent.value = 16;
    const draft = await admin.request('PUT', '/api/rulesets/diversi/draft', {
      body: { ...published, rules, tests: [] },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const changed = await admin.request<{ version: number; redecided: number; complete: boolean }>(
      'POST',
      '/api/rulesets/diversi/publish',
      { body: { note: 'Persetujuan korban mulai 16 tahun' } },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    // Adi's case, and Fajar's, which no submission had decided yet.
    expect(changed.body).toMatchObject({ redecided: 2, complete: true });
    const flags = await flagsOf();
    expect(flags).toContain('diversi-wajib');
    expect(flags).not.toContain('persetujuan-korban-diperlukan');
    const audit = await admin.request<Page<{ action: string; detail: { on?: string; rulesetId?: string } }>>(
      'GET',
      `/api/cases/${adi}/audit?order=newest&limit=100`,
    );
    expect(
      audit.body.items.some(
        (entry) =>
          entry.action === 'rules.decided' &&
          entry.detail.on === 'publish' &&
          entry.detail.rulesetId === 'diversi',
      ),
    ).toBe(true);
  });
});
