/**
 * The case process as content, end to end through HTTP on DynamoDB Local: a PK's recorded answers
 * reach the eligibility rules; three missed reports raise the revocation review on their own; forms
 * are offered by case type and stage; a move needing approval waits for a supervisor; an administrator
 * wires a new litmas field to a new fact and the decision changes after publish, with no restart.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { eachDayOfInterval, format, isWeekend, parseISO, subMonths } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateCaseHeads } from '../../functions/cases/migrate';
import type { CaseHead } from '../../functions/domain/case-file';
import type { LocalKawal } from '../../functions/local/app';
import { getCase, putCaseHeads } from '../../functions/store/cases-repo';
import { ADULT, type CaseBody, type ErrorBody, example, key, openCase } from '../support/cases';
import { type Client, login, type OtherInstance, startOtherInstance, startTestKawal } from '../support/kawal';
import { NO_RISK } from '../support/rri';

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;
let admin: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
  admin = await login(kawal, 'admin');
});
afterAll(async () => kawal?.stop());

type Case = CaseBody & {
  flags?: { id: string; title: string; reasons: string[] }[];
  pendingApproval?: { to: string } | null;
  process?: { forms: string[]; moves: { to: string; approval: boolean }[] };
};

const monthsAgo = (n: number) => format(subMonths(new Date(), n), 'yyyy-MM-dd');

async function submit(client: Client, caseId: string, formId: string, data: unknown) {
  return client.request<{ decisions: unknown[] } & ErrorBody>('POST', `/api/cases/${caseId}/submissions`, {
    body: { formId, data, idempotencyKey: key(formId) },
  });
}

async function move(client: Client, caseId: string, to: string, extra: Record<string, unknown> = {}) {
  return client.request<Case & ErrorBody>('POST', `/api/cases/${caseId}/transitions`, {
    body: { to, ...extra },
  });
}

const read = async (client: Client, id: string) =>
  (await client.request<Case>('GET', `/api/cases/${id}`)).body;

/** The adult litmas of a client who has served 24 of 36 months, as a PK fills it. */
function adultLitmas(changes: (data: Record<string, unknown>) => void = () => undefined) {
  const data = example('litmas-integrasi-dewasa') as Record<string, Record<string, unknown>>;
  const identitas = data.identitasKlien as Record<string, unknown>;
  const putusan = identitas.putusan as Record<string, unknown>;
  identitas.tanggalLahir = ADULT.birthDate;
  putusan.lamaPidana = { tahun: 3, bulan: 0, hari: 0 };
  putusan.tanggalDitahan = monthsAgo(24);
  putusan.kategoriTindakPidana = 'umum';
  for (const key of ['tanggalSepertiga', 'tanggalSetengah', 'tanggalDuaPertiga', 'tanggalEkspirasi'])
    delete putusan[key];
  (data.kondisiSosialPenjamin as Record<string, unknown>).penjaminBersedia = true;
  const evaluasi = data.evaluasiPembinaan as Record<string, unknown>;
  evaluasi.aktifMengikutiProgram = true;
  evaluasi.tercatatRegisterF = false;
  delete evaluasi.tanggalRegisterFTerakhir;
  changes(data);
  return data;
}

/** An RRI with a part A total of 8 (sedang), assessed today. */
function rriSedang() {
  const data = example('asesmen-risiko');
  (data.identitas as Record<string, unknown>).tanggalAsesmen = monthsAgo(0);
  data.bagianA = {
    ...NO_RISK,
    ditahanUsia16: true,
    jumlahPutusanSebelumnya: 2,
    keluargaDipidana: true,
    menganggur12Bulan: true,
    pernahDipenjara: true,
  };
  delete data.bagianB;
  // A client-sent total is never trusted: the server computes its own.
  data.skorA = 0;
  return data;
}

/** The RRI of a year ago, total 12 (tinggi): PB needs the risk to have come down since (UU 22/2022 Ps 10(2)(c)). */
function rriTinggiSetahunLalu() {
  const data = rriSedang();
  (data.identitas as Record<string, unknown>).tanggalAsesmen = monthsAgo(12);
  data.bagianA = {
    ...(data.bagianA as object),
    jumlahPutusanSebelumnya: 3,
    pelanggaranTatib: true,
    diskorsSekolah: true,
  };
  return data;
}

