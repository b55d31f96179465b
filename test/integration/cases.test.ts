import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { ADULT, type CaseBody, CHILD, type ErrorBody, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';
import { CountCommand } from './count';

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;
let kabapas2: Client;
let admin: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
  kabapas2 = await login(kawal, 'kabapas2');
  admin = await login(kawal, 'admin');
  await admin.request('PUT', '/api/services/konseling-contoh', {
    body: { name: 'Klinik Konseling Contoh', type: 'konseling-individu', address: 'Jl. Contoh 1' },
  });
});
afterAll(async () => kawal?.stop());

const count = (caseId: string, prefix?: string) => CountCommand(kawal, `CASE#${caseId}`, prefix);

describe('opening and reading a case', () => {
  it('opens a case in the worker’s office, assigned to them, with priority and deadlines from the rules', async () => {
    const opened = await openCase(pk1, { client: CHILD, caseType: 'diversi' });
    expect(opened).toMatchObject({ stage: 'intake', office: 'bapas-1', assignee: 'pk1', version: 1 });
    // The default prioritas ruleset: a child client is high priority.
    expect(opened.priority.level).toBe('tinggi');
    expect(opened.priority.reasons.length).toBeGreaterThan(0);
    // The diversion type's deadlines: the file check runs from opening; the litmas clock waits for
    // the date the request was received, recorded on the intake form.
    expect(opened.deadlines.map((d) => d.kind)).toEqual(['pemeriksaan-berkas']);
    const read = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    const intake = example('identifikasi');
    const submitted = await pk1.request('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data: intake, idempotencyKey: key() },
    });
    expect(submitted.status).toBe(201);
    const after = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    // 3 × 24 hours from the received date (18 November), in calendar time.
    expect(after.body.deadlines.find((d) => d.kind === 'litmas-diversi')?.due).toMatch(/^2026-11-21T/);
  });

  it('refuses bad input with 400 and field paths, writing nothing', async () => {
    const before = await CountCommand(kawal, 'OFFICE#bapas-1', undefined, 'gsi3');
    for (const body of [
      { caseType: 'integrasi' },
      { client: { ...ADULT, nik: '123' }, caseType: 'integrasi' },
      { client: { ...ADULT, birthDate: '1985-02-30' }, caseType: 'integrasi' },
      { client: ADULT, caseType: 'Bukan Jenis!' },
    ]) {
      const reply = await pk1.request<ErrorBody>('POST', '/api/cases', { body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('invalid_request');
      expect(reply.body.error.details?.[0]?.path).toEqual(expect.stringMatching(/^\/(client|caseType)/));
    }
    expect(await CountCommand(kawal, 'OFFICE#bapas-1', undefined, 'gsi3')).toBe(before);
  });

  it('opens a case only in the caller’s own office', async () => {
    const reply = await kabapas1.request<ErrorBody>('POST', '/api/cases', {
      body: { client: ADULT, caseType: 'integrasi', office: 'bapas-2' },
    });
    expect(reply.status).toBe(403);
  });
});

describe('submissions', () => {
  it('refuses invalid data with 422 and field errors, writing nothing', async () => {
    const opened = await openCase(pk1);
    const reply = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data: { identitas: { nama: '' } }, idempotencyKey: key() },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(reply.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/identitas/tanggalLahir' })]),
    );
    expect(await count(opened.id, 'SUB#')).toBe(0);
    expect((await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`)).body.version).toBe(1);
  });

  it('validates against the published form, records the version and the decisions, and updates the case', async () => {
    const opened = await openCase(pk1, {
      sentence: { months: 60, startDate: '2020-01-01' },
      offence: { date: '2019-06-01', repeat: false },
    });
    const reply = await pk1.request<{
      id: string;
      formVersion: number;
      decisions: { rulesetId: string; events: unknown[] }[];
    }>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data: example('identifikasi'), idempotencyKey: key() },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.formVersion).toBe(1);
    // The integrasi type's submission triggers: priority, revocation and schedule kinds, integration
    // eligibility, and whether the needs assessment is due.
    expect(reply.body.decisions.map((d) => d.rulesetId).sort()).toEqual([
      'jadwal-pengawasan',
      'kelayakan-integrasi',
      'kewajiban-asesmen',
      'peninjauan-pencabutan',
      'prioritas',
    ]);

    const stored = await pk1.request<{
      formVersion: number;
      data: unknown;
      decisions: { facts: Record<string, unknown>; explanation: unknown[] }[];
    }>('GET', `/api/cases/${opened.id}/submissions/${reply.body.id}`);
    expect(stored.body.formVersion).toBe(1);
    expect(stored.body.data).toEqual(example('identifikasi'));
    const eligibility = stored.body.decisions.find(
      (d) => 'sentenceMonths' in d.facts || 'monthsServed' in d.facts,
    );
    expect(eligibility?.explanation.length).toBeGreaterThan(0);

    const head = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(head.body.version).toBe(2);
    expect(head.body.eligibility.PB).toEqual({
      eligible: false,
      reasons: expect.any(Array),
      title: 'Pembebasan bersyarat (PB)',
      rulesetId: 'kelayakan-integrasi',
    });
    const list = await pk1.request<{ items: { id: string; formId: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/submissions`,
    );
    expect(list.body.items).toEqual([expect.objectContaining({ id: reply.body.id, formId: 'identifikasi' })]);
  });

  it('returns the first result for a repeated idempotency key, sequentially and 5 at once', async () => {
    const opened = await openCase(pk1);
    const body = { formId: 'identifikasi', data: example('identifikasi'), idempotencyKey: key('sama') };
    const first = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, { body });
    const again = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, { body });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const concurrent = { ...body, idempotencyKey: key('serentak') };
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, { body: concurrent }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await count(opened.id, 'SUB#')).toBe(2);
  });

  it('answers a repeated key with the first result even after the case moved on and the form is no longer offered', async () => {
    const opened = await openCase(pk1);
    await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to: 'assessment' } });
    const body = {
      formId: 'litmas-integrasi-dewasa',
      data: example('litmas-integrasi-dewasa'),
      idempotencyKey: key('pindah'),
    };
    const first = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, { body });
    expect(first.status).toBe(201);
    await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to: 'planning' } });
    const again = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, { body });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const fresh = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { ...body, idempotencyKey: key('baru') },
    });
    expect(fresh.body.error.code).toBe('form_not_offered');
  });

  it('keeps every accepted write exactly once under 50 parallel submissions', async () => {
    const opened = await openCase(pk1);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        pk1.request<{ id: string } & ErrorBody>('POST', `/api/cases/${opened.id}/submissions`, {
          body: { formId: 'identifikasi', data: example('identifikasi'), idempotencyKey: key(`p${i}`) },
        }),
      ),
    );
    const accepted = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status !== 201);
    expect(accepted.length).toBeGreaterThan(0);
    for (const reply of refused) {
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('conflict');
    }
    const ids = accepted.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await count(opened.id, 'SUB#')).toBe(accepted.length);
    const head = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(head.body.version).toBe(1 + accepted.length);
  });

  it('autosaves drafts with If-Match', async () => {
    const opened = await openCase(pk1);
    const path = `/api/cases/${opened.id}/drafts/identifikasi`;
    expect((await pk1.request('GET', path)).status).toBe(404);
    const first = await pk1.request<{ version: number }>('PUT', path, {
      body: { data: { identitas: { nama: 'Ba' } } },
    });
    expect(first.body.version).toBe(1);
    const second = await pk1.request<{ version: number }>('PUT', path, {
      body: { data: { x: 1 } },
      headers: { 'if-match': '"1"' },
    });
    expect(second.body.version).toBe(2);
    const stale = await pk1.request<ErrorBody>('PUT', path, {
      body: { data: { x: 2 } },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect((await pk1.request<{ data: unknown }>('GET', path)).body.data).toEqual({ x: 1 });
    // Submitting the form turns the work in progress into the submission: the draft is gone.
    await pk1.request('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data: example('identifikasi'), idempotencyKey: key() },
    });
    expect((await pk1.request('GET', path)).status).toBe(404);
  });
});

