/**
 * Caseloads and the dashboard: ordered by priority then nearest deadline, filtered, paginated, served
 * by Queries on indexes (never a Scan); the deadline sweep; and replaying a rule change on open cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../functions/jobs/deadlines';
import type { LocalKawal } from '../../functions/local/app';
import { db } from '../../functions/store/client';
import { type CaseBody, CHILD, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';

/** Today where the cases' office is (WIB), as the server counts it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;
let admin: Client;
const opened: Record<string, CaseBody> = {};

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
  admin = await login(kawal, 'admin');
  // A child (tinggi) and adults (rendah), with and without a litmas deadline.
  opened.childDiversion = await openCase(pk1, { client: CHILD, caseType: 'diversi' });
  // The diversion litmas is due 3 × 24 hours after the request was received, as recorded on the intake.
  const intake = example('identifikasi');
  (intake.tanggalPenting as Record<string, unknown>).tanggalDiterima = today;
  (intake.identitas as Record<string, unknown>).tanggalLahir = CHILD.birthDate;
  const submitted = await pk1.request<CaseBody>(
    'POST',
    `/api/cases/${opened.childDiversion.id}/submissions`,
    {
      body: { formId: 'identifikasi', data: intake, idempotencyKey: key() },
    },
  );
  if (submitted.status !== 201) throw new Error(`intake: ${JSON.stringify(submitted.body)}`);
  opened.childDiversion = (await pk1.request<CaseBody>('GET', `/api/cases/${opened.childDiversion.id}`)).body;
  opened.adultIntegration = await openCase(pk1, { caseType: 'integrasi' });
  opened.adultSupervision = await openCase(pk1, { caseType: 'pembimbingan' });
  opened.unassigned = await openCase(kabapas1, { caseType: 'pembimbingan' });
  await pk1.request('POST', `/api/cases/${opened.adultSupervision.id}/transitions`, {
    body: { to: 'assessment' },
  });
});
afterAll(async () => kawal?.stop());

type Page = { items: CaseBody[]; nextCursor: string | null };

/** Records the DynamoDB commands sent while `action` runs. */
async function commandsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const name = `count-${Math.random()}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      seen.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await action();
  } finally {
    db().middlewareStack.remove(name);
  }
  return seen;
}

describe('caseloads', () => {
  it('lists a worker’s own cases, higher priority first, then the nearest deadline', async () => {
    const page = await pk1.request<Page>('GET', '/api/cases');
    expect(page.status).toBe(200);
    const ids = page.body.items.map((c) => c.id);
    expect(ids[0]).toBe(opened.childDiversion?.id);
    // Both adults are rendah: the one with a litmas due in 7 working days comes before the one due in 6 months.
    expect(ids.indexOf(opened.adultIntegration?.id ?? '')).toBeLessThan(
      ids.indexOf(opened.adultSupervision?.id ?? ''),
    );
    expect(ids).not.toContain(opened.unassigned?.id);
  });

  it('lists the whole office for a supervisor, including unassigned cases', async () => {
    const page = await kabapas1.request<Page>('GET', '/api/cases?limit=100');
    expect(page.body.items.map((c) => c.id)).toEqual(
      expect.arrayContaining(Object.values(opened).map((c) => c.id)),
    );
    const mine = await kabapas1.request<Page>('GET', '/api/cases?assignee=pk1');
    expect(mine.body.items.every((c) => c.assignee === 'pk1')).toBe(true);
  });

  it('filters by stage and priority and pages with a cursor', async () => {
    const assessment = await kabapas1.request<Page>('GET', '/api/cases?stage=assessment');
    expect(assessment.body.items.map((c) => c.id)).toEqual([opened.adultSupervision?.id]);
    const high = await pk1.request<Page>('GET', '/api/cases?priority=tinggi');
    expect(high.body.items.map((c) => c.id)).toEqual([opened.childDiversion?.id]);
    const first = await kabapas1.request<Page>('GET', '/api/cases?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await kabapas1.request<Page>('GET', `/api/cases?limit=2&cursor=${first.body.nextCursor}`);
    const all = [...first.body.items, ...second.body.items].map((c) => c.id);
    expect(new Set(all).size).toBe(all.length);
    expect((await kabapas1.request('GET', '/api/cases?stage=Bukan%20Tahap!')).status).toBe(400);
    expect((await kabapas1.request<Page>('GET', '/api/cases?stage=tahap-lain')).body.items).toEqual([]);
    expect((await kabapas1.request('GET', '/api/cases?overdue=ya')).status).toBe(400);
  });

  it('refuses a worker another worker’s caseload', async () => {
    expect((await pk1.request('GET', '/api/cases?assignee=pk2')).status).toBe(403);
  });

  it('never scans: caseloads and the dashboard are Queries', async () => {
    const commands = await commandsDuring(async () => {
      await pk1.request('GET', '/api/cases');
      await kabapas1.request('GET', '/api/cases?stage=assessment');
      await kabapas1.request('GET', '/api/cases?overdue=true');
      await kabapas1.request('GET', '/api/cases?assignee=pk1&priority=rendah');
      await kabapas1.request('GET', '/api/cases?stage=terminated');
      await kabapas1.request('GET', '/api/dashboard');
      await pk1.request('GET', '/api/dashboard');
    });
    expect(commands.length).toBeGreaterThan(0);
    expect(commands).not.toContain('ScanCommand');
    expect(commands.filter((c) => c === 'QueryCommand').length).toBeGreaterThanOrEqual(7);
  });
});

describe('deadlines and the dashboard', () => {
  it('counts the caller’s cases by stage and priority', async () => {
    const mine = await pk1.request<{
      total: number;
      byStage: Record<string, number>;
      byPriority: Record<string, number>;
      overdue: number;
    }>('GET', '/api/dashboard');
    expect(mine.body).toMatchObject({ total: 3, overdue: 0 });
    expect(mine.body.byStage).toMatchObject({ intake: 2, assessment: 1, terminated: 0 });
    expect(mine.body.byPriority).toMatchObject({ tinggi: 1, rendah: 2 });
    const office = await kabapas1.request<{ total: number }>('GET', '/api/dashboard');
    expect(office.body.total).toBe(4);
  });

  it('marks cases whose deadline has passed as overdue, and the office’s overdue list shows them', async () => {
    expect((await kabapas1.request<Page>('GET', '/api/cases?overdue=true')).body.items).toEqual([]);
    // Sweep as if it were the day after the diversion litmas was due (72 hours after the request).
    const due = opened.childDiversion?.deadlines.find((d) => d.kind === 'litmas-diversi')?.due ?? '';
    expect(due.slice(0, 10)).toBe(addDays(today, 3));
    const dayAfter = addDays(due.slice(0, 10), 1);
    const result = await sweepDeadlines(dayAfter);
    expect(result.marked).toBeGreaterThanOrEqual(1);
    const overdue = await kabapas1.request<Page>('GET', '/api/cases?overdue=true');
    expect(overdue.body.items.map((c) => c.id)).toContain(opened.childDiversion?.id);
    // Sweeping again changes nothing.
    expect((await sweepDeadlines(dayAfter)).marked).toBe(0);
  });
});

describe('rule impact', () => {
  it('lists the open cases whose events a draft would change, and none for the published version', async () => {
    const current = await admin.request<{
      rules: { name: string; event: { params: Record<string, unknown> } }[];
      kind: string;
      facts: unknown[];
      tests: unknown[];
    }>('GET', '/api/rulesets/prioritas');
    const rules = current.body.rules.map((rule) =>
      rule.name === 'klien-anak'
        ? { ...rule, event: { ...rule.event, params: { ...rule.event.params, level: 'segera', score: 100 } } }
        : rule,
    );
    const saved = await admin.request('PUT', '/api/rulesets/prioritas/draft', {
      body: { title: 'Prioritas', kind: current.body.kind, facts: current.body.facts, rules, tests: [] },
    });
    expect(saved.status).toBe(200);
    const impact = await admin.request<{
      examined: number;
      changed: { caseId: string; before: unknown[]; after: unknown[] }[];
    }>('POST', '/api/rulesets/prioritas/impact', { body: { version: 'draft' } });
    expect(impact.status).toBe(200);
    expect(impact.body.examined).toBeGreaterThanOrEqual(4);
    expect(impact.body.changed.map((c) => c.caseId)).toEqual([opened.childDiversion?.id]);
    expect(JSON.stringify(impact.body.changed[0]?.after)).toContain('segera');
    const none = await admin.request<{ changed: unknown[] }>('POST', '/api/rulesets/prioritas/impact', {
      body: { version: 1 },
    });
    expect(none.body.changed).toEqual([]);
    expect(
      (await admin.request('POST', '/api/rulesets/prioritas/impact', { body: { version: 'x' } })).status,
    ).toBe(400);
  });
});

describe('the services directory and the calendar', () => {
  it('keeps services by type with If-Match, and removes them', async () => {
    const put = await admin.request<{ version: number }>('PUT', '/api/services/rsj-contoh', {
      body: {
        name: 'RSJ Contoh',
        type: 'kesehatan-jiwa',
        address: 'Jl. Contoh 2',
        hours: 'Senin–Jumat 08.00–15.00',
      },
    });
    expect(put.body.version).toBe(1);
    expect(
      (
        await admin.request('PUT', '/api/services/rsj-contoh', {
          body: { name: 'RSJ', type: 'kesehatan-jiwa' },
          headers: { 'if-match': '5' },
        })
      ).status,
    ).toBe(412);
    const byType = await pk1.request<{ items: { id: string }[] }>('GET', '/api/services?type=kesehatan-jiwa');
    expect(byType.body.items.map((s) => s.id)).toEqual(['rsj-contoh']);
    expect((await pk1.request('GET', '/api/services?type=astrologi')).status).toBe(400);
    expect(
      (await admin.request('PUT', '/api/services/x', { body: { name: 'X', type: 'astrologi' } })).status,
    ).toBe(400);
    expect((await admin.request('DELETE', '/api/services/rsj-contoh')).status).toBe(204);
    expect((await admin.request('DELETE', '/api/services/rsj-contoh')).status).toBe(404);
  });

  it('serves the year’s days off and lets an administrator add cuti bersama', async () => {
    const year = await pk1.request<{ daysOff: { date: string; kind: string }[] }>(
      'GET',
      '/api/calendar/2026',
    );
    expect(year.body.daysOff).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2026-03-23', kind: 'cuti-bersama' })]),
    );
    const updated = await admin.request<{ daysOff: { date: string }[] }>('PUT', '/api/calendar/2027', {
      body: { add: [{ date: '2027-03-08', name: 'Cuti bersama contoh', kind: 'cuti-bersama' }], remove: [] },
    });
    expect(updated.body.daysOff.map((d) => d.date)).toContain('2027-03-08');
    expect(
      (
        await admin.request('PUT', '/api/calendar/2027', {
          body: { add: [{ date: '2028-01-02', name: 'x', kind: 'cuti-bersama' }], remove: [] },
        })
      ).status,
    ).toBe(400);
    expect((await pk1.request('GET', '/api/calendar/20x6')).status).toBe(400);
  });
});
