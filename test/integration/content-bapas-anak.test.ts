/**
 * The corrected Bapas and child-protection content, worked through HTTP on real cases: a PK opens a
 * case of the type, moves it, submits the forms as they would be filled in, and reads the decision on
 * the case (deadlines, flags, priority, a refused closing). One test per correction of the content.
 */
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type CaseBody, type ErrorBody, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
});
afterAll(async () => kawal?.stop());

type Case = CaseBody & {
  timeZone: string;
  flags?: { id: string; title: string; level?: string; reasons: string[] }[];
  pendingApproval?: { to: string } | null;
};

type Data = Record<string, unknown>;

async function submit(client: Client, caseId: string, formId: string, data: unknown) {
  const reply = await client.request<{ decisions: unknown[] } & ErrorBody>(
    'POST',
    `/api/cases/${caseId}/submissions`,
    { body: { formId, data, idempotencyKey: key(formId) } },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply;
}

async function move(client: Client, caseId: string, to: string, extra: Record<string, unknown> = {}) {
  return client.request<Case & ErrorBody>('POST', `/api/cases/${caseId}/transitions`, {
    body: { to, ...extra },
  });
}

/** Moves the case along `stages`; a move waiting for the Kabapas gets the approval. */
async function walk(caseId: string, stages: string[]) {
  for (const to of stages) {
    const reply = await move(pk1, caseId, to);
    if (reply.status === 202) {
      const approved = await kabapas1.request('POST', `/api/cases/${caseId}/approvals/current`, {
        body: { decision: 'approve' },
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    } else expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
}

const read = async (client: Client, id: string) =>
  (await client.request<Case>('GET', `/api/cases/${id}`)).body;

/** The office's date today, as the case counts it. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

const plusDays = (date: string, days: number) => format(addDays(parseISO(date), days), 'yyyy-MM-dd');
const plusMonths = (date: string, months: number) => format(addMonths(parseISO(date), months), 'yyyy-MM-dd');

const dueOf = (head: Case, kind: string) => head.deadlines.find((deadline) => deadline.kind === kind)?.due;

/** A supervision case in monitoring whose service plan names `program` (and a PB stage). */
async function supervised(program: string, stage?: string): Promise<Case> {
  const opened = await openCase(pk1, { caseType: 'pembimbingan' });
  await walk(opened.id, ['assessment', 'planning']);
  const plan: Data = { ...example('rencana-layanan'), programIntegrasi: program };
  if (stage) plan.tahapBimbingan = stage;
  else delete plan.tahapBimbingan;
  await submit(pk1, opened.id, 'rencana-layanan', plan);
  await walk(opened.id, ['intervention', 'monitoring']);
  return read(pk1, opened.id);
}

describe('reporting follows the jadwal-pengawasan ruleset, not a fixed month', () => {
  it('home asimilasi: the report is due a week after the move into monitoring, and a week after each note', async () => {
    const head = await supervised('asimilasi-rumah');
    const today = todayIn(head.timeZone);
    expect(dueOf(head, 'laporan-pengawasan')).toBe(plusDays(today, 7));

    await submit(pk1, head.id, 'catatan-pengawasan', { ...example('catatan-pengawasan'), tanggal: today });
    expect(dueOf(await read(pk1, head.id), 'laporan-pengawasan')).toBe(plusDays(today, 7));
  });

  it('PB in its final stage reports every 3 months; a new plan for home asimilasi makes it weekly', async () => {
    const head = await supervised('pb', 'akhir');
    const today = todayIn(head.timeZone);
    expect(dueOf(head, 'laporan-pengawasan')).toBe(plusMonths(today, 3));

    await submit(pk1, head.id, 'rencana-layanan', {
      ...example('rencana-layanan'),
      programIntegrasi: 'asimilasi-rumah',
    });
    expect(dueOf(await read(pk1, head.id), 'laporan-pengawasan')).toBe(plusDays(today, 7));
  });

  it('PB in its first stage keeps the monthly report', async () => {
    const head = await supervised('pb', 'awal');
    expect(dueOf(head, 'laporan-pengawasan')).toBe(plusMonths(todayIn(head.timeZone), 1));
  });
});
