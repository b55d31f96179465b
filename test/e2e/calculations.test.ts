/**
 * Calculated form fields while a PK fills a form on a case, in Chromium against the local stack: the
 * RRI part A total and risk category appear as the answers are given, read-only, and part B opens
 * from the computed total (6 or less) and closes again at 7 or more, without anything being sent; a
 * form sent right after an answer is checked and filed with the total that answer makes.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
});

afterAll(async () => session?.stop());

/** What a field shows: an input's value, or the text of the option a select shows. */
const shown = (field: Locator) =>
  field.evaluate((element) =>
    element instanceof HTMLSelectElement
      ? (element.selectedOptions[0]?.textContent ?? '')
      : (element as HTMLInputElement).value,
  );

const partA = (id: string) => page.locator(`#root_bagianA_${id}`);
const total = () => page.locator('#root_skorA');
const category = () => page.locator('#root_kategoriRisiko');
const partB = () => page.locator('#root_bagianB_eskalasi');
/** Calculations run after a short pause in typing: a slow machine gets a few seconds. */
const live = { timeout: 5_000 };

describe('calculated fields on the risk assessment', () => {
  it('opens the RRI form on an adult case', async () => {
    await page.goto(`${kawal.url}/masuk`);
    await page.getByLabel('Nama pengguna').fill('pk1');
    await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL('**/kasus');
    await page.getByRole('link', { name: 'Budi Contoh' }).click();
    await page.getByRole('heading', { name: 'Budi Contoh', level: 1 }).waitFor();
    const forms = page.locator('#case-forms');
    await forms.getByLabel('Formulir yang akan diisi').selectOption('asesmen-risiko');
    await forms.getByRole('button', { name: 'Buka formulir' }).click();
    await forms.getByRole('heading', { name: 'Asesmen Risiko Residivisme (RRI)', level: 3 }).waitFor();
  });

  it('shows the part A total and category as the answers are given, read-only, and opens part B', async () => {
    const sent: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST') sent.push(request.url());
    };
    page.on('request', onRequest);

    for (const id of [
      'ditahanUsia16',
      'pernahDipenjara',
      'pelanggaranSyarat',
      'pelanggaranTatib',
      'diskorsSekolah',
      'keluargaDipidana',
      'menganggur12Bulan',
    ]) {
      await partA(id).getByLabel('Tidak').check();
    }
    await partA('jumlahPasal').fill('1');
    await partA('jumlahPutusanSebelumnya').fill('0');
    await partA('penyalahgunaanZat').getByLabel('Tidak ada').check();
    await expect.poll(() => shown(total()), live).toBe('0');
    await expect.poll(() => shown(category()), live).toMatch(/^Rendah/);
    await partB().waitFor(live);

    // Keluarga dipidana (1) + narkoba (2) + menganggur (1): 4, still rendah, part B stays.
    await partA('keluargaDipidana').getByLabel('Ya').check();
    await partA('penyalahgunaanZat').getByLabel('Narkoba', { exact: true }).check();
    await partA('menganggur12Bulan').getByLabel('Ya').check();
    await expect.poll(() => shown(total()), live).toBe('4');
    expect(await partB().isVisible()).toBe(true);

    // The fields are the system's: a person cannot type over them.
    expect(await total().isEditable()).toBe(false);
    expect(await category().isEditable()).toBe(false);

    page.off('request', onRequest);
    // Calculated in the browser: nothing was validated or filed for it (drafts may be saved).
    expect(sent.filter((url) => !url.includes('/drafts/'))).toEqual([]);
  });

  it('closes part B when the total reaches 7 and opens it again below', async () => {
    // One or two earlier convictions: 2 more, 6 in all.
    await partA('jumlahPutusanSebelumnya').fill('2');
    await expect.poll(() => shown(total()), live).toBe('6');
    expect(await partB().isVisible()).toBe(true);

    // First detained at 16 or younger: 3 more, 9.
    await partA('ditahanUsia16').getByLabel('Ya').check();
    await expect.poll(() => shown(total()), live).toBe('9');
    await expect.poll(() => shown(category()), live).toMatch(/^Sedang/);
    await expect.poll(() => partB().count(), live).toBe(0);

    await partA('ditahanUsia16').getByLabel('Tidak').check();
    await expect.poll(() => shown(total()), live).toBe('6');
    await expect.poll(() => shown(category()), live).toMatch(/^Rendah/);
    await partB().waitFor(live);
  });

  it('checks and files a form sent right after an answer with the total that answer makes', async () => {
    await page.getByLabel('Nama klien').fill('Budi Contoh');
    await page.getByLabel('Tanggal asesmen').fill('2026-11-20');
    await page.getByLabel('Nama PK (asesor)').fill('PK Satu');
    await page.locator('#root_identitas_jenisKelamin').getByLabel('Laki-laki').check();
    await page.locator('#root_identitas_kasusNarkotika').getByLabel('Tidak').check();
    await expect.poll(() => shown(total()), live).toBe('6');
    // Part B is open and unanswered; the last answer makes 9 and closes it, and Kirim follows at once.
    const sent: { data?: { skorA?: unknown; kategoriRisiko?: unknown } }[] = [];
    const onRequest = (request: { method(): string; url(): string; postData(): string | null }) => {
      if (request.method() === 'POST' && request.url().endsWith('/submissions'))
        sent.push(JSON.parse(request.postData() ?? '{}') as (typeof sent)[number]);
    };
    page.on('request', onRequest);
    await partA('ditahanUsia16').getByLabel('Ya').check();
    await page.locator('#case-forms').getByRole('button', { name: 'Kirim' }).click();
    await expect
      .poll(() => page.locator('#case-forms').getByRole('status').first().textContent(), live)
      .toBe('Kiriman diterima: Asesmen Risiko Residivisme (RRI) (formulir versi 1).');
    page.off('request', onRequest);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data).toMatchObject({ skorA: 9, kategoriRisiko: 'sedang' });
  });
});