describe('changing the case head', () => {
  it('answers one of 20 parallel PATCHes with the same If-Match and 412 to the rest', async () => {
    const opened = await openCase(pk1);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pk1.request('PATCH', `/api/cases/${opened.id}`, {
          body: { client: { name: `Nama ${i}` } },
          headers: { 'if-match': '1' },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const head = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(head.body.version).toBe(2);
  });

  it('loses no update among 20 parallel PATCHes without If-Match', async () => {
    const opened = await openCase(pk1);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pk1.request<CaseBody>('PATCH', `/api/cases/${opened.id}`, {
          body: { client: { name: `Nama ${i}` } },
        }),
      ),
    );
    const ok = replies.filter((r) => r.status === 200);
    for (const reply of replies.filter((r) => r.status !== 200)) expect(reply.status).toBe(409);
    const head = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(head.body.version).toBe(1 + ok.length);
    // The last accepted write is what the case holds: its version is the highest.
    const last = ok.reduce((a, b) => (a.body.version > b.body.version ? a : b));
    expect(head.body.client.name).toBe(last.body.client.name);
  });

  it('lets only a supervisor assign', async () => {
    const invited = await admin.request<{ id: string }>('POST', '/api/users', {
      body: { username: 'pk-tujuh', name: 'PK Tujuh', roles: ['worker'], office: 'bapas-1' },
    });
    expect(invited.status).toBe(201);
    const opened = await openCase(pk1);
    expect(
      (await pk1.request('PATCH', `/api/cases/${opened.id}`, { body: { assignee: invited.body.id } })).status,
    ).toBe(403);
    const assigned = await kabapas1.request<CaseBody>('PATCH', `/api/cases/${opened.id}`, {
      body: { assignee: invited.body.id },
    });
    expect(assigned.body.assignee).toBe(invited.body.id);
    expect((await pk1.request('GET', `/api/cases/${opened.id}`)).status).toBe(403);
  });
});

