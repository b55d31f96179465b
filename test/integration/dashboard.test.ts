/**
 * A supervisor's dashboard: open cases per PK by priority, by stage and by priority, what waits on
 * the office (incoming transfers, moves to approve), and overdue cases per week over twelve weeks
 * from the weekly counts the daily run records (one item per office and week, read with one Query).
 * Also the approval loop the dashboard counts: a return keeps the supervisor's comment on the case
 * and on the caseload until the PK asks again; a closing whose reason needs approval goes the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../functions/cases/daily';
import { recordWeeklyStats } from '../../functions/cases/office-stats';
import type { LocalKawal } from '../../functions/local/app';
import { db } from '../../functions/store/client';
import { type CaseBody, CHILD, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';

/** Today where bapas-1 is (WIB), as the server counts it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

interface WeekPoint {
  week: string;
  start: string;
  recordedOn: string | null;
  open: number | null;
  overdue: number | null;
}

interface Dashboard {
  total: number;
  overdue: number;
  byStage: Record<string, number>;
  byPriority: Record<string, number>;
  byAssignee: {
    assignee: string | null;
    open: number;
    overdue: number;
    byPriority: Record<string, number>;
  }[];
  overdueByWeek: WeekPoint[];
  incomingTransfers?: number;
  pendingApprovals?: number;
}

interface Approvable extends CaseBody {
  pendingApproval?: { id: string; to: string; reason?: string } | null;
  returnedApproval?: { id: string; to: string; comment?: string; returnedBy: string } | null;
}

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;
let kabapas2: Client;
/** The nearest due date of each bapas-1 case (the day it turns overdue is the day after). */
const nextDue: Record<string, { due: string; assignee: string | null }> = {};

/** A child's diversion case whose litmas request was received on `received`: due three days later. */
async function diversion(by: Client, received: string): Promise<CaseBody> {
  const opened = await openCase(by, { client: CHILD, caseType: 'diversi' });
  const intake = example('identifikasi');
  (intake.tanggalPenting as Record<string, unknown>).tanggalDiterima = received;
  (intake.identitas as Record<string, unknown>).tanggalLahir = CHILD.birthDate;
  const submitted = await by.request('POST', `/api/cases/${opened.id}/submissions`, {
    body: { formId: 'identifikasi', data: intake, idempotencyKey: key() },
  });
  if (submitted.status !== 201) throw new Error(`intake: ${JSON.stringify(submitted.body)}`);
  return (await by.request<CaseBody>('GET', `/api/cases/${opened.id}`)).body;
}

function remember(kase: CaseBody): void {
  const due = kase.deadlines.map((d) => d.due.slice(0, 10)).sort()[0];
  if (due) nextDue[kase.id] = { due, assignee: kase.assignee };
}

/** The bapas-1 cases overdue on `date` (their nearest deadline before it), of `assignee` when given. */
function overdueOn(date: string, assignee?: string): number {
  return Object.values(nextDue).filter(
    (entry) => entry.due < date && (assignee === undefined || entry.assignee === assignee),
  ).length;
}

