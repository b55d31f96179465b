/**
 * What the rules decided, in plain words, and the report fit to file, through HTTP on a real integrasi
 * case: a PK opens the case, sends last year's RRI (tinggi) and today's (sedang) and the adult litmas
 * of a client detained 20 months ago on a 3-year sentence. The case's decisions read per programme
 * by title with each condition as a sentence with the value used, decisive first; the head names the
 * programme; the RRI score and category come with the case; the report of a submission prints titles
 * for every field (conditional parts included), Indonesian stage names and dates, the RRI, and the
 * signers' names and NIP, nothing internal. A termination reason that needs a note is refused without
 * one, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import type { CaseBody, ErrorBody } from '../support/cases';
import { integrasiCase, rri, submit, TODAY } from '../support/integrasi';
import { type Client, login, startTestKawal } from '../support/kawal';
import { NO_RISK } from '../support/rri';
import { CountCommand } from './count';

let kawal: LocalKawal;
let pk1: Client;
let kabapas1: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  pk1 = await login(kawal, 'pk1');
  kabapas1 = await login(kawal, 'kabapas1');
});
afterAll(async () => kawal?.stop());

interface Condition {
  text: string;
  statement: string;
  fact: string;
  factValue: unknown;
  result: boolean;
  decisive: boolean;
  withheld?: true;
}

interface Decisions {
  caseId: string;
  eligibility: {
    program: string;
    title: string;
    eligible: boolean;
    rulesetId: string;
    rulesetTitle: string;
    conditions: Condition[];
  }[];
  headline: { fact: string; title: string; type: string; value: unknown }[];
}

let opened: Pick<CaseBody, 'id'>;
let litmasId: string;
let rriId: string;

describe('the eligibility of a real case in plain words', () => {
  it('reads each programme by title, each condition as a sentence with the value used, decisive first', async () => {
    const built = await integrasiCase(pk1);
    opened = { id: built.caseId };
    ({ litmasId, rriId } = built);

    const reply = await pk1.request<Decisions>('GET', `/api/cases/${opened.id}/decisions`);
    expect(reply.status).toBe(200);
    const pb = reply.body.eligibility.find((programme) => programme.program === 'PB');
    expect(pb, JSON.stringify(reply.body.eligibility.map((p) => p.program))).toBeDefined();
    if (!pb) return;
    expect(pb.title).toBe('Pembebasan bersyarat (PB)');
    expect(pb.rulesetTitle).toMatch(/^Kelayakan program integrasi/);
    expect(pb.eligible).toBe(false);
    // 20 months served of the 24 that two thirds of 36 months are: the sentence says both.
    const served = pb.conditions[0];
    expect(served?.decisive).toBe(true);
    expect(served?.result).toBe(false);
    expect(served?.text).toMatch(/^Telah menjalani 20(,\d+)? dari 24 bulan masa pidana yang disyaratkan/);
    // Decisive first, then those that hold, then the rest.
    const ranks = pb.conditions.map((c) => (c.decisive ? 0 : c.result ? 1 : 2));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(pb.conditions.some((c) => c.text.startsWith('Kategori RRI terbaru sedang'))).toBe(true);
    for (const condition of pb.conditions) {
      expect(condition.text).not.toMatch(/\{\{|null|undefined|monthsServed/);
    }
    // No programme is named by an id, and a child's PB is not listed for an adult.
    expect(reply.body.eligibility.map((p) => p.title)).not.toContain('PB-anak');
    expect(reply.body.eligibility.some((p) => p.program === 'PB-anak')).toBe(false);
  });

  it('gives the case head the programme title and the RRI score and category', async () => {
    const head = await pk1.request<CaseBody & { eligibility: Record<string, { title?: string }> }>(
      'GET',
      `/api/cases/${opened.id}`,
    );
    expect(head.body.eligibility.PB?.title).toBe('Pembebasan bersyarat (PB)');
    const decisions = await pk1.request<Decisions>('GET', `/api/cases/${opened.id}/decisions`);
    const headline = Object.fromEntries(decisions.body.headline.map((fact) => [fact.fact, fact]));
    expect(headline.rriScore).toMatchObject({ title: 'Skor RRI (bagian A)', value: 8, type: 'number' });
    expect(headline.rriCategory).toMatchObject({ value: 'sedang' });
    expect(headline.tanggalAsesmenRri).toMatchObject({ value: TODAY, type: 'date' });
  });
});

/** The text of an HTML document as a reader sees it (tags and styles out, entities read). */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

