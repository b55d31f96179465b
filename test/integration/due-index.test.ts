/**
 * The due index per office on DynamoDB Local: each head's due date is keyed in its office's partition;
 * the daily sweep goes office by office and resumes from its checkpoint after a stop (every case
 * marked once, no page read twice), starting fresh on a new day; heads written on the old single
 * partition are moved by the start-up migration and by the daily job; the studio's lists of open
 * cases include cases without a deadline and keep their cursors bound to their listing.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCases, runDaily } from '../../functions/cases/daily';
import { migrateCaseHeads } from '../../functions/cases/migrate';
import { listAllOffices } from '../../functions/cases/offices';
import { rulesetCases } from '../../functions/cases/ruleset-cases';
import { DEFAULT_PRIORITY } from '../../functions/domain/case-decisions';
import type { CaseHead } from '../../functions/domain/case-file';
import { todayIn } from '../../functions/domain/dates';
import { handler as dailyJob, sweepDeadlines } from '../../functions/jobs/deadlines';
import type { LocalKawal } from '../../functions/local/app';
import { casesByDue, newId, putCaseHeads } from '../../functions/store/cases-repo';
import { db, tableName } from '../../functions/store/client';
import { startTestKawal } from '../support/kawal';

let kawal: LocalKawal;

beforeAll(async () => {
  kawal = await startTestKawal();
});
afterAll(async () => kawal?.stop());

/** A day of the sweeps below, later than any real today, so nothing the start-up run did is in the way. */
const SWEEP_DAY = '2031-01-01';
const NEXT_DAY = '2031-01-02';

function head(office: string, due: string | undefined, name: string): CaseHead {
  const now = new Date().toISOString();
  return {
    id: newId(),
    version: 1,
    client: { name, birthDate: '1990-01-01', sex: 'perempuan' },
    caseType: 'pembimbingan',
    caseTypeVersion: 1,
    office,
    assignee: null,
    stage: 'monitoring',
    timeZone: 'Asia/Jakarta',
    priority: DEFAULT_PRIORITY,
    eligibility: {},
    deadlines: due ? [{ kind: 'laporan-pengawasan', from: '2026-01-01', due }] : [],
    transfer: null,
    transfers: [],
    forms: {},
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
  };
}

async function rawHead(id: string): Promise<Record<string, unknown>> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { pk: `CASE#${id}`, sk: 'HEAD' }, ConsistentRead: true }),
  );
  if (!Item) throw new Error(`no head ${id}`);
  return Item;
}

