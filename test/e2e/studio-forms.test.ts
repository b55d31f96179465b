/**
 * The administrator's forms editor, in Chromium against the local stack: the forms list and a new
 * form, a field added to the adult litmas in the visual outline (saved, in the JSON and the preview,
 * published with a note), a diff naming it by its title, rollback, the server's 422 at the field and
 * at its JSON line, two administrators on one draft, and leaving with unsaved edits. Every screen is
 * scanned with axe and kept as a screenshot.
 */
import type { Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
let token: string;

const LITMAS = 'litmas-integrasi-dewasa';
const LITMAS_TITLE = 'Litmas Klien Dewasa: Integrasi (PB / CB / CMB / Asimilasi) dan Pemindahan';
const SECTION = 'Kepala surat dan dasar litmas';

// The largest form, a second browser context and several saves: more time than the default on a busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  const login = await fetch(`${kawal.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BROWSER_PASSWORD }),
  });
  ({ token } = (await login.json()) as { token: string });
  await logInAs(page, kawal.url, 'admin');
});

afterAll(async () => session?.stop());

/** What the API says (as the administrator). */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${kawal.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface FormVersion {
  version: number;
  fromVersion: number | null;
  note: string | null;
  schema: { properties: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/** The dialog handler in place (one at a time: a test that failed half-way must not answer the next one's). */
let answering: { target: Page; handler: (dialog: Dialog) => void } | undefined;

/** Answers the next dialogs in turn (a confirm, a prompt with its text) and tells what each asked. */
function answerDialogs(target: Page, answers: { accept: boolean; text?: string }[]): Promise<string[]> {
  if (answering) answering.target.off('dialog', answering.handler);
  const asked: string[] = [];
  return new Promise((resolve) => {
    const handler = (dialog: Dialog) => {
      const answer = answers[asked.length];
      asked.push(dialog.message());
      void (answer?.accept ? dialog.accept(answer.text) : dialog.dismiss());
      if (asked.length === answers.length) {
        target.off('dialog', handler);
        answering = undefined;
        resolve(asked);
      }
    };
    answering = { target, handler };
    target.on('dialog', handler);
  });
}

const outline = (target: Page) => target.getByRole('tabpanel', { name: 'Kerangka' });
const node = (target: Page, title: string) =>
  outline(target).getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) });
/** An entry's title in the outline, exactly. */
const titled = (target: Page, title: string) =>
  outline(target).locator('.studio-outline-title').getByText(title, { exact: true });
/** The outline entry (list item) of a field, with its settings when open. */
const entry = (target: Page, title: string) =>
  outline(target)
    .locator('li.studio-outline-item')
    .filter({ has: target.locator(':scope > button', { hasText: title }) })
    .last();
const panel = (target: Page, title: string) => target.getByRole('group', { name: `Pengaturan ${title}` });
const preview = (target: Page) => target.getByRole('region', { name: 'Pratinjau formulir' });
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a field's settings, unfolding its section first when it is folded. */
async function openField(target: Page, section: string, title: string): Promise<void> {
  if ((await node(target, title).count()) === 0) await node(target, section).click();
  await node(target, title).click();
  await panel(target, title).waitFor();
}

async function openEditor(target: Page, id = LITMAS, title = LITMAS_TITLE): Promise<void> {
  await target.goto(`${kawal.url}/admin/formulir/${id}`);
  await target.getByRole('heading', { name: title, level: 1 }).waitFor();
  await preview(target).waitFor();
}

async function scan(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target)).toEqual([]);
  await keepScreenshot(target, name);
}

/** The text of the lines CodeMirror shows in an editor (it renders what is in view). */
const shownLines = (editor: Locator) => editor.locator('.cm-line').allTextContents();

describe('the forms list', () => {
  it('lists every form with its status', async () => {
    await page.goto(`${kawal.url}/admin/formulir`);
    await page.getByRole('heading', { name: 'Formulir', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(escapeRegExp(LITMAS_TITLE)) });
    await row.getByRole('link', { name: LITMAS_TITLE }).waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Versi terbit 1',
      'Tanpa draf',
      expect.stringMatching(/\d{4}/),
    ]);
    await scan(page, 'forms-list');
  });

  it('shows the server’s refusal of a form code, and makes a new form with a good one', async () => {
    await page.getByLabel('Kode formulir').fill('Asesmen Keluarga');
    await page.getByLabel('Judul formulir').fill('Asesmen keluarga');
    await page.getByRole('button', { name: 'Buat draf formulir' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Parameter "id" tidak valid.');
    expect(page.url()).toMatch(/\/admin\/formulir$/);

    await page.getByLabel('Kode formulir').fill('asesmen-keluarga');
    await page.getByRole('button', { name: 'Buat draf formulir' }).click();
    await page.waitForURL('**/admin/formulir/asesmen-keluarga');
    await page.getByRole('heading', { name: 'Asesmen keluarga', level: 1 }).waitFor();
    await page.getByText('Belum pernah terbit').waitFor();
    await page.getByText('Formulir ini belum punya bagian atau isian.').waitFor();
    const draft = await api<{ title: string; schema: { type: string } }>('/api/forms/asesmen-keluarga/draft');
    expect(draft).toMatchObject({ title: 'Asesmen keluarga', schema: { type: 'object' } });
  });
});

