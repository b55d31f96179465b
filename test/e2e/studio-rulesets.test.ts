/**
 * The administrator's rulesets editor, in Chromium against the local stack with its demo cases: a
 * threshold changed in the condition builder, the tests run and failing, a publish refused with the
 * failing tests shown, the expectations fixed, the impact on the demo cases, the publish, and the
 * worker seeing the new outcome on the case at once; and the simulator on a real case, where a
 * sensitive value is withheld. Every screen is scanned with axe and kept as a screenshot.
 */
import type { Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type BrowserSession, startBrowserSession } from '../support/browser';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
/** Adi Contoh's demo case (a diversion case of pk1), once the worker has opened it. */
let adiUrl = '';

const CONSENT_RULE = 'Kesepakatan diversi memerlukan persetujuan korban';
const CONSENT_FLAG = 'Kesepakatan diversi memerlukan persetujuan korban';
const MINIMUM_AGE = 'Usia saat tindak pidana paling sedikit 12 tahun';

/** What the browser asked (confirm() and prompt()), each answered yes. */
const asked: string[] = [];
function acceptDialogs(target: Page) {
  target.on('dialog', (dialog: Dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await page.waitForURL('**/masuk');
}

const rule = (name: string): Locator => page.getByRole('region', { name });
const testsTable = () => page.getByRole('table', { name: 'Uji aturan: fakta dan keputusan yang diharapkan' });
const summary = () => page.locator('.rules-tests-summary');

beforeAll(async () => {
  session = await startBrowserSession();
  kawal = session.kawal;
  // A page of its own context: axe-core finishes its scan in a second page of the same context.
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  acceptDialogs(page);
});

afterAll(async () => session?.stop());

describe('a worker’s demo case before the change', () => {
  it('shows that victim consent is needed for a 15-year-old', async () => {
    await logInAs(page, kawal.url, 'pk1');
    await page.waitForURL('**/kasus');
    await page.getByRole('link', { name: 'Adi Contoh' }).click();
    await page.waitForURL(/\/kasus\/[0-9A-Z]+$/);
    adiUrl = page.url();
    const flags = page.getByRole('region', { name: 'Tanda peringatan' });
    await flags.getByText('Diversi wajib diupayakan', { exact: true }).waitFor();
    await flags.getByText(CONSENT_FLAG, { exact: true }).waitFor();
    await signOut();
  });
});

describe('the administrator changes an eligibility threshold', () => {
  it('lists the rulesets with their kind in words, status and drafts', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.waitForURL('**/admin');
    await page
      .getByRole('navigation', { name: 'Bagian studio' })
      .getByRole('link', { name: 'Aturan keputusan' })
      .click();
    await page.getByRole('heading', { name: 'Aturan keputusan', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /Diversi dan Anak di bawah 12 tahun/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Kelayakan program');
    expect(await row.textContent()).toContain('Versi terbit 1');
    expect(await row.textContent()).toContain('Tanpa draf');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'rulesets-list');
  });

  it('raises the minimum age for victim consent in the condition builder and saves the draft', async () => {
    await page.getByRole('link', { name: 'Diversi dan Anak di bawah 12 tahun' }).click();
    await page.getByRole('heading', { name: 'Diversi dan Anak di bawah 12 tahun', level: 1 }).waitFor();
    await rule(CONSENT_RULE).getByRole('button', { name: CONSENT_RULE }).click();
    const consent = rule(CONSENT_RULE);
    const minimum = consent.getByLabel(`Nilai: ${MINIMUM_AGE}`);
    expect(await minimum.inputValue()).toBe('12');
    expect(await consent.getByLabel(`Cara membandingkan: ${MINIMUM_AGE}`).inputValue()).toBe(
      'greaterThanInclusive',
    );
    await minimum.fill('16');
    // The condition's words follow the threshold.
    const condition = consent.locator('.rules-condition', { has: page.getByLabel(`Nilai: ${MINIMUM_AGE}`) });
    await condition.getByText('Kalimat syarat').click();
    await condition
      .getByLabel('Nama syarat (dibaca PK pada penjelasan)')
      .fill('Usia saat tindak pidana paling sedikit 16 tahun');
    await page.getByText('Belum disimpan').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'ruleset-builder');
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf tersimpan.').waitFor();
    await page.getByText('Ada draf belum terbit').first().waitFor();
  });

  it('runs the tests against the draft and sees them fail, with the actual decisions', async () => {
    await page.getByRole('button', { name: 'Jalankan semua uji' }).click();
    await expect.poll(() => summary().textContent(), { timeout: 60_000 }).toMatch(/gagal/);
    const text = (await summary().textContent()) ?? '';
    const failed = Number(/(\d+) gagal/.exec(text)?.[1]);
    expect(failed).toBeGreaterThan(0);
    const row = testsTable().getByRole('row', { name: /Contoh: usia 15 saat tindak pidana/ });
    expect(await row.textContent()).toContain('Gagal');
    expect(await row.textContent()).toContain('Keputusan sebenarnya:');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'ruleset-tests-failing');
  });

  it('is refused publishing, with the failing tests shown in the table', async () => {
    // A fresh look: the table forgets the run, then the refusal fills it.
    await page.reload();
    await page.getByRole('heading', { name: 'Diversi dan Anak di bawah 12 tahun', level: 1 }).waitFor();
    await page
      .getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)')
      .fill('Persetujuan korban mulai 16 tahun');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText(/Draf tidak diterbitkan: \d+ uji gagal/).waitFor();
    const row = testsTable().getByRole('row', { name: /Contoh: usia 15 saat tindak pidana/ });
    expect(await row.textContent()).toContain('Gagal');
    expect(await row.textContent()).toContain('Diversi wajib diupayakan');
    await page.getByText('Versi terbit 1').first().waitFor();
  });

  it('takes the actual decisions as the expectations of the failing tests, and they pass', async () => {
    const accept = testsTable().getByRole('button', {
      name: /^Jadikan harapan uji .* sesuai keputusan sebenarnya$/,
    });
    while ((await accept.count()) > 0) await accept.first().click();
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf tersimpan.').waitFor();
    await page.getByRole('button', { name: 'Jalankan semua uji' }).click();
    await expect.poll(() => summary().textContent(), { timeout: 60_000 }).toMatch(/^\d+ lulus, 0 gagal/);
    const row = testsTable().getByRole('row', { name: /Contoh: usia 15 saat tindak pidana/ });
    expect(await row.textContent()).toContain('Lulus');
  });

  it('sees the impact on the demo cases before publishing', async () => {
    await page.getByRole('button', { name: 'Hitung dampak draf' }).click();
    await page.getByText(/1 dari \d+ kasus terbuka akan berubah keputusannya/).waitFor();
    const impact = page.getByRole('table', { name: 'Kasus yang keputusannya berubah' });
    const row = impact.getByRole('row', {
      name: /Diversi Anak Berhadapan dengan Hukum — Identifikasi — Bapas Kota Contoh Satu/,
    });
    const [before, after] = await row.getByRole('cell').allTextContents();
    expect(before).toContain('Diversi wajib diupayakan');
    expect(before).toContain(CONSENT_RULE);
    expect(after).toContain('Diversi wajib diupayakan');
    expect(after).not.toContain(CONSENT_RULE);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'ruleset-impact');
  });

  it('publishes the draft', async () => {
    await page
      .getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)')
      .fill('Persetujuan korban mulai 16 tahun');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText('Terbit sebagai versi 2.').waitFor();
    await page.getByText('Versi terbit 2').first().waitFor();
    await page.getByText('Persetujuan korban mulai 16 tahun').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'ruleset-published');
  });
});

