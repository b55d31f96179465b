/**
 * A PK fills the adult integration litmas, the longest form, on a real case in Chromium: the focus
 * follows the pages, the form and its steps; the client's identity and the PK's own name and NIP are
 * prefilled; a step with an error keeps the PK there with a message a person can read (never a
 * pattern); the work survives a reload through the draft; Kirim opens the first step with an error,
 * and the error list leads to any field; then the litmas is filed. And one form on a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';

let kawal: LocalKawal;
let browser: Browser;
let page: Page;
let session: BrowserSession | undefined;
let caseUrl = '';

const CLIENT = {
  name: 'Dewi Contoh Panjang',
  birthDate: '1985-03-14',
  sex: 'perempuan',
  nik: '3201015403850002',
};
const LITMAS = 'Litmas Klien Dewasa: Integrasi (PB / CB / CMB / Asimilasi) dan Pemindahan';

async function api<T>(path: string, token: string | undefined, body?: unknown): Promise<T> {
  const response = await fetch(`${kawal.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, browser, page } = session);
  // A new integration case of pk1's, moved to the assessment stage where the litmas is offered.
  const { token } = await api<{ token: string }>('/api/auth/login', undefined, {
    username: 'pk1',
    password: BROWSER_PASSWORD,
  });
  const created = await api<{ id: string }>('/api/cases', token, { client: CLIENT, caseType: 'integrasi' });
  await api(`/api/cases/${created.id}/transitions`, token, { to: 'assessment' });
  caseUrl = `${kawal.url}/kasus/${created.id}`;
});

afterAll(async () => session?.stop());

async function logIn(on: Page): Promise<void> {
  await on.goto(`${kawal.url}/masuk`);
  await on.getByLabel('Nama pengguna').fill('pk1');
  await on.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
  await on.getByRole('button', { name: 'Masuk' }).click();
  await on.waitForURL('**/kasus');
}

/** What has the focus: its tag and its text or id. */
const focused = (on: Page) =>
  on.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName ?? '', text: element?.textContent?.trim() ?? '', id: element?.id ?? '' };
  });

const forms = () => page.locator('#case-forms');
const errorItems = () => forms().locator('.error-list li').allTextContents();
const stepHeading = (on: Page = page) => on.locator('.step-heading');

async function openForm(on: Page, value: string, title: string): Promise<void> {
  const section = on.locator('#case-forms');
  await section.getByLabel('Formulir yang akan diisi').selectOption(value);
  await section.getByRole('button', { name: 'Buka formulir' }).click();
  await section.getByRole('heading', { name: title, level: 3 }).waitFor();
}

