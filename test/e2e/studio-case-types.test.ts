/**
 * The administrator's case types and packs, in Chromium against the local stack: the process of a
 * default case type drawn and listed; a rule fact without a source shown as unconnected, connected to
 * a form field, its impact on open cases shown before publishing, and then read by the rule on a real
 * case; the configuration exported as a file and a modified copy imported, its differences shown
 * before anything is saved, then loaded as drafts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { ADULT, example, key } from '../support/cases';
import { send } from '../support/kawal';
import { ARTIFACTS, keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
const tokens = new Map<string, string>();

async function api<T = Record<string, unknown>>(
  user: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  let token = tokens.get(user);
  if (!token) {
    const login = await send<{ token: string }>(kawal.url, 'POST', '/api/auth/login', {
      body: { username: user, password: BROWSER_PASSWORD },
    });
    token = login.body.token;
    tokens.set(user, token);
  }
  return send<T>(kawal.url, method, path, { token, ...(body === undefined ? {} : { body }) });
}

interface CaseTypeBody {
  title: string;
  stages: { id: string; title: string }[];
  moves: { from: string; to: string }[];
  facts: { name: string; source?: unknown }[];
}

interface CaseHead {
  id: string;
  stage: string;
  flags?: { id: string; reasons: string[] }[];
}

const FACT = 'meresahkanMasyarakat';
const RULE = 'Tinjau: menimbulkan keresahan masyarakat';
let caseId = '';

/** A supervision record as a PK fills it: the client's behaviour disturbed the community. */
function disturbingRecord(): Record<string, unknown> {
  const data = example('catatan-pengawasan');
  const violations = data.pelanggaran as Record<string, unknown>;
  violations[FACT] = true;
  violations.uraian = 'Ketua RT melaporkan keributan yang ditimbulkan klien di lingkungannya.';
  return data;
}

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal } = session);
  // A page of its own context: axe opens a blank page beside it to combine its results.
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();

  // A configuration with a gap: the supervision case type stops providing one fact the revocation
  // rules read, so the rule that reads it has no input on these cases.
  const published = await api<CaseTypeBody>('admin', 'GET', '/api/case-types/pembimbingan');
  const broken = { ...published.body, facts: published.body.facts.filter((fact) => fact.name !== FACT) };
  expect((await api('admin', 'PUT', '/api/case-types/pembimbingan/draft', broken)).status).toBe(200);
  expect(
    (await api('admin', 'POST', '/api/case-types/pembimbingan/publish', { note: 'Sumber fakta terlepas' }))
      .status,
  ).toBe(201);

  // An open supervision case where the PK records behaviour that disturbs the community.
  const opened = await api<CaseHead>('pk1', 'POST', '/api/cases', {
    client: ADULT,
    caseType: 'pembimbingan',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  for (const to of ['assessment', 'planning', 'intervention']) {
    const moved = await api('kabapas1', 'POST', `/api/cases/${caseId}/transitions`, { to });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  const submitted = await api('pk1', 'POST', `/api/cases/${caseId}/submissions`, {
    formId: 'catatan-pengawasan',
    data: disturbingRecord(),
    idempotencyKey: key('catatan'),
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const head = await api<CaseHead>('pk1', 'GET', `/api/cases/${caseId}`);
  expect((head.body.flags ?? []).map((flag) => flag.id)).not.toContain('tinjau-pencabutan');
}, 300_000);

afterAll(async () => session?.stop());

describe('case types in the studio', () => {
  it('lists the case types with their status', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.goto(`${kawal.url}/admin/jenis-kasus`);
    await page.getByRole('heading', { name: 'Jenis kasus', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Jenis kasus' });
    const row = table.getByRole('row', { name: /Pembimbingan klien di masyarakat/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Versi terbit 2');
    expect(await table.getByRole('link').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-types-list');
  });

  it('draws every stage by title and every move of a default case type, and lists them', async () => {
    const type = (await api<CaseTypeBody>('admin', 'GET', '/api/case-types/pembimbingan')).body;
    await page.getByRole('link', { name: 'Pembimbingan klien di masyarakat' }).click();
    await page.getByRole('heading', { name: 'Pembimbingan klien di masyarakat', level: 1 }).waitFor();
    const diagram = page.locator('.process-diagram svg');
    await diagram.waitFor();
    expect(await diagram.getAttribute('role')).toBe('img');
    for (const stage of type.stages) {
      const box = diagram.locator(`[data-stage="${stage.id}"]`);
      expect((await box.textContent())?.replace(/\s+/g, ' ').trim()).toBe(stage.title);
    }
    expect(await diagram.locator('[data-move]').count()).toBe(type.moves.length);
    // The move that waits for the head's approval is labelled so in the drawing and in the table.
    expect(await diagram.locator('[data-move="planning>intervention"]').textContent()).toContain(
      'perlu persetujuan Kabapas',
    );
    const moves = page.getByRole('table', { name: 'Perpindahan tahap' });
    expect(await moves.locator('tbody tr').count()).toBe(type.moves.length);
    const approval = moves.getByRole('row', { name: /Perencanaan Intervensi/ });
    expect(await approval.textContent()).toContain('perlu persetujuan Kabapas');
    // Closing is decided by the termination rules; every open stage may close.
    expect(await moves.getByRole('row', { name: /Setiap tahap terbuka Terminasi/ }).textContent()).toContain(
      'diputuskan aturan Terminasi kasus',
    );
    // Per stage, in words: forms by title and deadlines with their length and start.
    const stages = page.locator('.process-stages');
    expect(await stages.getByRole('row', { name: /^Pengawasan/ }).textContent()).toContain(
      'Catatan Pengawasan',
    );
    expect(await page.locator('.process-list').first().textContent()).toContain(
      '10 hari kerja sejak pelimpahan ke kantor lain diajukan',
    );
    expect(await page.getByText('Saat kasus dibuka', { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-process');

    // On a phone the page does not scroll sideways: the drawing scales, wide tables scroll in place.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await keepScreenshot(page, 'case-type-process-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('marks the fact without a source, connects it to a form field and saves the draft', async () => {
    await page.getByRole('tab', { name: 'Sambungan aturan' }).click();
    const ruleset = page.locator('.wiring-ruleset', {
      has: page.getByRole('heading', { name: /Pemicu peninjauan pencabutan/ }),
    });
    const row = ruleset.locator(`tr[data-fact="${FACT}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Tidak tersambung');
    expect(await row.textContent()).toContain(RULE);
    expect(await ruleset.getByText('1 tidak tersambung').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-wiring-unconnected');

    await row.getByRole('button', { name: `Sambungkan ${FACT} ke kolom formulir` }).click();
    await row.getByLabel('Formulir').selectOption({ label: 'Catatan Pengawasan / Bimbingan' });
    await row.getByLabel('Kolom').selectOption({
      label: 'Pelanggaran dan perubahan keadaan › Perilaku klien menimbulkan keresahan masyarakat',
    });
    await row.getByRole('button', { name: 'Tambahkan ke draf' }).click();
    expect(await row.textContent()).toContain('Tersambung di draf (belum terbit)');
    expect(await row.textContent()).toContain(
      'Catatan Pengawasan / Bimbingan › Pelanggaran dan perubahan keadaan › Perilaku klien menimbulkan keresahan masyarakat',
    );
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    const draft = await api<CaseTypeBody>('admin', 'GET', '/api/case-types/pembimbingan/draft');
    expect(draft.body.facts.find((fact) => fact.name === FACT)?.source).toEqual({
      form: 'catatan-pengawasan',
      pointer: '/pelanggaran/meresahkanMasyarakat',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-wiring-connected');
  });

  it('shows the impact on open cases before publishing, then publishes', async () => {
    await page.getByRole('tab', { name: 'Dampak dan terbit' }).click();
    await page.getByRole('button', { name: 'Lihat dampak draf' }).click();
    const result = page.locator('.impact-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/keputusan \d+ kasus akan berubah/);
    expect(await result.textContent()).toMatch(/Pemicu peninjauan pencabutan program integrasi: \d+ kasus/);
    const changed = page.getByRole('table', { name: 'Keputusan yang berubah, per kasus dan aturan' });
    const row = changed.getByRole('row', { name: /Pemicu peninjauan pencabutan/ }).first();
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.at(-2)).toBe('tidak ada keputusan');
    expect(cells.at(-1)).toBe('Peninjauan pencabutan: Perilaku klien menimbulkan keresahan masyarakat');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-impact');

    await page
      .getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)')
      .fill('Fakta perilaku meresahkan disambungkan ke catatan pengawasan');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText('Terbit sebagai versi 3.').waitFor();
    await page.getByRole('tab', { name: 'Sambungan aturan' }).click();
    const wired = page.locator(`tr[data-fact="${FACT}"]`).first();
    await wired.waitFor();
    expect(await wired.textContent()).toContain('Tersambung');
    expect(await wired.textContent()).not.toContain('Tidak tersambung');
  });

  it('lets the rule read the connected value on a real case', async () => {
    const submitted = await api<{ decisions: { rulesetId: string; events: { type: string }[] }[] }>(
      'pk1',
      'POST',
      `/api/cases/${caseId}/submissions`,
      { formId: 'catatan-pengawasan', data: disturbingRecord(), idempotencyKey: key('catatan') },
    );
    expect(submitted.status).toBe(201);
    const revocation = submitted.body.decisions.find((d) => d.rulesetId === 'peninjauan-pencabutan');
    expect(revocation?.events.map((event) => event.type)).toContain('tinjau-pencabutan');
    const head = await api<CaseHead>('pk1', 'GET', `/api/cases/${caseId}`);
    const flag = (head.body.flags ?? []).find((candidate) => candidate.id === 'tinjau-pencabutan');
    expect(flag?.reasons.join(' ')).toMatch(/keresahan masyarakat/i);

    const evaluated = await api<{
      explanation: { rule: string; fired: boolean; conditions: { fact: string; factValue: unknown }[] }[];
    }>('pk1', 'POST', '/api/rulesets/peninjauan-pencabutan/evaluate', { caseId });
    const rule = evaluated.body.explanation.find((entry) =>
      entry.conditions.some((condition) => condition.fact === FACT),
    );
    expect(rule?.fired).toBe(true);
    expect(rule?.conditions.find((condition) => condition.fact === FACT)?.factValue).toBe(true);
  });
});

describe('editing a case type without JSON', () => {
  it('renames a stage and adds a move, shown in the diagram, saved and compared in the history', async () => {
    await page.goto(`${kawal.url}/admin/jenis-kasus/pembimbingan`);
    await page.getByRole('tab', { name: 'Ubah' }).click();
    await page.getByLabel('Tahap 5', { exact: true }).fill('Pengawasan lapangan');
    await page.getByLabel('Dari tahap').selectOption({ label: 'Pendampingan' });
    await page.getByLabel('Ke tahap').selectOption({ label: 'Asesmen' });
    await page.getByLabel('Perpindahan oleh PK perlu persetujuan Kabapas').check();
    await page.getByRole('button', { name: 'Tambahkan perpindahan' }).click();
    await page.getByText('Perpindahan Pendampingan → Asesmen ditambahkan ke draf.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-edit');

    await page.getByRole('tab', { name: 'Alur kasus' }).click();
    const diagram = page.locator('.process-diagram svg');
    expect(await diagram.locator('[data-stage="monitoring"]').textContent()).toBe('Pengawasan lapangan');
    expect(await diagram.locator('[data-move="accompaniment>assessment"]').textContent()).toContain(
      'perlu persetujuan Kabapas',
    );
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    const saved = (await api<CaseTypeBody>('admin', 'GET', '/api/case-types/pembimbingan/draft')).body;
    expect(saved.stages.find((stage) => stage.id === 'monitoring')?.title).toBe('Pengawasan lapangan');
    expect(saved.moves.at(-1)).toEqual({ from: 'accompaniment', to: 'assessment', approval: true });

    await page.getByRole('tab', { name: 'Riwayat' }).click();
    await page.getByLabel('Bandingkan dari').selectOption({ label: 'Versi 3' });
    await page.getByLabel('dengan').selectOption({ label: 'Draf saat ini' });
    await page.getByRole('button', { name: 'Tampilkan perbedaan' }).click();
    const diff = page.locator('.studio-diff');
    const renamed = diff.getByRole('row', { name: /Tahap «Pengawasan lapangan» › Judul/ });
    await renamed.waitFor();
    expect(await renamed.getByRole('cell').allTextContents()).toEqual([
      'Diubah',
      'Pengawasan',
      'Pengawasan lapangan',
    ]);
    expect(await diff.getByRole('row', { name: /Perpindahan Pendampingan → Asesmen/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-type-history');
  });
});

describe('configuration packs', () => {
  it('exports the whole configuration as one file', async () => {
    await page.goto(`${kawal.url}/admin/paket`);
    await page.getByRole('heading', { name: 'Paket konfigurasi', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh paket konfigurasi' }).click(),
    ]);
    const file = join(ARTIFACTS, 'paket.json');
    await download.saveAs(file);
    const pack = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      forms: { id: string; title: string }[];
      rulesets: unknown[];
      caseTypes: { id: string; content: { stages: { id: string; title: string }[] } }[];
    };
    expect(pack.format).toBe('kawal-pack/1');
    await page
      .getByText(
        `Berkas diunduh: ${pack.forms.length} formulir, ${pack.rulesets.length} aturan keputusan, ${pack.caseTypes.length} jenis kasus.`,
      )
      .waitFor();
    await keepScreenshot(page, 'packs-exported');
  });

  it('shows what an import would change before saving anything, then loads drafts', async () => {
    const pack = JSON.parse(readFileSync(join(ARTIFACTS, 'paket.json'), 'utf8')) as {
      forms: { id: string; title: string }[];
      caseTypes: { id: string; title: string; content: { stages: { id: string; title: string }[] } }[];
    };
    const form = pack.forms.find((item) => item.id === 'rujukan');
    const caseType = pack.caseTypes.find((item) => item.id === 'pemindahan');
    const stage = caseType?.content.stages.find((item) => item.id === 'assessment');
    if (!form || !caseType || !stage) throw new Error('the default pack changed');
    const formTitle = form.title;
    form.title = `${formTitle} (revisi)`;
    stage.title = 'Asesmen dan litmas';
    const modified = join(ARTIFACTS, 'paket-diubah.json');
    writeFileSync(modified, JSON.stringify(pack));

    await page.getByLabel('Berkas paket (JSON)').setInputFiles(modified);
    await page
      .getByText(/^2 diubah, 0 baru, \d+ sama seperti yang terbit\. Belum ada yang disimpan\.$/)
      .waitFor();
    expect((await api('admin', 'GET', '/api/forms/rujukan/draft')).status).toBe(404);
    expect((await api('admin', 'GET', '/api/case-types/pemindahan/draft')).status).toBe(404);

    const table = page.locator('.pack-table');
    await table.getByRole('button', { name: `Lihat perbedaan ${caseType.title}` }).click();
    const diff = page.getByRole('table', { name: `Perbedaan ${caseType.title}: yang terbit dan isi berkas` });
    const change = diff.getByRole('row', { name: /Tahap «Asesmen dan litmas»/ });
    await change.waitFor();
    expect(await change.getByRole('cell').allTextContents()).toEqual([
      'Diubah',
      'Asesmen',
      'Asesmen dan litmas',
    ]);
    await table.getByRole('button', { name: `Lihat perbedaan ${form.title}` }).click();
    const formDiff = page.getByRole('table', { name: `Perbedaan ${form.title}: yang terbit dan isi berkas` });
    const retitled = formDiff.getByRole('row', { name: /^Judul/ });
    await retitled.waitFor();
    expect(await retitled.getByRole('cell').allTextContents()).toEqual(['Diubah', formTitle, form.title]);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'packs-import-preview');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Muat sebagai draf' }).click();
    await page.getByText('2 draf dimuat. Periksa dan terbitkan masing-masing di editornya:').waitFor();
    const draft = await api<{ title: string }>('admin', 'GET', '/api/forms/rujukan/draft');
    expect(draft.body.title).toBe(form.title);
    expect((await api<{ title: string }>('admin', 'GET', '/api/forms/rujukan')).body.title).toBe(formTitle);
    const typeDraft = await api<CaseTypeBody>('admin', 'GET', '/api/case-types/pemindahan/draft');
    expect(typeDraft.body.stages.find((item) => item.id === 'assessment')?.title).toBe('Asesmen dan litmas');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'packs-loaded');
  });
});
