/**
 * The administrator's directory screens in Chromium against the local stack: the referral directory
 * (a service added, edited, saved over someone else's change, offered to a PK making a referral, then
 * removed), the offices with their time zones, and the holiday calendar, whose cuti bersama and
 * removed baseline day move a deadline counted in working days.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { CHILD, example, key } from '../support/cases';
import { type Reply, send } from '../support/kawal';
import { keepScreenshot, logInAs, seriousViolations } from '../support/studio';

let kawal: LocalKawal;
let page: Page;
let session: BrowserSession | undefined;

interface Api {
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
}

async function apiAs(username: string): Promise<Api> {
  const reply = await send<{ token: string }>(kawal.url, 'POST', '/api/auth/login', {
    body: { username, password: BROWSER_PASSWORD },
  });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
  const { token } = reply.body;
  return { request: (method, path, options = {}) => send(kawal.url, method, path, { ...options, token }) };
}

let admin: Api;
let pk1: Api;

beforeAll(async () => {
  session = await startBrowserSession();
  kawal = session.kawal;
  // A page of its own browser context: axe-core opens a second page in the context to finish a scan.
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  admin = await apiAs('admin');
  pk1 = await apiAs('pk1');
});

afterAll(async () => session?.stop());

/** Signs in afresh as `username` (the previous session forgotten). */
async function switchTo(username: string): Promise<void> {
  await page.evaluate(() => sessionStorage.clear());
  await logInAs(page, kawal.url, username);
}

/** Accepts (or dismisses) the next confirmation the page asks, and answers its text. */
function answerNextDialog(accept: boolean): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

const status = () => page.locator('p.status-success[role="status"]').first();

interface ServiceBody {
  id: string;
  name: string;
  type: string;
  address: string;
  contact: string;
  hours: string;
  notes: string;
  version: number;
}

const pick = ({ name, type, address, contact, hours, notes }: ServiceBody) => ({
  name,
  type,
  address,
  contact,
  hours,
  notes,
});

async function directory(): Promise<ServiceBody[]> {
  return (await admin.request<{ items: ServiceBody[] }>('GET', '/api/services?limit=100')).body.items;
}

