/**
 * The web app under its Content-Security-Policy (functions/platform/security-headers.ts, which the
 * local server sends on every page as CloudFront does in AWS): no 'unsafe-eval', so no schema may be
 * compiled in the browser. A PK fills the adult litmas on a case (a step refused in Indonesian, a NIP
 * worded by the form's own message, Kirim leading to what is missing, then filed), checked by the
 * server's precompiled validators imported from the API; an administrator previews a draft in the
 * studio (the example data's problems, an unsaved schema the server cannot compile, the JSON editor's
 * check, its styles kept in a shadow root). Every page listens for `securitypolicyviolation` events and
 * console errors: there must be none.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { contentSecurityPolicy } from '../../functions/platform/security-headers';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { logInAs } from '../support/studio';

let kawal: LocalKawal;
let browser: Browser;
let page: Page;
let session: BrowserSession | undefined;
let caseUrl = '';

vi.setConfig({ testTimeout: 180_000 });

const LITMAS = 'Litmas Klien Dewasa: Integrasi (PB / CB / CMB / Asimilasi) dan Pemindahan';
const CLIENT = {
  name: 'Sari Contoh Kebijakan',
  birthDate: '1987-07-02',
  sex: 'perempuan',
  nik: '3201014207870003',
};

/** What the policy refused, what the pages logged as errors, and the API's failed answers, since the test began. */
const violations: string[] = [];
const consoleErrors: string[] = [];
const failedRequests: string[] = [];

/**
 * Listens on every page of `context`: each document reports what its policy refused (the binding
 * reaches the test from any page), and what the page logs as an error. A resource answered 4xx is
 * logged by Chromium too; those are kept apart, by URL, since the app asks for some on purpose (a case
 * draft that does not exist yet).
 */
/** A request of the validators (a module, or a draft's schema for its module). */
const isValidation = (request: string) => /\/validator\.js|\/previews/.test(request);

async function watch(context: BrowserContext): Promise<void> {
  await context.exposeBinding('reportViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || '(inline)'} at ${event.sourceFile}`);
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource:')) {
      consoleErrors.push(message.text());
    }
  });
  context.on('weberror', (error) => consoleErrors.push(error.error().message));
  context.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
}

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
  await watch(page.context());

  const { token } = await api<{ token: string }>('/api/auth/login', undefined, {
    username: 'pk1',
    password: BROWSER_PASSWORD,
  });
  const created = await api<{ id: string }>('/api/cases', token, { client: CLIENT, caseType: 'integrasi' });
  await api(`/api/cases/${created.id}/transitions`, token, { to: 'assessment' });
  caseUrl = `${kawal.url}/kasus/${created.id}`;
});

afterAll(async () => session?.stop());

const forms = () => page.locator('#case-forms');
const errorItems = () => forms().locator('.error-list li').allTextContents();
const stepHeading = () => forms().locator('.step-heading');

describe('the policy', () => {
  it('comes with every page of the app, without unsafe-eval', async () => {
    const response = await fetch(`${kawal.url}/kasus`);
    const policy = response.headers.get('content-security-policy');
    expect(policy).toBe(contentSecurityPolicy());
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    // The API's answers are data, not pages: they carry no page policy of their own.
    expect((await fetch(`${kawal.url}/api/health`)).headers.get('content-security-policy')).toBeNull();
  });
});

