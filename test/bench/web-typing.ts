/**
 * Typing into the adult integration litmas (the largest default form) on a case, in Chromium against
 * the built web app: the time from each key press to the end of the work it caused (React rendering
 * the form, validation, calculations, autosave) plus the style and layout of the page after it.
 * Keys are typed at a steady 15 per second, with pauses between fields, so the timers a pause sets off
 * (calculations, autosave) land between keys as they do for a person. The line fails above 16 ms p95.
 * The same keys typed into the case's plain notes box show what a key costs on the machine without the
 * form: on a busy machine both rise, and the litmas line should be read against that one.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { type LocalKawal, startLocal, WEB_DIR } from '../../functions/local/app';
import { launchChromium } from '../support/browser';
import { type Row, rowFromSamples } from './report';

/** The budget per key at p95: one frame at 60 Hz. */
export const TYPING_BUDGET_MS = 16;
const FORM_TITLE = 'Litmas Klien Dewasa: Integrasi (PB / CB / CMB / Asimilasi) dan Pemindahan';

/** What a person types: text fields of the form's first part (shown whether or not the form has steps). */
const TYPING: [string, string][] = [
  ['#root_pendahuluan_nomorSuratPermintaan', 'W11.PAS.PAS.5-PK.01.05.02-1234 tahun 2026'],
  ['#root_pendahuluan_instansiPeminta', 'Lembaga Pemasyarakatan Kelas IIA Kota Contoh'],
  ['#root_pendahuluan_perkara', 'Pencurian dengan pemberatan di rumah kosong pada malam hari'],
  [
    '#root_pendahuluan_dasarHukum',
    'Permenkumham 3/2018 sebagaimana diubah dengan Permenkumham 7/2022, dan surat permintaan Lapas.',
  ],
];

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function api<T>(url: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Records, for every key press, the time from the key event to the end of its work and layout. */
function installKeyTimer(): void {
  const times: number[] = [];
  (window as unknown as { keyTimes: number[] }).keyTimes = times;
  window.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      // The key's keydown, input and React's render run in one task; this message runs after it.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        void document.body.offsetHeight;
        times.push(performance.now() - start);
      };
      channel.port2.postMessage(0);
    },
    true,
  );
}

async function openLitmas(page: Page, url: string, password: string, caseId: string): Promise<void> {
  await page.goto(`${url}/masuk`);
  await page.getByLabel('Nama pengguna').fill('pk1');
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL('**/kasus');
  await page.goto(`${url}/kasus/${caseId}`);
  await page.getByLabel('Formulir yang akan diisi').selectOption({ label: FORM_TITLE });
  await page.getByRole('button', { name: 'Buka formulir' }).click();
  await page.locator(TYPING[0]?.[0] ?? '').waitFor();
}

export async function webTypingBench(kawal: LocalKawal): Promise<Row[]> {
  if (!existsSync(`${WEB_DIR}/index.html`)) {
    process.exitCode = 1;
    throw new Error(`${WEB_DIR} is missing: build the web app first (npm run build:web)`);
  }
  const browser = await launchChromium();
  try {
    const { token } = await api<{ token: string }>(kawal.url, '/api/auth/login', undefined, {
      username: 'pk1',
      password: kawal.demoPassword,
    });
    const created = await api<{ id: string }>(kawal.url, '/api/cases', token, {
      client: { name: 'Klien Ketik Contoh', birthDate: '1988-04-12', sex: 'laki-laki' },
      caseType: 'integrasi',
    });
    await api(kawal.url, `/api/cases/${created.id}/transitions`, token, { to: 'assessment' });

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.addInitScript(installKeyTimer);
    await openLitmas(page, kawal.url, kawal.demoPassword, created.id);
    // Warm up: the first keys load code and compile the validator.
    await page.locator(TYPING[0]?.[0] ?? '').pressSequentially('warm', { delay: 66 });
    await page.locator(TYPING[0]?.[0] ?? '').fill('');
    await page.waitForTimeout(500);
    const typeRounds = async (fields: { locator: () => ReturnType<Page['locator']>; text: string }[]) => {
      await page.evaluate(() => {
        (window as unknown as { keyTimes: number[] }).keyTimes.length = 0;
      });
      for (let round = 0; round < 2; round++) {
        for (const { locator, text } of fields) {
          const field = locator();
          await field.click();
          await field.fill('');
          await field.pressSequentially(text, { delay: 66 });
          // A pause, as a person takes between fields: the calculations and the autosave run here.
          await page.waitForTimeout(400);
        }
      }
      return page.evaluate(() => [...(window as unknown as { keyTimes: number[] }).keyTimes]);
    };
    const samples = await typeRounds(
      TYPING.map(([selector, text]) => ({ locator: () => page.locator(selector), text })),
    );
    // The same keys into the case's plain notes box on the same page: what a key costs on this machine
    // without the form (context for the line above, not judged).
    const notes = page.locator('#case-notes').getByLabel('Isi catatan');
    const floor = await typeRounds(TYPING.map(([, text]) => ({ locator: () => notes, text })));
    const row = rowFromSamples('type into the adult litmas on a case (per key, Chromium)', samples);
    const p95 = percentile(samples, 0.95);
    const ok = p95 <= TYPING_BUDGET_MS;
    if (!ok) process.exitCode = 1;
    row.ratio = `p95 ${p95.toFixed(1)} ms, mean ${row.meanMs.toFixed(1)} ms: ${
      ok ? 'within' : 'FAILED, over'
    } the ${TYPING_BUDGET_MS} ms budget`;
    const plain = rowFromSamples('the same keys into the plain notes box on that page (not judged)', floor);
    plain.ratio = `p95 ${percentile(floor, 0.95).toFixed(1)} ms, mean ${plain.meanMs.toFixed(1)} ms: this machine without the form`;
    return [row, plain];
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./report');
  const kawal = await startLocal({ port: 0, data: 'memory', demo: false, demoPassword: 'bench' });
  try {
    printRows('Typing in the browser', await webTypingBench(kawal));
  } finally {
    await kawal.stop();
  }
}