async function dueIds(office: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await casesByDue({ office, limit: 100, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** The cases of the sweep tests: due in 2030 (before SWEEP_DAY), five in one office and three in the other. */
const dueBefore = [
  ...['2030-03-01', '2030-01-01', '2030-05-01', '2030-02-01', '2030-04-01'].map((due, i) =>
    head('bapas-1', due, `Satu ${i}`),
  ),
  ...['2030-02-15', '2030-01-15', '2030-03-15'].map((due, i) => head('bapas-2', due, `Dua ${i}`)),
];
/** Not swept on SWEEP_DAY: due on the day itself, later, or never. */
const dueOnDay = [head('bapas-1', SWEEP_DAY, 'Hari Satu'), head('bapas-2', SWEEP_DAY, 'Hari Dua')];
const later = head('bapas-2', '2032-01-01', 'Nanti');
const noDeadline = head('bapas-1', undefined, 'Tanpa Tenggat');

describe('the due index, per office', () => {
  it("keys each head's due date in its office's partition, earliest first", async () => {
    await putCaseHeads([...dueBefore, ...dueOnDay, later, noDeadline], todayIn());
    const first = dueBefore[0] as CaseHead;
    expect(await rawHead(first.id)).toMatchObject({
      gsi1pk: 'DUE#bapas-1',
      gsi1sk: `2030-03-01#${first.id}`,
    });
    expect((await rawHead(noDeadline.id)).gsi1pk).toBeUndefined();

    const one = await dueIds('bapas-1');
    const expected = [...dueBefore, ...dueOnDay, later]
      .filter((h) => h.office === 'bapas-1')
      .sort((a, b) => (a.deadlines[0]?.due ?? '').localeCompare(b.deadlines[0]?.due ?? ''))
      .map((h) => h.id);
    expect(one).toEqual(expected);
    expect(await dueIds('bapas-2')).toEqual(
      expect.arrayContaining([...dueBefore.slice(5).map((h) => h.id), later.id]),
    );
    expect(one).not.toContain(later.id);
  });
});

describe('the deadline sweep', () => {
  it('resumes after a stop where it stopped: every case marked once, no page read twice', async () => {
    let asked = 0;
    const stopped = await sweepDeadlines(SWEEP_DAY, { pageSize: 2, shouldStop: () => ++asked > 3 });
    expect(stopped.complete).toBe(false);
    expect(stopped.pages).toBe(3);
    expect(stopped.marked).toBe(stopped.examined);
    expect(stopped.marked).toBeLessThan(dueBefore.length);

    const resumed = await sweepDeadlines(SWEEP_DAY, { pageSize: 2 });
    expect(resumed.complete).toBe(true);
    // Five cases in pages of two, and three: 3 + 2 pages in all, whatever the first run had read.
    expect(stopped.pages + resumed.pages).toBe(5);
    expect(stopped.examined + resumed.examined).toBe(dueBefore.length);
    expect(stopped.marked + resumed.marked).toBe(dueBefore.length);
    // Every office is counted as swept once, by the run that finished it.
    expect(stopped.offices + resumed.offices).toBe((await listAllOffices()).length);
    for (const h of dueBefore) expect((await rawHead(h.id)).overdue).toBe(true);
    for (const h of [...dueOnDay, later, noDeadline]) expect((await rawHead(h.id)).overdue).toBe(false);
    expect((await rawHead(dueBefore[0]?.id ?? '')).gsi5pk).toBe('OVERDUE#bapas-1');

    // The day's run is done: another run of the same day reads nothing.
    expect(await sweepDeadlines(SWEEP_DAY, { pageSize: 2 })).toEqual({
      examined: 0,
      marked: 0,
      offices: 0,
      pages: 0,
      complete: true,
    });
  });

  it('starts fresh on a new day, and starts an office over when its kept cursor cannot be read', async () => {
    const fresh = await sweepDeadlines(NEXT_DAY, { pageSize: 2, parallel: 1 });
    // Only what fell due on SWEEP_DAY is left to mark; the cases marked the day before are not examined.
    expect(fresh).toMatchObject({ complete: true, examined: 2, marked: 2 });
    for (const h of dueOnDay) expect((await rawHead(h.id)).overdue).toBe(true);

    // A new day again, stopped after its first page; the kept cursor is then spoilt.
    const more = [head('bapas-1', NEXT_DAY, 'Lagi 1'), head('bapas-1', NEXT_DAY, 'Lagi 2')];
    await putCaseHeads(more, todayIn());
    const dayAfter = '2031-01-03';
    let asked = 0;
    const first = await sweepDeadlines(dayAfter, { pageSize: 2, parallel: 1, shouldStop: () => ++asked > 1 });
    expect(first).toMatchObject({ complete: false, pages: 1 });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: 'JOB#deadlines', sk: 'CHECKPOINT' },
        UpdateExpression: 'SET progress.#office = :spoilt',
        ExpressionAttributeNames: { '#office': 'bapas-1' },
        ExpressionAttributeValues: { ':spoilt': { cursor: 'bukan.kursor' } },
      }),
    );
    const rest = await sweepDeadlines(dayAfter, { pageSize: 2 });
    expect(rest.complete).toBe(true);
    expect(first.marked + rest.marked).toBe(more.length);
    for (const h of more) expect((await rawHead(h.id)).overdue).toBe(true);
  });
});

