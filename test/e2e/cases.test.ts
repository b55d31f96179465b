/**
 * What a PK and a supervisor do with cases, in Chromium against the real local stack (with its
 * fictional demo cases) and the built web app: the caseload, a case file, filing a form the case type
 * offers at the case's stage, moving and closing the case under the termination rules, notes, a
 * closing that waits for Kabapas's approval, and the supervisor's office view, approval and audit.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { type BrowserSession, startBrowserSession } from '../support/browser';

let kawal: LocalKawal;
let page: Page;
/** The addresses of Adi Contoh's and Citra Contoh's cases, once the PK has opened them. */
let adiUrl = '';
let citraUrl = '';

let session: BrowserSession | undefined;

beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, page } = session);
});

afterAll(async () => session?.stop());

async function logIn(username: string): Promise<void> {
  await page.goto(`${kawal.url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('rahasia-uji');
  await page.getByRole('button', { name: 'Masuk' }).click();
}

const section = (id: string): Locator => page.locator(`#case-${id}`);
const statusIn = (id: string) => () => section(id).getByRole('status').first().textContent();
const caseRows = () => page.locator('table.caseload tbody tr');

describe('a PK works through a case in the browser', () => {
  it('lands on the caseload after signing in, the most pressing case first', async () => {
    await logIn('pk1');
    await page.waitForURL('**/kasus');
    await page.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor();
    await page.getByText('Kasus yang ditugaskan kepada Anda.').waitFor();
    const first = caseRows().first();
    await first.getByRole('link', { name: 'Adi Contoh' }).waitFor();
    // A child's diversion litmas is due within 3 x 24 hours: the demo's most pressing case.
    expect(await first.locator('.badge.priority').textContent()).toContain('Segera');
    expect(await first.locator('td').first().textContent()).toBe('Identifikasi');
    // The deadline's title is its case type's.
    expect(await first.locator('.deadline-kind').textContent()).toBe('Litmas diversi (3 × 24 jam)');
    // The counts: pk1 holds four open demo cases: one segera, one tinggi, two rendah.
    const byPriority = page.locator('.stat', {
      has: page.getByRole('heading', { name: 'Menurut prioritas' }),
    });
    expect(await byPriority.getByRole('link', { name: /Segera/ }).textContent()).toContain('1');
    expect(await byPriority.getByRole('link', { name: /Tinggi/ }).textContent()).toContain('1');
    expect(await byPriority.getByRole('link', { name: /Rendah/ }).textContent()).toContain('2');
  });

  it('filters the caseload through the query string', async () => {
    await page.getByLabel('Tahap', { exact: true }).selectOption('monitoring');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL('**/kasus?stage=monitoring');
    await expect.poll(() => caseRows().count()).toBe(1);
    expect(await caseRows().first().getByRole('link').textContent()).toBe('Citra Contoh');
    await page.getByRole('link', { name: 'Hapus saringan' }).click();
    await page.waitForURL('**/kasus');
    await expect.poll(() => caseRows().count()).toBe(4);
  });

  it('opens a case file: head, flags, priority with its reasons, deadlines, eligibility', async () => {
    await page.getByRole('link', { name: 'Adi Contoh' }).click();
    await page.waitForURL(/\/kasus\/[0-9A-Z]+$/);
    adiUrl = page.url();
    await page.getByRole('heading', { name: 'Adi Contoh', level: 1 }).waitFor();
    expect(await page.getByTestId('case-stage').textContent()).toBe('Identifikasi');
    await page.getByText('Tanggapi dalam 24 jam.').waitFor();
    // What the diversion rules raised stands first, with the reasons.
    const flags = page.getByRole('region', { name: 'Tanda peringatan' });
    await flags.getByText('Diversi wajib diupayakan').waitFor();
    expect(await flags.textContent()).toContain('Ancaman pidana di bawah 7 tahun (84 bulan)');
    await page.getByRole('heading', { name: 'Kelayakan program', level: 2 }).waitFor();
    await section('submissions')
      .locator('.item-title', { hasText: 'Identifikasi dan Registrasi Klien (Intake)' })
      .waitFor();
  });

  it('offers only the forms of the case type at the case’s stage', async () => {
    const options = await section('forms')
      .getByLabel('Formulir yang akan diisi')
      .locator('option')
      .allTextContents();
    // A diversion case at intake: the intake form and the termination form, nothing for later stages.
    expect(options.slice(1).map((text) => text.replace(/ \(terakhir dikirim .*\)$/, ''))).toEqual([
      'Identifikasi dan Registrasi Klien (Intake)',
      expect.stringContaining('Terminasi'),
    ]);
  });

  it('fills catatan-pengawasan, keeps the work as a draft, and files it once', async () => {
    // Supervision notes are offered once a case is supervised: Citra's is at monitoring.
    await page.goto(`${kawal.url}/kasus`);
    await page.getByRole('link', { name: 'Citra Contoh' }).click();
    await page.getByRole('heading', { name: 'Citra Contoh', level: 1 }).waitFor();
    citraUrl = page.url();
    const history = section('submissions');
    await history.locator('.item').first().waitFor();
    const filedBefore = await history.locator('.item').count();
    const forms = section('forms');
    await forms.getByLabel('Formulir yang akan diisi').selectOption('catatan-pengawasan');
    await forms.getByRole('button', { name: 'Buka formulir' }).click();
    await forms.getByRole('heading', { name: 'Catatan Pengawasan / Bimbingan', level: 3 }).waitFor();

    const autosaved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/drafts/catatan-pengawasan') &&
        response.request().method() === 'PUT' &&
        response.ok(),
    );
    await page.locator('#root_identitas_namaKlien').fill('Citra Contoh');
    await page.locator('#root_identitas_namaPk').fill('PK Satu');
    await autosaved;
    await forms.getByText(/^Draf tersimpan/).waitFor();

    // Closed and opened again: the draft comes back.
    await forms.getByRole('button', { name: 'Tutup formulir' }).click();
    await forms.getByLabel('Formulir yang akan diisi').selectOption('catatan-pengawasan');
    await forms.getByRole('button', { name: 'Buka formulir' }).click();
    await forms.getByText(/^Draf yang tersimpan .* dipulihkan\.$/).waitFor();
    expect(await page.locator('#root_identitas_namaKlien').inputValue()).toBe('Citra Contoh');
    expect(await page.locator('#root_identitas_namaPk').inputValue()).toBe('PK Satu');

    // The rest, with values from the form's example.
    await page.locator('#root_tanggal').fill('2026-11-20');
    await page.locator('#root_wajibLapor').getByLabel('Hadir / melapor').check();
    await page.locator('#root_jenisKontak').getByLabel('Klien datang ke Bapas').check();
    await page.locator('#root_pemrakarsaKontak').getByLabel('Klien menghubungi PK').check();
    await page.locator('#root_perubahanRencana_ada').getByLabel('Tidak').check();
    await page.locator('#root_pelanggaran_tindakPidanaBaru').getByLabel('Tidak ada').check();
    for (const id of ['pindahAlamatTanpaLapor', 'tidakMengikutiProgram', 'meresahkanMasyarakat'])
      await page.locator(`#root_pelanggaran_${id}`).getByLabel('Tidak').check();

    const sent: { formId?: string; idempotencyKey?: string }[] = [];
    const onRequest = (request: { method(): string; url(): string; postData(): string | null }) => {
      if (request.method() === 'POST' && request.url().endsWith('/submissions'))
        sent.push(JSON.parse(request.postData() ?? '{}') as { formId?: string; idempotencyKey?: string });
    };
    page.on('request', onRequest);

    // The server refuses once: its field errors land on the fields, as on the fill-form page.
    await page.route('**/api/cases/*/submissions', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'Data formulir tidak valid.',
            details: [{ path: '/identitas/namaKlien', message: 'nama tidak sesuai register' }],
          },
        }),
      }),
    );
    await forms.getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(() => forms.getByRole('alert').textContent()).toBe('Server menolak data: 1 kesalahan.');
    expect(await forms.locator('.error-list li').allTextContents()).toContain(
      'Nama klien: nama tidak sesuai register',
    );
    await page.unroute('**/api/cases/*/submissions');

    // Sent again, with a double click: one submission, under the same idempotency key as before.
    await forms.getByRole('button', { name: 'Kirim' }).dblclick();
    await expect
      .poll(statusIn('forms'))
      .toBe('Kiriman diterima: Catatan Pengawasan / Bimbingan (formulir versi 1).');
    page.off('request', onRequest);
    expect(sent.map((body) => body.formId)).toEqual(['catatan-pengawasan', 'catatan-pengawasan']);
    const [refused, accepted] = sent.map((body) => body.idempotencyKey);
    expect(refused).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted).toBe(refused);
    await forms.getByRole('heading', { name: 'Keputusan aturan atas kiriman ini' }).waitFor();

    await history.locator('.item-title', { hasText: 'Catatan Pengawasan / Bimbingan' }).waitFor();
    await expect.poll(() => history.locator('.item').count()).toBe(filedBefore + 1);
  });

  it('opens the printable report of a submission in a new tab', async () => {
    const item = section('submissions').locator('.item', { hasText: 'Catatan Pengawasan / Bimbingan' });
    const popup = page.waitForEvent('popup');
    await item.getByRole('button', { name: /Laporan cetak/ }).click();
    const report = await popup;
    await report.waitForURL(/^blob:/);
    await report.getByText('Citra Contoh').first().waitFor();
    await report.close();
  });

  it('moves the case to the next stage', async () => {
    await page.goto(adiUrl);
    await page.getByRole('heading', { name: 'Adi Contoh', level: 1 }).waitFor();
    const stage = section('stage');
    await stage.getByRole('button', { name: 'Pindah ke Asesmen' }).click();
    await stage.getByRole('button', { name: 'Ya, pindahkan' }).click();
    await expect.poll(statusIn('stage')).toBe('Tahap kasus sekarang: Asesmen.');
    expect(await page.getByTestId('case-stage').textContent()).toBe('Asesmen');
    await stage.getByRole('button', { name: 'Pindah ke Perencanaan' }).waitFor();
  });

  it('adds a note', async () => {
    const notes = section('notes');
    await notes
      .getByLabel('Isi catatan')
      .fill('Klien menelepon untuk mengatur jadwal lapor. Data uji fiktif.');
    await notes.getByLabel('Jenis kontak').selectOption('telepon');
    await notes.getByRole('button', { name: 'Simpan catatan' }).click();
    await expect.poll(statusIn('notes')).toBe('Catatan disimpan.');
    const note = notes.locator('.item', { hasText: 'Klien menelepon untuk mengatur jadwal lapor.' });
    await note.waitFor();
    expect(await note.locator('.meta').textContent()).toContain('Telepon');
  });

  it('refers the client to a service, with consent only, and follows the referral up', async () => {
    const referrals = section('referrals');
    await referrals.getByLabel('Layanan').selectOption('blk-contoh');
    await referrals.getByLabel('Alasan rujukan').fill('Pelatihan kerja mengemudi. Data uji fiktif.');
    await referrals.getByRole('button', { name: 'Kirim rujukan' }).click();
    await expect
      .poll(() => referrals.getByRole('alert').textContent())
      .toBe('Rujukan memerlukan persetujuan klien; tanyakan dan catat persetujuannya terlebih dahulu.');
    await referrals.getByLabel('Klien telah memberikan persetujuan atas rujukan ini').check();
    await referrals.getByRole('button', { name: 'Kirim rujukan' }).click();
    const referral = referrals.locator('.item', { hasText: 'Balai Latihan Kerja Contoh' });
    await referral.getByText('Diusulkan', { exact: true }).waitFor();
    await referral.getByLabel('Status baru').selectOption('accepted');
    await referral.getByLabel('Hasil (tidak wajib)').fill('Jadwal kursus mulai bulan depan.');
    await referral.getByRole('button', { name: 'Simpan status' }).click();
    await referral.getByText('Diterima', { exact: true }).waitFor();
    await referral.getByText('Hasil: Jadwal kursus mulai bulan depan.').waitFor();
  });

  it('asks for what a termination reason needs, confirms, is refused by the rules, and closes', async () => {
    const transitions: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST' && request.url().endsWith('/transitions'))
        transitions.push(request.url());
    };
    page.on('request', onRequest);
    const stage = section('stage');
    await stage.getByRole('button', { name: 'Terminasi…' }).click();

    // The reason's data schema says the receiving Bapas is required: the browser asks first.
    await stage.getByLabel('Alasan terminasi').selectOption('pindah');
    await stage.getByRole('button', { name: 'Tutup kasus…' }).click();
    await stage.getByText('Bapas tujuan wajib diisi.').waitFor();
    expect(transitions).toHaveLength(0);

    // A date of death in the future: the termination rules refuse, and say what to correct.
    await stage.getByLabel('Alasan terminasi').selectOption('meninggal');
    await stage.getByLabel('Tanggal meninggal').fill('2099-01-01');
    await stage.getByRole('button', { name: 'Tutup kasus…' }).click();
    // One more look before anything is sent.
    await stage
      .getByRole('dialog', { name: 'Tutup kasus ini?' })
      .getByText('Kasus akan ditutup dengan alasan «Klien meninggal dunia»', { exact: false })
      .waitFor();
    expect(transitions).toHaveLength(0);
    await stage.getByRole('button', { name: 'Ya, tutup kasus' }).click();
    const refusal = stage.locator('.rule-explanation');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('Aturan tidak mengizinkan perubahan ini');
    expect(text).toContain(
      'Aturan «Klien meninggal: tanggal meninggal belum diisi atau sesudah hari ini» menolak perubahan ini.',
    );
    expect(text).toContain('Yang perlu dilengkapi: Tanggal meninggal.');
    expect(await page.getByTestId('case-stage').textContent()).toBe('Asesmen');

    await stage.getByLabel('Alasan terminasi').selectOption('pindah');
    await stage.getByLabel('Bapas tujuan').fill('Bapas Kelas I Contoh');
    await stage.getByRole('button', { name: 'Tutup kasus…' }).click();
    await stage.getByRole('button', { name: 'Ya, tutup kasus' }).click();
    await expect.poll(statusIn('stage')).toBe('Tahap kasus sekarang: Terminasi.');
    page.off('request', onRequest);
    expect(transitions).toHaveLength(2);
    expect(await page.getByTestId('case-stage').textContent()).toBe('Terminasi');
    expect(await stage.getByRole('alert').count()).toBe(0);
    await stage.getByText('Kasus sudah ditutup. Hanya penyelia yang dapat membukanya kembali.').waitFor();
  });

  it('asks Kabapas to approve closing a case for revocation, with the note it needs', async () => {
    await page.goto(citraUrl);
    await page.getByRole('heading', { name: 'Citra Contoh', level: 1 }).waitFor();
    const stage = section('stage');
    await stage.getByRole('button', { name: /^Terminasi…/ }).click();
    const reason = stage.getByLabel('Alasan terminasi');
    expect(await reason.locator('option[value="pencabutan"]').textContent()).toBe(
      'Program dicabut (pencabutan) (perlu persetujuan Kabapas)',
    );
    await reason.selectOption('pencabutan');
    await stage.getByLabel('Nomor SK pencabutan').fill('SK-CONTOH-001');
    await stage.getByRole('button', { name: 'Tutup kasus…' }).click();
    await stage.getByText('Alasan ini memerlukan catatan.').waitFor();
    await stage.getByLabel('Catatan').fill('Tiga kali tidak wajib lapor. Data uji fiktif.');
    await stage.getByRole('button', { name: 'Tutup kasus…' }).click();
    await stage
      .getByRole('dialog', { name: 'Ajukan penutupan kasus?' })
      .getByText(
        'Permintaan menutup kasus dengan alasan «Program dicabut (pencabutan)» akan dikirim kepada Kabapas.',
        {
          exact: false,
        },
      )
      .waitFor();
    await stage.getByRole('button', { name: 'Ya, ajukan ke Kabapas' }).click();
    await expect
      .poll(statusIn('stage'))
      .toBe('Permintaan pindah ke Terminasi dikirim; menunggu persetujuan Kabapas.');
    // Not closed yet: the request waits, and nothing else moves meanwhile.
    expect(await page.getByTestId('case-stage').textContent()).toBe('Pengawasan');
    await page
      .getByRole('heading', { name: 'Menunggu persetujuan Kabapas: pindah ke Terminasi', level: 2 })
      .waitFor();
    await stage
      .getByText('Perpindahan tahap menunggu keputusan Kabapas atas permintaan yang diajukan.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
  });

  it('opens a new case from the caseload, after the browser caught a bad NIK', async () => {
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Beranda' })
      .click();
    await page.waitForURL('**/kasus');
    // Adi's case is closed: it left the open caseload.
    await expect.poll(() => caseRows().count()).toBe(3);
    await page.getByRole('button', { name: 'Kasus baru' }).click();
    const form = page.getByRole('region', { name: 'Buka kasus baru' });
    // The client is looked up first: Gita has no case yet.
    await form.getByLabel('Nama dan tanggal lahir').check();
    await form.getByLabel('Nama klien').fill('Gita Contoh');
    await form.getByLabel('Tanggal lahir', { exact: true }).fill('1994-03-05');
    await form.getByRole('button', { name: 'Cari' }).click();
    await form.getByText('Tidak ada kasus yang cocok yang dapat Anda lihat.').waitFor();
    await form.getByRole('button', { name: 'Lanjut isi data klien' }).click();
    await form.getByLabel('Nama klien').fill('Gita Contoh');
    await form.getByLabel('Tanggal lahir').fill('1994-03-05');
    await form.getByLabel('Perempuan').check();
    await form.getByLabel('NIK (tidak wajib)').fill('123');
    await form.getByLabel('Jenis kasus').selectOption('pembimbingan');
    await form.getByRole('button', { name: 'Buat kasus' }).click();
    await form.getByText('NIK harus 16 angka.').waitFor();
    await form.getByLabel('NIK (tidak wajib)').fill('3201010101010001');
    await form.getByRole('button', { name: 'Buat kasus' }).click();
    await page.waitForURL(/\/kasus\/[0-9A-Z]+$/);
    await page.getByRole('heading', { name: 'Gita Contoh', level: 1 }).waitFor();
    expect(await page.getByTestId('case-stage').textContent()).toBe('Identifikasi');
  });
});

