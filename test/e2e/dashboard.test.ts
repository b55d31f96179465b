/**
 * A supervisor's dashboard, the caseload on a phone, and an approval the PK follows, in Chromium
 * against the real local stack (with its fictional demo cases) and the built web app: the charts and
 * their tables carry the server's numbers; at 390 × 844 the caseload is cards with the nearest
 * deadline and the first case on the first screen; a PK's move waits for approval, the Kabapas
 * returns it with a comment the PK sees, the PK asks again and the Kabapas approves.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordWeeklyStats } from '../../functions/cases/office-stats';
import type { LocalKawal } from '../../functions/local/app';
import { BROWSER_PASSWORD, type BrowserSession, startBrowserSession } from '../support/browser';
import { seriousViolations } from '../support/studio';

let session: BrowserSession | undefined;
let kawal: LocalKawal;
let browser: Browser;

// Seeding the content packs and starting Chromium can take long on a busy machine.
beforeAll(async () => {
  session = await startBrowserSession();
  ({ kawal, browser } = session);
}, 240_000);
afterAll(async () => session?.stop());

interface WeekPoint {
  week: string;
  start: string;
  recordedOn: string | null;
  open: number | null;
  overdue: number | null;
}
interface Dashboard {
  overdue: number;
  byStage: Record<string, number>;
  byPriority: Record<string, number>;
  byAssignee: {
    assignee: string | null;
    open: number;
    overdue: number;
    byPriority: Record<string, number>;
  }[];
  overdueByWeek: WeekPoint[];
  incomingTransfers?: number;
  pendingApprovals?: number;
}
interface CaseBody {
  id: string;
  version: number;
  client: { name: string };
  deadlines: { due: string; overdue: boolean }[];
}

/** The API as `username`, for what the test sets up and the numbers it expects. */
async function apiAs(username: string) {
  const login = await fetch(`${kawal.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BROWSER_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${kawal.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as T;
  };
}

/** A page of its own (own session) at `width` × `height`, signed in as `username`, on the caseload. */
async function signedIn(username: string, width = 1100, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${kawal.url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL('**/kasus');
  return page;
}

const idDate = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: 'UTC' });
const indonesianDate = (date: string) => idDate.format(new Date(`${date}T00:00:00Z`));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The texts of a table's body, row by row. */
function rowsOf(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
}

describe('a supervisor’s dashboard', () => {
  it('draws the office’s numbers as charts, and each chart reads as a table with the same numbers', async () => {
    // Eleven earlier weeks, as the daily runs of those days would have recorded them.
    const kabapas = await apiAs('kabapas1');
    const before = await kabapas<Dashboard>('GET', '/api/dashboard');
    for (const point of before.overdueByWeek.slice(0, 11)) {
      await recordWeeklyStats(new Date(`${addDays(point.start, 2)}T05:00:00Z`));
    }
    const expected = await kabapas<Dashboard>('GET', '/api/dashboard');
    expect(expected.overdueByWeek.every((point) => point.recordedOn !== null)).toBe(true);

    const page = await signedIn('kabapas1');
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Dasbor' })
      .click();
    await page.waitForURL('**/dasbor');
    await page.getByRole('heading', { name: 'Dasbor kantor', level: 1 }).waitFor();

    // The key figures.
    const open = Object.values(expected.byPriority).reduce((sum, count) => sum + count, 0);
    expect(await page.getByTestId('total-open').textContent()).toBe(`Kasus terbuka${open}`);
    expect(await page.getByTestId('total-overdue').textContent()).toBe(`Lewat tenggat${expected.overdue}`);
    expect(await page.getByTestId('total-transfers').textContent()).toBe(
      `Pemindahan masuk${expected.incomingTransfers}`,
    );
    expect(await page.getByTestId('total-approvals').textContent()).toBe(
      `Menunggu persetujuan${expected.pendingApprovals}`,
    );

    // Four charts are drawn, hidden from screen readers, which get the tables instead.
    const charts = page.locator('.chart[aria-hidden="true"] .recharts-wrapper > svg.recharts-surface');
    await expect.poll(() => charts.count()).toBe(4);
    for (const name of [
      'Beban kerja per PK',
      'Kasus lewat tenggat, 12 minggu terakhir',
      'Kasus menurut tahap',
      'Kasus menurut prioritas',
    ]) {
      expect(await page.getByRole('table', { name }).count(), name).toBe(1);
    }
    // The workload bars: one per PK and priority level that has cases.
    const bars = page.locator('.chart-wide').first().locator('.recharts-bar-rectangle');
    const drawn = expected.byAssignee
      .flatMap((entry) => Object.values(entry.byPriority))
      .filter((n) => n > 0);
    await expect.poll(() => bars.count()).toBe(drawn.length);

    // Shown as a table on request: the workload per PK by priority.
    const workload = page.getByRole('region', { name: 'Beban kerja per PK' });
    // Until asked for, the table sits in a visually hidden frame (still read by screen readers).
    const frame = page.getByTestId('workload-table').locator('xpath=..');
    expect((await frame.boundingBox())?.height ?? 0).toBeLessThan(2);
    await workload.getByRole('button', { name: 'Tampilkan tabel' }).click();
    await workload.getByRole('button', { name: 'Sembunyikan tabel' }).waitFor();
    expect((await frame.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    const workloadRows = await rowsOf(page, 'workload-table');
    expect(workloadRows).toHaveLength(expected.byAssignee.length);
    for (const [index, entry] of expected.byAssignee.entries()) {
      const [who, ...counts] = workloadRows[index] ?? [];
      // The PK's name from the users directory, or their id while it is not there.
      expect(who).toMatch(entry.assignee === 'pk1' ? /^(PK Satu|pk1)$/ : /.+/);
      expect(counts).toEqual([
        ...['segera', 'tinggi', 'sedang', 'rendah'].map((level) => String(entry.byPriority[level] ?? 0)),
        String(entry.open),
        String(entry.overdue),
      ]);
    }

    // Overdue cases per week: twelve weeks, each starting on a Monday, with the counts recorded.
    const weeks = page.getByRole('region', { name: 'Kasus lewat tenggat, 12 minggu terakhir' });
    await weeks.getByRole('button', { name: 'Tampilkan tabel' }).click();
    const weekRows = await rowsOf(page, 'weeks-table');
    expect(weekRows).toEqual(
      expected.overdueByWeek.map((point) => [
        indonesianDate(point.start),
        String(point.overdue),
        String(point.open),
        indonesianDate(point.recordedOn ?? ''),
      ]),
    );
    expect(await weeks.locator('.recharts-line-dots circle').count()).toBe(12);

    // By stage and by priority.
    await page
      .getByRole('region', { name: 'Kasus menurut tahap' })
      .getByRole('button', { name: 'Tampilkan tabel' })
      .click();
    const stageRows = await rowsOf(page, 'stage-table');
    const stageTotal = stageRows.reduce((sum, [, count]) => sum + Number(count), 0);
    expect(stageTotal).toBe(open);
    expect(stageRows).toContainEqual(['Identifikasi', String(expected.byStage.intake ?? 0)]);
    await page
      .getByRole('region', { name: 'Kasus menurut prioritas' })
      .getByRole('button', { name: 'Tampilkan tabel' })
      .click();
    expect(await rowsOf(page, 'priority-table')).toEqual(
      [
        ['Segera', 'segera'],
        ['Tinggi', 'tinggi'],
        ['Sedang', 'sedang'],
        ['Rendah', 'rendah'],
      ].map(([label, level]) => [label, String(expected.byPriority[level ?? ''] ?? 0)]),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the caseload on a phone (390 × 844)', () => {
  it('reads as cards with the nearest deadline, the first case on the first screen, no sideways scrolling', async () => {
    const pk = await apiAs('pk1');
    const cases = await pk<{ items: CaseBody[] }>('GET', '/api/cases');
    const page = await signedIn('pk1', 390, 844);
    const cards = page.locator('.case-card');
    await cards.first().waitFor();
    expect(await page.locator('table.caseload').count()).toBe(0);
    expect(await cards.count()).toBe(cases.items.length);

    // The first case, its name and its nearest deadline, within the first screen.
    const first = cases.items[0] as CaseBody;
    const firstCard = cards.first();
    expect(await firstCard.getByRole('heading', { level: 3 }).textContent()).toBe(first.client.name);
    const deadlineBox = await firstCard.getByText('Tenggat terdekat').boundingBox();
    expect((deadlineBox?.y ?? 900) + (deadlineBox?.height ?? 0)).toBeLessThanOrEqual(844);
    const titleBox = await firstCard.getByRole('link', { name: first.client.name }).boundingBox();
    expect((titleBox?.y ?? 900) + (titleBox?.height ?? 0)).toBeLessThanOrEqual(844);

    // Every card: the case type, stage, priority, the nearest deadline with an Indonesian date
    // (marked Terlambat when it has passed), and the PK.
    for (const [index, kase] of cases.items.entries()) {
      const card = cards.nth(index);
      const text = (await card.textContent()) ?? '';
      for (const label of ['Jenis kasus', 'Tahap', 'Prioritas', 'Tenggat terdekat', 'PK']) {
        expect(text, kase.client.name).toContain(label);
      }
      const next = kase.deadlines[0];
      if (next) {
        expect(text).toContain(indonesianDate(next.due.slice(0, 10)));
        expect(await card.locator('.badge-overdue').count()).toBe(next.overdue ? 1 : 0);
      } else {
        expect(text).toContain('Tidak ada tenggat');
      }
      expect(text).toMatch(/PK(PK Satu)$/);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The filters fold behind a button, operated from the keyboard.
    const toggle = page.getByRole('button', { name: 'Saring kasus' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Tahap', { exact: true }).isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Tahap', { exact: true }).selectOption('monitoring');
    await page.getByRole('button', { name: 'Terapkan' }).press('Enter');
    await page.waitForURL('**/kasus?stage=monitoring');
    await page.getByRole('button', { name: 'Saring kasus (1 saringan aktif)' }).waitFor();
    await expect.poll(() => cards.count()).toBeLessThan(cases.items.length);
    expect(await seriousViolations(page)).toEqual([]);

    // A card's link opens the case from the keyboard; the case page fits the phone too.
    const link = cards.first().getByRole('link');
    const name = (await link.textContent()) ?? '';
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.locator('#case-stage').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('a supervisor’s inbox folds too, saying how much waits, so the first case still shows', async () => {
    const kabapas = await apiAs('kabapas1');
    const first = (await kabapas<{ items: CaseBody[] }>('GET', '/api/cases')).items[0] as CaseBody;
    const page = await signedIn('kabapas1', 390, 844);
    const inbox = page.getByRole('button', { name: 'Menunggu keputusan Anda (0)' });
    await inbox.waitFor();
    expect(await inbox.getAttribute('aria-expanded')).toBe('false');
    const title = page.locator('.case-card').first().getByRole('link', { name: first.client.name });
    const box = await title.boundingBox();
    expect((box?.y ?? 900) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    await inbox.click();
    await page.getByText('Tidak ada yang menunggu persetujuan.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});

describe('an approval the PK can follow', () => {
  it('a move waits, comes back with the Kabapas’s comment, is asked again and approved', async () => {
    // A case at planning, where moving to intervention needs the Kabapas's approval.
    const pk = await apiAs('pk1');
    const opened = await pk<CaseBody>('POST', '/api/cases', {
      client: { name: 'Eka Contoh', birthDate: '1990-06-15', sex: 'perempuan' },
      caseType: 'integrasi',
    });
    for (const to of ['assessment', 'planning']) {
      await pk('POST', `/api/cases/${opened.id}/transitions`, { to });
    }
    const worker = await signedIn('pk1');
    const supervisor = await signedIn('kabapas1');
    const caseUrl = `${kawal.url}/kasus/${opened.id}`;

    const askForIntervention = async () => {
      await worker.goto(caseUrl);
      const stage = worker.locator('#case-stage');
      await stage.getByRole('button', { name: /^Pindah ke Intervensi/ }).click();
      await stage.getByRole('button', { name: /^Ya, ajukan/ }).click();
      await stage
        .getByText('Perpindahan tahap menunggu keputusan Kabapas atas permintaan yang diajukan.')
        .waitFor();
    };
    const caseloadRow = () => worker.locator('table.caseload tbody tr', { hasText: 'Eka Contoh' });

    // The PK asks; their caseload says the case waits.
    await askForIntervention();
    await worker.goto(`${kawal.url}/kasus`);
    await caseloadRow().getByText('Menunggu persetujuan').waitFor();

    // The Kabapas returns it from the list on the home screen, with a comment.
    await supervisor.reload();
    const inbox = supervisor.getByRole('region', { name: 'Menunggu keputusan Anda' });
    await inbox.getByRole('heading', { name: 'Persetujuan (1)' }).waitFor();
    const request = inbox.getByRole('group', { name: 'Putuskan permintaan untuk Eka Contoh' });
    expect(await inbox.getByRole('listitem').filter({ hasText: 'Eka Contoh' }).textContent()).toContain(
      'pindah ke tahap Intervensi',
    );
    await request.getByRole('button', { name: 'Kembalikan ke PK' }).click();
    const comment = request.getByLabel('Komentar untuk PK');
    await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
    // A return says why: an empty comment is asked for, nothing is sent.
    await request.getByRole('button', { name: 'Kembalikan ke PK' }).click();
    await request.getByText('Tuliskan alasan pengembalian agar PK tahu apa yang perlu diperbaiki.').waitFor();
    await comment.fill('Lengkapi rencana pembimbingan dengan jadwal wajib lapor.');
    await request.getByRole('button', { name: 'Kembalikan ke PK' }).click();
    await expect
      .poll(() => inbox.getByRole('status').textContent())
      .toBe('Permintaan untuk Eka Contoh dikembalikan ke PK.');
    await inbox.getByRole('heading', { name: 'Persetujuan (0)' }).waitFor();

    // The PK sees the comment on their caseload and on the case.
    await worker.reload();
    await caseloadRow()
      .getByText('Dikembalikan: Lengkapi rencana pembimbingan dengan jadwal wajib lapor.')
      .waitFor();
    await worker.goto(caseUrl);
    const notice = worker.getByRole('region', { name: 'Permintaan dikembalikan oleh Kabapas' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Permintaan pindah ke Intervensi dikembalikan oleh');
    expect(await notice.getByTestId('returned-comment').textContent()).toBe(
      'Komentar Kabapas: Lengkapi rencana pembimbingan dengan jadwal wajib lapor.',
    );

    // The PK asks again: the return gives way to the new request.
    await askForIntervention();
    expect(await notice.count()).toBe(0);
    await worker.goto(`${kawal.url}/kasus`);
    await caseloadRow().getByText('Menunggu persetujuan').waitFor();
    expect(
      await caseloadRow()
        .getByText(/^Dikembalikan/)
        .count(),
    ).toBe(0);

    // The Kabapas approves, this time on the case itself.
    await supervisor.goto(caseUrl);
    const panel = supervisor.locator('.approval');
    await panel
      .getByRole('heading', { name: 'Menunggu persetujuan Kabapas: pindah ke Intervensi' })
      .waitFor();
    await panel.getByRole('button', { name: 'Setujui' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Setujui permintaan ini?' });
    await dialog.getByText('Kasus akan pindah ke tahap «Intervensi» sekarang juga.').waitFor();
    await dialog.getByRole('button', { name: 'Ya, setujui' }).click();
    await expect.poll(() => supervisor.getByTestId('case-stage').textContent()).toBe('Intervensi');

    await worker.goto(caseUrl);
    await expect.poll(() => worker.getByTestId('case-stage').textContent()).toBe('Intervensi');
    expect(await worker.locator('.approval').count()).toBe(0);
    await worker.context().close();
    await supervisor.context().close();
  });
});
