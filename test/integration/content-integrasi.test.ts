/**
 * The corrected integration content (PB, CB, CMB, asimilasi; RRI and needs assessment), worked through
 * HTTP on real cases: a PK opens an integrasi case, moves it to assessment, submits the RRI and the
 * adult litmas as they would be filled in, and reads the decision on the case (eligibility per
 * programme with its reasons, flags, deadlines). One test per correction of the content.
 */
import { addDays, addMonths, format, parseISO, subMonths, subYears } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { ADULT, type CaseBody, type ErrorBody, example, key, openCase } from '../support/cases';
import { type Client, login, startTestKawal } from '../support/kawal';
import { NO_RISK } from '../support/rri';

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
});
afterAll(async () => kawal?.stop());

type Case = CaseBody & { flags?: { id: string; title: string; reasons: string[] }[] };
type Data = Record<string, unknown>;

async function post(caseId: string, formId: string, data: unknown) {
  return pk1.request<{ id: string; decisions: unknown[] } & ErrorBody>(
    'POST',
    `/api/cases/${caseId}/submissions`,
    {
      body: { formId, data, idempotencyKey: key(formId) },
    },
  );
}

async function submit(caseId: string, formId: string, data: unknown) {
  const reply = await post(caseId, formId, data);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const read = async (id: string) => (await pk1.request<Case>('GET', `/api/cases/${id}`)).body;

/** The office's date (Asia/Jakarta), as the case counts it, and dates around it. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const monthsAgo = (n: number) => format(subMonths(parseISO(TODAY), n), 'yyyy-MM-dd');
const yearsAgo = (n: number) => format(subYears(parseISO(TODAY), n), 'yyyy-MM-dd');
const plusMonths = (date: string, n: number) => format(addMonths(parseISO(date), n), 'yyyy-MM-dd');

/** An integrasi case of an adult client, in assessment. */
async function assessed(client: Record<string, unknown> = ADULT, caseType = 'integrasi'): Promise<Case> {
  const opened = await openCase(pk1, { caseType, client });
  const moved = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transitions`, {
    body: { to: 'assessment' },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  return opened;
}

/** Part A answers totalling 0 (rendah), 8 (sedang), 12 (tinggi) or 16 (sangat tinggi). */
const ANSWERS = {
  rendah: NO_RISK,
  sedang: {
    ...NO_RISK,
    ditahanUsia16: true,
    jumlahPutusanSebelumnya: 2,
    keluargaDipidana: true,
    menganggur12Bulan: true,
    pernahDipenjara: true,
  },
  tinggi: {
    ...NO_RISK,
    ditahanUsia16: true,
    jumlahPutusanSebelumnya: 3,
    keluargaDipidana: true,
    menganggur12Bulan: true,
    pernahDipenjara: true,
    pelanggaranTatib: true,
    diskorsSekolah: true,
  },
  'sangat tinggi': {
    ...NO_RISK,
    ditahanUsia16: true,
    jumlahPutusanSebelumnya: 3,
    penyalahgunaanZat: 'keduanya',
    pernahDipenjara: true,
    pelanggaranTatib: true,
    jumlahPasal: 3,
    pelanggaranSyarat: true,
    diskorsSekolah: true,
    keluargaDipidana: true,
  },
} as const;

/** An RRI of a man assessed on `date` whose answers give `level`; the form calculates the total. */
function rri(level: keyof typeof ANSWERS, date: string, narkotika = false): Data {
  const data: Data = {
    identitas: {
      namaKlien: ADULT.name,
      tanggalAsesmen: date,
      namaPk: 'PK Satu',
      jenisKelamin: 'laki-laki',
      kasusNarkotika: narkotika,
    },
    bagianA: ANSWERS[level],
    // A client-sent total is never trusted: the server computes its own.
    skorA: 0,
    kategoriRisiko: 'rendah',
  };
  if (level === 'rendah') {
    data.bagianB = {
      eskalasi: false,
      kekerasanSebelum15: false,
      kdrt: false,
      kekerasanSeksualTerorisme: false,
    };
  }
  if (narkotika) data.bagianD = example('asesmen-risiko').bagianD;
  return data;
}

/** Last year's RRI (tinggi) and today's (sedang): the risk came down. */
async function riskCameDown(caseId: string) {
  await submit(caseId, 'asesmen-risiko', rri('tinggi', yearsAgo(1)));
  await submit(caseId, 'asesmen-risiko', rri('sedang', TODAY));
}

/** An adult case in assessment whose RRI came down (the usual start of these stories). */
async function assessedRiskDown(): Promise<Case> {
  const opened = await assessed();
  await riskCameDown(opened.id);
  return opened;
}

interface LitmasOptions {
  /** Sentence in months (36 when absent). */
  sentenceMonths?: number;
  /** Months since arrest (pre-trial detention counts). */
  detainedMonthsAgo: number;
  kategori?: string | null;
  remisi?: { bulan: number; hari: number } | null;
  remisiTerakhir?: { bulan: number; hari: number } | null;
  registerF?: string;
  change?: (data: Record<string, Data>) => void;
}

/** The adult litmas as a PK fills it: the shipped example with this client's sentence and record. */
function litmas(options: LitmasOptions): Data {
  const data = example('litmas-integrasi-dewasa') as Record<string, Data>;
  const identitas = data.identitasKlien as Data;
  const putusan = identitas.putusan as Data;
  identitas.tanggalLahir = ADULT.birthDate;
  const months = options.sentenceMonths ?? 36;
  putusan.lamaPidana = { tahun: Math.floor(months / 12), bulan: months % 12, hari: 0 };
  putusan.tanggalDitahan = monthsAgo(options.detainedMonthsAgo);
  putusan.tanggalTindakPidana = monthsAgo(options.detainedMonthsAgo + 1);
  // The verdict comes months after the arrest: the time before it counts all the same (KUHAP Ps 22(4)).
  putusan.tanggal = monthsAgo(Math.max(0, options.detainedMonthsAgo - 5));
  for (const field of ['tanggalSepertiga', 'tanggalSetengah', 'tanggalDuaPertiga', 'tanggalEkspirasi'])
    delete putusan[field];
  if (options.kategori === null) delete putusan.kategoriTindakPidana;
  else putusan.kategoriTindakPidana = options.kategori ?? 'umum';
  if (options.remisi === undefined || options.remisi === null) delete putusan.jumlahRemisi;
  else putusan.jumlahRemisi = options.remisi;
  if (options.remisiTerakhir === null) delete putusan.remisiTerakhir;
  else if (options.remisiTerakhir) putusan.remisiTerakhir = options.remisiTerakhir;
  const evaluasi = data.evaluasiPembinaan as Data;
  evaluasi.tercatatRegisterF = options.registerF !== undefined;
  if (options.registerF) evaluasi.tanggalRegisterFTerakhir = options.registerF;
  else delete evaluasi.tanggalRegisterFTerakhir;
  options.change?.(data);
  return data;
}

const eligibility = async (caseId: string) => (await read(caseId)).eligibility;
const reasonsOf = (head: Case['eligibility'], program: string) => head[program]?.reasons.join(' | ') ?? '';

describe('PB: risk must have come down since the previous RRI (UU 22/2022 Ps 10(2)(c))', () => {
  it('last year tinggi, today sedang: PB layak, and the reasons say the risk came down', async () => {
    const opened = await assessedRiskDown();
    await submit(opened.id, 'litmas-integrasi-dewasa', litmas({ detainedMonthsAgo: 25 }));
    const result = await eligibility(opened.id);
    expect(result.PB?.eligible, JSON.stringify(result)).toBe(true);
    expect(reasonsOf(result, 'PB')).toMatch(/risiko menurun/);
    expect(reasonsOf(result, 'PB')).toMatch(/Masyarakat dapat menerima/);
  });

  it('a first RRI cannot show a decrease: PB refused, and the explanation says why', async () => {
    const opened = await assessed();
    await submit(opened.id, 'asesmen-risiko', rri('sedang', TODAY));
    await submit(opened.id, 'litmas-integrasi-dewasa', litmas({ detainedMonthsAgo: 25 }));
    const result = await eligibility(opened.id);
    expect(result.PB?.eligible).toBe(false);
    expect(reasonsOf(result, 'PB')).toMatch(/asesmen RRI pertama belum dapat menunjukkan penurunan risiko/);
    // Every integration right needs it (Ps 10(1)): CMB and asimilasi say the same.
    expect(reasonsOf(result, 'CMB')).toMatch(/asesmen RRI pertama/);
    expect(reasonsOf(result, 'asimilasi')).toMatch(/asesmen RRI pertama/);
  });

  it('the same category twice is no decrease: refused for that reason only', async () => {
    const opened = await assessed();
    await submit(opened.id, 'asesmen-risiko', rri('sedang', yearsAgo(1)));
    await submit(opened.id, 'asesmen-risiko', rri('sedang', TODAY));
    await submit(opened.id, 'litmas-integrasi-dewasa', litmas({ detainedMonthsAgo: 25 }));
    const result = await eligibility(opened.id);
    expect(result.PB).toEqual({
      rulesetId: 'kelayakan-integrasi',
      title: 'Pembebasan bersyarat (PB)',
      eligible: false,
      reasons: ['Tingkat risiko menurun: kategori RRI terbaru lebih rendah daripada kategori RRI sebelumnya'],
    });
  });

  it('the case keeps the previous category: an older RRI entered late becomes the comparison, a same-day correction does not', async () => {
    const opened = await assessed();
    await submit(opened.id, 'litmas-integrasi-dewasa', litmas({ detainedMonthsAgo: 25 }));
    await submit(opened.id, 'asesmen-risiko', rri('sedang', TODAY));
    expect((await eligibility(opened.id)).PB?.eligible).toBe(false);
    // The Lapas' RRI of last year, typed in afterwards.
    await submit(opened.id, 'asesmen-risiko', rri('sangat tinggi', yearsAgo(1)));
    expect((await eligibility(opened.id)).PB?.eligible).toBe(true);
    // Today's RRI corrected to tinggi: still compared with last year's, and tinggi is not enough.
    await submit(opened.id, 'asesmen-risiko', rri('tinggi', TODAY));
    const result = await eligibility(opened.id);
    expect(result.PB?.eligible).toBe(false);
    expect(reasonsOf(result, 'PB')).toMatch(/rendah atau sedang/);
    expect(reasonsOf(result, 'PB')).not.toMatch(/asesmen RRI pertama|turun|menurun/);
  });
});

describe('PB: time served, conduct before the 2/3 date, community (Permenkumham 3/2018 Ps 82)', () => {
  it('good conduct counts in the 9 months before the 2/3 date, not back from today', async () => {
    const opened = await assessedRiskDown();
    // 36 months from an arrest 30 months ago: the 2/3 date was 6 months ago. A Register F entry
    // 10 months ago is 10 clean months by today, but only 4 before the 2/3 date.
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 30, registerF: monthsAgo(10) }),
    );
    const refused = await eligibility(opened.id);
    expect(refused.PB?.eligible).toBe(false);
    expect(reasonsOf(refused, 'PB')).toMatch(/9 bulan terakhir sebelum tanggal 2\/3/);
    expect(refused.CMB?.eligible).toBe(false);
    // Asimilasi asks 6 clean months up to today: 10 are enough.
    expect(refused.asimilasi?.eligible).toBe(true);
    // An entry 16 months ago leaves 10 clean months before the 2/3 date.
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 30, registerF: monthsAgo(16) }),
    );
    expect((await eligibility(opened.id)).PB?.eligible).toBe(true);
  });

  it('remissions shorten the sentence, and the official 2/3 date on the litmas wins when recorded', async () => {
    const opened = await assessedRiskDown();
    // 23 months served of 36: two thirds is 24 months.
    await submit(opened.id, 'litmas-integrasi-dewasa', litmas({ detainedMonthsAgo: 23 }));
    const short = await eligibility(opened.id);
    expect(short.PB?.eligible).toBe(false);
    expect(reasonsOf(short, 'PB')).toMatch(/2\/3 masa pidana/);
    // 3 months of remission: (36 - 3) × 2/3 = 22 months.
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 23, remisi: { bulan: 3, hari: 0 } }),
    );
    expect((await eligibility(opened.id)).PB?.eligible).toBe(true);
    // The Lapas' own 2/3 date, next month, wins over the calculation.
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({
        detainedMonthsAgo: 23,
        remisi: { bulan: 3, hari: 0 },
        change: (data) => {
          ((data.identitasKlien as Data).putusan as Data).tanggalDuaPertiga = plusMonths(TODAY, 1);
        },
      }),
    );
    const official = await eligibility(opened.id);
    expect(official.PB?.eligible).toBe(false);
    expect(reasonsOf(official, 'PB')).toMatch(/2\/3 masa pidana/);
  });

  it('the community must be able to accept the client: PB refused when it cannot, CMB unaffected', async () => {
    const opened = await assessedRiskDown();
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({
        detainedMonthsAgo: 25,
        change: (data) => {
          (data.tanggapan as Data).masyarakatDapatMenerima = false;
        },
      }),
    );
    const result = await eligibility(opened.id);
    expect(result.PB).toEqual({
      rulesetId: 'kelayakan-integrasi',
      title: 'Pembebasan bersyarat (PB)',
      eligible: false,
      reasons: ['Masyarakat dapat menerima program pembinaan klien'],
    });
    expect(result.CMB?.eligible).toBe(true);
  });
});

describe('CMB: its length is the last remission, at most 6 months', () => {
  it('a last remission of 2 months gives 60 days and CMB; 8 months give 180 days; none refuses CMB', async () => {
    const opened = await assessedRiskDown();
    const lengthOf = async (id: string) => {
      const stored = await pk1.request<{ data: Record<string, Data> }>(
        'GET',
        `/api/cases/${opened.id}/submissions/${id}`,
      );
      const putusan = stored.body.data.identitasKlien?.putusan as Data | undefined;
      return putusan?.lamaCmbHari;
    };
    const two = await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 25, remisiTerakhir: { bulan: 2, hari: 0 } }),
    );
    expect(await lengthOf(two.id)).toBe(60);
    expect((await eligibility(opened.id)).CMB?.eligible).toBe(true);
    const eight = await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 25, remisiTerakhir: { bulan: 8, hari: 0 } }),
    );
    expect(await lengthOf(eight.id)).toBe(180);
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ detainedMonthsAgo: 25, remisiTerakhir: null }),
    );
    const none = await eligibility(opened.id);
    expect(none.CMB?.eligible).toBe(false);
    expect(reasonsOf(none, 'CMB')).toMatch(/remisi terakhir/);
    expect(none.PB?.eligible).toBe(true);
  });
});

describe('PB for adults and for children are separate programmes', () => {
  it('an adult refused PB is never refused as a child', async () => {
    const opened = await assessedRiskDown();
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({
        detainedMonthsAgo: 25,
        change: (data) => {
          (data.kondisiSosialPenjamin as Data).penjaminBersedia = false;
        },
      }),
    );
    const result = await eligibility(opened.id);
    expect(result.PB).toEqual({
      rulesetId: 'kelayakan-integrasi',
      title: 'Pembebasan bersyarat (PB)',
      eligible: false,
      reasons: ['Ada penjamin yang sanggup membantu membimbing dan mengawasi'],
    });
    // Child PB is another client's programme: not listed for an adult at all.
    expect(result['PB-anak']).toBeUndefined();
    for (const program of Object.values(result))
      expect(program.reasons.join(' ')).not.toMatch(/berstatus Anak/);
  });

  it('17 at the offence (the litmas date), 18 at arrest: PB-anak is decided, adult PB is not listed', async () => {
    const birthDate = format(subMonths(parseISO(TODAY), 19 * 12 + 6), 'yyyy-MM-dd');
    const client = { name: 'Dani Contoh', birthDate, sex: 'laki-laki' };
    const opened = await assessed(client);
    await riskCameDown(opened.id);
    const data = litmas({
      sentenceMonths: 24,
      detainedMonthsAgo: 17,
      change: (litmasData) => {
        const identitas = litmasData.identitasKlien as Data;
        identitas.nama = client.name;
        identitas.tanggalLahir = birthDate;
        identitas.usia = 19;
        // Offence two years ago (aged 17 and 6 months); arrest 17 months ago (aged 18 and 1 month).
        (identitas.putusan as Data).tanggalTindakPidana = monthsAgo(24);
      },
    });
    await submit(opened.id, 'litmas-integrasi-dewasa', data);
    const result = await eligibility(opened.id);
    expect(result['PB-anak']?.eligible, JSON.stringify(result)).toBe(true);
    expect(result.PB).toBeUndefined();
  });
});

describe('asimilasi: the stricter regime of Permenkumham 7/2022 Ps 45', () => {
  it('narcotics under 5 years follow the general rule (1/2); 5 years or more need 2/3', async () => {
    const short = await assessed();
    await riskCameDown(short.id);
    await submit(
      short.id,
      'litmas-integrasi-dewasa',
      litmas({ sentenceMonths: 48, detainedMonthsAgo: 25, kategori: 'narkotika' }),
    );
    const general = await eligibility(short.id);
    expect(general.asimilasi?.eligible, JSON.stringify(general)).toBe(true);
    expect(reasonsOf(general, 'asimilasi')).toMatch(/kurang dari 5 tahun/);

    const long = await assessed();
    await riskCameDown(long.id);
    await submit(
      long.id,
      'litmas-integrasi-dewasa',
      litmas({ sentenceMonths: 72, detainedMonthsAgo: 40, kategori: 'narkotika' }),
    );
    const strict = await eligibility(long.id);
    expect(strict.asimilasi?.eligible).toBe(false);
    expect(reasonsOf(strict, 'asimilasi')).toMatch(/2\/3 masa pidana/);
  });

  it('terrorism also needs deradicalisation and the written pledge', async () => {
    const opened = await assessedRiskDown();
    const terror = (deradikalisasi: boolean, ikrar: boolean) =>
      litmas({
        detainedMonthsAgo: 25,
        kategori: 'terorisme',
        change: (data) => {
          Object.assign(data.evaluasiPembinaan as Data, {
            programDeradikalisasi: deradikalisasi,
            ikrarSetiaNkri: ikrar,
          });
        },
      });
    await submit(opened.id, 'litmas-integrasi-dewasa', terror(false, true));
    const refused = await eligibility(opened.id);
    expect(refused.asimilasi?.eligible).toBe(false);
    expect(reasonsOf(refused, 'asimilasi')).toMatch(/program deradikalisasi/);
    expect(reasonsOf(refused, 'asimilasi')).not.toMatch(/ikrar/);
    await submit(opened.id, 'litmas-integrasi-dewasa', terror(true, true));
    expect((await eligibility(opened.id)).asimilasi?.eligible).toBe(true);
  });

  it('corruption also needs the fine and the restitution paid', async () => {
    const opened = await assessedRiskDown();
    const corruption = (uangPengganti: string) =>
      litmas({
        detainedMonthsAgo: 25,
        kategori: 'korupsi',
        change: (data) => {
          Object.assign((data.identitasKlien as Data).putusan as Data, {
            pembayaranDenda: 'lunas',
            pembayaranUangPengganti: uangPengganti,
          });
        },
      });
    await submit(opened.id, 'litmas-integrasi-dewasa', corruption('belum-lunas'));
    const refused = await eligibility(opened.id);
    expect(refused.asimilasi?.eligible).toBe(false);
    expect(reasonsOf(refused, 'asimilasi')).toMatch(/uang pengganti/);
    await submit(opened.id, 'litmas-integrasi-dewasa', corruption('lunas'));
    expect((await eligibility(opened.id)).asimilasi?.eligible).toBe(true);
  });

  it('an unset category is not narcotics: PB is decided without the narcotics condition, asimilasi asks for the category', async () => {
    const opened = await assessedRiskDown();
    // 6 years, 2/3 served: were it narcotics, PB would also need asimilasi for 1/2 of the remainder.
    await submit(
      opened.id,
      'litmas-integrasi-dewasa',
      litmas({ sentenceMonths: 72, detainedMonthsAgo: 49, kategori: null }),
    );
    const result = await eligibility(opened.id);
    expect(result.PB?.eligible, JSON.stringify(result)).toBe(true);
    expect(result.asimilasi?.eligible).toBe(false);
    expect(reasonsOf(result, 'asimilasi')).toMatch(/Kategori tindak pidana sudah dipilih pada litmas/);
  });
});

describe('RRI: part B, the needs assessment and the yearly reassessment', () => {
  it('part B opens from the calculated part-A total, whatever total the client sends', async () => {
    const opened = await assessed();
    const low = rri('rendah', TODAY);
    delete low.bagianB;
    low.skorA = 10;
    const refused = await post(opened.id, 'asesmen-risiko', low);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.error.details)).toMatch(/bagianB/);
    // A total of 8 needs no part B, even though the client claims 0.
    await submit(opened.id, 'asesmen-risiko', rri('sedang', TODAY));
  });

  it('a total of 7 or more makes the needs assessment due; submitting it clears the flag and the deadline', async () => {
    const opened = await assessed();
    await submit(opened.id, 'asesmen-risiko', rri('sedang', monthsAgo(1)));
    const due = await read(opened.id);
    expect(due.flags?.map((flag) => flag.id)).toContain('asesmen-kebutuhan-wajib');
    expect(due.flags?.find((flag) => flag.id === 'asesmen-kebutuhan-wajib')?.reasons).toContain(
      'Skor RRI bagian A 7 atau lebih',
    );
    expect(due.deadlines.map((deadline) => deadline.kind)).toContain('asesmen-kebutuhan');
    // The yearly reassessment counts from the assessment date.
    expect(due.deadlines.find((deadline) => deadline.kind === 'asesmen-ulang-rri')?.due).toBe(
      plusMonths(monthsAgo(1), 12),
    );
    const needs = example('asesmen-kebutuhan');
    (needs.identitas as Data).tanggalAsesmen = TODAY;
    await submit(opened.id, 'asesmen-kebutuhan', needs);
    const done = await read(opened.id);
    expect(done.flags ?? []).toEqual([]);
    expect(done.deadlines.map((deadline) => deadline.kind)).not.toContain('asesmen-kebutuhan');
  });

  it('a low total on a non-drug case needs no needs assessment; a drug case does, on a transfer case too', async () => {
    const low = await assessed();
    await submit(low.id, 'asesmen-risiko', rri('rendah', TODAY));
    const quiet = await read(low.id);
    expect(quiet.deadlines.map((deadline) => deadline.kind)).not.toContain('asesmen-kebutuhan');
    expect(quiet.deadlines.map((deadline) => deadline.kind)).toContain('asesmen-ulang-rri');

    const drugs = await assessed(ADULT, 'pemindahan');
    await submit(drugs.id, 'asesmen-risiko', rri('rendah', TODAY, true));
    const flagged = await read(drugs.id);
    expect(flagged.deadlines.map((deadline) => deadline.kind)).toContain('asesmen-kebutuhan');
    expect(flagged.flags?.find((flag) => flag.id === 'asesmen-kebutuhan-wajib')?.reasons).toContain(
      'Perkara narkotika',
    );
  });
});

describe('supervision on an integrasi case follows the reporting schedule', () => {
  it('a client on home asimilasi reports every week, the others at least monthly', async () => {
    const opened = await assessed();
    for (const to of ['planning', 'intervention', 'monitoring']) {
      if (to === 'monitoring') {
        await submit(opened.id, 'rencana-layanan', {
          ...example('rencana-layanan'),
          programIntegrasi: 'asimilasi-rumah',
        });
      }
      const moved = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transitions`, {
        body: { to },
      });
      if (moved.status === 202) {
        const approved = await kabapas1.request('POST', `/api/cases/${opened.id}/approvals/current`, {
          body: { decision: 'approve' },
        });
        expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      } else expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const due = (head: Case) =>
      head.deadlines.find((deadline) => deadline.kind === 'laporan-pengawasan')?.due;
    expect(due(await read(opened.id))).toBe(format(addDays(parseISO(TODAY), 7), 'yyyy-MM-dd'));
    const plan: Data = { ...example('rencana-layanan'), programIntegrasi: 'pb' };
    delete plan.tahapBimbingan;
    await submit(opened.id, 'rencana-layanan', plan);
    expect(due(await read(opened.id))).toBe(plusMonths(TODAY, 1));
  });
});
