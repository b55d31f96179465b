/**
 * Content packs between installations: everything one installation publishes, exported as one
 * document, furnishes an empty one (another process, another table) so that the same demo cases get
 * the same decisions there: priority, eligibility, flags, deadlines and counters.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, type OtherInstance, startOtherInstance, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let other: OtherInstance | undefined;

beforeAll(async () => {
  kawal = await startTestKawal({ demo: true });
});
afterAll(async () => {
  other?.stop();
  await kawal?.stop();
});

interface CaseRow {
  client: { name: string };
  caseType: string;
  stage: string;
  priority: unknown;
  eligibility: unknown;
  flags?: { id: string; reasons: string[] }[];
  deadlines: { kind: string; due: string }[];
  counters?: unknown;
}

/** What decides a case, by client name, over both demo offices. */
async function decisionsOf(supervisors: Client[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const supervisor of supervisors) {
    const page = await supervisor.request<{ items: { id: string }[] }>('GET', '/api/cases?limit=100');
    for (const { id } of page.body.items) {
      const head = (await supervisor.request<CaseRow>('GET', `/api/cases/${id}`)).body;
      out[head.client.name] = {
        caseType: head.caseType,
        stage: head.stage,
        priority: head.priority,
        eligibility: head.eligibility,
        flags: (head.flags ?? []).map(({ id: flag, reasons }) => ({ flag, reasons })),
        deadlines: head.deadlines.map(({ kind, due }) => ({ kind, due })),
        counters: head.counters,
      };
    }
  }
  return out;
}

describe('export, then import into an empty store', () => {
  it('reproduces the same decisions on the demo cases', async () => {
    const admin = await login(kawal, 'admin');
    const exported = await admin.request<{ forms: unknown[]; rulesets: unknown[]; caseTypes: unknown[] }>(
      'GET',
      '/api/packs/export',
    );
    expect(exported.status).toBe(200);
    expect(exported.body.caseTypes.length).toBeGreaterThanOrEqual(5);
    const file = join(mkdtempSync(join(tmpdir(), 'kawal-pack-')), 'paket.json');
    writeFileSync(file, JSON.stringify(exported.body));

    const here = await decisionsOf([await login(kawal, 'kabapas1'), await login(kawal, 'kabapas2')]);
    expect(Object.keys(here).length).toBeGreaterThanOrEqual(5);

    // Another process on a new table: nothing but the pack, then the same demo cases.
    other = await startOtherInstance({
      dynamoEndpoint: kawal.dynamoEndpoint,
      tableName: `kawal-test-${randomUUID()}`,
      pack: file,
    });
    const there = await decisionsOf([await login(other, 'kabapas1'), await login(other, 'kabapas2')]);
    expect(there).toEqual(here);

    // Importing the same pack again finds everything the same and writes nothing.
    const otherAdmin = await login(other, 'admin');
    const again = await otherAdmin.request<{ items: { change: string }[] }>('POST', '/api/packs/import', {
      body: { pack: exported.body, publish: true },
    });
    expect(again.status).toBe(200);
    expect(new Set(again.body.items.map((item) => item.change))).toEqual(new Set(['same']));
  });
});