describe('editing the adult litmas', () => {
  it('adds a field in the outline that shows in the preview, saves it and finds it in the JSON', async () => {
    await openEditor(page);
    await node(page, SECTION).click();
    const section = panel(page, SECTION);
    await section.getByLabel('Judul isian baru').fill('Nomor telepon penjamin');
    expect(await section.getByLabel('Kunci', { exact: true }).getAttribute('placeholder')).toBe(
      'nomorTeleponPenjamin',
    );
    await section.getByLabel('Jenis', { exact: true }).selectOption({ label: 'Teks singkat' });
    await section.getByRole('button', { name: 'Tambah isian' }).click();

    // The new field is open, its title in focus.
    const field = panel(page, 'Nomor telepon penjamin');
    await expect
      .poll(() => field.getByLabel('Judul', { exact: true }).evaluate((e) => e === document.activeElement))
      .toBe(true);
    await field.getByLabel('Teks bantuan').fill('Nomor yang dapat dihubungi, misalnya 0812…');
    await field.getByLabel('Wajib diisi').check();
    await field.getByLabel('Panjang paling banyak (huruf)').fill('20');
    await page.getByText('Belum disimpan').waitFor();

    // The preview follows: the new field, its help, and the example data's new problem.
    await preview(page).getByLabel('Nomor telepon penjamin').waitFor();
    await preview(page).getByText('Nomor yang dapat dihubungi, misalnya 0812…').waitFor();
    await page.getByText(/^Data contoh belum lolos validasi/).click();
    await page.getByText('Kepala surat dan dasar litmas › Nomor telepon penjamin: wajib diisi').waitFor();
    await scan(page, 'form-editor-outline');

    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    await page.getByText('Ada draf belum terbit').waitFor();
    const draft = await api<FormVersion>(`/api/forms/${LITMAS}/draft`);
    expect(draft.schema.properties.pendahuluan?.properties?.nomorTeleponPenjamin).toEqual({
      type: 'string',
      title: 'Nomor telepon penjamin',
      maxLength: 20,
    });
    expect(draft.schema.properties.pendahuluan?.required).toContain('nomorTeleponPenjamin');

    // The JSON view opens at the field chosen in the outline.
    await page.getByRole('tab', { name: 'JSON' }).click();
    const schemaEditor = page.locator('.studio-json-editor').first();
    await expect.poll(() => shownLines(schemaEditor)).toContain('        "nomorTeleponPenjamin": {');
    expect(await shownLines(schemaEditor)).toContain('          "title": "Nomor telepon penjamin",');
    await scan(page, 'form-editor-json');
  });

  it('takes an edit in the JSON into the outline and the preview', async () => {
    const schemaEditor = page.locator('.studio-json-editor').first();
    const line = schemaEditor.locator('.cm-line', { hasText: '"title": "Nomor telepon penjamin"' });
    await line.click();
    // With wrapped lines End stops at each wrap point: enough presses reach the line's end.
    for (let i = 0; i < 4; i++) await page.keyboard.press('End');
    // Before the closing quote and comma: `…penjamin"` + `,` → `…penjamin (HP)"`.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(' (HP)');
    await preview(page).getByLabel('Nomor telepon penjamin (HP)').waitFor();
    await page.getByRole('tab', { name: 'Kerangka' }).click();
    await titled(page, 'Nomor telepon penjamin (HP)').waitFor();
    // Back as it was saved.
    await panel(page, 'Nomor telepon penjamin (HP)')
      .getByLabel('Judul', { exact: true })
      .fill('Nomor telepon penjamin');
    await expect.poll(() => page.getByText('Belum disimpan').count()).toBe(0);
  });

  it('opens in the preview the step of the part chosen in the outline', async () => {
    const stepHeading = (title: string) =>
      preview(page).getByRole('heading', {
        name: new RegExp(`^Langkah \\d+ dari \\d+: ${escapeRegExp(title)}$`),
      });
    await node(page, 'IX. Kesimpulan dan rekomendasi').click();
    await stepHeading('IX. Kesimpulan dan rekomendasi').waitFor();
    await node(page, SECTION).click();
    await stepHeading(SECTION).waitFor();
    // The outline keeps the focus: choosing a part does not pull the person into the preview.
    expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]') !== null)).toBe(
      true,
    );
  });

  it('publishes the draft with a note', async () => {
    await page
      .getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)')
      .fill('Menambah nomor telepon penjamin');
    const asked = answerDialogs(page, [{ accept: true }]);
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    expect((await asked)[0]).toContain('Terbitkan draf ini sebagai versi baru?');
    await page.getByText('Terbit sebagai versi 2.').waitFor();
    await page.getByText('Versi terbit 2').waitFor();
    const history = page.getByRole('region', { name: 'Riwayat versi' });
    await history.getByText('Menambah nomor telepon penjamin').waitFor();
    // Who published, by name: the seeded versions by Kawal itself, this one by the administrator.
    await history
      .getByText(/oleh Administrator Kawal/)
      .first()
      .waitFor();
    expect(await history.textContent()).not.toMatch(/oleh (admin|system)\b/);
    const published = await api<FormVersion>(`/api/forms/${LITMAS}`);
    expect(published).toMatchObject({ version: 2, note: 'Menambah nomor telepon penjamin' });
    expect(published.schema.properties.pendahuluan?.properties).toHaveProperty('nomorTeleponPenjamin');
  });

  it('shows the difference between two versions, naming the added field by its title', async () => {
    const history = page.getByRole('region', { name: 'Riwayat versi' });
    await history.getByLabel('Bandingkan dari').selectOption({ label: 'Versi 1' });
    await history.getByLabel('dengan').selectOption({ label: 'Versi 2' });
    await history.getByRole('button', { name: 'Tampilkan perbedaan' }).click();
    const table = history.getByRole('table', { name: 'Perbedaan antara Versi 1 dan Versi 2' });
    const added = table.getByRole('row').filter({
      has: page.getByRole('rowheader', {
        name: 'Kepala surat dan dasar litmas › Nomor telepon penjamin',
        exact: true,
      }),
    });
    expect(await added.getByRole('cell').first().textContent()).toBe('Ditambahkan');
    await table
      .getByRole('rowheader', {
        name: 'Kepala surat dan dasar litmas › Nomor telepon penjamin › tampilan',
        exact: true,
      })
      .waitFor();
    await table
      .getByRole('rowheader', { name: 'Kepala surat dan dasar litmas › wajib diisi › #4' })
      .waitFor();
    await table
      .getByRole('rowheader', { name: /^Kepala surat dan dasar litmas › urutan › #\d+$/ })
      .first()
      .waitFor();
    await scan(page, 'form-history-diff');
  });

  it('rolls back to version 1: what is published is the old form again', async () => {
    const history = page.getByRole('region', { name: 'Riwayat versi' });
    // A confirmation, then the prompt for the note.
    const asked = answerDialogs(page, [{ accept: true }, { accept: true, text: 'Kembali ke versi awal' }]);
    await history.getByRole('button', { name: 'Kembalikan ke versi 1' }).click();
    expect((await asked)[0]).toContain('Terbitkan ulang versi 1');
    await history.getByText('Versi 1 diterbitkan ulang sebagai versi 3.').waitFor();
    const [published, first] = await Promise.all([
      api<FormVersion>(`/api/forms/${LITMAS}`),
      api<FormVersion>(`/api/forms/${LITMAS}/versions/1`),
    ]);
    expect(published).toMatchObject({ version: 3, fromVersion: 1, note: 'Kembali ke versi awal' });
    expect(published.schema).toEqual(first.schema);
    // With no draft, the editor shows what is published now.
    await page.getByText('Versi terbit 3').waitFor();
    await titled(page, 'Perkara (tindak pidana)').waitFor();
    expect(await titled(page, 'Nomor telepon penjamin').count()).toBe(0);
  });

  it('puts the server’s 422 on the field in the outline and on its line in the JSON', async () => {
    await openField(page, SECTION, 'Perkara (tindak pidana)');
    await panel(page, 'Perkara (tindak pidana)').getByLabel('Panjang paling sedikit (huruf)').fill('-1');
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Draf belum dapat disimpan' });
    await summary.waitFor();
    await summary.getByText('Skema formulir tidak valid.').waitFor();
    const item = summary
      .getByRole('listitem')
      .filter({ hasText: 'Perkara (tindak pidana) › panjang paling sedikit' });
    const message = ((await item.textContent()) ?? '').split(': ').slice(1).join(': ');
    expect(message).not.toBe('');
    // At the field in the outline: the message under its entry, and the count on its button.
    const perkara = entry(page, 'Perkara (tindak pidana)');
    await perkara.locator('.studio-outline-problems').getByText(message).waitFor();
    await perkara
      .getByRole('button', { name: /\d masalah/ })
      .first()
      .waitFor();
    await scan(page, 'form-editor-422');

    // And on the line that says it in the JSON (the marked key, and the message in the lint panel).
    await page.getByRole('tab', { name: 'JSON' }).click();
    const schemaEditor = page.locator('.studio-json-editor').first();
    const marked = schemaEditor
      .locator('.cm-line', { hasText: '"minLength": -1' })
      .locator('.cm-lintRange-error');
    await expect.poll(() => marked.textContent()).toBe('"minLength"');
    await marked.hover();
    await page.locator('.cm-tooltip-lint').getByText(message).first().waitFor();

    // Put right, nothing is left to save.
    await page.getByRole('tab', { name: 'Kerangka' }).click();
    await panel(page, 'Perkara (tindak pidana)').getByLabel('Panjang paling sedikit (huruf)').fill('');
    await expect.poll(() => page.getByText('Belum disimpan').count()).toBe(0);
  });
});

