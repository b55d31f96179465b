/**
 * Two-step sign-in in Chromium, the web app in Cognito mode against a mocked Cognito endpoint
 * (test/support/cognito-mock.ts) and the local stack's API: a code from the authenticator app (a
 * wrong one first, said and corrected), an account's first sign-in that must add an authenticator
 * (QR code and key, on a phone-sized screen), a sign-in that ran out, the factor chosen for the user,
 * and turning an authenticator on from the account page; in local mode the account page has none.
 * The codes are made here with otpauth from the secrets the mock issued or holds.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { qrPath } from '../../web/src/features/auth/qr';
import { groupSecret } from '../../web/src/features/auth/totp';
import { type BrowserSession, startBrowserSession } from '../support/browser';
import { CognitoMock, codeOf, wrongCodeOf } from '../support/cognito-mock';
import { logInAs, seriousViolations } from '../support/studio';

let session: BrowserSession | undefined;
let kawal: LocalKawal;
let cognito: CognitoMock;
const contexts: BrowserContext[] = [];

/** A known secret: the account that already has an authenticator. */
const PK_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW';
const PASSWORD = 'Rahasia-Uji-2026!';

beforeAll(async () => {
  session = await startBrowserSession();
  kawal = session.kawal;
  cognito = new CognitoMock(kawal.issuer);
  // People of the local directory, so the API finds their cases after they sign in.
  cognito.add({
    email: 'pk1@bapas1.example.go.id',
    sub: 'pk1',
    name: 'PK Satu',
    roles: ['worker'],
    office: 'bapas-1',
    totpSecret: PK_SECRET,
    totpEnabled: true,
  });
  cognito.add({
    email: 'kabapas1@bapas1.example.go.id',
    sub: 'kabapas1',
    name: 'Kepala Bapas Satu',
    roles: ['supervisor'],
    office: 'bapas-1',
    mfaRequired: true,
  });
  cognito.add({
    email: 'pk2@bapas2.example.go.id',
    sub: 'pk2',
    name: 'PK Dua',
    roles: ['worker'],
    office: 'bapas-2',
    totpSecret: PK_SECRET,
    totpEnabled: true,
    selectFirst: true,
  });
  cognito.add({
    email: 'admin@kawal.example.go.id',
    sub: 'admin',
    name: 'Administrator Kawal',
    roles: ['admin'],
    office: null,
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await session?.stop();
});

/** A page of a new context in Cognito mode (its own sessionStorage: nobody is signed in). */
async function cognitoPage(viewport = { width: 1100, height: 900 }): Promise<Page> {
  if (!session) throw new Error('no browser');
  const context = await session.browser.newContext({ viewport });
  contexts.push(context);
  await cognito.install(context, kawal.url);
  return context.newPage();
}

async function enterPassword(page: Page, email: string): Promise<void> {
  await page.goto(`${kawal.url}/masuk`);
  // Cognito mode: the page says to sign in with the e-mail address.
  await page.getByText('Masuk dengan alamat email dan kata sandi').waitFor();
  await page.getByLabel('Nama pengguna').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

const codeField = (page: Page) => page.getByLabel('Kode 6 angka');

describe('signing in with a code from the authenticator app', () => {
  let page: Page;

  it('asks for the code on a screen made for it, with the focus in the field', async () => {
    page = await cognitoPage();
    await enterPassword(page, 'pk1@bapas1.example.go.id');
    await page.getByRole('heading', { name: 'Verifikasi dua langkah', level: 1 }).waitFor();
    const field = codeField(page);
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    // The password is no longer in the page.
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says a code that is not six digits without asking Cognito', async () => {
    await codeField(page).fill('12345');
    await codeField(page).press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Masukkan 6 angka dari aplikasi autentikator.' })
      .waitFor();
    expect(cognito.callsOf('RespondToAuthChallenge').map((call) => call.body.ChallengeName)).toEqual([
      'PASSWORD_VERIFIER',
    ]);
  });

  it('says a wrong code, empties the field, and takes the right one: the caseload opens', async () => {
    const wrong = wrongCodeOf(PK_SECRET);
    await codeField(page).fill(wrong);
    await page.getByRole('button', { name: 'Verifikasi' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kode tidak cocok' }).waitFor();
    expect(await codeField(page).inputValue()).toBe('');
    expect(await codeField(page).getAttribute('aria-invalid')).toBe('true');

    // As some apps show it: three digits, a space, three digits.
    const right = codeOf(PK_SECRET);
    await codeField(page).fill(`${right.slice(0, 3)} ${right.slice(3)}`);
    await codeField(page).press('Enter');
    await page.waitForURL('**/kasus');
    await page.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor();
    // The local API answered the signed-in PK: their own case.
    await page.getByRole('table').getByRole('link', { name: 'Dedi Contoh' }).waitFor();
    expect(await page.locator('.app-header').textContent()).toContain('PK Satu');

    const answers = cognito
      .callsOf('RespondToAuthChallenge')
      .filter((call) => call.body.ChallengeName === 'SOFTWARE_TOKEN_MFA');
    expect(
      answers.map((call) => [
        (call.body.ChallengeResponses as Record<string, string>).SOFTWARE_TOKEN_MFA_CODE,
        call.error,
      ]),
    ).toEqual([
      [wrong, 'CodeMismatchException'],
      [right, undefined],
    ]);
  });

  it('signs out, revoking the tokens', async () => {
    const before = cognito.callsOf('RevokeToken').length;
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await expect.poll(() => cognito.callsOf('RevokeToken').length).toBe(before + 1);
  });
});

describe("an account's first sign-in where the pool requires two-step sign-in, on a phone", () => {
  let page: Page;
  const email = 'kabapas1@bapas1.example.go.id';

  it('shows the QR code of the app entry and the key in groups of four, fitting the screen', async () => {
    page = await cognitoPage({ width: 390, height: 844 });
    await enterPassword(page, email);
    await page.getByRole('heading', { name: 'Pasang aplikasi autentikator', level: 1 }).waitFor();
    const secret = cognito.lastIssuedSecret();
    const uri = `otpauth://totp/Kawal:kabapas1%40bapas1.example.go.id?issuer=Kawal&secret=${secret}&algorithm=SHA1&digits=6&period=30`;

    // The QR code draws exactly the URI of an entry named after the app and the account.
    const qr = page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' });
    await qr.waitFor();
    expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(uri).d);
    // On the same phone, the link opens the app with the same entry.
    expect(
      await page.getByRole('link', { name: /Buka langsung di aplikasi autentikator/ }).getAttribute('href'),
    ).toBe(uri);
    // The key to type by hand.
    expect(await page.locator('.totp-secret').textContent()).toBe(groupSecret(secret));
    expect(
      groupSecret(secret)
        .split(' ')
        .every((group) => group.length <= 4),
    ).toBe(true);

    // Nothing wider than the phone, and the QR code large enough for a camera.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(180);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a wrong first code, then a code made from the key signs in', async () => {
    const secret = cognito.lastIssuedSecret();
    await codeField(page).fill(wrongCodeOf(secret));
    await page.getByRole('button', { name: 'Aktifkan dan masuk' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kode tidak cocok' }).waitFor();

    await codeField(page).fill(codeOf(secret));
    await page.getByRole('button', { name: 'Aktifkan dan masuk' }).click();
    await page.waitForURL('**/kasus');
    await page.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor();

    const verified = cognito.callsOf('VerifySoftwareToken');
    expect(verified.map((call) => call.error)).toEqual(['EnableSoftwareTokenMFAException', undefined]);
    expect(verified[1]?.body.FriendlyDeviceName).toBe('Kawal');
    // The library finished the MFA_SETUP challenge with the verified session.
    expect(
      cognito.callsOf('RespondToAuthChallenge').filter((call) => call.body.ChallengeName === 'MFA_SETUP'),
    ).toHaveLength(1);
    expect(cognito.user(email).totpSecret).toBe(secret);
  });

  it('asks for the new app’s code at the next sign-in, and Batal goes back to the password', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await enterPassword(page, email);
    await page.getByRole('heading', { name: 'Verifikasi dua langkah', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Kawal', level: 1 }).waitFor();
    expect(await page.getByLabel('Nama pengguna').inputValue()).toBe(email);
  });
});

describe('a sign-in that ran out, with the factor chosen for the user', () => {
  it('goes straight to the code (only authenticator apps are offered)', async () => {
    const page = await cognitoPage();
    await enterPassword(page, 'pk2@bapas2.example.go.id');
    await page.getByRole('heading', { name: 'Verifikasi dua langkah', level: 1 }).waitFor();
    const chosen = cognito
      .callsOf('RespondToAuthChallenge')
      .filter((call) => call.body.ChallengeName === 'SELECT_MFA_TYPE');
    expect(chosen.map((call) => (call.body.ChallengeResponses as Record<string, string>).ANSWER)).toEqual([
      'SOFTWARE_TOKEN_MFA',
    ]);

    // Cognito's 3 minutes pass before the code is sent: back to the start, saying why.
    cognito.expireSessions();
    await codeField(page).fill(codeOf(PK_SECRET));
    await codeField(page).press('Enter');
    await page.getByRole('heading', { name: 'Masuk ke Kawal', level: 1 }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Waktu untuk memasukkan kode sudah habis. Silakan masuk lagi' })
      .waitFor();
    expect(await page.getByLabel('Nama pengguna').inputValue()).toBe('pk2@bapas2.example.go.id');
    expect(await page.getByLabel('Kata sandi').inputValue()).toBe('');

    // Signing in again works.
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await codeField(page).fill(codeOf(PK_SECRET));
    await codeField(page).press('Enter');
    await page.waitForURL('**/kasus');
  });
});

describe('turning an authenticator on from the account page (the pool makes it optional)', () => {
  let page: Page;
  const email = 'admin@kawal.example.go.id';

  it('is reached from the name in the header and says it is not on', async () => {
    page = await cognitoPage();
    await enterPassword(page, email);
    // No authenticator: the password alone signs in.
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'Administrator Kawal' }).click();
    await page.getByRole('heading', { name: 'Akun', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Autentikator (verifikasi dua langkah)' });
    await section.getByText('Belum aktif').waitFor();
  });

  it('adds the app from the key and a code, and says it is on', async () => {
    const section = page.getByRole('region', { name: 'Autentikator (verifikasi dua langkah)' });
    await section.getByRole('button', { name: 'Aktifkan autentikator' }).click();
    await section.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' }).waitFor();
    const secret = cognito.lastIssuedSecret();
    // Named by the e-mail in the ID token.
    expect(await section.getByRole('link', { name: /Buka langsung/ }).getAttribute('href')).toContain(
      'otpauth://totp/Kawal:admin%40kawal.example.go.id?issuer=Kawal&',
    );
    expect(await section.locator('.totp-secret').textContent()).toBe(groupSecret(secret));

    await codeField(page).fill(wrongCodeOf(secret));
    await section.getByRole('button', { name: 'Aktifkan', exact: true }).click();
    await section.getByRole('alert').filter({ hasText: 'Kode tidak cocok' }).waitFor();
    await codeField(page).fill(codeOf(secret));
    await section.getByRole('button', { name: 'Aktifkan', exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Autentikator aktif.' }).waitFor();
    await section.getByText('Aktif: setiap kali masuk').waitFor();

    expect(cognito.callsOf('SetUserMFAPreference').map((call) => call.body.SoftwareTokenMfaSettings)).toEqual(
      [{ PreferredMfa: true, Enabled: true }],
    );
    expect(cognito.user(email).totpEnabled).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reads it as on after a reload, and the next sign-in asks for the code', async () => {
    await page.reload();
    const section = page.getByRole('region', { name: 'Autentikator (verifikasi dua langkah)' });
    await section.getByText('Aktif: setiap kali masuk').waitFor();
    await section.getByRole('button', { name: 'Pindahkan ke ponsel atau aplikasi lain' }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await enterPassword(page, email);
    await codeField(page).fill(codeOf(cognito.user(email).totpSecret ?? ''));
    await codeField(page).press('Enter');
    await page.waitForURL('**/admin');
  });
});

describe("the agency's names from the deploy", () => {
  it('names the agency on the sign-in page, and the application in the header and the tab', async () => {
    if (!session) throw new Error('no browser');
    const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    await cognito.install(context, kawal.url, {
      name: 'Balai Pemasyarakatan Kelas II Uji',
      appName: 'Sipas',
    });
    const page = await context.newPage();
    await page.goto(`${kawal.url}/masuk`);
    await expect
      .poll(() => page.locator('.login-agency').textContent())
      .toBe('Balai Pemasyarakatan Kelas II Uji');
    await expect.poll(() => page.title()).toMatch(/ · Sipas$/);
    await expect.poll(() => page.locator('.app-name').textContent()).toBe('Sipas');
    expect(await page.locator('.app-name').getAttribute('title')).toBe('Balai Pemasyarakatan Kelas II Uji');
  });
});

describe('an installation that requires an authenticator of administrators (mfa: "admins")', () => {
  const email = 'admin.baru@kawal.example.go.id';
  let page: Page;

  beforeAll(() => {
    cognito.add({ email, sub: 'admin-baru', name: 'Admin Baru', roles: ['admin'], office: null });
    cognito.adminMfa = true;
  });
  afterAll(() => {
    cognito.adminMfa = false;
  });

  it('signs a new administrator in without the studio, saying why and where to add one', async () => {
    page = await cognitoPage();
    await enterPassword(page, email);
    const notice = page.locator('.admin-mfa-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Akun Anda adalah akun administrator: Studio terbuka setelah Anda menambahkan aplikasi autentikator.',
    );
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Formulir' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Studio' }).count()).toBe(0);
    // The API sees no administrator either: the token itself lacks the role.
    const token = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('kawal.session') ?? '{}').token,
    );
    const users = await fetch(`${kawal.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(403);
  });

  it('opens the studio once the account has an authenticator, without signing in again', async () => {
    await page.locator('.admin-mfa-notice').getByRole('link', { name: 'Tambahkan autentikator' }).click();
    await page.getByRole('heading', { name: 'Akun', level: 1 }).waitFor();
    // No notice on the page where the authenticator is added.
    expect(await page.locator('.admin-mfa-notice').count()).toBe(0);
    const section = page.getByRole('region', { name: 'Autentikator (verifikasi dua langkah)' });
    await section.getByRole('button', { name: 'Aktifkan autentikator' }).click();
    await section.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' }).waitFor();
    await codeField(page).fill(codeOf(cognito.lastIssuedSecret()));
    await section.getByRole('button', { name: 'Aktifkan', exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Autentikator aktif.' }).waitFor();
    // The session was renewed: the new token carries the admin role.
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Studio' }).waitFor();
    expect(cognito.callsOf('InitiateAuth').some((call) => call.body.AuthFlow === 'REFRESH_TOKEN_AUTH')).toBe(
      true,
    );
    await nav.getByRole('link', { name: 'Studio' }).click();
    await page.waitForURL('**/admin');
    expect(await page.locator('.admin-mfa-notice').count()).toBe(0);
  });
});

describe('local mode', () => {
  it('has no authenticator: the name is not a link and the account page has no such section', async () => {
    if (!session) throw new Error('no browser');
    const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await logInAs(page, kawal.url, 'pk1');
    await page.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor();
    expect(await page.locator('.app-header').getByRole('link', { name: 'PK Satu' }).count()).toBe(0);
    // The account page reads /config.json (absent: local mode) before deciding.
    const config = page.waitForResponse((response) => response.url().endsWith('/config.json'));
    await page.goto(`${kawal.url}/akun`);
    expect((await config).status()).toBe(404);
    await page.getByRole('heading', { name: 'Akun', level: 1 }).waitFor();
    await page.locator('main').getByText('PK Satu', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: /Autentikator/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Aktifkan autentikator' }).count()).toBe(0);
  });
});
