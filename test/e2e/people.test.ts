/**
 * People and offices as data, in Chromium against the local stack and the built web app: an
 * administrator invites a PK and disables another (after confirming); the supervisor assigns a case
 * picking the new PK by name and transfers it picking an office by name; a PK opening a case first
 * searches for the client, sees the existing case for that NIK and must confirm before going on;
 * a supervisor of another office only learns how many cases are held elsewhere.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { send } from '../support/kawal';
import { logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
const NIK = '3201019001850007';
let existingCase = '';

beforeAll(async () => {
  session = await startBrowserSession();
  kawal = session.kawal;
  // A page of its own context, as the accessibility scan needs.
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  // pk1 already holds a case for this NIK.
  const signedIn = await send<{ token: string }>(kawal.url, 'POST', '/api/auth/login', {
    body: { username: 'pk1', password: BROWSER_PASSWORD },
  });
  const opened = await send<{ id: string }>(kawal.url, 'POST', '/api/cases', {
    token: signedIn.body.token,
    body: {
      client: { name: 'Hana Contoh', birthDate: '1985-01-10', sex: 'perempuan', nik: NIK },
      caseType: 'pembimbingan',
    },
  });
  if (opened.status !== 201) throw new Error(`setup case: ${JSON.stringify(opened.body)}`);
  existingCase = opened.body.id;
});

afterAll(async () => session?.stop());

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.waitForURL('**/masuk');
}

/** Polls wait as long as a locator does. */
const WAIT = { timeout: 30_000 };
const section = (id: string): Locator => page.locator(`#case-${id}`);
const optionTexts = (select: Locator) => select.locator('option').allTextContents();

describe('an administrator keeps the users directory', () => {
  it('invites a PK, whose first password is shown once', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.goto(`${kawal.url}/admin/pengguna`);
    await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: /PK Satu/ }).waitFor();
    expect(await table.textContent()).toContain('Bapas Kota Contoh Satu');

    await page.getByRole('button', { name: 'Undang pengguna' }).click();
    const form = page.getByRole('region', { name: 'Undang pengguna' });
    await form.getByLabel('Nama pengguna').fill('pk3');
    await form.getByLabel('Nama lengkap').fill('PK Tiga Contoh');
    // A worker is the role offered first; the office is still to choose.
    expect(await form.getByLabel('Pembimbing Kemasyarakatan').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Undang' }).click();
    await form.getByText('PK dan Kabapas harus ditempatkan di sebuah kantor.').waitFor();
    await form.getByLabel('Kantor').selectOption({ label: 'Bapas Kota Contoh Satu' });
    await form.getByLabel('NIP (tidak wajib)').fill('199303032099013003');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Undang' }).click();
    const shown = page.getByText(/^Kata sandi sementara untuk pk3: /);
    await shown.waitFor();
    const password = (await shown.textContent())?.replace(/^.*: /, '') ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await page.getByRole('button', { name: 'Selesai' }).click();
    await table.getByRole('rowheader', { name: /PK Tiga Contoh/ }).waitFor();
    // The password works.
    const login = await send(kawal.url, 'POST', '/api/auth/login', { body: { username: 'pk3', password } });
    expect(login.status).toBe(200);
  });

  it('disables a PK only after confirming, and filters the list by office and role', async () => {
    await page.getByRole('button', { name: 'Undang pengguna' }).click();
    const form = page.getByRole('region', { name: 'Undang pengguna' });
    await form.getByLabel('Nama pengguna').fill('pk4');
    await form.getByLabel('Nama lengkap').fill('PK Empat Contoh');
    await form.getByLabel('Kantor').selectOption({ label: 'Bapas Kota Contoh Satu' });
    await form.getByRole('button', { name: 'Undang' }).click();
    await page.getByRole('button', { name: 'Selesai' }).click();

    const row = page.getByRole('row', { name: /PK Empat Contoh/ });
    await row.getByRole('button', { name: 'Nonaktifkan PK Empat Contoh' }).click();
    await row.getByText(/Nonaktifkan PK Empat Contoh\? Ia tidak dapat masuk lagi/).waitFor();
    await row.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await page.getByRole('status').filter({ hasText: 'PK Empat Contoh dinonaktifkan.' }).waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: /PK Empat Contoh/ }).textContent(), WAIT)
      .toContain('Nonaktif');

    await page.getByLabel('Kantor', { exact: true }).selectOption({ label: 'Bapas Kota Contoh Dua' });
    await page.getByLabel('Peran', { exact: true }).selectOption({ label: 'Pembimbing Kemasyarakatan' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect
      .poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), WAIT)
      .toEqual([expect.stringContaining('PK Dua')]);
    await signOut();
  });
});