/** A supervision note of a client who did not report. */
const missedReport = () => ({
  ...example('catatan-pengawasan'),
  wajibLapor: 'tidak-hadir',
  alasanTidakHadir: 'Tidak ada kabar (contoh fiktif)',
});

async function assessedCase(): Promise<Case> {
  const opened = await openCase(pk1, { caseType: 'integrasi' });
  expect((await move(pk1, opened.id, 'assessment')).status).toBe(200);
  return opened;
}

describe('the PK story: litmas and RRI on a real case decide PB', () => {
  it('a 41-year-old who served 24 of 36 months, with a willing guarantor, active, RRI sedang: PB layak', async () => {
    const opened = await assessedCase();
    expect((await submit(pk1, opened.id, 'asesmen-risiko', rriTinggiSetahunLalu())).status).toBe(201);
    const rri = await submit(pk1, opened.id, 'asesmen-risiko', rriSedang());
    expect(rri.status).toBe(201);
    const stored = await pk1.request<{ items: { id: string }[] }>(
      'GET',
      `/api/cases/${opened.id}/submissions`,
    );
    const first = stored.body.items[0];
    const submission = await pk1.request<{ data: Record<string, unknown> }>(
      'GET',
      `/api/cases/${opened.id}/submissions/${first?.id}`,
    );
    expect(submission.body.data).toMatchObject({ skorA: 8, kategoriRisiko: 'sedang' });

    const litmas = await submit(pk1, opened.id, 'litmas-integrasi-dewasa', adultLitmas());
    expect(litmas.status, JSON.stringify(litmas.body)).toBe(201);
    const after = await read(pk1, opened.id);
    expect(after.eligibility.PB?.eligible, JSON.stringify(after.eligibility)).toBe(true);
    // An adult is never refused as a child.
    for (const program of Object.values(after.eligibility)) {
      expect(program.reasons.join(' ')).not.toMatch(/berstatus Anak/);
    }
  });

  it('the same client without a willing guarantor is not eligible, and the reason says so', async () => {
    const opened = await assessedCase();
    await submit(pk1, opened.id, 'asesmen-risiko', rriSedang());
    await submit(
      pk1,
      opened.id,
      'litmas-integrasi-dewasa',
      adultLitmas((data) => {
        (data.kondisiSosialPenjamin as Record<string, unknown>).penjaminBersedia = false;
      }),
    );
    const after = await read(pk1, opened.id);
    expect(after.eligibility.PB?.eligible).toBe(false);
    expect(after.eligibility.PB?.reasons.join(' ')).toMatch(/penjamin/i);
  });
});

describe('revocation review raised by the case itself', () => {
  it('three consecutive missed reports put the review on the case with priority, reasons and a deadline', async () => {
    const opened = await openCase(pk1, { caseType: 'pembimbingan' });
    for (const to of ['assessment', 'planning']) expect((await move(pk1, opened.id, to)).status).toBe(200);
    const waiting = await move(pk1, opened.id, 'intervention');
    if (waiting.status === 202) {
      const approved = await kabapas1.request('POST', `/api/cases/${opened.id}/approvals/current`, {
        body: { decision: 'approve' },
      });
      expect(approved.status).toBe(200);
    } else expect(waiting.status).toBe(200);
    expect((await move(pk1, opened.id, 'monitoring')).status).toBe(200);
    const note = example('catatan-pengawasan');
    for (let i = 0; i < 3; i++) {
      const reply = await submit(pk1, opened.id, 'catatan-pengawasan', missedReport());
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      const now = await read(pk1, opened.id);
      expect(now.flags?.length ?? 0).toBe(i < 2 ? 0 : 1);
    }
    const flagged = await read(pk1, opened.id);
    expect(flagged.flags?.[0]?.reasons.length).toBeGreaterThan(0);
    expect(['tinggi', 'segera']).toContain(flagged.priority.level);
    expect(flagged.priority.reasons).toContain(flagged.flags?.[0]?.title);
    const kinds = flagged.deadlines.map((d) => d.kind);
    expect(kinds.length).toBeGreaterThan(0);
    // Attending again clears the review.
    await submit(pk1, opened.id, 'catatan-pengawasan', { ...note, wajibLapor: 'hadir' });
    expect((await read(pk1, opened.id)).flags ?? []).toEqual([]);
  });
});

