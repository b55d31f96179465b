/**
 * A PK lost their phone: in Chromium, the web app in Cognito mode (test/support/cognito-mock.ts, which
 * also answers the API's own admin calls over HTTP, so the accounts routes run the real Cognito pool
 * code of functions/store/user-pool.ts), an administrator opens the PK in the users page, reads what a
 * reset does, confirms, and sees it done; the PK's authenticator and sessions are gone from the pool,
 * and at the next sign-in the PK is asked to add a new authenticator. A second reset says there is
 * nothing to reset; on a laptop (local accounts, no authenticators) the users page offers none.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { cognitoUserPool, useUserPool } from '../../functions/store/user-pool';
import { type BrowserSession, startBrowserSession } from '../support/browser';
import { CognitoMock, codeOf, POOL } from '../support/cognito-mock';
import { logInAs, seriousViolations } from '../support/studio';

let session: BrowserSession | undefined;
let kawal: LocalKawal;
let cognito: CognitoMock;
let served: { endpoint: string; close: () => Promise<void> } | undefined;
const contexts: BrowserContext[] = [];

const PK_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW';
const PK_EMAIL = 'pk1@bapas1.example.go.id';
const ADMIN_EMAIL = 'admin@kawal.example.go.id';
const PASSWORD = 'Rahasia-Uji-2026!';
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  session = await startBrowserSession();
  kawal = session.kawal;
  cognito = new CognitoMock(kawal.issuer);
  // The PK's office requires two-step sign-in; they have an authenticator on the phone they lost.
  cognito.add({
    email: PK_EMAIL,
    sub: 'pk1',
    name: 'PK Satu',
    roles: ['worker'],
    office: 'bapas-1',
    totpSecret: PK_SECRET,
    totpEnabled: true,
    mfaRequired: true,
  });
  cognito.add({
    email: ADMIN_EMAIL,
    sub: 'admin',
    name: 'Administrator Kawal',
    roles: ['admin'],
    office: null,
  });
  served = await cognito.serve();
  // The accounts routes of the local stack talk to the stand-in pool with the SDK, as the people Lambda does.
  const client = new CognitoIdentityProviderClient({
    region: POOL.region,
    endpoint: served.endpoint,
    credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
  });
  useUserPool(cognitoUserPool(client, POOL.userPoolId));
});

afterAll(async () => {
  useUserPool(undefined);
  for (const context of contexts) await context.close();
  await served?.close();
  await session?.stop();
});

/** A page of a new context in Cognito mode (nobody signed in). */
async function cognitoPage(): Promise<Page> {
  if (!session) throw new Error('no browser');
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  await cognito.install(context, kawal.url);
  return context.newPage();
}

async function enterPassword(page: Page, email: string): Promise<void> {
  await page.goto(`${kawal.url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** The PK's editor on the users page, opened from their row. */
async function openPk(page: Page): Promise<void> {
  await page.goto(`${kawal.url}/admin/pengguna`);
  await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
  const row = page.getByRole('row', { name: /PK Satu/ });
  await row.getByRole('button', { name: 'Ubah PK Satu' }).click();
  await page.getByRole('heading', { name: 'Aplikasi autentikator' }).waitFor();
}

describe('an administrator resets the authenticator app of a PK who lost their phone', () => {
  let admin: Page;

  it('the PK was signed in on the lost phone, with an authenticator', async () => {
    const pk = await cognitoPage();
    await enterPassword(pk, PK_EMAIL);
    await pk.getByLabel('Kode 6 angka').fill(codeOf(PK_SECRET));
    await pk.getByRole('button', { name: 'Verifikasi' }).click();
    await pk.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor();
    expect(cognito.sessionsOf(PK_EMAIL)).toBeGreaterThan(0);
  });

  it('says what a reset does, asks to confirm, and does it', async () => {
    admin = await cognitoPage();
    await enterPassword(admin, ADMIN_EMAIL);
    await admin.waitForURL((url) => !url.pathname.endsWith('/masuk'));
    await openPk(admin);
    await admin.getByText(/Jika PK Satu kehilangan atau mengganti ponsel/).waitFor();
    // By keyboard: the reset is a button, then the confirmation is.
    const reset = admin.getByRole('button', { name: 'Atur ulang autentikator PK Satu' });
    await reset.focus();
    await admin.keyboard.press('Enter');
    await admin
      .getByText(/Hapus aplikasi autentikator PK Satu dan keluarkan dari semua perangkat\?/)
      .waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    // Nothing is sent before the administrator confirms.
    expect(cognito.callsOf('AdminDeleteSoftwareToken')).toEqual([]);
    await admin.getByRole('button', { name: 'Ya, atur ulang' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: 'Aplikasi autentikator PK Satu dihapus dan semua sesinya diakhiri.' })
      .waitFor(WAIT);

    // In the pool: the token is gone and every session of the PK with it.
    expect(cognito.callsOf('AdminDeleteSoftwareToken').map((call) => call.body.Username)).toEqual(['pk1']);
    expect(cognito.user(PK_EMAIL).totpSecret).toBeUndefined();
    expect(cognito.sessionsOf(PK_EMAIL)).toBe(0);
    // The directory remembers when, and the page says so in Indonesian.
    await openPk(admin);
    await admin.getByText(/^Terakhir diatur ulang \d{1,2} [A-Z][a-z]+ 20\d\d/).waitFor();
  });

  it('the PK adds a new authenticator at the next sign-in', async () => {
    const pk = await cognitoPage();
    await enterPassword(pk, PK_EMAIL);
    await pk.getByRole('heading', { name: 'Pasang aplikasi autentikator', level: 1 }).waitFor();
    await pk.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' }).waitFor();
  });

  it('says there is nothing to reset when the PK has no authenticator yet', async () => {
    await admin.getByRole('button', { name: 'Atur ulang autentikator PK Satu' }).click();
    await admin.getByRole('button', { name: 'Ya, atur ulang' }).click();
    await admin
      .getByRole('alert')
      .filter({
        hasText: 'Orang ini belum memasang aplikasi autentikator, jadi tidak ada yang perlu diatur ulang.',
      })
      .waitFor(WAIT);
    expect(cognito.callsOf('AdminDeleteSoftwareToken')).toHaveLength(1);
  });
});

describe('on a laptop', () => {
  it('offers no authenticator reset: local accounts sign in with a password only', async () => {
    if (!session) throw new Error('no browser');
    const page = session.page;
    await logInAs(page, kawal.url, 'admin');
    await page.goto(`${kawal.url}/admin/pengguna`);
    const row = page.getByRole('row', { name: /PK Satu/ });
    // The page asks which sign-in this installation has (no /config.json on a laptop: local accounts).
    const asked = page.waitForResponse((response) => response.url().endsWith('/config.json'));
    await row.getByRole('button', { name: 'Ubah PK Satu' }).click();
    expect((await asked).status()).toBe(404);
    await page.getByRole('heading', { name: 'Ubah PK Satu' }).waitFor();
    await page.getByRole('button', { name: 'Simpan' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Aplikasi autentikator' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Atur ulang autentikator/ }).count()).toBe(0);
  });
});