describe("the day's decisions", () => {
  it('resume after a stop where they stopped: every open case decided once, weekly counts at the end', async () => {
    const checkpoint = { job: 'daily-decisions-test', date: SWEEP_DAY };
    let open = 0;
    for await (const _ of openCases()) open++;
    expect(open).toBeGreaterThan(4);

    let asked = 0;
    const stopped = await runDaily({ checkpoint, pageSize: 2, shouldStop: () => ++asked > 2 });
    expect(stopped).toMatchObject({ complete: false, examined: 4 });
    // Counted only once every office is decided.
    expect(stopped.recorded).toBeUndefined();
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: { pk: `JOB#${checkpoint.job}`, sk: 'CHECKPOINT' } }),
    );
    expect(Object.values((Item?.progress ?? {}) as Record<string, unknown>)).toContainEqual({
      cursor: expect.any(String),
    });

    const resumed = await runDaily({ checkpoint, pageSize: 2 });
    expect(resumed.complete).toBe(true);
    expect(stopped.examined + resumed.examined).toBe(open);
    expect(resumed.recorded).toBe((await listAllOffices()).length);
    // The day is done: another run of the same day decides nothing again.
    expect(await runDaily({ checkpoint, pageSize: 2 })).toMatchObject({ complete: true, examined: 0 });
  });
});

describe('heads written on the old single partition', () => {
  /** A head as Kawal wrote it before the due index was split by office. */
  async function oldHead(office: string, name: string): Promise<CaseHead> {
    const written = head(office, '2033-06-01', name);
    await putCaseHeads([written], todayIn());
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `CASE#${written.id}`, sk: 'HEAD' },
        UpdateExpression: 'SET gsi1pk = :old',
        ExpressionAttributeValues: { ':old': 'CASES#DUE' },
      }),
    );
    expect(await dueIds(office)).not.toContain(written.id);
    return written;
  }

  it('are moved to their office by the start-up migration, conditional on their version', async () => {
    const old = await oldHead('bapas-2', 'Lama Dua');
    expect(await migrateCaseHeads()).toBeGreaterThanOrEqual(1);
    expect(await rawHead(old.id)).toMatchObject({
      gsi1pk: 'DUE#bapas-2',
      gsi1sk: `2033-06-01#${old.id}`,
      version: 1,
    });
    expect(await dueIds('bapas-2')).toContain(old.id);
  });

  it('are moved by the daily job, so a deployment moves its heads on the next run', async () => {
    const old = await oldHead('bapas-1', 'Lama Satu');
    const result = await dailyJob();
    expect(result.moved).toBe(1);
    expect(result.decided?.examined).toBeGreaterThan(0);
    expect((await rawHead(old.id)).gsi1pk).toBe('DUE#bapas-1');
    expect(await dueIds('bapas-1')).toContain(old.id);
    // Run again the same day (Lambda's retry): nothing to move, the day's decisions are not taken twice.
    const again = await dailyJob();
    expect(again.moved).toBe(0);
    expect(again.decided).toBeUndefined();
  });
});

describe('lists of open cases for the studio', () => {
  it('include cases without a deadline, and refuse a cursor of another listing', async () => {
    const rows: string[] = [];
    let cursor: string | undefined;
    let last: string | null = null;
    do {
      const page = await rulesetCases('prioritas', 3, cursor);
      rows.push(...page.items.map((row) => row.caseId));
      last = page.nextCursor;
      cursor = last ?? undefined;
      if (cursor) {
        await expect(rulesetCases('diversi', 3, cursor)).rejects.toMatchObject({ code: 'invalid_cursor' });
      }
    } while (cursor);
    expect(rows).toContain(noDeadline.id);
    expect(new Set(rows).size).toBe(rows.length);
    const whole = (await rulesetCases('prioritas', 100)).items.map((row) => row.caseId);
    expect(rows).toEqual(whole);
  });
});
