/**
 * The corrected Bapas and child-protection content, worked through HTTP on real cases: a PK opens a
 * case of the type, moves it, submits the forms as they would be filled in, and reads the decision on
 * the case (deadlines, flags, priority, a refused closing). One test per correction of the content.
 */
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type CaseBody, CHILD, type ErrorBody, example, key, openCase } from '../support/cases';
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

describe('revocation review runs on the case from each supervision note', () => {
  it('an unreported change of address raises the review on a supervision case; a new offence as a suspect on a diversion case raises the review of the agreement', async () => {
    const head = await supervised('lainnya');
    const note = example('catatan-pengawasan') as Record<string, Data>;
    await submit(pk1, head.id, 'catatan-pengawasan', {
      ...note,
      wajibLapor: 'hadir',
      pelanggaran: {
        ...note.pelanggaran,
        pindahAlamatTanpaLapor: true,
        uraian: 'Rumah kosong sejak dua minggu (contoh fiktif).',
      },
    });
    const moved = await read(pk1, head.id);
    const review = moved.flags?.find((flag) => flag.id === 'tinjau-pencabutan');
    expect(review?.reasons).toContain('Pindah alamat tanpa melapor');
    expect(dueOf(moved, 'tinjau-pencabutan')).toBeDefined();

    const child = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    await walk(child.id, ['assessment', 'planning', 'intervention', 'monitoring']);
    await submit(pk1, child.id, 'catatan-pengawasan', {
      ...note,
      wajibLapor: 'hadir',
      pelanggaran: {
        ...note.pelanggaran,
        tindakPidanaBaru: 'tersangka',
        uraian: 'Ditetapkan tersangka oleh Polsek Contoh (contoh fiktif).',
      },
    });
    const suspect = await read(pk1, child.id);
    const agreement = suspect.flags?.find((flag) => flag.id === 'tinjau-pencabutan');
    expect(agreement?.title).toBe('Tinjau pelaksanaan kesepakatan diversi');
    expect(agreement?.reasons).toContain('Ada tindak pidana baru (tersangka atau terpidana)');
    expect(dueOf(suspect, 'tinjau-pelaksanaan-diversi')).toBeDefined();
    // The diversion case reports monthly by default, from the move into monitoring.
    expect(dueOf(suspect, 'laporan-pengawasan')).toBe(plusMonths(todayIn(suspect.timeZone), 1));
  });
});

/** The intake of a child's diversion request received on `date` (at `time`, when given). */
function diversionIntake(date: string, time?: string): Data {
  const intake = example('identifikasi') as Record<string, Data>;
  intake.identitas = { ...intake.identitas, nama: CHILD.name, tanggalLahir: CHILD.birthDate };
  intake.registrasi = { ...intake.registrasi, kategoriKlien: 'anak', jenisRegistrasi: 'diversi' };
  const dates: Data = { ...intake.tanggalPenting, tanggalDiterima: date };
  if (time) dates.jamDiterima = time;
  else delete dates.jamDiterima;
  delete dates.waktuDiterima;
  intake.tanggalPenting = dates;
  return intake;
}

/** The child litmas for diversion of a 15-year-old with these charges, first offence. */
function childLitmas(charges: { pasal: string; ancamanPidanaBulan: number }[], form: string): Data {
  const litmas = example('litmas-anak') as Record<string, Data>;
  const pendahuluan: Data = {
    ...litmas.pendahuluan,
    jenisLitmas: 'diversi',
    bentukDakwaan: form,
    dakwaan: charges,
  };
  // The heaviest and lightest threat are calculated by the form; what a client sends is not trusted.
  pendahuluan.ancamanPidanaBulan = 0;
  delete pendahuluan.ancamanPidanaTerendahBulan;
  litmas.pendahuluan = pendahuluan;
  litmas.dataPribadiAnak = { ...litmas.dataPribadiAnak, nama: CHILD.name, tanggalLahir: CHILD.birthDate };
  litmas.latarBelakangTindakPidana = {
    ...litmas.latarBelakangTindakPidana,
    tanggalKejadian: '2026-09-10',
    pengulangan: false,
  };
  return litmas;
}