describe('a supervisor assigns and transfers by name', () => {
  it('assigns a case picking an active PK of the office by name', async () => {
    await logInAs(page, kawal.url, 'kabapas1');
    await page.getByRole('table').getByRole('link', { name: 'Dedi Contoh' }).click();
    await page.getByRole('heading', { name: 'Dedi Contoh', level: 1 }).waitFor();
    const supervisor = section('supervisor');
    // The current PK by name, never the username.
    await supervisor.getByText('Petugas sekarang: PK Satu').waitFor();
    const picker = supervisor.getByLabel('PK yang ditugaskan');
    await expect.poll(() => optionTexts(picker), WAIT).toContain('PK Tiga Contoh');
    const options = await optionTexts(picker);
    expect(options).toContain('PK Satu');
    // Another office's PK, a disabled PK and the supervisor are not offered.
    for (const name of ['PK Dua', 'PK Empat Contoh', 'Kepala Bapas Satu'])
      expect(options).not.toContain(name);
    await picker.selectOption({ label: 'PK Tiga Contoh' });
    await supervisor.getByRole('button', { name: 'Tugaskan' }).click();
    await expect
      .poll(() => supervisor.getByRole('status').first().textContent(), WAIT)
      .toBe('Kasus ditugaskan kepada PK Tiga Contoh.');
    expect(await page.locator('.case-header').textContent()).toContain('PK Tiga Contoh');
  });

  it('transfers it picking another office by name', async () => {
    const supervisor = section('supervisor');
    const offices = supervisor.getByLabel('Kantor tujuan');
    await expect
      .poll(() => optionTexts(offices), WAIT)
      .toEqual(['— Pilih kantor —', 'Bapas Kota Contoh Dua']);
    await offices.selectOption({ label: 'Bapas Kota Contoh Dua' });
    await supervisor.getByLabel('Alasan pemindahan').fill('Klien pindah domisili. Data uji fiktif.');
    await supervisor.getByRole('button', { name: 'Pindahkan kasus' }).click();
    // The question names the office by name too.
    await page
      .getByRole('dialog', { name: 'Pindahkan kasus ke Bapas Kota Contoh Dua?' })
      .getByRole('button', { name: 'Ya, pindahkan' })
      .click();
    await expect
      .poll(() => supervisor.getByRole('status').first().textContent(), WAIT)
      .toMatch(/^Pemindahan ke Bapas Kota Contoh Dua dicatat/);
    await supervisor.getByText(/Kasus ini menunggu keputusan Bapas Kota Contoh Dua/).waitFor();
    await signOut();
  });
});

describe('searching before opening a case', () => {
  it('shows a PK the case already held for that NIK and asks for a confirmation before going on', async () => {
    await logInAs(page, kawal.url, 'pk1');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Kasus baru' }).click();
    const form = page.getByRole('region', { name: 'Buka kasus baru' });
    await form.getByRole('heading', { name: 'Cari klien terlebih dahulu' }).waitFor();
    await form.getByRole('textbox', { name: 'NIK', exact: true }).fill(NIK);
    await form.getByRole('button', { name: 'Cari' }).click();
    const match = form.getByRole('link', { name: 'Hana Contoh' });
    await match.waitFor();
    expect(await match.getAttribute('href')).toBe(`/kasus/${existingCase}`);
    const item = form.locator('li').filter({ has: page.getByRole('link', { name: 'Hana Contoh' }) });
    expect(await item.textContent()).toContain('Pembimbingan klien di masyarakat · Identifikasi');
    expect(await item.textContent()).toContain('Bapas Kota Contoh Satu');
    expect(await item.textContent()).toContain('PK: PK Satu');
    await form.getByText('NIK ini sudah tercatat di kantor Anda').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The page fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await form.getByRole('button', { name: 'Lanjut isi data klien' }).click();
    await form.getByText('Centang penegasan di atas, atau buka kasus yang sudah ada.').waitFor();
    expect(await form.getByLabel('Nama klien').count()).toBe(0);
    await form.getByLabel('Saya sudah memeriksa kasus yang ada dan tetap perlu membuka kasus baru.').check();
    await form.getByRole('button', { name: 'Lanjut isi data klien' }).click();

    // The details step starts from the search.
    expect(await form.getByLabel('NIK (tidak wajib)').inputValue()).toBe(NIK);
    await form.getByLabel('Nama klien').fill('Hana Contoh');
    await form.getByLabel('Tanggal lahir').fill('1985-01-10');
    await form.getByLabel('Perempuan').check();
    await form.getByLabel('Jenis kasus').selectOption('integrasi');
    await form.getByRole('button', { name: 'Buat kasus' }).click();
    await page.waitForURL(/\/kasus\/[0-9A-Z]+$/);
    expect(page.url()).not.toContain(existingCase);
    await page.getByRole('heading', { name: 'Hana Contoh', level: 1 }).waitFor();
    await page.setViewportSize({ width: 1100, height: 900 });
    await signOut();
  });

  it('tells a supervisor of another office only how many cases other offices hold', async () => {
    await logInAs(page, kawal.url, 'kabapas2');
    await page.getByRole('button', { name: 'Kasus baru' }).click();
    const form = page.getByRole('region', { name: 'Buka kasus baru' });
    await form.getByLabel('Nama dan tanggal lahir').check();
    await form.getByLabel('Nama klien').fill('hana   CONTOH');
    await form.getByLabel('Tanggal lahir', { exact: true }).fill('1985-01-10');
    await form.getByRole('button', { name: 'Cari' }).click();
    await form.getByText('Tidak ada kasus yang cocok yang dapat Anda lihat.').waitFor();
    await form
      .getByText('Ada 2 kasus dengan klien ini di kantor lain (Bapas Kota Contoh Satu: 2).', { exact: false })
      .waitFor();
    expect(await form.getByRole('link', { name: 'Hana Contoh' }).count()).toBe(0);
    // No NIK was searched in this office: nothing to confirm.
    expect(await form.getByText('NIK ini sudah tercatat di kantor Anda').count()).toBe(0);
  });
});
