/**
 * The report fit to file, as a PK prints it: on a real integrasi case (last year's RRI, this year's,
 * the adult litmas, and a low RRI whose part B only appears on a condition), the PK opens the report
 * of a submission from the case page; Chromium prints it to an A4 PDF, and the PDF's text holds the
 * titles of the fields (conditional ones included), the stage by its name, dates in Indonesian, the
 * RRI score and category, and the signers' full names and NIP, with no ids, keys or ISO dates.
 */
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { integrasiCase, rri, signIn, submit, TODAY } from '../support/integrasi';
import { NO_RISK } from '../support/rri';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
let caseId = '';

const CLIENT = { name: 'Eko Contoh', birthDate: '1984-02-29', sex: 'laki-laki' };
const MONTH =
  /\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\b/;

// Starting the stack and filing the case file take a while on a busy machine.
beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  const pk1 = await signIn(kawal.url, 'pk1', BROWSER_PASSWORD);
  ({ caseId } = await integrasiCase(pk1, CLIENT, 20));
  // A low RRI, assessed today: part B (asked only when the total is 6 or less) is filled in.
  await submit(
    pk1,
    caseId,
    'asesmen-risiko',
    rri(
      NO_RISK,
      TODAY,
      { eskalasi: false, kekerasanSebelum15: false, kdrt: true, kekerasanSeksualTerorisme: false },
      CLIENT.name,
    ),
  );
}, 240_000);

afterAll(async () => session?.stop());

/** Opens the report of the submission titled `form` (the newest first) and prints it to A4. */
async function printReport(form: string): Promise<{ text: string; pages: string[] }> {
  const item = page.locator('#case-submissions .item', { hasText: form }).first();
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    item.getByRole('button', { name: /^Laporan/ }).click(),
  ]);
  await tab.waitForLoadState('load');
  await tab.waitForURL(/^blob:/);
  await tab.locator('h1').waitFor();
  const pdf = await tab.pdf({ format: 'A4', printBackground: true });
  await tab.close();
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  const pages = (Array.isArray(text) ? text : [text]).map((one) => one.replace(/\s+/g, ' '));
  return { text: pages.join(' '), pages };
}

describe('the report of a submission, printed on A4', () => {
  it('opens the case as the PK', async () => {
    await page.goto(`${kawal.url}/masuk`);
    await page.getByLabel('Nama pengguna').fill('pk1');
    await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL('**/kasus');
    await page.goto(`${kawal.url}/kasus/${caseId}`);
    await page.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();
    await page.locator('#case-submissions .item').first().waitFor();
  });

  it('prints the litmas with titles, the stage and dates in Indonesian, the RRI and both signers', async () => {
    const { text, pages } = await printReport('Litmas');
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain('Bapas Kota Contoh Satu');
    expect(text).toContain(CLIENT.name);
    expect(text).toMatch(/Tahap\s+Asesmen/);
    expect(text).toMatch(/Jenis kasus\s+Integrasi narapidana dewasa/);
    expect(text).toMatch(MONTH);
    expect(text).toMatch(/Tanggal lahir\s+29 Februari 1984/);
    // The case's RRI is the latest by assessment date: today's low one replaced today's sedang.
    expect(text).toMatch(/Skor RRI \(bagian A\)\s+0/);
    expect(text).toMatch(/Kategori risiko residivisme \(RRI\)\s+rendah/);
    expect(text).toContain('Mengetahui, Kepala Bapas');
    expect(text).toContain('Kepala Bapas Satu');
    expect(text).toContain('PK Satu');
    expect(text).toContain('NIP 197001012099011001');
    expect(text).toContain('NIP 199001012099011001');
    // Nothing internal.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain(caseId);
    expect(text).not.toMatch(/\b(null|undefined|true|false|assessment|integrasi-dewasa|identitasKlien)\b/);
  });

  it('prints the RRI with a title for each conditional part', async () => {
    const { text } = await printReport('Asesmen Risiko');
    expect(text).toContain('Bagian B — Faktor risiko tambahan');
    expect(text).toMatch(/Pernah menjadi pelaku atau korban kekerasan dalam rumah tangga \(KDRT\)\s+Ya/);
    expect(text).toMatch(/Skor bagian A\s+0/);
    expect(text).toMatch(/Kategori risiko residivisme \(bagian A\)\s+Rendah/);
    // The signers come from the users directory (this form holds no NIP of its own).
    expect(text).toContain('NIP 199001012099011001');
    expect(text).toContain('NIP 197001012099011001');
    expect(text).not.toMatch(/\b(bagianB|kdrt|skorA|kategoriRisiko)\b/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