describe('the simulator on a real open case', () => {
  it('shows the values the rules read and withholds a sensitive one', async () => {
    await page.goto(`${kawal.url}/admin/aturan/prioritas`);
    await page.getByRole('heading', { name: 'Prioritas dan waktu tanggap kasus', level: 1 }).waitFor();
    const simulator = page.locator('#simulasi');
    const cases = simulator.getByLabel('Kasus', { exact: true });
    const integration =
      'Integrasi narapidana dewasa (PB, CB, CMB, asimilasi) — Asesmen — Bapas Kota Contoh Satu';
    await cases.locator('option', { hasText: integration }).waitFor({ state: 'attached' });
    const budi = (await cases.locator('option').allTextContents()).find((text) =>
      text.startsWith(
        'Integrasi narapidana dewasa (PB, CB, CMB, asimilasi) — Asesmen — Bapas Kota Contoh Satu',
      ),
    );
    if (!budi) throw new Error('the demo integration case in assessment is not offered');
    // No client's name is offered, only what the case is and where.
    expect((await cases.locator('option').allTextContents()).join(' ')).not.toContain('Contoh Budi');
    await cases.selectOption({ label: budi });
    await simulator.getByRole('button', { name: 'Jalankan versi terbit' }).click();
    const result = simulator.getByRole('region', { name: 'Hasil simulasi' });
    await result.waitFor();
    // A value read from a field anyone may see, and one from a sensitive field, withheld.
    await result.getByText('Nilai yang dibaca: rendah').first().waitFor();
    await result.getByText('Nilai yang dibaca disembunyikan (data sensitif)').first().waitFor();
    expect(await result.getByText('Nilai yang dibaca: tb').count()).toBe(0);
    expect(await result.getByText('Menentukan').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'ruleset-simulator');
  });
});