describe('diversion (UU 11/2012 Ps 7, 28; Perma 4/2014 Ps 3)', () => {
  it('the litmas is due 3 × 24 hours after the request was received, in calendar time, not from when the case was typed in', async () => {
    const opened = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    const today = todayIn((await read(pk1, opened.id)).timeZone);
    const received = plusDays(today, -2);
    await submit(pk1, opened.id, 'identifikasi', diversionIntake(received, '14:30'));
    const head = await read(pk1, opened.id);
    expect(dueOf(head, 'litmas-diversi')).toBe(`${plusDays(received, 3)}T14:30`);

    // Without the hour, the 72 hours count from the start of the day it was received.
    const other = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    await submit(pk1, other.id, 'identifikasi', diversionIntake(received));
    expect(dueOf(await read(pk1, other.id), 'litmas-diversi')).toBe(`${plusDays(received, 3)}T00:00`);

    // The child litmas meets it.
    await walk(opened.id, ['assessment']);
    await submit(
      pk1,
      opened.id,
      'litmas-anak',
      childLitmas([{ pasal: 'Pasal 362 KUHP', ancamanPidanaBulan: 60 }], 'tunggal'),
    );
    expect(dueOf(await read(pk1, opened.id), 'litmas-diversi')).toBeUndefined();
  });

  it('a combined charge with one count under 7 years makes diversion mandatory; 7 years on every count does not', async () => {
    const combined = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    await walk(combined.id, ['assessment']);
    await submit(
      pk1,
      combined.id,
      'litmas-anak',
      childLitmas(
        [
          { pasal: 'Pasal 363 ayat (1) ke-4 KUHP', ancamanPidanaBulan: 84 },
          { pasal: 'Pasal 362 KUHP', ancamanPidanaBulan: 60 },
        ],
        'subsidiair',
      ),
    );
    const stored = await pk1.request<{ items: { id: string; formId: string }[] }>(
      'GET',
      `/api/cases/${combined.id}/submissions`,
    );
    const litmas = stored.body.items.find((item) => item.formId === 'litmas-anak');
    const data = await pk1.request<{ data: { pendahuluan: Data } }>(
      'GET',
      `/api/cases/${combined.id}/submissions/${litmas?.id}`,
    );
    expect(data.body.data.pendahuluan).toMatchObject({
      ancamanPidanaBulan: 84,
      ancamanPidanaTerendahBulan: 60,
    });
    const flagged = (await read(pk1, combined.id)).flags?.find((flag) => flag.id === 'diversi-wajib');
    expect(flagged?.reasons).toContain(
      'Salah satu pasal dakwaan gabungan diancam pidana di bawah 7 tahun (84 bulan)',
    );

    const heavy = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    await walk(heavy.id, ['assessment']);
    await submit(
      pk1,
      heavy.id,
      'litmas-anak',
      childLitmas(
        [
          { pasal: 'Pasal 365 ayat (1) KUHP', ancamanPidanaBulan: 108 },
          { pasal: 'Pasal 363 ayat (1) ke-4 KUHP', ancamanPidanaBulan: 84 },
        ],
        'alternatif',
      ),
    );
    expect((await read(pk1, heavy.id)).flags?.map((flag) => flag.id) ?? []).not.toContain('diversi-wajib');
  });

  it('the recommendation is a coded sanction or measure with free text beside it', async () => {
    const opened = await openCase(pk1, { caseType: 'diversi', client: CHILD });
    await walk(opened.id, ['assessment']);
    const litmas = childLitmas([{ pasal: 'Pasal 362 KUHP', ancamanPidanaBulan: 60 }], 'tunggal');
    const conclusion = litmas.kesimpulanRekomendasi as Data;
    const refused = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/submissions`, {
      body: {
        formId: 'litmas-anak',
        data: {
          ...litmas,
          kesimpulanRekomendasi: { ...conclusion, bentukRekomendasi: ['hukuman-karangan'] },
        },
        idempotencyKey: key('litmas'),
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details?.map((d) => d.path).join(' ')).toMatch(/bentukRekomendasi/);
    await submit(pk1, opened.id, 'litmas-anak', {
      ...litmas,
      kesimpulanRekomendasi: {
        ...conclusion,
        bentukRekomendasi: ['pidana-syarat-pengawasan'],
        rekomendasi:
          'Pidana dengan syarat pengawasan selama 6 bulan di bawah pembimbingan Bapas (contoh fiktif).',
      },
    });
  });
});

/** Every name a refusal shows to a person: the rules' and their conditions'. */
function shownNames(details: Record<string, unknown>[] | undefined): string[] {
  return (details ?? []).flatMap((detail) => [
    String(detail.rule),
    ...((detail.conditions as { name?: string }[] | undefined) ?? []).map((c) => String(c.name)),
  ]);
}

describe('termination by case type', () => {
  it('statutory supervision cannot end at the client’s request; a child-protection case can end at the guardian’s', async () => {
    for (const caseType of ['pembimbingan', 'diversi']) {
      const opened = await openCase(pk1, { caseType, client: CHILD });
      const refused = await move(pk1, opened.id, 'terminated', { reason: 'permintaan-klien' });
      expect(refused.status, caseType).toBe(422);
      expect(refused.body.error.code).toBe('invalid_reason');
    }

    const child = await openCase(pk1, {
      caseType: 'perlindungan-anak',
      client: { name: 'Nina Contoh', birthDate: '2015-05-05', sex: 'perempuan' },
    });
    const asked = await move(pk1, child.id, 'terminated', {
      reason: 'permintaan-wali',
      note: 'Ibu meminta layanan dihentikan; anak tinggal bersama ibu dan aman (contoh fiktif).',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const approved = await kabapas1.request<Case>('POST', `/api/cases/${child.id}/approvals/current`, {
      body: { decision: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.stage).toBe('terminated');
  });

  it('"masa bimbingan berakhir" needs the end date to have come, and the refusal says why in plain words', async () => {
    const opened = await openCase(pk1, { caseType: 'pembimbingan' });
    const today = todayIn((await read(pk1, opened.id)).timeZone);
    const early = await move(pk1, opened.id, 'terminated', {
      reason: 'masa-bimbingan-berakhir',
      data: { nomorSK: 'W10.PAS.PK.01.05-123', tanggalBerakhir: plusDays(today, 1) },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('blocked_by_rules');
    const names = shownNames(early.body.error.details);
    expect(names).toContain('Masa bimbingan berakhir: tanggal berakhir belum tiba');
    expect(names).toContain('Tanggal berakhir masa bimbingan sudah tiba (hari ini atau sebelumnya)');
    for (const name of names) {
      // No raw internals: no null, no rule slug, no fact name.
      expect(name).not.toMatch(/\bnull\b|kosong\)|^[a-z]+(-[a-z]+)+$|tanggalBerakhir|nomorSK/);
    }
    expect((await read(pk1, opened.id)).stage).toBe('intake');

    const onTheDay = await move(pk1, opened.id, 'terminated', {
      reason: 'masa-bimbingan-berakhir',
      data: { nomorSK: 'W10.PAS.PK.01.05-123', tanggalBerakhir: today },
    });
    expect(onTheDay.status, JSON.stringify(onTheDay.body)).toBe(200);
    expect(onTheDay.body.stage).toBe('terminated');
  });
});

const NINA = { name: 'Nina Contoh', birthDate: '2015-05-05', sex: 'perempuan' };

/** A complaint about a child, as the duty officer records it, reporting `harms`. */
function complaint(harms: string[], reportedToPolice = false): Data {
  const data = example('pengaduan') as Record<string, Data>;
  data.anak = { ...data.anak, nama: NINA.name, tanggalLahir: NINA.birthDate };
  data.kejadian = { ...data.kejadian, jenisKekerasan: harms, sudahDilaporkanPolisi: reportedToPolice };
  return data;
}

describe('child protection (UU 35/2014 Ps 59(2), UU 23/2002 Ps 27, UU 12/2022)', () => {
  it('a sexual-violence report not yet with the police carries the 3 × 24 hour deadline until the report is recorded', async () => {
    const opened = await openCase(pk1, { caseType: 'perlindungan-anak', client: NINA });
    await submit(pk1, opened.id, 'pengaduan', complaint(['kekerasan-seksual']));
    const head = await read(pk1, opened.id);
    expect(head.priority.level).toBe('segera');
    const flag = head.flags?.find((f) => f.id === 'lapor-polisi-kekerasan-seksual');
    expect(flag?.title).toMatch(/3 × 24 jam/);
    expect(flag?.title).toMatch(/belum diverifikasi/);
    const due = dueOf(head, 'laporan-polisi-kekerasan-seksual') ?? '';
    // 72 hours from when the complaint was recorded, in office time: three days on, at that minute.
    const now = todayIn(head.timeZone);
    expect(due.slice(0, 10)).toBe(plusDays(now, 3));
    expect(due).toMatch(/T\d{2}:\d{2}$/);

    // The assessment records that the report went to the police: the flag and its deadline go.
    await walk(opened.id, ['assessment']);
    const assessment = example('asesmen-perlindungan-anak') as Record<string, Data>;
    await submit(pk1, opened.id, 'asesmen-perlindungan-anak', {
      ...assessment,
      sinyalRisiko: { tinggi: ['kekerasan-seksual'], sedang: [], lain: [] },
      tingkatRisiko: 'tinggi',
      anakAman: false,
      laporanPolisi: { sudahDilaporkan: true, tanggal: now, keterangan: 'Polres Contoh, LP/CONTOH/1/2026' },
    });
    const after = await read(pk1, opened.id);
    expect(after.flags?.map((f) => f.id) ?? []).not.toContain('lapor-polisi-kekerasan-seksual');
    expect(dueOf(after, 'laporan-polisi-kekerasan-seksual')).toBeUndefined();
    expect(after.priority.level).toBe('segera');
  });

  it('a sexual-violence report already with the police carries no such deadline; sexual exploitation is treated as sexual violence', async () => {
    const reported = await openCase(pk1, { caseType: 'perlindungan-anak', client: NINA });
    await submit(pk1, reported.id, 'pengaduan', complaint(['kekerasan-seksual'], true));
    expect(dueOf(await read(pk1, reported.id), 'laporan-polisi-kekerasan-seksual')).toBeUndefined();

    const exploited = await openCase(pk1, { caseType: 'perlindungan-anak', client: NINA });
    await submit(pk1, exploited.id, 'pengaduan', complaint(['eksploitasi-seksual']));
    const head = await read(pk1, exploited.id);
    expect(head.priority.level).toBe('segera');
    expect(dueOf(head, 'laporan-polisi-kekerasan-seksual')).toBeDefined();
  });

  it('a missing birth certificate is recorded and handled locally at low priority; economic exploitation is recorded', async () => {
    const opened = await openCase(pk1, { caseType: 'perlindungan-anak', client: NINA });
    await submit(pk1, opened.id, 'pengaduan', complaint(['tanpa-akta-kelahiran']));
    const head = await read(pk1, opened.id);
    expect(head.priority.level).toBe('rendah');
    expect(head.priority.reasons.join(' ')).toMatch(/akta kelahiran/);
    expect(head.flags ?? []).toEqual([]);

    const working = await openCase(pk1, { caseType: 'perlindungan-anak', client: NINA });
    await submit(pk1, working.id, 'pengaduan', complaint(['eksploitasi-ekonomi', 'tanpa-akta-kelahiran']));
    const stored = await pk1.request<{ items: { id: string }[] }>(
      'GET',
      `/api/cases/${working.id}/submissions`,
    );
    expect(stored.body.items).toHaveLength(1);
  });
});