describe('two administrators on one draft', () => {
  it('gives the second save the conflict notice, shows the difference, and loads theirs', async () => {
    if (!session) throw new Error('no browser');
    const other = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const second = await other.newPage();
      await logInAs(second, kawal.url, 'admin');
      await openEditor(page);
      await openEditor(second);

      // The first saves a new title for one field.
      await openField(page, SECTION, 'Nomor register litmas / klien');
      await panel(page, 'Nomor register litmas / klien')
        .getByLabel('Judul', { exact: true })
        .fill('Nomor register');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByText(/^Tersimpan /).waitFor();

      // The second, who opened the form before that, changes a help text and saves.
      await openField(second, SECTION, 'Perkara (tindak pidana)');
      await panel(second, 'Perkara (tindak pidana)')
        .getByLabel('Teks bantuan')
        .fill('Sebut tindak pidananya.');
      await second.getByRole('button', { name: 'Simpan draf' }).click();
      const notice = second.getByRole('alert').filter({ hasText: 'Draf ini telah diubah orang lain' });
      await notice.waitFor();
      // Named as a person, not by the account id.
      await notice.getByText(/^Administrator Kawal menyimpan draf ini pada /).waitFor();
      await notice.getByRole('button', { name: 'Bandingkan draf mereka dengan perubahan Anda' }).click();
      const changedTitle = notice.getByRole('row', { name: /Nomor register litmas \/ klien › judul Diubah/ });
      expect(await changedTitle.getByRole('cell').allTextContents()).toEqual([
        'Diubah',
        'Nomor register',
        'Nomor register litmas / klien',
      ]);
      await notice.getByRole('rowheader', { name: /Perkara \(tindak pidana\) › teks bantuan/ }).waitFor();
      await scan(second, 'form-conflict');

      await notice.getByRole('button', { name: 'Muat draf mereka (buang perubahan saya)' }).click();
      await expect.poll(() => notice.count()).toBe(0);
      await titled(second, 'Nomor register').waitFor();
      expect(await titled(second, 'Nomor register litmas / klien').count()).toBe(0);
      await expect.poll(() => second.getByText('Belum disimpan').count()).toBe(0);
      const draft = await api<FormVersion>(`/api/forms/${LITMAS}/draft`);
      expect(JSON.stringify(draft.schema)).toContain('"title":"Nomor register"');
      expect(JSON.stringify(draft.schema)).not.toContain('Sebut tindak pidananya.');
    } finally {
      await other.close();
    }
  });
});