/** The DynamoDB commands sent while `action` runs, with the partition each Query asked for. */
async function commandsDuring(action: () => Promise<unknown>): Promise<{ name: string; pk?: string }[]> {
  const seen: { name: string; pk?: string }[] = [];
  const name = `count-${Math.random()}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
      const pk = input.ExpressionAttributeValues?.[':pk'];
      seen.push({ name: String(context.commandName), ...(typeof pk === 'string' ? { pk } : {}) });
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

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
  kabapas2 = await login(kawal, 'kabapas2');
  // pk1: two child diversions overdue since about eight and three weeks, an adult integration case
  // (its litmas due in working days ahead); unassigned: one overdue diversion and an adult case.
  remember(await diversion(pk1, addDays(today, -60)));
  remember(await diversion(pk1, addDays(today, -20)));
  remember(await openCase(pk1, { caseType: 'integrasi' }));
  remember(await diversion(kabapas1, addDays(today, -40)));
  remember(await openCase(kabapas1, { caseType: 'pembimbingan' }));
});
afterAll(async () => kawal?.stop());

describe('the dashboard’s counts', () => {
  it('counts open cases per PK by priority, unassigned last, and the office’s overdue ones', async () => {
    const office = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    expect(office.status).toBe(200);
    expect(office.body.overdue).toBe(3);
    expect(office.body.byAssignee).toEqual([
      {
        assignee: 'pk1',
        open: 3,
        overdue: 2,
        byPriority: expect.objectContaining({ tinggi: 2, rendah: 1, segera: 0 }),
      },
      {
        assignee: null,
        open: 2,
        overdue: 1,
        byPriority: expect.objectContaining({ tinggi: 1, rendah: 1 }),
      },
    ]);
    const perPk = office.body.byAssignee.reduce((sum, entry) => sum + entry.open, 0);
    const perPriority = Object.values(office.body.byPriority).reduce((sum, count) => sum + count, 0);
    expect(perPk).toBe(5);
    expect(perPriority).toBe(5);
    expect(office.body.byStage).toMatchObject({ intake: 5, terminated: 0 });

    // A worker's dashboard is their own caseload: one row, theirs, and no office inbox.
    const mine = await pk1.request<Dashboard>('GET', '/api/dashboard');
    expect(mine.body.overdue).toBe(2);
    expect(mine.body.byAssignee.map((entry) => entry.assignee)).toEqual(['pk1']);
    expect(mine.body).not.toHaveProperty('pendingApprovals');
    expect(mine.body).not.toHaveProperty('incomingTransfers');
  });

  it('counts the transfers coming in and the moves waiting for approval', async () => {
    const before = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    expect(before.body).toMatchObject({ incomingTransfers: 0, pendingApprovals: 0 });
    // bapas-2 hands a case to bapas-1; pk1 asks to move a case to intervention.
    const theirs = await openCase(kabapas2, { caseType: 'pembimbingan' });
    const sent = await kabapas2.request('POST', `/api/cases/${theirs.id}/transfer`, {
      body: { toOffice: 'bapas-1', reason: 'Klien pindah domisili' },
    });
    expect(sent.status).toBe(200);
    const asked = await openCase(pk1, { caseType: 'integrasi' });
    remember(asked);
    for (const to of ['assessment', 'planning'])
      await pk1.request('POST', `/api/cases/${asked.id}/transitions`, { body: { to } });
    const waiting = await pk1.request('POST', `/api/cases/${asked.id}/transitions`, {
      body: { to: 'intervention' },
    });
    expect(waiting.status).toBe(202);
    const after = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    expect(after.body).toMatchObject({ incomingTransfers: 1, pendingApprovals: 1 });
    const sender = await kabapas2.request<Dashboard>('GET', '/api/dashboard');
    expect(sender.body).toMatchObject({ incomingTransfers: 0, pendingApprovals: 0 });
  });
});

describe('overdue cases over twelve weeks', () => {
  it('has twelve weeks ending with this one, empty where the daily run recorded nothing', async () => {
    const { body } = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    expect(body.overdueByWeek).toHaveLength(12);
    const last = body.overdueByWeek[11];
    const monday = last?.start ?? '';
    expect(monday <= today && addDays(monday, 6) >= today).toBe(true);
    // Consecutive Mondays, each week named after its ISO week.
    for (const [index, point] of body.overdueByWeek.entries()) {
      expect(point.start).toBe(addDays(monday, (index - 11) * 7));
      expect(point.week).toMatch(/^\d{4}-W\d{2}$/);
      expect(new Date(`${point.start}T00:00:00Z`).getUTCDay()).toBe(1);
    }
    // The local stack ran the daily job once at start, before any case was opened.
    expect(last).toMatchObject({ recordedOn: today, open: 0, overdue: 0 });
    const earlier = body.overdueByWeek.slice(0, 11);
    expect(earlier.every((point) => point.overdue === null && point.recordedOn === null)).toBe(true);
  });

  it('draws each week from what the daily run recorded that week, for the office and for one PK', async () => {
    const daily = await runDaily();
    expect(daily.recorded).toBe(2);
    // Earlier weeks, as the runs of those days would have recorded them (a Wednesday of each).
    const { body: first } = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    const wednesdays = first.overdueByWeek.slice(0, 11).map((point) => addDays(point.start, 2));
    for (const day of wednesdays) await recordWeeklyStats(new Date(`${day}T05:00:00Z`));

    let office: Dashboard | undefined;
    const commands = await commandsDuring(async () => {
      office = (await kabapas1.request<Dashboard>('GET', '/api/dashboard')).body;
    });
    expect(commands.map((c) => c.name)).not.toContain('ScanCommand');
    expect(commands.filter((c) => c.pk === 'STATS#bapas-1')).toHaveLength(1);

    const series = office?.overdueByWeek ?? [];
    expect(series.map((point) => point.recordedOn)).toEqual([...wednesdays, today]);
    expect(series.map((point) => point.overdue)).toEqual([
      ...wednesdays.map((day) => overdueOn(day)),
      overdueOn(today),
    ]);
    expect(series.map((point) => point.open)).toEqual(series.map(() => Object.keys(nextDue).length));
    // The counts grow as the seeded deadlines pass: none twelve weeks ago, three now.
    expect(series[0]?.overdue).toBe(0);
    expect(series[11]?.overdue).toBe(3);

    const mine = (await pk1.request<Dashboard>('GET', '/api/dashboard')).body.overdueByWeek;
    expect(mine.map((point) => point.overdue)).toEqual([
      ...wednesdays.map((day) => overdueOn(day, 'pk1')),
      overdueOn(today, 'pk1'),
    ]);
  });

  it('keeps a week’s latest day: an earlier day of the same week does not overwrite it', async () => {
    const { body } = await kabapas1.request<Dashboard>('GET', '/api/dashboard');
    const week = body.overdueByWeek[5];
    const monday = week?.start ?? '';
    expect(await recordWeeklyStats(new Date(`${addDays(monday, 4)}T05:00:00Z`))).toBe(2);
    expect(await recordWeeklyStats(new Date(`${monday}T05:00:00Z`))).toBe(0);
    const after = (await kabapas1.request<Dashboard>('GET', '/api/dashboard')).body.overdueByWeek[5];
    expect(after).toMatchObject({ week: week?.week, recordedOn: addDays(monday, 4) });
    expect(after?.overdue).toBe(overdueOn(addDays(monday, 4)));
  });
});

describe('approvals the PK can follow', () => {
  async function read(id: string): Promise<Approvable> {
    return (await pk1.request<Approvable>('GET', `/api/cases/${id}`)).body;
  }
  async function listed(id: string): Promise<Approvable | undefined> {
    const page = await pk1.request<{ items: Approvable[] }>('GET', '/api/cases?limit=100');
    return page.body.items.find((item) => item.id === id);
  }

  it('a returned move keeps the supervisor’s comment for the PK until they ask again, then approval clears it', async () => {
    const opened = await openCase(pk1, { caseType: 'integrasi' });
    for (const to of ['assessment', 'planning'])
      await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to } });
    const asked = await pk1.request<Approvable>('POST', `/api/cases/${opened.id}/transitions`, {
      body: { to: 'intervention' },
    });
    expect(asked.status).toBe(202);
    expect((await listed(opened.id))?.pendingApproval?.to).toBe('intervention');

    const returned = await kabapas1.request<Approvable>(
      'POST',
      `/api/cases/${opened.id}/approvals/${asked.body.pendingApproval?.id}`,
      { body: { decision: 'return', comment: 'Lengkapi rencana pembimbingan' } },
    );
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      stage: 'planning',
      pendingApproval: null,
      returnedApproval: {
        to: 'intervention',
        comment: 'Lengkapi rencana pembimbingan',
        returnedBy: 'kabapas1',
      },
    });
    expect((await read(opened.id)).returnedApproval?.comment).toBe('Lengkapi rencana pembimbingan');
    expect((await listed(opened.id))?.returnedApproval?.comment).toBe('Lengkapi rencana pembimbingan');
    const approvals = await kabapas1.request<{ items: { caseId: string }[] }>('GET', '/api/approvals');
    expect(approvals.body.items.map((item) => item.caseId)).not.toContain(opened.id);

    // Asking again replaces the return with the new request; approving makes the move.
    const again = await pk1.request<Approvable>('POST', `/api/cases/${opened.id}/transitions`, {
      body: { to: 'intervention' },
    });
    expect(again.status).toBe(202);
    expect(again.body.returnedApproval).toBeNull();
    expect((await listed(opened.id))?.returnedApproval).toBeNull();
    const approved = await kabapas1.request<Approvable>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(approved.body).toMatchObject({
      stage: 'intervention',
      pendingApproval: null,
      returnedApproval: null,
    });
  });

  it('a closing whose reason needs approval waits, can be returned with a comment, and closes once approved', async () => {
    const opened = await openCase(pk1, { caseType: 'pembimbingan' });
    const closing = {
      to: 'terminated',
      reason: 'pencabutan',
      data: { nomorSK: 'SK-CONTOH-001' },
      note: 'Tiga kali tidak wajib lapor. Data uji fiktif.',
    };
    const asked = await pk1.request<Approvable>('POST', `/api/cases/${opened.id}/transitions`, {
      body: closing,
    });
    expect(asked.status).toBe(202);
    expect(asked.body.stage).toBe('intake');
    expect(asked.body.pendingApproval).toMatchObject({ to: 'terminated', reason: 'pencabutan' });
    const inbox = await kabapas1.request<{ items: { caseId: string; reason?: string }[] }>(
      'GET',
      '/api/approvals',
    );
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ caseId: opened.id, reason: 'pencabutan' }),
    );

    const returned = await kabapas1.request<Approvable>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'return', comment: 'Lampirkan SK yang sudah ditandatangani' },
    });
    expect(returned.body).toMatchObject({
      stage: 'intake',
      returnedApproval: { to: 'terminated', comment: 'Lampirkan SK yang sudah ditandatangani' },
    });
    expect((await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: closing })).status).toBe(
      202,
    );
    const approved = await kabapas1.request<Approvable>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      stage: 'terminated',
      returnedApproval: null,
      pendingApproval: null,
    });
  });

  it('a supervisor’s own closing with such a reason needs no approval', async () => {
    const opened = await openCase(kabapas1, { caseType: 'pembimbingan' });
    const closed = await kabapas1.request<Approvable>('POST', `/api/cases/${opened.id}/transitions`, {
      body: {
        to: 'terminated',
        reason: 'pencabutan',
        data: { nomorSK: 'SK-CONTOH-002' },
        note: 'Data uji fiktif.',
      },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('terminated');
  });
});