describe('two administrators on one draft', () => {
  it('never overwrites the other’s draft silently, and asks before leaving unsaved edits', async () => {
    const title = 'Asesmen yang wajib menyusul asesmen risiko';
    const other = await session?.browser.newContext({ viewport: { width: 1100, height: 900 } });
    if (!other) throw new Error('no browser');
    const second = await other.newPage();
    acceptDialogs(second);
    await logInAs(second, kawal.url, 'admin');
    for (const target of [page, second]) {
      await target.goto(`${kawal.url}/admin/aturan/kewajiban-asesmen`);
      await target.getByRole('heading', { name: title, level: 1 }).waitFor();
    }
    await page.getByLabel('Judul', { exact: true }).fill(`${title} (versi kantor wilayah)`);
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf tersimpan.').waitFor();

    await second.getByLabel('Judul', { exact: true }).fill(`${title} (usulan kedua)`);
    await second.getByRole('button', { name: 'Simpan draf' }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'Draf ini telah diubah orang lain' });
    await conflict.waitFor();
    expect(await seriousViolations(second)).toEqual([]);
    await conflict.getByRole('button', { name: 'Muat draf mereka (buang perubahan saya)' }).click();
    expect(await second.getByLabel('Judul', { exact: true }).inputValue()).toBe(
      `${title} (versi kantor wilayah)`,
    );
    await other.close();

    await page.getByLabel('Judul', { exact: true }).fill(title);
    await page
      .getByRole('navigation', { name: 'Bagian studio' })
      .getByRole('link', { name: 'Jenis kasus' })
      .click();
    await page.waitForURL('**/admin/jenis-kasus');
    expect(asked).toContain(
      'Ada perubahan yang belum disimpan. Tinggalkan halaman ini dan buang perubahan itu?',
    );
  });
});

describe('the worker after the publish', () => {
  it('sees the new outcome on the demo case at once', async () => {
    await signOut();
    await logInAs(page, kawal.url, 'pk1');
    await page.waitForURL('**/kasus');
    await page.goto(adiUrl);
    const flags = page.getByRole('region', { name: 'Tanda peringatan' });
    await flags.getByText('Diversi wajib diupayakan', { exact: true }).waitFor();
    expect(await flags.getByText(CONSENT_FLAG, { exact: true }).count()).toBe(0);
  });
});