describe('leaving the editor', () => {
  it('asks first when there are unsaved edits, and stays when told to', async () => {
    await openEditor(page);
    await page.getByLabel('Judul formulir').fill(`${LITMAS_TITLE} (ubah)`);
    const stay = answerDialogs(page, [{ accept: false }]);
    await page.getByRole('link', { name: 'Semua formulir' }).click();
    expect((await stay)[0]).toBe(
      'Ada perubahan yang belum disimpan. Tinggalkan halaman ini dan buang perubahan itu?',
    );
    expect(page.url()).toMatch(new RegExp(`/admin/formulir/${LITMAS}$`));
    await page.getByText('Belum disimpan').waitFor();

    const leave = answerDialogs(page, [{ accept: true }]);
    await page.getByRole('link', { name: 'Semua formulir' }).click();
    await leave;
    await page.waitForURL('**/admin/formulir');
    await page.getByRole('heading', { name: 'Formulir', level: 1 }).waitFor();
  });
});

describe('on a phone', () => {
  it('keeps the editor usable 390 px wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openEditor(page);
      await node(page, SECTION).click();
      await panel(page, SECTION).getByLabel('Judul', { exact: true }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await scan(page, 'form-editor-phone');
    } finally {
      await page.setViewportSize({ width: 1100, height: 900 });
    }
  });
});