describe('the adult litmas in steps', () => {
  it('moves the focus to the page heading after navigating, and to the form heading on opening', async () => {
    await logIn(page);
    await page.getByRole('link', { name: CLIENT.name }).first().click();
    await page.waitForURL(caseUrl);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1', text: CLIENT.name });

    await openForm(page, 'litmas-integrasi-dewasa', LITMAS);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H3', text: LITMAS });
    expect(await stepHeading().textContent()).toBe('Langkah 1 dari 14: Kepala surat dan dasar litmas');
    await forms()
      .getByText('Sebagian isian sudah diisi dari data kasus dan akun Anda.', { exact: false })
      .waitFor();
    // One step at a time: the identity of step 3 is not on the page yet.
    expect(await page.locator('#root_identitasKlien_nama').count()).toBe(0);
  });

  it('keeps the PK on a step while it has errors, naming only that step’s fields', async () => {
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await forms().locator('.error-list').waitFor();
    expect(await errorItems()).toEqual([
      'Jenis litmas (program integrasi yang diusulkan, atau pemindahan): wajib diisi',
      'Nomor surat permintaan: wajib diisi',
      'Instansi peminta: wajib diisi',
    ]);
    expect(await forms().locator('.error-group-title').allTextContents()).toEqual([
      'Langkah 1: Kepala surat dan dasar litmas',
    ]);
    expect(await stepHeading().textContent()).toBe('Langkah 1 dari 14: Kepala surat dan dasar litmas');
    // The focus is in the first field with an error.
    await expect.poll(async () => (await focused(page)).id).toMatch(/^root_pendahuluan_jenisLitmas/);

    await page.locator('#root_pendahuluan_jenisLitmas').getByLabel('Pembebasan Bersyarat (PB)').check();
    await page.locator('#root_pendahuluan_nomorSuratPermintaan').fill('W11.PAS.5-PK.01.05-0042');
    await page.locator('#root_pendahuluan_instansiPeminta').fill('Lapas Kelas IIA Kota Contoh');
    // What was put right goes at once.
    await expect.poll(() => forms().locator('.error-list').count()).toBe(0);
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await expect
      .poll(() => focused(page))
      .toMatchObject({
        tag: 'H4',
        text: 'Langkah 2 dari 14: Data Pembimbing Kemasyarakatan (PK) penyusun litmas',
      });
  });

  it('prefills the PK’s own name and NIP, and words a wrong NIP without its pattern', async () => {
    expect(await page.locator('#root_dataPk_nama').inputValue()).toBe('PK Satu');
    expect(await page.locator('#root_dataPk_nip').inputValue()).toBe('199001012099011001');

    await page.locator('#root_dataPk_nip').fill('1990 0101');
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await forms().locator('.error-list').waitFor();
    expect(await errorItems()).toEqual(['NIP: NIP terdiri dari 18 angka, tanpa spasi atau tanda baca.']);
    const shown = `${await forms().locator('.error-list').textContent()} ${await forms().locator('.form-group').allTextContents()}`;
    expect(shown).not.toMatch(/\^|\[0-9\]|\{18\}|pola|pattern/);
    expect(await stepHeading().textContent()).toMatch(/^Langkah 2 dari 14/);

    await page.locator('#root_dataPk_nip').fill('199001012099011001');
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: 'H4', text: 'Langkah 3 dari 14: A. Identitas klien' });
  });

  it('prefills the client’s identity from the case, editable', async () => {
    expect(await page.locator('#root_identitasKlien_nama').inputValue()).toBe(CLIENT.name);
    expect(await page.locator('#root_identitasKlien_tanggalLahir').inputValue()).toBe(CLIENT.birthDate);
    expect(await page.locator('#root_identitasKlien_jenisKelamin').getByLabel('Perempuan').isChecked()).toBe(
      true,
    );
    expect(await page.locator('#root_identitasKlien_tempatLahir').isEditable()).toBe(true);
  });

  it('keeps the work through a reload, in the draft', async () => {
    // The autosave sends the work a few seconds after the last change.
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/drafts/litmas-integrasi-dewasa') &&
        response.request().method() === 'PUT' &&
        (response.request().postData() ?? '').includes('Kota Contoh') &&
        response.ok(),
    );
    await page.locator('#root_identitasKlien_tempatLahir').fill('Kota Contoh');
    await saved;
    await page.reload();
    await page.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();
    await openForm(page, 'litmas-integrasi-dewasa', LITMAS);
    await forms()
      .getByText(/^Draf yang tersimpan .* dipulihkan\.$/)
      .waitFor();
    expect(await page.locator('#root_pendahuluan_nomorSuratPermintaan').inputValue()).toBe(
      'W11.PAS.5-PK.01.05-0042',
    );
    // The list of steps jumps straight to one.
    await forms().getByText('Semua langkah (14)').click();
    await forms().getByRole('button', { name: '3. A. Identitas klien' }).click();
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: 'H4', text: 'Langkah 3 dari 14: A. Identitas klien' });
    expect(await page.locator('#root_identitasKlien_tempatLahir').inputValue()).toBe('Kota Contoh');
    expect(await page.locator('#root_identitasKlien_nama').inputValue()).toBe(CLIENT.name);
  });

  it('checks everything on Kirim, opens the first step with an error and leads to any field', async () => {
    await forms().getByText('Semua langkah (14)').click();
    await forms().getByRole('button', { name: '14. Pengesahan' }).click();
    await forms().getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('Langkah 3 dari 14: A. Identitas klien');
    await expect.poll(async () => (await focused(page)).id).toMatch(/^root_identitasKlien_putusan_nomor/);
    expect(await forms().locator('.error-group-title').allTextContents()).toEqual([
      'Langkah 3: A. Identitas klien',
      'Langkah 13: IX. Kesimpulan dan rekomendasi',
    ]);
    const items = await errorItems();
    expect(items.slice(0, 2)).toEqual(['Nomor putusan: wajib diisi', 'Tanggal putusan: wajib diisi']);
    expect(items).toContain('Kesimpulan: wajib diisi');
    // The steps with errors are marked in the list of steps.
    expect(
      await forms()
        .locator('.step-list li', { has: page.locator('.step-error-mark') })
        .allTextContents(),
    ).toEqual([
      '3. A. Identitas klien (perlu diperiksa)',
      '13. IX. Kesimpulan dan rekomendasi (perlu diperiksa)',
    ]);

    await forms().locator('.error-list').getByRole('link', { name: 'Kesimpulan', exact: true }).click();
    await expect
      .poll(() => stepHeading().textContent())
      .toBe('Langkah 13 dari 14: IX. Kesimpulan dan rekomendasi');
    await expect.poll(async () => (await focused(page)).id).toBe('root_kesimpulanRekomendasi_kesimpulan');
  });

  it('files the litmas once every step is right', async () => {
    await page.locator('#root_kesimpulanRekomendasi_kesimpulan').fill('Klien layak diusulkan PB.');
    await page
      .locator('#root_kesimpulanRekomendasi_rekomendasi')
      .getByLabel('Direkomendasikan Pembebasan Bersyarat (PB)')
      .check();
    await page
      .locator('#root_kesimpulanRekomendasi_uraianRekomendasi')
      .fill('Penjamin bersedia; wajib lapor bulanan.');
    await forms().locator('.error-list').getByRole('link', { name: 'Nomor putusan' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('Langkah 3 dari 14: A. Identitas klien');
    await page.locator('#root_identitasKlien_putusan_nomor').fill('123/Pid.B/2024/PN Contoh');
    await page.locator('#root_identitasKlien_putusan_tanggal').fill('2024-05-20');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_tahun').fill('2');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_bulan').fill('0');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_hari').fill('0');
    await expect.poll(() => forms().locator('.error-list').count()).toBe(0);
    await forms().getByRole('button', { name: 'Kirim' }).click();
    await expect
      .poll(() => forms().getByRole('status').first().textContent())
      .toBe(`Kiriman diterima: ${LITMAS} (formulir versi 1).`);
  });
});