describe('a supervisor sees the office', () => {
  it('lists the office caseload, not just one PK’s', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await logIn('kabapas1');
    await page.waitForURL('**/kasus');
    await page.getByText('Semua kasus di kantor bapas-1.').waitFor();
    // The caseload table (the inbox above it may name a case too).
    const table = page.getByRole('table');
    for (const name of ['Budi Contoh', 'Citra Contoh', 'Dedi Contoh', 'Gita Contoh'])
      await table.getByRole('link', { name }).waitFor();
    // pk2's cases belong to bapas-2.
    expect(await page.getByRole('link', { name: 'Eka Contoh' }).count()).toBe(0);
  });

  it('reads the audit trail of a case', async () => {
    await page.goto(adiUrl);
    await page.getByRole('heading', { name: 'Adi Contoh', level: 1 }).waitFor();
    const supervisor = section('supervisor');
    await supervisor.getByRole('button', { name: 'Tampilkan jejak audit' }).click();
    const rows = supervisor.locator('table.audit-table tbody tr');
    await rows.first().waitFor();
    const actions = await rows.locator('td:nth-child(3)').allTextContents();
    expect(actions[0]).toBe('Kasus dibuat');
    for (const action of ['Formulir dikirim', 'Tahap dipindahkan', 'Catatan ditambahkan'])
      expect(actions).toContain(action);
    // Who acted, by name (looked up by id, whichever office they work in), never by account id.
    await expect.poll(() => rows.first().locator('td:nth-child(2)').textContent()).toBe('PK Satu');
    expect(await supervisor.locator('table.audit-table').textContent()).not.toMatch(/\bpk1\b/);
    // Details in words: the form by its title, the move by the stages' names; no ids or field names.
    const details = (await rows.locator('td:nth-child(4)').allTextContents()).join('\n');
    expect(details).toMatch(/formulir .+ versi \d+/);
    // The demo's intake, by the form's title once the forms list is in.
    await expect
      .poll(async () => (await rows.locator('td:nth-child(4)').allTextContents()).join('\n'))
      .toContain('formulir Identifikasi dan Registrasi Klien (Intake) versi 1');
    expect((await rows.locator('td:nth-child(4)').allTextContents()).join('\n')).not.toContain('Memuat');
    expect(details).toMatch(/dari .+ ke .+/);
    expect(details).not.toMatch(/Id:|formId|submissionId|noteId|rulesetIds|\{|\[/);
  });

  it('names a form by its id in the audit trail when the forms list cannot be had, instead of waiting', async () => {
    const formsList = '**/api/forms?limit=100';
    await page.route(formsList, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Layanan sedang tidak tersedia.' } }),
      }),
    );
    try {
      await page.goto(adiUrl);
      await page.getByRole('heading', { name: 'Adi Contoh', level: 1 }).waitFor();
      const supervisor = section('supervisor');
      await supervisor.getByRole('button', { name: 'Tampilkan jejak audit' }).click();
      const details = () =>
        supervisor.locator('table.audit-table tbody tr td:nth-child(4)').allTextContents();
      await expect.poll(async () => (await details()).join('\n')).toContain('formulir identifikasi versi 1');
      expect((await details()).join('\n')).not.toContain('Memuat');
    } finally {
      await page.unroute(formsList);
    }
  });

  it('approves the closing the PK asked for', async () => {
    await page.goto(citraUrl);
    await page.getByRole('heading', { name: 'Citra Contoh', level: 1 }).waitFor();
    const request = page.locator('.approval');
    await request
      .getByRole('heading', { name: 'Menunggu persetujuan Kabapas: pindah ke Terminasi' })
      .waitFor();
    expect(await request.textContent()).toContain('Alasan: Program dicabut (pencabutan)');
    expect(await request.textContent()).toContain('Nomor SK pencabutan: SK-CONTOH-001');
    expect(await request.textContent()).toContain(
      'Catatan PK: Tiga kali tidak wajib lapor. Data uji fiktif.',
    );
    await request.getByLabel('Komentar (tidak wajib)').fill('Sesuai SK. Data uji fiktif.');
    await request.getByRole('button', { name: 'Setujui' }).click();
    await page
      .getByRole('dialog', { name: 'Setujui permintaan ini?' })
      .getByRole('button', { name: 'Ya, setujui' })
      .click();
    await expect
      .poll(() => page.locator('.case-page > [role="status"]').textContent())
      .toBe('Disetujui. Tahap kasus sekarang: Terminasi.');
    expect(await page.getByTestId('case-stage').textContent()).toBe('Terminasi');
    expect(await page.locator('.approval').count()).toBe(0);

    const supervisor = section('supervisor');
    await supervisor.getByRole('button', { name: 'Tampilkan jejak audit' }).click();
    const actions = supervisor.locator('table.audit-table tbody tr td:nth-child(3)');
    await actions.first().waitFor();
    await expect
      .poll(() => actions.allTextContents())
      .toEqual(
        expect.arrayContaining([
          'Draf disimpan',
          'Persetujuan Kabapas diminta',
          'Permintaan disetujui Kabapas',
        ]),
      );
  });

  it('transfers a case to another office, whose supervisor accepts it', async () => {
    await page.goto(`${kawal.url}/kasus`);
    await page.getByRole('table').getByRole('link', { name: 'Budi Contoh' }).click();
    await page.getByRole('heading', { name: 'Budi Contoh', level: 1 }).waitFor();
    const budiUrl = page.url();
    const supervisor = section('supervisor');
    await supervisor.getByLabel('Kantor tujuan').selectOption({ label: 'Bapas Kota Contoh Dua' });
    await supervisor.getByLabel('Alasan pemindahan').fill('Klien pindah domisili. Data uji fiktif.');
    await supervisor.getByRole('button', { name: 'Pindahkan kasus' }).click();
    await page
      .getByRole('dialog', { name: /^Pindahkan kasus ke / })
      .getByRole('button', { name: 'Ya, pindahkan' })
      .click();
    await page.getByRole('heading', { name: 'Pemindahan tertunda', level: 2 }).waitFor();
    // The case type's deadline for the receiving office's decision.
    expect(await page.locator('.deadlines').textContent()).toContain('Keputusan pelimpahan bimbingan');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await logIn('kabapas2');
    await page.waitForURL('**/kasus');
    await page.goto(budiUrl);
    await section('supervisor').getByRole('button', { name: 'Terima kasus' }).click();
    await page
      .getByRole('dialog', { name: 'Terima kasus ini?' })
      .getByRole('button', { name: 'Ya, terima kasus' })
      .click();
    await expect.poll(statusIn('supervisor')).toBe('Kasus diterima; sekarang milik Bapas Kota Contoh Dua.');
    expect(await page.locator('.facts').textContent()).toContain('Bapas Kota Contoh Dua');
    expect(await page.getByRole('heading', { name: 'Pemindahan tertunda' }).count()).toBe(0);
  });

  it('shows a transfer in the receiving supervisor’s inbox, who rejects it with a reason; the sender cancels the next', async () => {
    // kabapas2 now holds Budi's case and sends it back to bapas-1.
    await page.getByRole('heading', { name: 'Budi Contoh', level: 1 }).waitFor();
    const budiUrl = page.url();
    await section('supervisor').getByLabel('Kantor tujuan').selectOption({ label: 'Bapas Kota Contoh Satu' });
    await section('supervisor')
      .getByLabel('Alasan pemindahan')
      .fill('Klien kembali ke alamat lama. Data uji fiktif.');
    await section('supervisor').getByRole('button', { name: 'Pindahkan kasus' }).click();
    await page
      .getByRole('dialog', { name: /^Pindahkan kasus ke / })
      .getByRole('button', { name: 'Ya, pindahkan' })
      .click();
    await page.getByRole('heading', { name: 'Pemindahan tertunda', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await logIn('kabapas1');
    await page.waitForURL('**/kasus');
    const inbox = page.getByRole('region', { name: 'Menunggu keputusan Anda' });
    await inbox.getByRole('heading', { name: 'Pemindahan masuk (1)' }).waitFor();
    expect(await inbox.textContent()).toContain('dari Bapas Kota Contoh Dua');
    await inbox.getByRole('link', { name: 'Budi Contoh' }).click();
    await page.getByRole('heading', { name: 'Budi Contoh', level: 1 }).waitFor();
    const receiving = section('supervisor');
    await receiving.getByRole('button', { name: 'Tolak pemindahan' }).click();
    await receiving.getByRole('button', { name: 'Tolak dan kembalikan ke kantor asal' }).click();
    expect(await receiving.getByRole('alert').textContent()).toBe('Tuliskan alasan penolakan.');
    await receiving.getByLabel('Alasan penolakan').fill('Alamat lama di luar wilayah kerja kami.');
    await receiving.getByRole('button', { name: 'Tolak dan kembalikan ke kantor asal' }).click();
    await page
      .getByRole('dialog', { name: 'Tolak pemindahan ini?' })
      .getByRole('button', { name: 'Ya, tolak pemindahan' })
      .click();
    // The case stays with bapas-2: back on the caseload, with the outcome and an empty inbox.
    await page.waitForURL('**/kasus');
    await page
      .getByRole('status')
      .filter({ hasText: 'Pemindahan ditolak; kasus tetap di Bapas Kota Contoh Dua.' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Menunggu keputusan Anda' })
      .getByText('Tidak ada pemindahan masuk.')
      .waitFor();

    // The sender sends it again, then takes it back after confirming.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await logIn('kabapas2');
    await page.waitForURL('**/kasus');
    await page.goto(budiUrl);
    const sending = section('supervisor');
    await sending.getByLabel('Kantor tujuan').selectOption({ label: 'Bapas Kota Contoh Satu' });
    await sending.getByLabel('Alasan pemindahan').fill('Dicoba lagi. Data uji fiktif.');
    await sending.getByRole('button', { name: 'Pindahkan kasus' }).click();
    await page
      .getByRole('dialog', { name: /^Pindahkan kasus ke / })
      .getByRole('button', { name: 'Ya, pindahkan' })
      .click();
    await sending.getByRole('heading', { name: 'Pemindahan menunggu keputusan' }).waitFor();
    await sending.getByRole('button', { name: 'Batalkan pemindahan' }).click();
    await page
      .getByRole('dialog', { name: /^Batalkan pemindahan ke / })
      .getByRole('button', { name: 'Ya, batalkan pemindahan' })
      .click();
    await expect.poll(statusIn('supervisor')).toBe('Pemindahan ke Bapas Kota Contoh Satu dibatalkan.');
    expect(await page.getByRole('heading', { name: 'Pemindahan tertunda' }).count()).toBe(0);
  });
});