describe('a PK fills a long form under the policy', () => {
  it('checks a step with the server’s precompiled validators, in Indonesian', async () => {
    await logInAs(page, kawal.url, 'pk1');
    await page.goto(caseUrl);
    await page.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();
    const module = page.waitForResponse((response) => /\/validator\.js\?/.test(response.url()));
    await forms().getByLabel('Formulir yang akan diisi').selectOption('litmas-integrasi-dewasa');
    await forms().getByRole('button', { name: 'Buka formulir' }).click();
    await forms().getByRole('heading', { name: LITMAS, level: 3 }).waitFor();
    const answer = await module;
    expect(answer.url()).toContain('/api/forms/litmas-integrasi-dewasa/versions/1/validator.js?lang=id');
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers()['cache-control']).toContain('immutable');

    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await forms().locator('.error-list').waitFor();
    expect(await errorItems()).toEqual([
      'Jenis litmas (program integrasi yang diusulkan, atau pemindahan): wajib diisi',
      'Nomor surat permintaan: wajib diisi',
      'Instansi peminta: wajib diisi',
    ]);
    await page.locator('#root_pendahuluan_jenisLitmas').getByLabel('Pembebasan Bersyarat (PB)').check();
    await page.locator('#root_pendahuluan_nomorSuratPermintaan').fill('W11.PAS.5-PK.01.05-0077');
    await page.locator('#root_pendahuluan_instansiPeminta').fill('Lapas Kelas IIA Kota Contoh');
    await expect.poll(() => forms().locator('.error-list').count()).toBe(0);
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await expect.poll(() => stepHeading().textContent()).toMatch(/^Langkah 2 dari 14/);

    // A pattern (run on RE2 in the module) with the form's own message.
    await page.locator('#root_dataPk_nip').fill('1990 0101');
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await forms().locator('.error-list').waitFor();
    expect(await errorItems()).toEqual(['NIP: NIP terdiri dari 18 angka, tanpa spasi atau tanda baca.']);
    await page.locator('#root_dataPk_nip').fill('199001012099011001');
    await forms().getByRole('button', { name: 'Berikutnya' }).click();
    await expect.poll(() => stepHeading().textContent()).toMatch(/^Langkah 3 dari 14/);
  });

  it('leads Kirim to what is missing, then files the litmas once it is right', async () => {
    await forms().getByText('Semua langkah (14)').click();
    await forms().getByRole('button', { name: '14. Pengesahan' }).click();
    await forms().getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('Langkah 3 dari 14: A. Identitas klien');
    const items = await errorItems();
    expect(items.slice(0, 2)).toEqual(['Nomor putusan: wajib diisi', 'Tanggal putusan: wajib diisi']);
    expect(items).toContain('Kesimpulan: wajib diisi');

    await page.locator('#root_identitasKlien_putusan_nomor').fill('77/Pid.B/2024/PN Contoh');
    await page.locator('#root_identitasKlien_putusan_tanggal').fill('2024-06-11');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_tahun').fill('3');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_bulan').fill('0');
    await page.locator('#root_identitasKlien_putusan_lamaPidana_hari').fill('0');
    await forms().locator('.error-list').getByRole('link', { name: 'Kesimpulan', exact: true }).click();
    await expect
      .poll(() => stepHeading().textContent())
      .toBe('Langkah 13 dari 14: IX. Kesimpulan dan rekomendasi');
    await page.locator('#root_kesimpulanRekomendasi_kesimpulan').fill('Klien layak diusulkan PB.');
    await page
      .locator('#root_kesimpulanRekomendasi_rekomendasi')
      .getByLabel('Direkomendasikan Pembebasan Bersyarat (PB)')
      .check();
    await page.locator('#root_kesimpulanRekomendasi_uraianRekomendasi').fill('Penjamin bersedia.');
    await expect.poll(() => forms().locator('.error-list').count()).toBe(0);
    await forms().getByRole('button', { name: 'Kirim' }).click();
    await expect
      .poll(() => forms().getByRole('status').first().textContent())
      .toBe(`Kiriman diterima: ${LITMAS} (formulir versi 1).`);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests.filter(isValidation)).toEqual([]);
  });
});

describe('an administrator previews a draft under the policy', () => {
  const preview = () => page.getByRole('region', { name: 'Pratinjau formulir' });

  it('lists the example data’s problems, checked by the draft’s validators from the server', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await watch(context);
    page = await context.newPage();
    await logInAs(page, kawal.url, 'admin');
    const stored = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/forms/litmas-integrasi-dewasa/previews') && response.status() === 201,
    );
    await page.goto(`${kawal.url}/admin/formulir/litmas-integrasi-dewasa`);
    await preview().waitFor();
    await stored;
    await page.getByRole('button', { name: 'Kosongkan' }).click();
    const summary = page.getByText(/^Data contoh belum lolos validasi: \d+ masalah$/);
    await summary.click();
    const problems = page.locator('.studio-preview-problems li');
    await expect.poll(() => problems.count()).toBeGreaterThan(0);
    for (const problem of await problems.allTextContents()) expect(problem).toMatch(/: wajib diisi$/);
    // The preview's Kirim checks as a worker's form does.
    await preview().getByRole('button', { name: 'Kirim' }).click();
    await preview().locator('.error-list').getByText('Nomor surat permintaan: wajib diisi').waitFor();
  });

  it('marks an unsaved schema the server cannot compile, and the JSON editor checks it too', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const schemaEditor = page.locator('.studio-json-editor').first();
    const line = schemaEditor.locator('.cm-line', { hasText: /^ {2}"type": "object",$/ }).first();
    await line.click();
    await page.keyboard.press('End');
    // Before the closing quote and comma: "object" becomes "objectx", a type JSON Schema does not have.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('x');
    await page
      .getByText(
        'Skema saat ini belum dapat dipakai; pratinjau menampilkan skema terakhir yang dapat dipakai.',
      )
      .waitFor();
    await expect
      .poll(() => page.locator('.studio-preview-reason').textContent())
      .toMatch(/schema is invalid/);
    // The meta-schema's check, precompiled into the web app, marks the line.
    await expect.poll(() => schemaEditor.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    // Nor a refusal of style: the editor keeps CodeMirror's styles in its shadow root's adopted sheets.
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests.filter(isValidation)).toEqual([
      expect.stringMatching(/^422 .*\/api\/forms\/litmas-integrasi-dewasa\/previews$/),
    ]);
  });
});