describe('the service directory', () => {
  const NAME = 'Klinik Pemulihan Harapan';

  it('lists services by type in words, and adds one with the server’s field errors at their fields', async () => {
    await logInAs(page, kawal.url, 'admin');
    await page.waitForURL('**/admin');
    await page
      .getByRole('navigation', { name: 'Bagian studio' })
      .getByRole('link', { name: 'Direktori layanan' })
      .click();
    await page.getByRole('heading', { name: 'Direktori layanan', level: 1 }).waitFor();
    // The demo directory, grouped under the types' names.
    await page.getByRole('heading', { name: /^Pekerjaan/, level: 2 }).waitFor();
    expect(await page.getByText('pekerjaan', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-services');

    await page.getByRole('button', { name: 'Tambah layanan' }).click();
    const form = page.locator('.directory-editor');
    await form.getByRole('heading', { name: 'Layanan baru' }).waitFor();
    // Checked here first: nothing is sent without a name and a type.
    await form.getByRole('button', { name: 'Tambahkan ke direktori' }).click();
    await form.getByText('Isi nama layanan.').waitFor();
    await form.getByText('Pilih jenis layanan.').waitFor();
    expect(await form.getByLabel(/Nama layanan atau lembaga/).getAttribute('aria-invalid')).toBe('true');

    // A name longer than the server keeps (the input's own limit lifted): the server's message at the field.
    const name = form.getByLabel(/Nama layanan atau lembaga/);
    await name.evaluate((input) => input.removeAttribute('maxlength'));
    await name.fill('K'.repeat(201));
    await form.getByLabel(/Jenis layanan/).selectOption({ label: 'Rehabilitasi NAPZA' });
    await form.getByRole('button', { name: 'Tambahkan ke direktori' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    // The message the field is described by.
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/200/);
    expect(
      (await directory()).some(
        (service) => service.type === 'rehabilitasi-napza' && service.name.startsWith('KKK'),
      ),
    ).toBe(false);

    await name.fill(NAME);
    await form.getByLabel('Alamat').fill('Jl. Contoh Pemulihan 7, Mataram');
    await form.getByLabel('Kontak').fill('0370 000 000 (Ibu Contoh)');
    await form.getByLabel('Jam layanan').fill('Senin–Jumat 08.00–15.00');
    await form.getByLabel('Catatan').fill('Rawat jalan; bawa surat pengantar Bapas. Data uji fiktif.');
    await form.getByRole('button', { name: 'Tambahkan ke direktori' }).click();
    await expect.poll(() => status().textContent()).toBe(`${NAME} ditambahkan ke direktori.`);
    const group = page.locator('section', {
      has: page.getByRole('heading', { name: /^Rehabilitasi NAPZA/, level: 2 }),
    });
    await group.getByRole('heading', { name: NAME, level: 3 }).waitFor();
    const saved = (await directory()).find((service) => service.name === NAME);
    expect(saved).toMatchObject({ type: 'rehabilitasi-napza', hours: 'Senin–Jumat 08.00–15.00', version: 1 });
    // Its id is made from its name, and not shown.
    expect(saved?.id).toBe('klinik-pemulihan-harapan');
    expect(await page.getByText('klinik-pemulihan-harapan').count()).toBe(0);
  });

  it('edits a service, and says so when someone else saved it first (412), loading theirs', async () => {
    const card = page.locator('.directory-card', { has: page.getByRole('heading', { name: NAME }) });
    await card.getByRole('button', { name: `Ubah ${NAME}` }).click();
    const form = page.locator('.directory-editor');
    await form.getByLabel('Jam layanan').fill('Senin–Sabtu 08.00–14.00');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => status().textContent()).toBe(`Perubahan pada ${NAME} tersimpan.`);
    await card.getByText('Senin–Sabtu 08.00–14.00').waitFor();

    // Another administrator saves the service while this one edits it.
    await card.getByRole('button', { name: `Ubah ${NAME}` }).click();
    await form.getByLabel('Catatan').fill('Perubahan saya yang kalah cepat.');
    const theirs = (await directory()).find((service) => service.name === NAME);
    if (!theirs) throw new Error('the service is gone');
    const put = await admin.request('PUT', `/api/services/${theirs.id}`, {
      body: { ...pick(theirs), notes: 'Catatan administrator lain.' },
      headers: { 'if-match': `"${theirs.version}"` },
    });
    expect(put.status).toBe(200);
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form
      .getByRole('alert')
      .getByText(/sudah diubah orang lain/)
      .waitFor();
    await expect.poll(() => form.getByLabel('Catatan').inputValue()).toBe('Catatan administrator lain.');
    expect((await directory()).find((service) => service.name === NAME)?.notes).toBe(
      'Catatan administrator lain.',
    );
    await form.getByRole('button', { name: 'Batal' }).click();

    // Filtered by type through the address.
    await page.getByLabel('Jenis layanan', { exact: true }).selectOption({ label: 'Rehabilitasi NAPZA' });
    await page.waitForURL('**/admin/layanan?jenis=rehabilitasi-napza');
    await card.waitFor();
    // The demo directory has one more service of that type. The card was on the page before the filter
    // too: wait for the filtered list to be drawn, not just for the card.
    await expect
      .poll(() => page.locator('main h2').allTextContents(), { timeout: 30_000 })
      .toEqual(['Rehabilitasi NAPZA (2)']);
  });

  it('is offered to a PK making a referral, and once removed is no longer', async () => {
    const opened = await pk1.request<{ id: string }>('POST', '/api/cases', {
      body: {
        client: { name: 'Eko Contoh', birthDate: '1988-06-01', sex: 'laki-laki' },
        caseType: 'integrasi',
      },
    });
    expect(opened.status).toBe(201);
    await switchTo('pk1');
    await page.goto(`${kawal.url}/kasus/${opened.body.id}`);
    const referrals = page.locator('#case-referrals');
    const choice = referrals.getByLabel('Layanan');
    await choice
      .locator('optgroup[label="Rehabilitasi NAPZA"] option', { hasText: NAME })
      .waitFor({ state: 'attached' });
    await choice.selectOption({ label: NAME });
    await referrals.getByText('Jl. Contoh Pemulihan 7, Mataram').waitFor();
    await referrals.getByLabel('Alasan rujukan').fill('Pemulihan ketergantungan NAPZA. Data uji fiktif.');
    await referrals.getByLabel('Klien telah memberikan persetujuan atas rujukan ini').check();
    await referrals.getByRole('button', { name: 'Kirim rujukan' }).click();
    await referrals.getByText(`Rujukan ke ${NAME} dicatat.`).waitFor();

    await switchTo('admin');
    await page.goto(`${kawal.url}/admin/layanan`);
    const card = page.locator('.directory-card', { has: page.getByRole('heading', { name: NAME }) });
    const asked = answerNextDialog(true);
    await card.getByRole('button', { name: `Hapus ${NAME}` }).click();
    expect(await asked).toContain(`Hapus ${NAME} dari direktori?`);
    await expect.poll(() => status().textContent()).toBe(`${NAME} dihapus dari direktori.`);
    await page.getByRole('heading', { name: /^Pekerjaan/, level: 2 }).waitFor();
    expect(await card.count()).toBe(0);
    expect((await directory()).some((service) => service.name === NAME)).toBe(false);

    // The PK's choice no longer has it; the referral made keeps its name.
    await switchTo('pk1');
    await page.goto(`${kawal.url}/kasus/${opened.body.id}`);
    await referrals.locator('.item-title', { hasText: NAME }).waitFor();
    await referrals.getByLabel('Layanan').locator('optgroup').first().waitFor({ state: 'attached' });
    expect(await referrals.getByLabel('Layanan').locator('option', { hasText: NAME }).count()).toBe(0);
  });
});

describe('the offices', () => {
  const NAME = 'Bapas Kelas I Contoh Makassar';

  it('adds an office with its time zone, edits it, and asks before leaving unsaved edits', async () => {
    await switchTo('admin');
    await page.goto(`${kawal.url}/admin/kantor`);
    await page.getByRole('heading', { name: 'Kantor', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tambah kantor' }).click();
    const form = page.locator('.directory-editor');
    await form.getByLabel(/Nama kantor/).fill(NAME);
    const zone = form.getByLabel('Zona waktu');
    expect(await zone.locator('option').allTextContents()).toEqual([
      'WIB – Waktu Indonesia Barat (Asia/Jakarta)',
      'WITA – Waktu Indonesia Tengah (Asia/Makassar)',
      'WIT – Waktu Indonesia Timur (Asia/Jayapura)',
    ]);
    await zone.selectOption({ label: 'WITA – Waktu Indonesia Tengah (Asia/Makassar)' });
    await form.getByLabel('Alamat').fill('Jl. Contoh Raya 1, Makassar');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Tambahkan kantor' }).click();
    await expect.poll(() => status().textContent()).toBe(`${NAME} ditambahkan.`);
    const row = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: NAME }) });
    await row.getByText('WITA – Waktu Indonesia Tengah (Asia/Makassar)').waitFor();
    const offices = await admin.request<{ items: { id: string; name: string; timeZone: string }[] }>(
      'GET',
      '/api/offices',
    );
    expect(offices.body.items.find((office) => office.name === NAME)).toMatchObject({
      id: 'bapas-kelas-i-contoh-makassar',
      timeZone: 'Asia/Makassar',
    });
    expect(await page.getByText('bapas-kelas-i-contoh-makassar').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-offices');

    await row.getByRole('button', { name: `Ubah ${NAME}` }).click();
    await form.getByLabel('Alamat').fill('Jl. Contoh Raya 2, Makassar');
    // Leaving with the edit unsaved asks first; staying keeps it.
    const asked = answerNextDialog(false);
    await page
      .getByRole('navigation', { name: 'Bagian studio' })
      .getByRole('link', { name: 'Kalender libur' })
      .click();
    expect(await asked).toContain('belum disimpan');
    expect(new URL(page.url()).pathname).toBe('/admin/kantor');
    expect(await form.getByLabel('Alamat').inputValue()).toBe('Jl. Contoh Raya 2, Makassar');
    // Saved with the keyboard.
    await form.getByLabel('Alamat').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent()).toBe(`Perubahan pada ${NAME} tersimpan.`);
    await row.getByText('Jl. Contoh Raya 2, Makassar').waitFor();
  });
});

