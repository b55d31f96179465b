/** What a worker does with a form, in Chromium against the real local stack and the built web app. */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { type LocalKawal, ROOT } from '../../functions/local/app';
import { type BrowserSession, startBrowserSession } from '../support/browser';

let kawal: LocalKawal;
let page: Page;

let session: BrowserSession | undefined;

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
});

afterAll(async () => session?.stop());

async function logIn(username: string, password: string): Promise<void> {
  await page.goto(`${kawal.url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

describe('filling a form in the browser', () => {
  it('refuses a wrong password with the server message', async () => {
    await logIn('pk1', 'salah');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Nama pengguna atau kata sandi salah.');
  });

  it('logs in and lists the published forms', async () => {
    await logIn('pk1', 'rahasia-uji');
    // Workers land on their caseload; the forms list is one click away.
    await page.waitForURL('**/kasus');
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Formulir' })
      .click();
    await page.waitForURL('**/formulir');
    await page.getByRole('heading', { name: 'Formulir', level: 1 }).waitFor();
    await page.getByText('PK Satu').waitFor();
    // waitFor fails the test if the link never appears.
    await page.getByRole('link', { name: 'Asesmen Risiko Residivisme (RRI)', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Identifikasi dan Registrasi Klien (Intake)' }).waitFor();
  });

  it('shows the messages for invalid data and writes nothing to the server', async () => {
    let validateCalls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/validate')) validateCalls++;
    });
    await page.getByRole('link', { name: 'Asesmen Risiko Residivisme (RRI)', exact: true }).click();
    await page.waitForURL('**/formulir/asesmen-risiko');
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.locator('.error-list').waitFor();
    const errors = await page.locator('.error-list li').allTextContents();
    expect(errors).toContain('Nama klien: wajib diisi');
    expect(
      errors.some((e) => e.startsWith('1. Pertama kali ditahan pada usia 16 tahun atau lebih muda')),
    ).toBe(true);
    // Unanswered yes/no items must not be pre-answered: every one of the 15 required fields is reported,
    // and the 4 of part B, which opens because unanswered part A items count 0 in the calculated total.
    expect(errors).toContain(
      '1. Tindak pidana saat ini lebih berat daripada tindak pidana sebelumnya (eskalasi): wajib diisi',
    );
    expect(errors).toHaveLength(19);
    expect(validateCalls).toBe(0);
  });

  it('sends valid data to the server and shows that it was accepted', async () => {
    await page.getByLabel('Nama klien').fill('Budi Contoh');
    await page.getByLabel('Tanggal asesmen').fill('2026-11-20');
    await page.getByLabel('Nama PK (asesor)').fill('PK Satu');
    for (const id of [
      'ditahanUsia16',
      'pernahDipenjara',
      'pelanggaranSyarat',
      'pelanggaranTatib',
      'diskorsSekolah',
      'keluargaDipidana',
      'menganggur12Bulan',
    ]) {
      await page.locator(`#root_bagianA_${id}`).getByLabel('Tidak').check();
    }
    await page.locator('#root_bagianA_jumlahPasal').fill('2');
    await page.locator('#root_bagianA_jumlahPutusanSebelumnya').fill('0');
    await page.locator('#root_bagianA_penyalahgunaanZat').getByLabel('Tidak ada').check();
    await page.locator('#root_identitas_jenisKelamin').getByLabel('Laki-laki').check();
    await page.locator('#root_identitas_kasusNarkotika').getByLabel('Tidak').check();
    // A total of 0 keeps part B open: it is answered too.
    await expect.poll(() => page.locator('#root_skorA').inputValue()).toBe('0');
    for (const id of ['eskalasi', 'kekerasanSebelum15', 'kdrt', 'kekerasanSeksualTerorisme']) {
      await page.locator(`#root_bagianB_${id}`).getByLabel('Tidak').check();
    }
    const answer = page.waitForResponse((response) =>
      response.url().endsWith('/api/forms/asesmen-risiko/validate'),
    );
    await page.getByRole('button', { name: 'Kirim' }).click();
    const body = (await (await answer).json()) as { valid: boolean };
    expect(body.valid).toBe(true);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Data diterima oleh server (formulir versi 1).');
    expect(await page.locator('.error-list').count()).toBe(0);
  });

  it('shows the server verdict on the field when the server refuses data', async () => {
    await page.route('**/api/forms/asesmen-risiko/validate', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          valid: false,
          version: 1,
          errors: [{ path: '/identitas/namaKlien', message: 'nama tidak sesuai register' }],
        }),
      }),
    );
    await page.getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Server menolak data: 1 kesalahan.');
    expect(await page.locator('.error-list li').allTextContents()).toContain(
      'Nama klien: nama tidak sesuai register',
    );
    await page.unroute('**/api/forms/asesmen-risiko/validate');
  });

  it('speaks English when the user switches language', async () => {
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('The server accepted the data (form version 1).');
    await page.getByRole('button', { name: 'ID' }).click();
  });

  it('renders every form of the Bapas and child-protection packs without an error', async () => {
    const forms = readDefaultForms(`${ROOT}/forms`);
    expect(forms.length).toBeGreaterThanOrEqual(13);
    const problems: string[] = [];
    const onError = (error: Error) => problems.push(`pageerror: ${error.message}`);
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    };
    page.on('pageerror', onError);
    page.on('console', onConsole);
    try {
      for (const form of forms) {
        await page.goto(`${kawal.url}/formulir/${form.id}`);
        await page.getByRole('heading', { name: form.title, level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Kirim' }).waitFor();
        expect(await page.locator('form input, form textarea, form select').count(), form.id).toBeGreaterThan(
          0,
        );
      }
    } finally {
      page.off('pageerror', onError);
      page.off('console', onConsole);
    }
    expect(problems).toEqual([]);
  });
});