describe('stages', () => {
  const move = (client: Client, id: string, body: Record<string, unknown>) =>
    client.request<CaseBody & ErrorBody>('POST', `/api/cases/${id}/transitions`, { body });

  it('moves through every stage the case type allows, the plan waiting for approval, and back to planning for a revision', async () => {
    const opened = await openCase(pk1);
    for (const to of ['assessment', 'planning']) {
      const reply = await move(pk1, opened.id, { to });
      expect(reply.status, `${to}: ${JSON.stringify(reply.body)}`).toBe(200);
      expect(reply.body.stage).toBe(to);
    }
    // Planning → intervention needs the supervisor: the case waits in planning until approved.
    const waiting = await move(pk1, opened.id, { to: 'intervention' });
    expect(waiting.status).toBe(202);
    expect(waiting.body.stage).toBe('planning');
    const approved = await kabapas1.request<CaseBody>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.stage).toBe('intervention');
    for (const to of ['monitoring', 'accompaniment', 'monitoring', 'planning']) {
      const reply = await move(pk1, opened.id, { to });
      expect(reply.status, `${to}: ${JSON.stringify(reply.body)}`).toBe(200);
      expect(reply.body.stage).toBe(to);
    }
    const monitored = await move(pk1, opened.id, { to: 'intervention' });
    expect(monitored.status).toBe(202);
    await kabapas1.request('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    const toMonitoring = await move(pk1, opened.id, { to: 'monitoring' });
    expect(toMonitoring.body.deadlines.map((d) => d.kind)).toContain('laporan-pengawasan');
  });

  it('refuses a move the lifecycle does not allow with 409 invalid_transition', async () => {
    const opened = await openCase(pk1);
    const reply = await move(pk1, opened.id, { to: 'monitoring' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('invalid_transition');
    expect((await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`)).body.stage).toBe('intake');
  });

  it('terminates only with a reason of the case type, its data, and the rules’ consent; then the file goes out in 10 working days', async () => {
    const opened = await openCase(pk1);
    expect((await move(pk1, opened.id, { to: 'terminated' })).body.error.code).toBe('reason_required');

    // The reason's data schema (from the case type) asks for the destination office first.
    const missing = await move(pk1, opened.id, { to: 'terminated', reason: 'pindah' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.details?.map((d) => d.path)).toContain('/data/tujuanBapas');

    // The data is complete, but the termination rules refuse an end date still in the future.
    const early = await move(pk1, opened.id, {
      to: 'terminated',
      reason: 'masa-bimbingan-berakhir',
      data: { nomorSK: 'W10.PAS.PK.01-123', tanggalBerakhir: '2999-01-01' },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('blocked_by_rules');
    expect((early.body.error.details ?? []).map((d) => d.rule)).toContain(
      'Masa bimbingan berakhir: tanggal berakhir belum tiba',
    );
    expect((await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`)).body.stage).toBe('intake');

    const allowed = await move(pk1, opened.id, {
      to: 'terminated',
      reason: 'pindah',
      data: { tujuanBapas: 'bapas-2' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.stage).toBe('terminated');
    expect(allowed.body.deadlines.map((d) => d.kind)).toEqual(['pengiriman-berkas-pindah']);
    const calendar = await pk1.request<{ daysOff: { date: string }[] }>(
      'GET',
      `/api/calendar/${allowed.body.deadlines[0]?.due.slice(0, 4)}`,
    );
    expect(calendar.status).toBe(200);

    // Nothing leaves terminated except a supervisor's reopen.
    expect((await move(pk1, opened.id, { to: 'planning' })).status).toBe(403);
    expect((await move(kabapas1, opened.id, { to: 'accompaniment' })).status).toBe(409);
    const reopened = await move(kabapas1, opened.id, { to: 'planning' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.stage).toBe('planning');
  });
});

describe('notes and referrals', () => {
  it('keeps notes, newest first, and refuses a date in the future', async () => {
    const opened = await openCase(pk1);
    await pk1.request('POST', `/api/cases/${opened.id}/notes`, {
      body: { text: 'Pertama', contactType: 'telepon' },
    });
    const second = await pk1.request<{ id: string; date: string }>('POST', `/api/cases/${opened.id}/notes`, {
      body: { text: 'Kedua', date: '2026-01-05' },
    });
    expect(second.status).toBe(201);
    const notes = await pk1.request<{ items: { text: string }[] }>('GET', `/api/cases/${opened.id}/notes`);
    expect(notes.body.items.map((n) => n.text)).toEqual(['Kedua', 'Pertama']);
    expect(
      (
        await pk1.request('POST', `/api/cases/${opened.id}/notes`, {
          body: { text: 'x', date: '2999-01-01' },
        })
      ).status,
    ).toBe(400);
    expect((await pk1.request('POST', `/api/cases/${opened.id}/notes`, { body: { text: '' } })).status).toBe(
      400,
    );
  });

  it('refers with consent only, and moves a referral through its statuses', async () => {
    const opened = await openCase(pk1);
    const noConsent = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/referrals`, {
      body: { serviceId: 'konseling-contoh', reason: 'Konseling individu' },
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.code).toBe('consent_required');
    expect(await count(opened.id, 'REF#')).toBe(0);
    expect(
      (
        await pk1.request('POST', `/api/cases/${opened.id}/referrals`, {
          body: { serviceId: 'tidak-ada', reason: 'x', consent: true },
        })
      ).status,
    ).toBe(404);

    const made = await pk1.request<{ id: string; status: string; serviceName: string }>(
      'POST',
      `/api/cases/${opened.id}/referrals`,
      {
        body: { serviceId: 'konseling-contoh', reason: 'Konseling individu', consent: true },
      },
    );
    expect(made.body).toMatchObject({ status: 'proposed', serviceName: 'Klinik Konseling Contoh' });
    const path = `/api/cases/${opened.id}/referrals/${made.body.id}`;
    expect(
      (await pk1.request<{ status: string }>('PATCH', path, { body: { status: 'accepted' } })).body.status,
    ).toBe('accepted');
    const done = await pk1.request<{ status: string; outcome: string; history: unknown[] }>('PATCH', path, {
      body: { status: 'completed', outcome: 'Enam sesi selesai' },
    });
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'Enam sesi selesai' });
    expect(done.body.history).toHaveLength(3);
    const late = await pk1.request<ErrorBody>('PATCH', path, { body: { status: 'cancelled' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_referral_status');
  });
});

describe('transfer between offices', () => {
  it('is decided by the office supervisor, read by the receiving one without sensitive fields, and accepted there', async () => {
    const opened = await openCase(pk1);
    const data = example('identifikasi');
    const submitted = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'identifikasi', data, idempotencyKey: key() },
    });
    expect(
      (
        await pk1.request('POST', `/api/cases/${opened.id}/transfer`, {
          body: { toOffice: 'bapas-2', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const requested = await kabapas1.request<CaseBody>('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
    });
    expect(requested.status).toBe(200);
    expect(requested.body.transfer).toMatchObject({ toOffice: 'bapas-2' });
    expect(requested.body.deadlines.map((d) => d.kind)).toContain('pelimpahan-bimbingan');
    const twice = await kabapas1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-2', reason: 'lagi' },
    });
    expect(twice.body.error.code).toBe('transfer_pending');

    // The receiving supervisor may read the file before accepting, but not its confidential fields.
    expect((await kabapas2.request('GET', `/api/cases/${opened.id}`)).status).toBe(200);
    const seen = await kabapas2.request<{ data: { kebutuhanAwal: Record<string, unknown> } }>(
      'GET',
      `/api/cases/${opened.id}/submissions/${submitted.body.id}`,
    );
    const full = await kabapas1.request<{ data: { kebutuhanAwal: Record<string, unknown> } }>(
      'GET',
      `/api/cases/${opened.id}/submissions/${submitted.body.id}`,
    );
    expect(full.body.data.kebutuhanAwal).toHaveProperty('kondisiKhusus');
    expect(seen.body.data.kebutuhanAwal).not.toHaveProperty('kondisiKhusus');
    expect(seen.body.data.kebutuhanAwal).toHaveProperty('kebutuhan');
    expect(
      (await kabapas2.request('PATCH', `/api/cases/${opened.id}`, { body: { caseType: 'x' } })).status,
    ).toBe(403);

    expect((await kabapas1.request('POST', `/api/cases/${opened.id}/transfer/accept`)).status).toBe(403);
    const accepted = await kabapas2.request<CaseBody>('POST', `/api/cases/${opened.id}/transfer/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ office: 'bapas-2', assignee: null, transfer: null });
    expect(accepted.body.transfers).toEqual([
      expect.objectContaining({ fromOffice: 'bapas-1', toOffice: 'bapas-2' }),
    ]);
    expect(accepted.body.deadlines.map((d) => d.kind)).not.toContain('pelimpahan-bimbingan');
    expect((await kabapas1.request('GET', `/api/cases/${opened.id}`)).status).toBe(403);
    expect((await pk1.request('GET', `/api/cases/${opened.id}`)).status).toBe(403);
    expect(
      (await kabapas2.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer/accept`)).body.error.code,
    ).toBe('no_transfer_pending');
  });
});

describe('the inboxes of supervisors', () => {
  type Inbox = { items: { caseId: string; clientName: string; fromOffice?: string; reason?: string }[] };
  const inbox = async (client: Client, path: string) =>
    (await client.request<Inbox>('GET', path)).body.items.map((item) => item.caseId);

  it('lists a transfer for both offices; the receiving office rejects it with a reason, the sender cancels, then it is accepted', async () => {
    const opened = await openCase(pk1);
    const send = () =>
      kabapas1.request<CaseBody>('POST', `/api/cases/${opened.id}/transfer`, {
        body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
      });
    expect((await send()).status).toBe(200);
    const incoming = await kabapas2.request<Inbox>('GET', '/api/transfers?direction=incoming');
    expect(incoming.body.items).toContainEqual(
      expect.objectContaining({ caseId: opened.id, clientName: ADULT.name, fromOffice: 'bapas-1' }),
    );
    expect(await inbox(kabapas1, '/api/transfers?direction=outgoing')).toContain(opened.id);
    expect(await inbox(kabapas1, '/api/transfers?direction=incoming')).not.toContain(opened.id);
    expect((await kabapas1.request('GET', '/api/transfers?direction=kemana')).status).toBe(400);

    // The receiving office refuses, with a reason: the case stays, the deadline goes, both lists empty.
    expect(
      (await kabapas2.request('POST', `/api/cases/${opened.id}/transfer/reject`, { body: {} })).status,
    ).toBe(400);
    const rejected = await kabapas2.request<CaseBody>('POST', `/api/cases/${opened.id}/transfer/reject`, {
      body: { reason: 'Alamat baru di luar wilayah kami' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ office: 'bapas-1', transfer: null });
    expect(rejected.body.deadlines.map((d) => d.kind)).not.toContain('pelimpahan-bimbingan');
    expect(await inbox(kabapas2, '/api/transfers?direction=incoming')).not.toContain(opened.id);
    expect(await inbox(kabapas1, '/api/transfers?direction=outgoing')).not.toContain(opened.id);

    // Sent again, then taken back by the sender.
    expect((await send()).status).toBe(200);
    expect((await kabapas2.request('POST', `/api/cases/${opened.id}/transfer/cancel`)).status).toBe(403);
    expect((await kabapas1.request('POST', `/api/cases/${opened.id}/transfer/cancel`)).status).toBe(200);
    expect(await inbox(kabapas2, '/api/transfers?direction=incoming')).not.toContain(opened.id);
    expect(
      (await kabapas1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer/cancel`)).body.error.code,
    ).toBe('no_transfer_pending');

    // Sent a third time and accepted: gone from every list.
    expect((await send()).status).toBe(200);
    expect((await kabapas2.request('POST', `/api/cases/${opened.id}/transfer/accept`)).status).toBe(200);
    expect(await inbox(kabapas2, '/api/transfers?direction=incoming')).not.toContain(opened.id);
    expect(await inbox(kabapas1, '/api/transfers?direction=outgoing')).not.toContain(opened.id);
    const audit = await kabapas2.request<{ items: { action: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/audit`,
    );
    expect(audit.body.items.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['transfer.rejected', 'transfer.cancelled', 'transfer.accepted']),
    );
  });

  it('lists a move waiting for approval in its office until the supervisor decides', async () => {
    const opened = await openCase(pk1);
    for (const to of ['assessment', 'planning'])
      await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to } });
    expect(
      (await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to: 'intervention' } }))
        .status,
    ).toBe(202);
    const waiting = await kabapas1.request<{ items: { caseId: string; to: string; requestedBy: string }[] }>(
      'GET',
      '/api/approvals',
    );
    expect(waiting.body.items).toContainEqual(
      expect.objectContaining({ caseId: opened.id, to: 'intervention', requestedBy: 'pk1' }),
    );
    expect(await inbox(kabapas2, '/api/approvals')).not.toContain(opened.id);
    expect((await pk1.request('GET', '/api/approvals')).status).toBe(403);
    await kabapas1.request('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(await inbox(kabapas1, '/api/approvals')).not.toContain(opened.id);
  });
});

describe('audit and report', () => {
  it('records reads and changes, append-only, for supervisors and administrators', async () => {
    const opened = await openCase(pk1);
    await pk1.request('GET', `/api/cases/${opened.id}`);
    await pk1.request('POST', `/api/cases/${opened.id}/notes`, { body: { text: 'Catatan' } });
    const audit = await kabapas1.request<{ items: { actor: string; action: string; at: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/audit`,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => `${e.actor}:${e.action}`)).toEqual([
      'pk1:case.created',
      'pk1:case.read',
      'pk1:note.added',
    ]);
    expect((await admin.request('GET', `/api/cases/${opened.id}/audit`)).status).toBe(200);
    expect((await pk1.request('GET', `/api/cases/${opened.id}/audit`)).status).toBe(403);
    const again = await kabapas1.request<{ items: { action: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/audit`,
    );
    expect(again.body.items.map((e) => e.action)).toContain('audit.read');
    const newest = await kabapas1.request<{ items: { action: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/audit?order=newest&limit=1`,
    );
    expect(newest.body.items.map((e) => e.action)).toEqual(['audit.read']);
    expect((await kabapas1.request('GET', `/api/cases/${opened.id}/audit?order=acak`)).status).toBe(400);
  });

  it('prints a submission with the case header, the sections in order and a signature block', async () => {
    const opened = await openCase(pk1, { client: { ...ADULT, name: 'Budi <Contoh>' } });
    await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to: 'assessment' } });
    const data = example('litmas-integrasi-dewasa');
    const submitted = await pk1.request<{ id: string }>('POST', `/api/cases/${opened.id}/submissions`, {
      body: { formId: 'litmas-integrasi-dewasa', data, idempotencyKey: key() },
    });
    expect(submitted.status).toBe(201);
    const report = await pk1.request<string>('GET', `/api/cases/${opened.id}/report/${submitted.body.id}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    const html = report.body;
    expect(html).toContain('Budi &lt;Contoh&gt;');
    expect(html).not.toContain('Budi <Contoh>');
    expect(html).toContain('Kepala Bapas');
    expect(html).toContain('Pembimbing Kemasyarakatan');
    // Sections follow the form's ui:order: the standard's order.
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings.length).toBeGreaterThan(5);
    const positions = ['A. Identitas', 'I. Riwayat hidup', 'IX. Kesimpulan'].map((title) =>
      headings.findIndex((heading) => heading?.startsWith(title)),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((await pk1.request('GET', `/api/cases/${opened.id}/report/01NOTHERE`)).status).toBe(404);
  });
});

describe('rules on a real case', () => {
  it('evaluates a ruleset with the case’s own facts, for those who may read the case', async () => {
    const opened = await openCase(pk1, {
      client: CHILD,
      caseType: 'diversi',
      offence: { date: '2026-05-01', threatenedSentenceMonths: 60, repeat: false },
    });
    const reply = await pk1.request<{ caseId: string; events: { type: string }[]; explanation: unknown[] }>(
      'POST',
      '/api/rulesets/diversi/evaluate',
      { body: { caseId: opened.id } },
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.caseId).toBe(opened.id);
    expect(reply.body.events.map((e) => e.type)).toContain('diversi-wajib');
    expect(
      (await kabapas2.request('POST', '/api/rulesets/diversi/evaluate', { body: { caseId: opened.id } }))
        .status,
    ).toBe(403);
    const both = await pk1.request<ErrorBody>('POST', '/api/rulesets/diversi/evaluate', {
      body: { caseId: opened.id, facts: {} },
    });
    expect(both.status).toBe(400);
    expect(
      (await pk1.request('POST', '/api/rulesets/diversi/evaluate', { body: { caseId: 'tidak-ada' } })).status,
    ).toBe(404);
  });
});

describe('two packs, one platform', () => {
  it('decides a child-protection case with its own priority rules, and a probation case with the Bapas ones', async () => {
    const protection = await openCase(pk1, { client: CHILD, caseType: 'perlindungan-anak' });
    await pk1.request('POST', `/api/cases/${protection.id}/transitions`, { body: { to: 'assessment' } });
    const assessment = { ...example('asesmen-perlindungan-anak'), tingkatRisiko: 'sedang' };
    const submitted = await pk1.request<{ decisions: { rulesetId: string }[] }>(
      'POST',
      `/api/cases/${protection.id}/submissions`,
      {
        body: { formId: 'asesmen-perlindungan-anak', data: assessment, idempotencyKey: key() },
      },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.decisions.map((d) => d.rulesetId)).toContain('prioritas-perlindungan-anak');
    expect(submitted.body.decisions.map((d) => d.rulesetId)).not.toContain('prioritas');
    const head = await pk1.request<CaseBody & { priority: { responseHours?: number } }>(
      'GET',
      `/api/cases/${protection.id}`,
    );
    expect(head.body.priority).toMatchObject({ level: 'tinggi', responseHours: 6 });

    // Closing it is judged by the child-protection closure rules, not the Bapas termination rules.
    const refused = await pk1.request<ErrorBody>('POST', `/api/cases/${protection.id}/transitions`, {
      body: { to: 'terminated', reason: 'dirujuk' },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.error.details)).toContain('lembagaRujukan');
    const closed = await pk1.request<CaseBody>('POST', `/api/cases/${protection.id}/transitions`, {
      body: { to: 'terminated', reason: 'dirujuk', data: { lembagaRujukan: 'UPTD PPA Kota Contoh' } },
    });
    expect(closed.status).toBe(200);

    const probation = await openCase(pk1, { client: CHILD, caseType: 'diversi' });
    const decided = await pk1.request<{ decisions: { rulesetId: string }[] }>(
      'POST',
      `/api/cases/${probation.id}/submissions`,
      {
        body: { formId: 'identifikasi', data: example('identifikasi'), idempotencyKey: key() },
      },
    );
    expect(decided.body.decisions.map((d) => d.rulesetId)).toContain('prioritas');
    expect(decided.body.decisions.map((d) => d.rulesetId)).not.toContain('prioritas-perlindungan-anak');
  });
});