describe('the holiday calendar', () => {
  /**
   * A deadline counted in working days from a date the PK writes on the intake form, added to the
   * diversion case type for this test: 5 working days from the date the request was received.
   */
  const DEADLINE = 'uji-hari-kerja';

  beforeAll(async () => {
    const current = (await admin.request<Record<string, unknown>>('GET', '/api/case-types/diversi')).body;
    const deadlines = [
      ...((current.deadlines as unknown[]) ?? []),
      {
        id: DEADLINE,
        title: 'Tanggapan atas permintaan (5 hari kerja)',
        start: { on: 'submission', forms: ['identifikasi'], field: '/tanggalPenting/tanggalDiterima' },
        length: { workingDays: 5 },
      },
    ];
    const draft = await admin.request('PUT', '/api/case-types/diversi/draft', {
      body: { ...current, deadlines },
    });
    expect(draft.status).toBe(200);
    const published = await admin.request('POST', '/api/case-types/diversi/publish', {
      body: { note: 'Tenggat uji dalam hari kerja' },
    });
    expect(published.status).toBe(201);
  });

  /** The test deadline's due date on a new case whose request was received on `received`. */
  async function dueFromReceived(received: string): Promise<string> {
    const opened = await pk1.request<{ id: string }>('POST', '/api/cases', {
      body: { client: CHILD, caseType: 'diversi' },
    });
    expect(opened.status).toBe(201);
    const intake = example('identifikasi');
    const dates = intake.tanggalPenting as Record<string, unknown>;
    intake.tanggalPenting = {
      ...dates,
      tanggalDiterima: received,
      waktuDiterima: `${received}T${dates.jamDiterima}`,
    };
    const submitted = await pk1.request('POST', `/api/cases/${opened.body.id}/submissions`, {
      body: { formId: 'identifikasi', data: intake, idempotencyKey: key('kalender') },
    });
    expect(submitted.status).toBe(201);
    const read = await pk1.request<{ deadlines: { kind: string; due: string }[] }>(
      'GET',
      `/api/cases/${opened.body.id}`,
    );
    return read.body.deadlines.find((deadline) => deadline.kind === DEADLINE)?.due ?? '';
  }

  const mayRow = () =>
    page.locator('.directory-months tbody tr', { has: page.getByRole('rowheader', { name: 'Mei' }) });
  const mayCounts = async () => (await mayRow().locator('td').allTextContents()).map(Number);

  it('adds a cuti bersama day and removes a baseline day, and a working-day deadline follows each', async () => {
    // Received Monday 26 May 2025; the library's baseline has Ascension Day on Thursday 29 May:
    // 27, 28, 30 May, 2 and 3 June.
    expect(await dueFromReceived('2025-05-26')).toBe('2025-06-03');

    await page.goto(`${kawal.url}/admin/kalender`);
    await page.getByRole('heading', { name: 'Kalender libur', level: 1 }).waitFor();
    await page.getByLabel('Tahun').selectOption('2025');
    await page.waitForURL('**/admin/kalender?tahun=2025');
    const baseline = page.locator('section', {
      has: page.getByRole('heading', { name: 'Daftar dasar hari libur 2025' }),
    });
    const ascension = baseline.locator('tr', {
      has: page.getByRole('rowheader', { name: 'Kamis, 29 Mei 2025' }),
    });
    await ascension.getByText('Kenaikan Yesus Kristus').waitFor();
    // May 2025: 22 weekdays, 3 of them holidays (1, 12 and 29 May).
    expect(await mayCounts()).toEqual([22, 3, 19]);
    expect(await seriousViolations(page)).toEqual([]);

    // The decree, and the cuti bersama on Friday 30 May.
    await page
      .getByLabel('Nomor dan judul SKB')
      .fill(
        'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1017, 2, 2 Tahun 2024 (data uji)',
      );
    await page.getByLabel('Tanggal SKB ditetapkan').fill('2024-10-14');
    await page.getByText('Senin, 14 Oktober 2024').waitFor();
    const dayForm = page.locator('.directory-day-form');
    await dayForm.getByLabel('Tanggal').fill('2025-05-30');
    await dayForm.getByLabel('Nama hari libur').fill('Cuti bersama Kenaikan Yesus Kristus');
    expect(await dayForm.getByLabel('Jenis').inputValue()).toBe('cuti-bersama');
    await dayForm.getByRole('button', { name: 'Tambahkan' }).click();
    const added = page.locator('section', {
      has: page.getByRole('heading', { name: 'Tambahan dan koreksi' }),
    });
    await added.getByRole('rowheader', { name: 'Jumat, 30 Mei 2025' }).waitFor();
    // The preview counts it before it is saved; deadlines do not yet.
    await page.getByText(/^Pratinjau/).waitFor();
    expect(await mayCounts()).toEqual([22, 4, 18]);
    expect(await dueFromReceived('2025-05-26')).toBe('2025-06-03');
    await page.getByRole('button', { name: 'Simpan kalender 2025' }).click();
    await expect
      .poll(() => status().textContent())
      .toBe('Kalender 2025 tersimpan; tenggat baru dihitung dengan kalender ini.');
    // 27, 28 May, 2, 3 and 4 June.
    expect(await dueFromReceived('2025-05-26')).toBe('2025-06-04');

    // Ascension Day is not a day off (as if the decree had moved it), marked with the keyboard.
    const notOff = ascension.getByRole('button', { name: 'Bukan hari libur (Kamis, 29 Mei 2025)' });
    await notOff.focus();
    await page.keyboard.press('Space');
    expect(await notOff.getAttribute('aria-pressed')).toBe('true');
    await ascension.getByText('Bukan hari libur tahun ini').waitFor();
    expect(await mayCounts()).toEqual([22, 3, 19]);
    await page.getByRole('button', { name: 'Simpan kalender 2025' }).click();
    await expect.poll(() => status().textContent()).toMatch(/^Kalender 2025 tersimpan/);
    // 27, 28, 29 May, 2 and 3 June.
    expect(await dueFromReceived('2025-05-26')).toBe('2025-06-03');

    const result = page.locator('section', {
      has: page.getByRole('heading', { name: 'Hari libur 2025 yang berlaku' }),
    });
    await result.getByRole('rowheader', { name: 'Jumat, 30 Mei 2025' }).waitFor();
    expect(await result.getByRole('rowheader', { name: 'Kamis, 29 Mei 2025' }).count()).toBe(0);
    const stored = await pk1.request<{ adjustments: Record<string, unknown> }>('GET', '/api/calendar/2025');
    expect(stored.body.adjustments).toEqual({
      year: 2025,
      add: [{ date: '2025-05-30', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti-bersama' }],
      remove: ['2025-05-29'],
      source:
        'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1017, 2, 2 Tahun 2024 (data uji)',
      sourceDate: '2024-10-14',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-calendar');
  });

  it('corrects a baseline holiday’s date, and fits a phone’s width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const baseline = page.locator('section', {
      has: page.getByRole('heading', { name: 'Daftar dasar hari libur 2025' }),
    });
    // The library has Idul Adha on Friday 6 June; correct it to Saturday 7 June.
    await baseline.getByRole('button', { name: 'Koreksi (Jumat, 6 Juni 2025)' }).click();
    const dayForm = page.locator('.directory-day-form');
    await dayForm.getByRole('heading', { name: 'Koreksi hari libur Jumat, 6 Juni 2025' }).waitFor();
    expect(await dayForm.getByLabel('Nama hari libur').inputValue()).toBe('Hari Raya Idul Adha');
    await dayForm.getByLabel('Tanggal').fill('2025-06-07');
    await dayForm.getByRole('button', { name: 'Terapkan' }).click();
    const june = baseline.locator('tr', { has: page.getByRole('rowheader', { name: 'Jumat, 6 Juni 2025' }) });
    await june.getByText('Bukan hari libur tahun ini').waitFor();
    await page.getByRole('button', { name: 'Simpan kalender 2025' }).click();
    await expect.poll(() => status().textContent()).toMatch(/^Kalender 2025 tersimpan/);
    const stored = await pk1.request<{
      adjustments: { add: unknown[]; remove: string[] };
      daysOff: { date: string }[];
    }>('GET', '/api/calendar/2025');
    expect(stored.body.adjustments.remove).toEqual(['2025-05-29', '2025-06-06']);
    expect(stored.body.adjustments.add).toContainEqual({
      date: '2025-06-07',
      name: 'Hari Raya Idul Adha',
      kind: 'libur-nasional',
    });
    expect(stored.body.daysOff.map((day) => day.date)).not.toContain('2025-06-06');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-calendar-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });
});
