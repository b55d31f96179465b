/**
 * A PK reads what the rules decided on a real integrasi case, in Chromium against the local stack: the
 * PK files last year's RRI, this year's and the adult litmas of a client detained 20 months ago on a
 * 3-year sentence (through the API, as the case page would), then opens the case: the RRI score and
 * category stand in the case head, and each programme reads by its title, eligible or not, with each
 * condition a sentence with the value used ("Telah menjalani 20 dari 24 bulan…"), the deciding ones
 * first, marked in words as well as signs. On a phone the panel fits the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { integrasiCase, signIn } from '../support/integrasi';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
let caseId = '';

const CLIENT = { name: 'Dewi Contoh', birthDate: '1988-06-15', sex: 'perempuan' };

// Starting the stack and filing the case file take a while on a busy machine.
beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  const pk1 = await signIn(kawal.url, 'pk1', BROWSER_PASSWORD);
  ({ caseId } = await integrasiCase(pk1, CLIENT, 20));
}, 240_000);

afterAll(async () => session?.stop());

const panel = () => page.getByRole('region', { name: 'Kelayakan program' });
const programme = (title: string) =>
  panel().locator('li[data-programme]', { has: page.locator('.programme', { hasText: title }) });

describe('the eligibility of a real case in plain words', () => {
  it('shows the RRI score and category in the case head', async () => {
    await page.goto(`${kawal.url}/masuk`);
    await page.getByLabel('Nama pengguna').fill('pk1');
    await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL('**/kasus');
    await page.goto(`${kawal.url}/kasus/${caseId}`);
    await page.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();
    const score = page.getByTestId('headline-rriScore');
    await score.waitFor();
    expect(await score.locator('dt').textContent()).toBe('Skor RRI (bagian A)');
    expect(await score.locator('dd').textContent()).toBe('8');
    expect(await page.getByTestId('headline-rriCategory').locator('dd').textContent()).toBe('sedang');
  });

  it('names each programme by its title, never an id', async () => {
    await programme('Pembebasan bersyarat (PB)').waitFor();
    const titles = await panel().locator('.programme').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Pembebasan bersyarat (PB)', 'Cuti bersyarat (CB)']));
    const text = (await panel().textContent()) ?? '';
    expect(text).not.toMatch(/kelayakan-integrasi|PB-anak|monthsServed|null|undefined|\{\{/);
  });

  it('says why PB is refused with the value used, the deciding condition first', async () => {
    const pb = programme('Pembebasan bersyarat (PB)');
    expect(await pb.locator('.badge').textContent()).toBe('Tidak layak');
    // Closed, the summary already says the first deciding condition.
    expect(await pb.locator('summary .lead').textContent()).toMatch(
      /^Telah menjalani 20(,\d+)? dari 24 bulan masa pidana yang disyaratkan \(2\/3 masa pidana\)$/,
    );
    await pb.locator('summary').click();
    const conditions = pb.locator('li.condition');
    await conditions.first().waitFor();
    const first = conditions.first();
    expect(await first.textContent()).toMatch(/tidak terpenuhi: Telah menjalani 20(,\d+)? dari 24 bulan/);
    expect(await first.locator('.tag').textContent()).toBe('menentukan');
    // Decisive ones first, then those that hold, then the rest.
    const ranks = await conditions.evaluateAll((items) =>
      items.map((item) =>
        item.querySelector('.tag') ? 0 : item.classList.contains('condition-met') ? 1 : 2,
      ),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(
      await pb.getByText('Kategori RRI terbaru sedang; yang disyaratkan rendah atau sedang').count(),
    ).toBe(1);
    const met = pb.locator('li.condition-met', { hasText: 'Kategori RRI terbaru sedang' });
    expect(await met.locator('.sr-only').textContent()).toBe('terpenuhi: ');
    expect(await pb.textContent()).toContain('Dinilai oleh aturan «Kelayakan program integrasi');
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await panel().scrollIntoViewIfNeeded();
    const overflow = await panel().evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const pageOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(pageOverflow).toBeLessThanOrEqual(0);
  });
});
