/**
 * No step that cannot be taken back happens on one click, in Chromium against the local stack: a PK
 * closing a real integrasi case gets a dialog that names what will happen (the reason, the data
 * sent); focus starts on "Batal" and stays inside while tabbing; Escape cancels without sending
 * anything and gives focus back; only "Ya, tutup kasus" closes the case. Kabapas approving a closing
 * a PK asked for gets the same kind of question, naming the closing and its reason.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { integrasiCase, signIn } from '../support/integrasi';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
let closing = '';
let revoked = '';
const posted: string[] = [];

// Starting the stack and filing the case file take a while on a busy machine.
beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  const pk1 = await signIn(kawal.url, 'pk1', BROWSER_PASSWORD);
  ({ caseId: closing } = await integrasiCase(
    pk1,
    { name: 'Fajar Contoh', birthDate: '1990-01-01', sex: 'laki-laki' },
    20,
  ));
  ({ caseId: revoked } = await integrasiCase(
    pk1,
    { name: 'Gita Contoh', birthDate: '1991-03-03', sex: 'perempuan' },
    20,
  ));
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/(transitions|approvals\/)/.test(request.url()))
      posted.push(request.url());
  });
}, 240_000);

afterAll(async () => session?.stop());

async function logIn(username: string): Promise<void> {
  await page.goto(`${kawal.url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL('**/kasus');
}

const stage = () => page.locator('#case-stage');
const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
const focusInside = (name: string) =>
  page.evaluate(
    (title) =>
      [...document.querySelectorAll('dialog[open]')].some(
        (dialog) =>
          dialog.querySelector('h2')?.textContent === title && dialog.contains(document.activeElement),
      ),
    name,
  );

describe('closing a case asks first', () => {
  it('opens a dialog that names what will happen, with focus on Batal and kept inside', async () => {
    await logIn('pk1');
    await page.goto(`${kawal.url}/kasus/${closing}`);
    await page.getByRole('heading', { name: 'Fajar Contoh', level: 1 }).waitFor();
    await stage().getByRole('button', { name: 'Terminasi…' }).click();
    await stage().getByLabel('Alasan terminasi').selectOption('pindah');
    await stage().getByLabel('Bapas tujuan').fill('Bapas Kota Contoh Tiga');
    await stage().getByRole('button', { name: 'Tutup kasus…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Tutup kasus ini?' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Kasus akan ditutup dengan alasan «Klien pindah (pelimpahan ke Bapas lain)»');
    expect(text).toContain('Bapas tujuan: Bapas Kota Contoh Tiga');
    expect(await focusedText()).toBe('Batal');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside('Tutup kasus ini?')).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside('Tutup kasus ini?')).toBe(true);
    expect(posted).toEqual([]);
  });

  it('cancels on Escape: nothing is sent and focus goes back to the button', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Tutup kasus ini?' }).waitFor({ state: 'hidden' });
    expect(await focusedText()).toBe('Tutup kasus…');
    expect(posted).toEqual([]);
    expect(await page.getByTestId('case-stage').textContent()).toBe('Asesmen');
  });

  it('closes the case only on "Ya, tutup kasus"', async () => {
    await stage().getByRole('button', { name: 'Tutup kasus…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tutup kasus ini?' });
    await dialog.getByRole('button', { name: 'Ya, tutup kasus' }).click();
    await expect
      .poll(() => stage().getByRole('status').first().textContent())
      .toBe('Tahap kasus sekarang: Terminasi.');
    expect(posted).toHaveLength(1);
    expect(await page.getByTestId('case-stage').textContent()).toBe('Terminasi');
  });
});

describe('approving a closing asks first', () => {
  it('a PK asks to close for revocation, with the note the reason needs', async () => {
    await page.goto(`${kawal.url}/kasus/${revoked}`);
    await page.getByRole('heading', { name: 'Gita Contoh', level: 1 }).waitFor();
    await stage()
      .getByRole('button', { name: /^Terminasi…/ })
      .click();
    await stage().getByLabel('Alasan terminasi').selectOption('pencabutan');
    await stage().getByLabel('Nomor SK pencabutan').fill('SK-CONTOH-002');
    await stage().getByLabel('Catatan').fill('Tindak pidana baru. Data uji fiktif.');
    await stage().getByRole('button', { name: 'Tutup kasus…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajukan penutupan kasus?' });
    expect(await dialog.textContent()).toContain('Catatan: Tindak pidana baru. Data uji fiktif.');
    await dialog.getByRole('button', { name: 'Ya, ajukan ke Kabapas' }).click();
    await expect
      .poll(() => stage().getByRole('status').first().textContent())
      .toBe('Permintaan pindah ke Terminasi dikirim; menunggu persetujuan Kabapas.');
  });

  it('Kabapas is told the case will close, may step back, and approves', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await logIn('kabapas1');
    await page.goto(`${kawal.url}/kasus/${revoked}`);
    const request = page.locator('.approval');
    await request.getByRole('button', { name: 'Setujui' }).click();
    const dialog = page.getByRole('dialog', { name: 'Setujui permintaan ini?' });
    expect(await dialog.textContent()).toContain(
      'Kasus akan ditutup dengan alasan «Program dicabut (pencabutan)»',
    );
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('case-stage').textContent()).toBe('Asesmen');

    await request.getByRole('button', { name: 'Setujui' }).click();
    await dialog.getByRole('button', { name: 'Ya, setujui' }).click();
    await expect
      .poll(() => page.locator('.case-page > [role="status"]').textContent())
      .toBe('Disetujui. Tahap kasus sekarang: Terminasi.');
  });
});