describe('a long form on a phone', () => {
  it('fits 390 px, and its steps work from the keyboard', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await logIn(phone);
      await phone.goto(caseUrl);
      await phone.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();
      await openForm(phone, 'identifikasi', 'Identifikasi dan Registrasi Klien (Intake)');
      expect(await stepHeading(phone).textContent()).toBe('Langkah 1 dari 9: A. Identitas klien');
      // The identity is prefilled, the NIK too.
      expect(await phone.locator('#root_identitas_nik').inputValue()).toBe(CLIENT.nik);
      const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await fits()).toBe(true);

      const next = phone.locator('#case-forms').getByRole('button', { name: 'Berikutnya' });
      const box = await next.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await next.focus();
      await phone.keyboard.press('Enter');
      await expect
        .poll(() => focused(phone))
        .toMatchObject({ tag: 'H4', text: 'Langkah 2 dari 9: B. Registrasi' });

      // An empty required step keeps the person there, with the list of what to fix above the fields.
      await next.focus();
      await phone.keyboard.press('Enter');
      await phone.locator('#case-forms .error-list').waitFor();
      expect(await stepHeading(phone).textContent()).toBe('Langkah 2 dari 9: B. Registrasi');
      expect(await fits()).toBe(true);
      const previous = phone.locator('#case-forms').getByRole('button', { name: 'Sebelumnya' });
      await previous.focus();
      await phone.keyboard.press('Enter');
      await expect
        .poll(() => focused(phone))
        .toMatchObject({ tag: 'H4', text: 'Langkah 1 dari 9: A. Identitas klien' });
    } finally {
      await phone.close();
    }
  });
});
