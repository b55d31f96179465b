/**
 * One change carried from the studio to a worker's case, in Chromium against one local stack and
 * one browser session, in order: the administrator adds a yes/no question (the PK has visited the
 * guarantor's home) to the adult litmas in the visual outline and publishes it; makes it a fact of
 * the integration case type in the wiring view and publishes that; makes cuti bersyarat (CB) need it
 * in the condition builder; sees the tests fail and the publish refused with the failing tests shown;
 * gives the tests the new fact; sees the open case whose CB eligibility would change, before and
 * after; publishes. Then the PK opens that case, answers the question in the litmas, and the case
 * reads the changed rule's outcome in plain words, with no restart. Every studio screen is scanned
 * with axe and kept as a screenshot (`journey-<step>`).
 */
import type { Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import type { CaseBody } from '../support/cases';
import {
  litmas,
  monthsAgo,
  rri,
  SEDANG,
  signIn,
  submit,
  TINGGI,
  TODAY,
  YEAR_AGO,
} from '../support/integrasi';
import type { Client } from '../support/kawal';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;
let admin: Client;
let caseUrl = '';

const LITMAS = 'litmas-integrasi-dewasa';
const LITMAS_TITLE = 'Litmas Klien Dewasa: Integrasi (PB / CB / CMB / Asimilasi) dan Pemindahan';
const SECTION = 'II. Kondisi sosial ekonomi keluarga / penjamin';
const QUESTION = 'Rumah penjamin telah dikunjungi PK';
const KEY = 'rumahDikunjungi';
const POINTER = `/kondisiSosialPenjamin/${KEY}`;
const CASE_TYPE_TITLE = 'Integrasi narapidana dewasa (PB, CB, CMB, asimilasi)';
const RULESET = 'kelayakan-integrasi';
const RULESET_TITLE = 'Kelayakan program integrasi (PB dewasa, PB Anak, CB, CMB, asimilasi)';
const CB = 'Cuti bersyarat (CB)';
const CONDITION_TEXT = `${QUESTION} (litmas: {{factValue}})`;
/** A client on a 1-year sentence, detained 10 months ago: two thirds served, CB within reach. */
const CLIENT = { name: 'Hadi Contoh Jurnal', birthDate: '1990-01-15', sex: 'laki-laki' };

// The largest form, three publishes and a ruleset's whole test suite: more time on a busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });

/** What the browser asked (confirm() and prompt()), each answered yes. */
const asked: string[] = [];

/** The litmas of CLIENT as the PK filed it before the change: every answer but the new question. */
function filedLitmas(): Record<string, unknown> {
  const data = litmas(10, CLIENT) as Record<string, Record<string, unknown>>;
  const putusan = data.identitasKlien?.putusan as Record<string, unknown>;
  putusan.lamaPidana = { tahun: 1, bulan: 0, hari: 0 };
  putusan.tanggal = monthsAgo(6);
  return data;
}

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
  page.on('dialog', (dialog: Dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  admin = await signIn(kawal.url, 'admin', BROWSER_PASSWORD);

  // A real case of pk1's in assessment, its risk down from tinggi to sedang and its litmas filed:
  // eligible for CB today. The PK has begun revising the litmas (a saved draft of the same answers).
  const pk1 = await signIn(kawal.url, 'pk1', BROWSER_PASSWORD);
  const opened = await pk1.request<CaseBody>('POST', '/api/cases', {
    body: { client: CLIENT, caseType: 'integrasi' },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;
  caseUrl = `${kawal.url}/kasus/${caseId}`;
  expect(
    (await pk1.request('POST', `/api/cases/${caseId}/transitions`, { body: { to: 'assessment' } })).status,
  ).toBe(200);
  await submit(pk1, caseId, 'asesmen-risiko', rri(TINGGI, YEAR_AGO, undefined, CLIENT.name));
  await submit(pk1, caseId, 'asesmen-risiko', rri(SEDANG, TODAY, undefined, CLIENT.name));
  await submit(pk1, caseId, LITMAS, filedLitmas());
  const saved = await pk1.request('PUT', `/api/cases/${caseId}/drafts/${LITMAS}`, {
    body: { data: filedLitmas() },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const head = await pk1.request<CaseBody>('GET', `/api/cases/${caseId}`);
  expect(head.body.eligibility.CB?.eligible).toBe(true);
});

afterAll(async () => session?.stop());

async function scan(name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await keepScreenshot(page, `journey-${name}`);
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await page.waitForURL('**/masuk');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const outline = () => page.getByRole('tabpanel', { name: 'Kerangka' });
const node = (title: string) =>
  outline().getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) });
const panel = (title: string) => page.getByRole('group', { name: `Pengaturan ${title}` });
const preview = () => page.getByRole('region', { name: 'Pratinjau formulir' });
const notePublish = () => page.getByLabel('Catatan untuk riwayat (apa yang berubah dan mengapa)');
const cbRule = (): Locator => page.getByRole('region', { name: 'cb', exact: true });
const testsTable = () => page.getByRole('table', { name: 'Uji aturan: fakta dan keputusan yang diharapkan' });
const summary = () => page.locator('.rules-tests-summary');
const eligibilityOf = (program: string) => page.locator(`.eligibility li[data-programme="${program}"]`);

interface RuleJson {
  name: string;
  conditions: { all: Record<string, unknown>[] };
}

describe('the administrator’s change, from a form field to a rule', () => {
  it('1. adds a yes/no question to the adult litmas in the outline, and publishes it with a note', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.goto(`${kawal.url}/admin/formulir/${LITMAS}`);
    await page.getByRole('heading', { name: LITMAS_TITLE, level: 1 }).waitFor();
    await preview().waitFor();

    await node(SECTION).click();
    const section = panel(SECTION);
    await section.getByLabel('Judul isian baru').fill(QUESTION);
    await section.getByLabel('Kunci', { exact: true }).fill(KEY);
    await section.getByLabel('Jenis', { exact: true }).selectOption({ label: 'Ya/Tidak' });
    await section.getByRole('button', { name: 'Tambah isian' }).click();
    const field = panel(QUESTION);
    await field
      .getByLabel('Teks bantuan')
      .fill('Ya bila PK telah mengunjungi rumah penjamin, tempat klien akan tinggal selama program.');
    await field.getByLabel('Wajib diisi').check();
    await page.getByText('Belum disimpan').waitFor();
    // The preview, in the question's step, shows it as the PK will get it.
    await preview().getByText('Semua langkah (14)').click();
    await preview()
      .getByRole('button', { name: `6. ${SECTION}` })
      .click();
    await preview().getByRole('radiogroup', { name: QUESTION }).waitFor();
    await preview().getByText('Ya bila PK telah mengunjungi rumah penjamin', { exact: false }).waitFor();
    await scan('1-form-outline');

    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    const draft = await admin.request<{
      schema: { properties: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    }>('GET', `/api/forms/${LITMAS}/draft`);
    const saved = draft.body.schema.properties.kondisiSosialPenjamin;
    expect(saved?.properties[KEY]).toMatchObject({ type: 'boolean', title: QUESTION });
    expect(saved?.required).toContain(KEY);

    await notePublish().fill('Pertanyaan kunjungan rumah penjamin');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText('Terbit sebagai versi 2.').waitFor();
    expect(asked.at(-1)).toContain('Terbitkan draf ini sebagai versi baru?');
    await page.getByText('Versi terbit 2').waitFor();

    // The history names the change by its title.
    const history = page.getByRole('region', { name: 'Riwayat versi' });
    await history.getByText('Pertanyaan kunjungan rumah penjamin').waitFor();
    await history.getByLabel('Bandingkan dari').selectOption({ label: 'Versi 1' });
    await history.getByLabel('dengan').selectOption({ label: 'Versi 2' });
    await history.getByRole('button', { name: 'Tampilkan perbedaan' }).click();
    const added = history
      .getByRole('table', { name: 'Perbedaan antara Versi 1 dan Versi 2' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: `${SECTION} › ${QUESTION}`, exact: true }) });
    expect(await added.getByRole('cell').first().textContent()).toBe('Ditambahkan');
    await scan('1-form-published');
  });

  it('2. makes the question a fact of the integration case type in the wiring view, and publishes it', async () => {
    await page.goto(`${kawal.url}/admin/jenis-kasus/integrasi`);
    await page.getByRole('heading', { name: CASE_TYPE_TITLE, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Sambungan aturan' }).click();
    const unread = page.getByRole('region', { name: 'Fakta jenis kasus yang belum dibaca aturan' });
    await unread.getByRole('button', { name: 'Tambah fakta baru dari kolom formulir' }).click();
    const form = unread.getByRole('form', { name: 'Fakta baru dari kolom formulir' });
    await form.getByLabel('Formulir', { exact: true }).selectOption({ label: LITMAS_TITLE });
    await form.getByLabel('Kolom', { exact: true }).selectOption({ label: `${SECTION} › ${QUESTION}` });
    // The field's key is offered as the name; the type follows the field.
    expect(await form.getByLabel('Nama fakta').inputValue()).toBe(KEY);
    await form.getByText('Jenis fakta: ya/tidak.').waitFor();

    // A name the case type already uses is refused at the name.
    await form.getByLabel('Nama fakta').fill('adaPenjamin');
    await form.getByRole('button', { name: 'Tambahkan ke draf' }).click();
    await form
      .getByText('Jenis kasus ini sudah mempunyai fakta bernama adaPenjamin. Pilih nama lain.')
      .waitFor();
    expect(await form.getByLabel('Nama fakta').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Nama fakta').fill(KEY);
    await form
      .getByLabel('Keterangan (tidak wajib)')
      .fill('PK telah mengunjungi rumah penjamin. Diisi pada litmas integrasi (kondisi sosial penjamin).');
    await form.getByRole('button', { name: 'Tambahkan ke draf' }).click();

    const row = unread.locator(`tr[data-fact="${KEY}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Tersambung di draf (belum terbit)');
    expect(await row.textContent()).toContain(`${LITMAS_TITLE} › ${SECTION} › ${QUESTION}`);
    await unread
      .getByText(`${KEY} kini dibaca dari ${LITMAS_TITLE} › ${SECTION} › ${QUESTION} di draf.`, {
        exact: false,
      })
      .waitFor();
    await scan('2-wiring-new-fact');

    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText(/^Tersimpan /).waitFor();
    const draft = await admin.request<{ facts: { name: string; type: string; source: unknown }[] }>(
      'GET',
      '/api/case-types/integrasi/draft',
    );
    expect(draft.body.facts.find((fact) => fact.name === KEY)).toMatchObject({
      type: 'boolean',
      source: { form: LITMAS, pointer: POINTER },
    });

    // No rule reads it yet: publishing changes no decision.
    await page.getByRole('tab', { name: 'Dampak dan terbit' }).click();
    await page.getByRole('button', { name: 'Lihat dampak draf' }).click();
    await page
      .locator('.impact-result')
      .getByText(/^Dari \d+ kasus terbuka jenis ini, tidak ada yang keputusannya berubah/)
      .waitFor();
    await scan('2-case-type-impact');
    await notePublish().fill('Fakta kunjungan rumah penjamin dari litmas');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText(/^Terbit sebagai versi \d+\.$/).waitFor();

    await page.getByRole('tab', { name: 'Sambungan aturan' }).click();
    const published = page
      .getByRole('region', { name: 'Fakta jenis kasus yang belum dibaca aturan' })
      .locator(`tr[data-fact="${KEY}"]`);
    await published.waitFor();
    expect(await published.textContent()).toContain('Tersambung');
    expect(await published.textContent()).not.toContain('belum terbit');
    await scan('2-wiring-published');
  });

  it('3. makes cuti bersyarat need the home visit in the condition builder, and saves the draft', async () => {
    await page.goto(`${kawal.url}/admin/aturan/${RULESET}`);
    await page.getByRole('heading', { name: RULESET_TITLE, level: 1 }).waitFor();
    await cbRule().getByRole('button', { name: 'cb', exact: true }).click();
    const conditions = cbRule().locator('.rules-condition');
    const before = await conditions.count();
    await cbRule().getByRole('button', { name: '+ Syarat' }).click();
    await expect.poll(() => conditions.count()).toBe(before + 1);
    const added = conditions.nth(before);
    // The case type's new fact, offered by the question's own title.
    await added.locator('select.rule-fields').selectOption({ label: QUESTION });
    await added.getByText('Kalimat syarat').click();
    await added.getByLabel('Nama syarat (dibaca PK pada penjelasan)').fill(QUESTION);
    await added.getByLabel('Kalimat dengan nilai').fill(CONDITION_TEXT);
    expect(await added.getByLabel(`Cara membandingkan: ${QUESTION}`).inputValue()).toBe('equal');
    await added.getByLabel(`Nilai: ${QUESTION}`).selectOption({ label: 'ya' });
    await page.getByText('Belum disimpan').waitFor();
    await scan('3-ruleset-builder');

    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf tersimpan.').waitFor();
    const draft = await admin.request<{ facts: { name: string }[]; rules: RuleJson[] }>(
      'GET',
      `/api/rulesets/${RULESET}/draft`,
    );
    // Using the fact declared it in the ruleset.
    expect(draft.body.facts.map((fact) => fact.name)).toContain(KEY);
    const cb = draft.body.rules.find((rule) => rule.name === 'cb');
    expect(cb?.conditions.all.at(-1)).toEqual({
      fact: KEY,
      operator: 'equal',
      value: true,
      name: QUESTION,
      text: CONDITION_TEXT,
    });
  });

  it('4. runs the tests: the CB tests fail, and publishing is refused with them shown', async () => {
    await page.getByRole('button', { name: 'Jalankan semua uji' }).click();
    await expect.poll(() => summary().textContent(), { timeout: 60_000 }).toMatch(/gagal/);
    const failed = Number(/(\d+) gagal/.exec((await summary().textContent()) ?? '')?.[1]);
    expect(failed).toBeGreaterThan(0);
    const cbTest = testsTable().getByRole('row', { name: /^CB: pidana tepat 18 bulan/ });
    expect(await cbTest.textContent()).toContain('Gagal');
    expect(await cbTest.textContent()).toContain('Keputusan sebenarnya:');
    await scan('4-tests-failing');

    // A fresh look: the table forgets the run, then the refusal fills it.
    await page.reload();
    await page.getByRole('heading', { name: RULESET_TITLE, level: 1 }).waitFor();
    await notePublish().fill('CB mensyaratkan kunjungan rumah penjamin');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText(`Draf tidak diterbitkan: ${failed} uji gagal. Lihat tabel uji.`).waitFor();
    // Exactly the tests that expect CB: their facts say nothing of the home visit.
    const failedRows = await testsTable().locator('tr.rules-test-failed').all();
    expect(failedRows).toHaveLength(failed);
    for (const row of failedRows) expect(await row.locator('td').nth(1).textContent()).toContain(CB);
    expect(await cbTest.textContent()).toContain('Gagal');
    expect(await cbTest.textContent()).toContain(CB);
    await page.getByText('Versi terbit 1').first().waitFor();
    await scan('4-publish-refused');
  });

  it('5. gives each failing test the home visit, and the tests pass', async () => {
    const failing = await testsTable().locator('tr.rules-test-failed th').allTextContents();
    expect(failing.length).toBeGreaterThan(0);
    for (const name of failing) {
      await testsTable()
        .getByRole('button', { name: `Ubah uji ${name}`, exact: true })
        .click();
      const editor = testsTable().locator('.rules-test-editor');
      await editor.getByLabel(QUESTION, { exact: true }).selectOption({ label: 'ya' });
      await editor.getByRole('button', { name: 'Selesai mengubah' }).click();
      await expect.poll(() => editor.count()).toBe(0);
    }
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf tersimpan.').waitFor();
    await page.getByRole('button', { name: 'Jalankan semua uji' }).click();
    await expect.poll(() => summary().textContent(), { timeout: 60_000 }).toMatch(/^\d+ lulus, 0 gagal/);
    const cbTest = testsTable().getByRole('row', { name: /^CB: pidana tepat 18 bulan/ });
    expect(await cbTest.textContent()).toContain('Lulus');
    await cbTest.getByText(/^\d+ fakta$/).click();
    expect(await cbTest.textContent()).toContain(`${QUESTION}: ya`);
    await scan('5-tests-passing');
  });

  it('6. sees the open case whose CB would change, before and after, then publishes', async () => {
    await page.getByRole('button', { name: 'Hitung dampak draf' }).click();
    await page.getByText(/^1 dari \d+ kasus terbuka akan berubah keputusannya\.$/).waitFor();
    const impact = page.getByRole('table', { name: 'Kasus yang keputusannya berubah' });
    const row = impact.getByRole('row', {
      name: /Integrasi narapidana dewasa \(PB, CB, CMB, asimilasi\) — Asesmen — Bapas Kota Contoh Satu/,
    });
    const [now, after] = await row.getByRole('cell').allTextContents();
    expect(now).toContain(CB);
    expect(after).not.toContain(CB);
    await scan('6-impact');

    await notePublish().fill('CB mensyaratkan kunjungan rumah penjamin');
    await page.getByRole('button', { name: 'Terbitkan draf' }).click();
    await page.getByText('Terbit sebagai versi 2.').waitFor();
    await page.getByText('Versi terbit 2').first().waitFor();
    await scan('6-ruleset-published');
  });
});

describe('the worker on a real case, without a restart', () => {
  it('7. answers the new question in the litmas, and the case reads the changed rule’s outcome', async () => {
    await signOut();
    await logInAs(page, kawal.url, 'pk1');
    await page.goto(caseUrl);
    await page.getByRole('heading', { name: CLIENT.name, level: 1 }).waitFor();

    // At once: CB waits for the home visit, in words.
    const cb = eligibilityOf('CB');
    await expect
      .poll(() => cb.locator('summary').textContent())
      .toMatch(new RegExp(`^${escapeRegExp(CB)} Tidak layak 1 syarat belum terpenuhi`));
    expect(await cb.locator('summary').textContent()).toContain(`${QUESTION} — belum ada datanya`);

    // The PK takes up the litmas draft and answers the question in its step.
    const forms = page.locator('#case-forms');
    await forms.getByLabel('Formulir yang akan diisi').selectOption(LITMAS);
    await forms.getByRole('button', { name: 'Buka formulir' }).click();
    await forms.getByRole('heading', { name: LITMAS_TITLE, level: 3 }).waitFor();
    await forms.getByText(/^Draf yang tersimpan .* dipulihkan\.$/).waitFor();
    await forms.getByText('Semua langkah (14)').click();
    await forms.getByRole('button', { name: `6. ${SECTION}` }).click();
    await expect
      .poll(() => forms.locator('.step-heading').textContent())
      .toBe(`Langkah 6 dari 14: ${SECTION}`);
    await forms.getByRole('radiogroup', { name: QUESTION }).getByLabel('Ya', { exact: true }).check();
    await forms.getByText('Semua langkah (14)').click();
    await forms.getByRole('button', { name: '14. Pengesahan' }).click();
    await forms.getByRole('button', { name: 'Kirim' }).click();
    await expect
      .poll(() => forms.getByRole('status').first().textContent())
      .toBe(`Kiriman diterima: ${LITMAS_TITLE} (formulir versi 2).`);

    // The changed rule read the answer: CB again, with the home visit among its conditions.
    await expect.poll(() => cb.locator('summary').textContent()).not.toContain('Tidak layak');
    expect(await cb.locator('summary').textContent()).toContain('Layak');
    await cb.locator('summary').click();
    await cb.getByText(`${QUESTION} (litmas: ya)`).waitFor();
    await scan('7-case');
  });
});