const MONTHS =
  /\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\b/;

describe('the report fit to file', () => {
  it('prints the litmas with titles, Indonesian stage and dates, the RRI and both signers', async () => {
    const reply = await pk1.request<string>('GET', `/api/cases/${opened.id}/report/${litmasId}`);
    expect(reply.status).toBe(200);
    const html = reply.body;
    const text = textOf(html);
    expect(html).toContain('@page { size: A4');
    expect(html).toMatch(/tr \{ break-inside: avoid/);
    expect(html).toContain('<thead>');
    expect(text).toContain('Bapas Kota Contoh Satu');
    expect(text).toContain('Integrasi narapidana dewasa');
    expect(text).toMatch(/Tahap Asesmen/);
    expect(text).toMatch(MONTHS);
    expect(text).toMatch(/Skor RRI \(bagian A\) 8/);
    expect(text).toMatch(/Kategori risiko residivisme \(RRI\) sedang/);
    const signatures = textOf(html.slice(html.indexOf('class="signatures"')));
    expect(signatures).toContain('Kepala Bapas Satu');
    expect(signatures).toContain('PK Satu');
    expect(signatures).toContain('NIP 199001012099011001');
    expect(signatures).toContain('NIP 197001012099011001');
    // Nothing internal: no ISO dates, ids, keys, nulls.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain(opened.id);
    expect(text).not.toContain(litmasId);
    expect(text).not.toMatch(/\b(null|undefined|true|false)\b/);
    expect(text).not.toMatch(/\b(assessment|identitasKlien|tanggalDitahan|litmas-integrasi-dewasa)\b/);
  });

  it('titles the parts of the RRI that only appear on a condition', async () => {
    const low = await submit(
      pk1,
      opened.id,
      'asesmen-risiko',
      rri(NO_RISK, TODAY, {
        eskalasi: false,
        kekerasanSebelum15: false,
        kdrt: true,
        kekerasanSeksualTerorisme: false,
      }),
    );
    const reply = await kabapas1.request<string>('GET', `/api/cases/${opened.id}/report/${low}`);
    expect(reply.status).toBe(200);
    const text = textOf(reply.body);
    expect(text).toContain('Bagian B — Faktor risiko tambahan');
    expect(text).toContain('Pernah menjadi pelaku atau korban kekerasan dalam rumah tangga (KDRT) Ya');
    expect(text).toMatch(/Skor bagian A 0/);
    expect(text).not.toMatch(/\b(bagianB|kdrt|skorA)\b/);
    // The RRI of the case is the latest by assessment date: this one, rendah.
    expect(text).toMatch(/Kategori risiko residivisme \(RRI\) rendah/);
    expect(rriId).not.toBe(low);
  });
});

describe('a termination reason that needs a note', () => {
  it('is refused without one (422 note_required) and nothing is written', async () => {
    const before = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    const audit = await CountCommand(kawal, `CASE#${opened.id}`, 'AUDIT');
    const refused = await pk1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transitions`, {
      body: { to: 'terminated', reason: 'pencabutan', data: { nomorSK: 'W.1-PK.01.05-123' }, note: '   ' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('note_required');
    expect(refused.body.error.message).toBe('Alasan ini memerlukan catatan tertulis.');
    const after = await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.stage).toBe('assessment');
    // Only the read of the case was audited since.
    expect(await CountCommand(kawal, `CASE#${opened.id}`, 'AUDIT')).toBe(audit + 1);

    const requested = await pk1.request<CaseBody & { pendingApproval?: { reason: string } }>(
      'POST',
      `/api/cases/${opened.id}/transitions`,
      {
        body: {
          to: 'terminated',
          reason: 'pencabutan',
          data: { nomorSK: 'W.1-PK.01.05-123' },
          note: 'Tiga kali tidak wajib lapor.',
        },
      },
    );
    expect(requested.status).toBe(202);
    expect(requested.body.pendingApproval?.reason).toBe('pencabutan');
  });
});
