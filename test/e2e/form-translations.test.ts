/**
 * A form in English, end to end in Chromium: the administrator translates texts of the identification
 * form in the forms editor's Terjemahan tab (a changed Indonesian title leaves its translation listed
 * apart until it is back), saves and publishes; a PK who reads Kawal in English then picks the form by
 * its English title on a real case, fills it in English, and gets the form's own message in English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;

const FORM = 'identifikasi';
const TITLE = 'Identifikasi dan Registrasi Klien (Intake)';
const ENGLISH_TITLE = 'Client intake and registration';
const ENGLISH_NAME = 'Full name as on the ID card';
const NIK_MESSAGE = 'NIK terdiri dari 16 angka, sesuai KTP atau Kartu Keluarga.';
const ENGLISH_NIK_MESSAGE = 'The NIK has 16 digits, as on the ID card or family card.';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  await logInAs(page, kawal.url, 'admin');
});

afterAll(async () => session?.stop());

const translations = (target: Page) => target.getByRole('tabpanel', { name: 'Terjemahan' });

async function scan(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target), name).toEqual([]);
  await keepScreenshot(target, name);
}

describe('the administrator translates a form', () => {
  it('lists every text beside its English box, with how many are done', async () => {
    await page.goto(`${kawal.url}/admin/formulir/${FORM}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Terjemahan' }).click();
    await translations(page)
      .getByText(/^\d+ dari \d+ teks sudah diterjemahkan\.$/)
      .waitFor();
    await translations(page).getByLabel('Cari teks').fill('Nama lengkap');
    await translations(page).getByLabel('Nama lengkap', { exact: true }).fill(ENGLISH_NAME);
    await translations(page).getByLabel('Cari teks').fill('NIK terdiri');
    await translations(page).getByLabel(NIK_MESSAGE, { exact: true }).fill(ENGLISH_NIK_MESSAGE);
    await translations(page).getByLabel('Cari teks').fill('');
    await translations(page).getByLabel(TITLE, { exact: true }).fill(ENGLISH_TITLE);
    await page.getByText('Belum disimpan').waitFor();
    await scan(page, 'form-editor-translations');
  });

  it('lists a translation apart while its Indonesian text is gone, and takes it back when the text returns', async () => {
    const title = page.getByLabel('Judul formulir', { exact: true });
    await title.fill(`${TITLE} (baru)`);
    const stale = translations(page).getByRole('region', { name: 'Terjemahan yang teksnya sudah tidak ada' });
    await stale.getByText(ENGLISH_TITLE).waitFor();
    await title.fill(TITLE);
    await expect.poll(() => stale.count()).toBe(0);
    expect(await translations(page).getByLabel(TITLE, { exact: true }).inputValue()).toBe(ENGLISH_TITLE);
  });

  it('saves and publishes the translations', async () => {
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    await page.getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)').fill('Terjemahan Inggris');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText(/^Terbit sebagai versi \d+\.$/).waitFor();
  });
});

describe('a PK who reads Kawal in English', () => {
  it('picks the form by its English title on a case, sees its fields in English, and its own message', async () => {
    const login = await fetch(`${kawal.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pk1', password: BROWSER_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${kawal.url}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        caseType: 'integrasi',
        client: { name: 'Rina Terjemah', birthDate: '1991-03-04', sex: 'perempuan' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.getByRole('button', { name: 'Keluar' }).click();
    await logInAs(page, kawal.url, 'pk1');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.goto(`${kawal.url}/kasus/${id}`);
    const picker = page.getByLabel('Form to fill in');
    await picker.waitFor();
    const options = await picker.locator('option').allTextContents();
    expect(options).toContain(ENGLISH_TITLE);
    expect(options).not.toContain(TITLE);
    await picker.selectOption({ label: ENGLISH_TITLE });
    await page.getByRole('button', { name: 'Open form' }).click();
    await page.getByRole('heading', { name: ENGLISH_TITLE }).waitFor();
    // Prefilled from the case, under its English label.
    expect(await page.getByLabel(ENGLISH_NAME, { exact: false }).first().inputValue()).toBe('Rina Terjemah');
    await page.locator('#root_identitas_nik').fill('123');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.error-list').getByText(ENGLISH_NIK_MESSAGE, { exact: false }).first().waitFor();
    expect(await page.locator('.error-list').textContent()).not.toContain(NIK_MESSAGE);
    await scan(page, 'case-form-english');
    await page.getByRole('button', { name: 'ID' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
  });
});
