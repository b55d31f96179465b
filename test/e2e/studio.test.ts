/** The administrator's studio shell: where an administrator lands, its sections, and who may enter. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type BrowserSession, startBrowserSession } from '../support/browser';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
});

afterAll(async () => session?.stop());

describe('the studio', () => {
  it('is where an administrator lands, with every section one keyboard step away', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Studio administrator', level: 1 }).waitFor();
    const sections = page.getByRole('navigation', { name: 'Bagian studio' }).getByRole('link');
    expect(await sections.allTextContents()).toEqual([
      'Formulir',
      'Aturan keputusan',
      'Jenis kasus',
      'Direktori layanan',
      'Kantor',
      'Kalender libur',
      'Paket konfigurasi',
      'Pengguna',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'home');
  });

  it('is refused to a worker, who is not shown the way in', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await logInAs(page, kawal.url, 'pk1');
    await page.waitForURL('**/kasus');
    expect(
      await page
        .getByRole('navigation', { name: 'Navigasi utama' })
        .getByRole('link', { name: 'Studio' })
        .count(),
    ).toBe(0);
    await page.goto(`${kawal.url}/admin`);
    await page.getByText('Halaman ini hanya untuk administrator.').waitFor();
  });
});