describe('forms and moves by case type and stage', () => {
  it('a child-protection case is offered only child-protection forms; an adult case refuses them', async () => {
    const child = await openCase(kabapas1, {
      caseType: 'perlindungan-anak',
      client: { name: 'Nina Contoh', birthDate: '2015-05-05', sex: 'perempuan' },
    });
    const offered = (await read(kabapas1, child.id)).process?.forms ?? [];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain('litmas-integrasi-dewasa');
    const adult = await openCase(pk1, { caseType: 'integrasi' });
    expect((await read(pk1, adult.id)).process?.forms).not.toContain('pengaduan');
    const refused = await submit(pk1, adult.id, 'pengaduan', example('pengaduan'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('form_not_offered');
  });

  it('a move needing approval waits for the supervisor, who may return it or approve it', async () => {
    const opened = await openCase(pk1, { caseType: 'pembimbingan' });
    for (const to of ['assessment', 'planning']) await move(pk1, opened.id, to);
    const asked = await move(pk1, opened.id, 'intervention');
    expect(asked.status).toBe(202);
    expect(asked.body.stage).toBe('planning');
    expect(asked.body.pendingApproval?.to).toBe('intervention');
    expect((await move(pk1, opened.id, 'terminated', { reason: 'meninggal' })).status).toBe(409);
    const byWorker = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(byWorker.status).toBe(403);
    const returned = await kabapas1.request<Case>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'return', comment: 'Lengkapi rencana' },
    });
    expect(returned.body).toMatchObject({ stage: 'planning', pendingApproval: null });
    await move(pk1, opened.id, 'intervention');
    const approved = await kabapas1.request<Case>('POST', `/api/cases/${opened.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(approved.body).toMatchObject({ stage: 'intervention', pendingApproval: null });
  });

  it('an unknown case type, reason or stage is refused and writes nothing', async () => {
    const unknownType = await pk1.request<ErrorBody>('POST', '/api/cases', {
      body: { client: ADULT, caseType: 'tidak-ada' },
    });
    expect(unknownType.status).toBe(400);
    const opened = await openCase(pk1, { caseType: 'integrasi' });
    expect((await move(pk1, opened.id, 'tidak-ada')).status).toBe(409);
    const badReason = await move(pk1, opened.id, 'terminated', { reason: 'alasan-karangan' });
    expect(badReason.status).toBe(422);
    expect((await read(pk1, opened.id)).version).toBe(opened.version);
  });
});

describe('an administrator changes the process without a redeploy', () => {
  it('checks a case type on save with JSON Pointers and writes nothing', async () => {
    // What GET answers goes back as it is: the version's metadata is read back, never stored.
    const draft = (await admin.request<Record<string, unknown>>('GET', '/api/case-types/integrasi')).body;
    const facts = [
      ...((draft.facts as unknown[]) ?? []),
      { name: 'salah', type: 'boolean', source: { form: 'litmas-integrasi-dewasa', pointer: '/tidak/ada' } },
    ];
    const reply = await admin.request<ErrorBody>('PUT', '/api/case-types/integrasi/draft', {
      body: { ...draft, facts },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details?.[0]?.path).toBe(`/facts/${facts.length - 1}/source/pointer`);
    expect((await admin.request('GET', '/api/case-types/integrasi/draft')).status).toBe(404);
  });

  it('a new litmas field wired to a new fact changes PB on a real case after publish, without a restart', async () => {
    // 1. The form gets a field.
    const form = (await admin.request<Record<string, unknown>>('GET', '/api/forms/litmas-integrasi-dewasa'))
      .body;
    const schema = structuredClone(form.schema) as {
      properties: Record<string, { properties: Record<string, unknown> }>;
    };
    const kesimpulan = schema.properties.kesimpulanRekomendasi;
    if (!kesimpulan) throw new Error('kesimpulanRekomendasi missing');
    kesimpulan.properties.masyarakatMenerima = { type: 'boolean', title: 'Masyarakat dapat menerima klien' };
    expect(
      (
        await admin.request('PUT', '/api/forms/litmas-integrasi-dewasa/draft', {
          body: { title: form.title, description: form.description, schema, uiSchema: form.uiSchema },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin.request('POST', '/api/forms/litmas-integrasi-dewasa/publish', {
          body: { note: 'kolom baru' },
        })
      ).status,
    ).toBe(201);
    // 2. The case type wires it to a fact.
    const type = (await admin.request<Record<string, unknown>>('GET', '/api/case-types/integrasi')).body;
    const {
      id: _i,
      version: _v,
      publishedAt: _a,
      publishedBy: _b,
      note: _n,
      fromVersion: _f,
      ...typeDraft
    } = type;
    const facts = [
      ...((typeDraft.facts as unknown[]) ?? []),
      {
        name: 'masyarakatMenerima',
        type: 'boolean',
        source: { form: 'litmas-integrasi-dewasa', pointer: '/kesimpulanRekomendasi/masyarakatMenerima' },
      },
    ];
    const saved = await admin.request('PUT', '/api/case-types/integrasi/draft', {
      body: { ...typeDraft, facts },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(
      (await admin.request('POST', '/api/case-types/integrasi/publish', { body: { note: 'fakta baru' } }))
        .status,
    ).toBe(201);
    const wiring = await admin.request<{
      rulesets: { id: string; facts: { name: string; source: unknown }[] }[];
    }>('GET', '/api/case-types/integrasi/wiring');
    expect(wiring.status).toBe(200);
    expect(wiring.body.rulesets.length).toBeGreaterThan(0);
    // 3. The rule reads it.
    const ruleset = (await admin.request<Record<string, unknown>>('GET', '/api/rulesets/kelayakan-integrasi'))
      .body;
    const rules = structuredClone(ruleset.rules) as { name: string; conditions: { all: unknown[] } }[];
    const pb = rules.find((rule) => rule.name === 'pb-dewasa');
    if (!pb) throw new Error('pb-dewasa missing');
    pb.conditions.all.push({
      name: 'Masyarakat dapat menerima klien',
      fact: 'masyarakatMenerima',
      operator: 'equal',
      value: true,
    });
    const rulesetDraft = {
      title: ruleset.title,
      description: ruleset.description,
      kind: ruleset.kind,
      ...(ruleset.caseTypes ? { caseTypes: ruleset.caseTypes } : {}),
      facts: [
        ...((ruleset.facts as unknown[]) ?? []).filter(
          (f) => (f as { name: string }).name !== 'masyarakatMenerima',
        ),
        { name: 'masyarakatMenerima', type: 'boolean', description: 'Masyarakat dapat menerima klien.' },
      ],
      rules,
      // The old tests do not state the new fact: each PB example keeps its events once it does.
      tests: (
        ruleset.tests as {
          name: string;
          facts: Record<string, unknown>;
          expect: { events: { params?: { program?: string } }[] };
        }[]
      )
        .filter((test) => test.expect.events.some((event) => event.params?.program === 'PB'))
        .map((test) => ({ ...test, facts: { ...test.facts, masyarakatMenerima: true } })),
    };
    const put = await admin.request('PUT', '/api/rulesets/kelayakan-integrasi/draft', { body: rulesetDraft });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const published = await admin.request('POST', '/api/rulesets/kelayakan-integrasi/publish', {
      body: { note: 'syarat masyarakat' },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    // 4. A PK's case now needs the new answer.
    const opened = await assessedCase();
    await submit(pk1, opened.id, 'asesmen-risiko', rriTinggiSetahunLalu());
    await submit(pk1, opened.id, 'asesmen-risiko', rriSedang());
    await submit(pk1, opened.id, 'litmas-integrasi-dewasa', adultLitmas());
    expect((await read(pk1, opened.id)).eligibility.PB?.eligible).toBe(false);
    await submit(
      pk1,
      opened.id,
      'litmas-integrasi-dewasa',
      adultLitmas((data) => {
        (data.kesimpulanRekomendasi as Record<string, unknown>).masyarakatMenerima = true;
      }),
    );
    expect((await read(pk1, opened.id)).eligibility.PB?.eligible).toBe(true);
  });
});

describe('an administrator adds a case type of their own', () => {
  const pendampingan = {
    title: 'Pendampingan anak (LSM)',
    description: 'Pendampingan anak oleh lembaga masyarakat: pengaduan, lalu rencana keselamatan.',
    stages: [
      { id: 'intake', title: 'Penerimaan' },
      { id: 'accompaniment', title: 'Pendampingan' },
      { id: 'terminated', title: 'Selesai' },
    ],
    moves: [
      { from: 'intake', to: 'accompaniment' },
      { from: '*', to: 'terminated' },
    ],
    forms: [
      { form: 'pengaduan', stages: ['intake'] },
      { form: 'rencana-keselamatan', stages: ['accompaniment'] },
    ],
    deadlines: [
      {
        id: 'kunjungan-awal',
        title: 'Kunjungan awal',
        start: { on: 'created' },
        length: { calendarDays: 2 },
      },
    ],
    termination: {
      reasons: [
        {
          id: 'pendampingan-selesai',
          title: 'Pendampingan selesai',
          data: {
            type: 'object',
            required: ['ringkasan'],
            properties: { ringkasan: { type: 'string', title: 'Ringkasan', minLength: 1 } },
          },
        },
      ],
    },
  };

  it('publishes pendampingan-anak; its cases get its stages, forms, deadline and closing reason', async () => {
    const saved = await admin.request('PUT', '/api/case-types/pendampingan-anak/draft', {
      body: pendampingan,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const published = await admin.request<{ version: number }>(
      'POST',
      '/api/case-types/pendampingan-anak/publish',
      { body: { note: 'jenis kasus LSM' } },
    );
    expect(published.status).toBe(201);
    const listed = await pk1.request<{ items: { id: string; title: string }[] }>('GET', '/api/case-types');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: 'pendampingan-anak', title: 'Pendampingan anak (LSM)' }),
    );

    const opened = await openCase(pk1, {
      client: { ...ADULT, birthDate: '2014-05-05' },
      caseType: 'pendampingan-anak',
    });
    const head = await read(pk1, opened.id);
    expect(head.process?.forms).toEqual(['pengaduan']);
    expect(head.deadlines.map((d) => d.kind)).toEqual(['kunjungan-awal']);
    expect((await submit(pk1, opened.id, 'identifikasi', example('identifikasi'))).body.error.code).toBe(
      'form_not_offered',
    );
    expect((await move(pk1, opened.id, 'planning')).status).toBe(409);
    const moved = await move(pk1, opened.id, 'accompaniment');
    expect(moved.status).toBe(200);
    expect((await read(pk1, opened.id)).process?.forms).toEqual(['rencana-keselamatan']);

    // Its own closing reason, with the data it asks for; a Bapas reason is not one of its reasons.
    expect((await move(pk1, opened.id, 'terminated', { reason: 'pindah' })).body.error.code).toBe(
      'invalid_reason',
    );
    const incomplete = await move(pk1, opened.id, 'terminated', { reason: 'pendampingan-selesai' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.details?.map((d) => d.path)).toContain('/data/ringkasan');
    const closed = await move(pk1, opened.id, 'terminated', {
      reason: 'pendampingan-selesai',
      data: { ringkasan: 'Anak kembali bersekolah; keluarga didampingi UPTD PPA.' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('terminated');
  });
});

describe('a deadline changed by an administrator', () => {
  let other: OtherInstance | undefined;
  afterAll(() => other?.stop());

  const litmasDue = (head: CaseBody) => head.deadlines.find((d) => d.kind === 'litmas-integrasi')?.due ?? '';

  it('7 → 5 working days: a second running instance follows within its TTL; a rollback restores 7', async () => {
    other = await startOtherInstance({
      dynamoEndpoint: kawal.dynamoEndpoint,
      tableName: kawal.tableName,
      contentTtlMs: 1000,
    });
    const elsewhere = await login(other, 'pk1');
    const current = (
      await admin.request<Record<string, unknown> & { version: number }>('GET', '/api/case-types/integrasi')
    ).body;
    const seven = litmasDue(await openCase(elsewhere, { caseType: 'integrasi' }));
    expect(seven).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const deadlines = (current.deadlines as { id: string; length: Record<string, number> }[]).map((d) =>
      d.id === 'litmas-integrasi' ? { ...d, length: { workingDays: 5 } } : d,
    );
    expect(
      (await admin.request('PUT', '/api/case-types/integrasi/draft', { body: { ...current, deadlines } }))
        .status,
    ).toBe(200);
    const five = await admin.request<{ version: number }>('POST', '/api/case-types/integrasi/publish', {
      body: { note: 'litmas 5 hari kerja' },
    });
    expect(five.body.version).toBe(current.version + 1);

    // The other instance, never restarted, opens cases with the new version once its TTL (1 s) has passed.
    let followed = await openCase(elsewhere, { caseType: 'integrasi' });
    for (let i = 0; i < 150 && litmasDue(followed) === seven; i++) {
      await sleep(100);
      followed = await openCase(elsewhere, { caseType: 'integrasi' });
    }
    const after = litmasDue(followed);
    expect(after < seven).toBe(true);
    expect((followed as CaseBody & { caseTypeVersion: number }).caseTypeVersion).toBe(current.version + 1);

    // Two working days earlier: the calendar between them has exactly two working days more.
    const calendar = await pk1.request<{ daysOff: { date: string }[] }>(
      'GET',
      `/api/calendar/${seven.slice(0, 4)}`,
    );
    const off = new Set(calendar.body.daysOff.map((d) => d.date));
    const workingBetween = eachDayOfInterval({ start: parseISO(after), end: parseISO(seven) })
      .slice(1)
      .map((day) => format(day, 'yyyy-MM-dd'))
      .filter((day) => !isWeekend(parseISO(day)) && !off.has(day));
    expect(workingBetween).toHaveLength(2);

    // Rolling back republishes the earlier content as a new version.
    const back = await admin.request<{ version: number }>('POST', '/api/case-types/integrasi/publish', {
      body: { fromVersion: current.version },
    });
    expect(back.body.version).toBe(current.version + 2);
    expect(litmasDue(await openCase(pk1, { caseType: 'integrasi' }))).toBe(seven);
  });
});

describe('a case type change replayed before it is published', () => {
  it('lists the cases whose decisions change and the cases in a dropped stage; publishing moves them by the map', async () => {
    // A case in accompaniment after three missed reports: the revocation review is on it.
    const opened = await openCase(pk1, { caseType: 'integrasi' });
    for (const to of ['assessment', 'planning', 'intervention', 'monitoring'])
      expect((await move(kabapas1, opened.id, to)).status).toBe(200);
    for (let i = 0; i < 3; i++) await submit(pk1, opened.id, 'catatan-pengawasan', missedReport());
    expect((await move(pk1, opened.id, 'accompaniment')).status).toBe(200);
    expect((await read(pk1, opened.id)).flags?.length).toBe(1);

    // The draft drops accompaniment (mapped to monitoring) and no longer runs the revocation rules.
    const current = (
      await admin.request<Record<string, unknown> & { version: number }>('GET', '/api/case-types/integrasi')
    ).body;
    const without = (stages: string[] | undefined) => stages?.filter((stage) => stage !== 'accompaniment');
    const draft = {
      ...current,
      stages: (current.stages as { id: string }[]).filter((stage) => stage.id !== 'accompaniment'),
      moves: (current.moves as { from: string; to: string }[]).filter(
        (m) => m.from !== 'accompaniment' && m.to !== 'accompaniment',
      ),
      forms: (current.forms as { stages?: string[] }[]).map((f) =>
        f.stages ? { ...f, stages: without(f.stages) } : f,
      ),
      deadlines: (current.deadlines as { stages?: string[]; start: { stages?: string[] } }[]).map((d) => ({
        ...d,
        ...(d.stages ? { stages: without(d.stages) } : {}),
        start: { ...d.start, ...(d.start.stages ? { stages: without(d.start.stages) } : {}) },
      })),
      triggers: (current.triggers as { rulesets: { kinds?: string[] } }[]).map((t) => ({
        ...t,
        rulesets: {
          ...t.rulesets,
          ...(t.rulesets.kinds ? { kinds: t.rulesets.kinds.filter((k) => k !== 'revocation') } : {}),
        },
      })),
      stageMap: { accompaniment: 'monitoring' },
    };
    const saved = await admin.request('PUT', '/api/case-types/integrasi/draft', { body: draft });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const impact = await admin.request<{
      examined: number;
      changed: { caseId: string; rulesets: string[]; before: { type: string }[] }[];
      stages: { caseId: string; stage: string; mappedTo: string | null }[];
    }>('POST', '/api/case-types/integrasi/impact', { body: { version: 'draft' } });
    expect(impact.status).toBe(200);
    expect(impact.body.stages).toContainEqual(
      expect.objectContaining({ caseId: opened.id, stage: 'accompaniment', mappedTo: 'monitoring' }),
    );
    const row = impact.body.changed.find((c) => c.caseId === opened.id);
    expect(row?.rulesets).toEqual(['peninjauan-pencabutan']);
    expect(row?.before.map((e) => e.type)).toContain('tinjau-pencabutan');
    // Nothing is written by looking.
    expect((await read(pk1, opened.id)).stage).toBe('accompaniment');

    const published = await admin.request<{ version: number; remapped: number }>(
      'POST',
      '/api/case-types/integrasi/publish',
      { body: { note: 'tanpa pendampingan' } },
    );
    expect(published.status).toBe(201);
    expect(published.body.remapped).toBeGreaterThanOrEqual(1);
    expect((await read(pk1, opened.id)).stage).toBe('monitoring');
    const audit = await kabapas1.request<{ items: { action: string; detail?: Record<string, unknown> }[] }>(
      'GET',
      `/api/cases/${opened.id}/audit`,
    );
    expect(audit.body.items.map((e) => e.action)).toContain('stage.mapped');

    // Back to the earlier process (the case stays where the map put it).
    const back = await admin.request('POST', '/api/case-types/integrasi/publish', {
      body: { fromVersion: current.version },
    });
    expect(back.status).toBe(201);
  });
});

describe('cases written before case types', () => {
  it('are rebuilt by their type on start: counters from the notes, only declared deadlines, decisions again', async () => {
    const opened = await openCase(pk1, { caseType: 'pembimbingan' });
    for (const to of ['assessment', 'planning', 'intervention', 'monitoring'])
      expect((await move(kabapas1, opened.id, to)).status).toBe(200);
    for (let i = 0; i < 3; i++) await submit(pk1, opened.id, 'catatan-pengawasan', missedReport());
    const current = (await read(pk1, opened.id)) as Case & { counters: Record<string, unknown> };
    expect(current.flags?.length).toBe(1);

    // The head as an earlier Kawal wrote it: no type version, no counters, no flags, old deadline kinds.
    const stored = (await getCase(opened.id)) as CaseHead;
    const { caseTypeVersion: _v, counters: _c, flags: _f, ...old } = stored;
    await putCaseHeads(
      [{ ...old, deadlines: [{ kind: 'supervision-report', from: '2026-01-01', due: '2026-02-01' }] }],
      format(new Date(), 'yyyy-MM-dd'),
    );
    expect(await migrateCaseHeads()).toBeGreaterThanOrEqual(1);

    const migrated = (await read(pk1, opened.id)) as Case & { counters: Record<string, unknown> };
    expect(migrated.counters).toEqual(current.counters);
    expect(migrated.deadlines.map((d) => d.kind)).not.toContain('supervision-report');
    expect(migrated.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['laporan-pengawasan']));
    expect(migrated.flags?.map((f) => f.id)).toEqual(current.flags?.map((f) => f.id));
    // A head already migrated is left alone.
    expect(await migrateCaseHeads()).toBe(0);
  });
});

describe('offices and packs', () => {
  it('lists offices, refuses (422) a transfer to an office that does not exist', async () => {
    const offices = await pk1.request<{ items: { id: string; timeZone: string }[] }>('GET', '/api/offices');
    expect(offices.body.items.map((o) => o.id)).toEqual(expect.arrayContaining(['bapas-1', 'bapas-2']));
    const opened = await openCase(kabapas1, { caseType: 'integrasi' });
    const reply = await kabapas1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-9', reason: 'pindah' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('unknown_office');
    expect((await read(kabapas1, opened.id)).transfer).toBeNull();
  });

  it('exports every published form, ruleset and case type; a dry-run import of it changes nothing', async () => {
    const pack = await admin.request<{ forms: unknown[]; rulesets: unknown[]; caseTypes: { id: string }[] }>(
      'GET',
      '/api/packs/export',
    );
    expect(pack.status).toBe(200);
    expect(pack.body.caseTypes.map((c) => c.id)).toContain('integrasi');
    const imported = await admin.request<{ items: { change: string }[] }>('POST', '/api/packs/import', {
      body: { pack: pack.body, dryRun: true },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.items.every((item) => item.change === 'same')).toBe(true);
    expect(
      (await admin.request<ErrorBody>('POST', '/api/packs/import', { body: { pack: { format: 'x' } } }))
        .status,
    ).toBe(422);
  });

  it('the fact catalogue names each fact’s source', async () => {
    const facts = await pk1.request<{ items: { name: string; source: { kind: string } }[] }>(
      'GET',
      '/api/facts',
    );
    const sources = new Map(facts.body.items.map((f) => [f.name, f.source.kind]));
    expect(sources.get('case')).toBe('builtin');
    expect(sources.get('adaPenjamin')).toBe('form');
    expect(sources.get('monthsServed')).toBe('expression');
  });
});
