/**
 * An integrasi case as a PK builds it through the API: opened, moved to assessment, last year's RRI
 * (tinggi, total 12) and this year's (sedang, total 8), and the adult litmas of a client detained a
 * given number of months ago on a 3-year sentence (two thirds: 24 months), without remission.
 */
import { format, parseISO, subMonths, subYears } from 'date-fns';
import { ADULT, example, key } from './cases';
import { type Client, send } from './kawal';
import { NO_RISK } from './rri';

type Data = Record<string, unknown>;

/** The office's date (Asia/Jakarta), as the case counts it. */
export const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
export const monthsAgo = (n: number) => format(subMonths(parseISO(TODAY), n), 'yyyy-MM-dd');
export const YEAR_AGO = format(subYears(parseISO(TODAY), 1), 'yyyy-MM-dd');

/** Part A answers totalling 12 (tinggi) and 8 (sedang). */
export const TINGGI = {
  ...NO_RISK,
  ditahanUsia16: true,
  jumlahPutusanSebelumnya: 3,
  keluargaDipidana: true,
  menganggur12Bulan: true,
  pernahDipenjara: true,
  pelanggaranTatib: true,
  diskorsSekolah: true,
};
export const SEDANG = {
  ...NO_RISK,
  ditahanUsia16: true,
  jumlahPutusanSebelumnya: 2,
  keluargaDipidana: true,
  menganggur12Bulan: true,
  pernahDipenjara: true,
};

/** An RRI with these part A answers, assessed on `date` (the server computes the total). */
export function rri(answers: Data, date: string, partB?: Data, name = ADULT.name): Data {
  return {
    identitas: {
      namaKlien: name,
      tanggalAsesmen: date,
      namaPk: 'PK Satu',
      jenisKelamin: 'laki-laki',
      kasusNarkotika: false,
    },
    bagianA: answers,
    skorA: 0,
    kategoriRisiko: 'rendah',
    ...(partB ? { bagianB: partB } : {}),
  };
}

/** The shipped litmas example for a client detained `months` ago on a 3-year sentence, no remission. */
export function litmas(months: number, client: { name: string; birthDate: string } = ADULT): Data {
  const data = example('litmas-integrasi-dewasa') as Record<string, Data>;
  const identitas = data.identitasKlien as Data;
  const putusan = identitas.putusan as Data;
  identitas.nama = client.name;
  identitas.tanggalLahir = client.birthDate;
  putusan.lamaPidana = { tahun: 3, bulan: 0, hari: 0 };
  putusan.tanggalDitahan = monthsAgo(months);
  putusan.tanggalTindakPidana = monthsAgo(months + 1);
  putusan.tanggal = monthsAgo(Math.max(0, months - 5));
  for (const field of [
    'tanggalSepertiga',
    'tanggalSetengah',
    'tanggalDuaPertiga',
    'tanggalEkspirasi',
    'jumlahRemisi',
  ])
    delete putusan[field];
  return data;
}

/** Files a submission; throws unless it was filed. */
export async function submit(client: Client, caseId: string, formId: string, data: unknown): Promise<string> {
  const reply = await client.request<{ id: string }>('POST', `/api/cases/${caseId}/submissions`, {
    body: { formId, data, idempotencyKey: key(formId) },
  });
  if (reply.status !== 201) throw new Error(`${formId}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

export interface IntegrasiCase {
  caseId: string;
  rriId: string;
  litmasId: string;
}

/** Opens the case, moves it to assessment and files both RRIs and the litmas. */
export async function integrasiCase(
  client: Client,
  person: { name: string; birthDate: string; sex: string } = ADULT,
  detainedMonthsAgo = 20,
): Promise<IntegrasiCase> {
  const opened = await client.request<{ id: string }>('POST', '/api/cases', {
    body: { client: person, caseType: 'integrasi' },
  });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  const caseId = opened.body.id;
  const moved = await client.request('POST', `/api/cases/${caseId}/transitions`, {
    body: { to: 'assessment' },
  });
  if (moved.status !== 200) throw new Error(`move: ${moved.status} ${JSON.stringify(moved.body)}`);
  await submit(client, caseId, 'asesmen-risiko', rri(TINGGI, YEAR_AGO, undefined, person.name));
  const rriId = await submit(client, caseId, 'asesmen-risiko', rri(SEDANG, TODAY, undefined, person.name));
  const litmasId = await submit(client, caseId, 'litmas-integrasi-dewasa', litmas(detainedMonthsAgo, person));
  return { caseId, rriId, litmasId };
}

/** An API client signed in with a password (the browser tests' demo password). */
export async function signIn(url: string, username: string, password: string): Promise<Client> {
  const reply = await send<{ token: string }>(url, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  if (reply.status !== 200) throw new Error(`sign in ${username}: ${reply.status}`);
  const { token } = reply.body;
  return { token, request: (method, path, options = {}) => send(url, method, path, { ...options, token }) };
}
