/**
 * The pure parts of two-step sign-in in the web app: the key written for typing, the code as people
 * type it, the otpauth:// URI an authenticator app reads (checked by reading it back with otpauth and
 * comparing the codes), its QR code, and how Cognito's refusals of a code are worded.
 */
import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../web/src/features/auth/qr';
import { restartsSignIn, SignInError, signInErrorFrom } from '../../web/src/features/auth/sign-in-error';
import { groupSecret, totpCode } from '../../web/src/features/auth/totp';
import { totpUri } from '../../web/src/features/auth/totp-uri';
import { translate } from '../../web/src/shared/i18n/dictionary';

/** A secret as Cognito's AssociateSoftwareToken returns it: 52 base32 characters. */
const SECRET = 'JXBBFM3MEUMDCMTBLWTFJ6QOPWZNQXGEJVLEMQNF2WE7RYMEAKAA';

describe('the key for typing into an app', () => {
  it('comes in groups of four', () => {
    expect(groupSecret(SECRET)).toBe('JXBB FM3M EUMD CMTB LWTF J6QO PWZN QXGE JVLE MQNF 2WE7 RYME AKAA');
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('is written in capitals without padding or spaces it came with, and a short last group stays', () => {
    expect(groupSecret(' jbsw y3dp ehp== ')).toBe('JBSW Y3DP EHP');
    expect(groupSecret('')).toBe('');
  });
});

describe('the code a person types', () => {
  it('is six digits, also with a space or a dash in the middle as apps show it', () => {
    expect(totpCode('123456')).toBe('123456');
    expect(totpCode(' 123 456 ')).toBe('123456');
    expect(totpCode('123-456')).toBe('123456');
    expect(totpCode('012345')).toBe('012345');
  });

  it('is refused when it is not six digits', () => {
    for (const typed of ['', '12345', '1234567', '12a456', '١٢٣٤٥٦', '12.456']) {
      expect(totpCode(typed), typed).toBeUndefined();
    }
  });
});

describe('the otpauth:// URI of the QR code', () => {
  const uri = totpUri(SECRET, 'sari@bapas.example.go.id', 'Kawal');

  it('names the entry after the app and the account, with the secret and Cognito’s parameters', () => {
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Kawal:sari@bapas.example.go.id');
    expect(url.searchParams.get('issuer')).toBe('Kawal');
    expect(url.searchParams.get('secret')).toBe(SECRET);
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('gives an app reading it the same codes as the secret Cognito holds', () => {
    const read = URI.parse(uri);
    expect(read).toBeInstanceOf(TOTP);
    const held = new TOTP({ secret: Secret.fromBase32(SECRET) });
    for (const timestamp of [0, 1_700_000_000_000, Date.now()]) {
      expect(read.generate({ timestamp })).toBe(held.generate({ timestamp }));
    }
    expect(read.issuer).toBe('Kawal');
    expect(read.label).toBe('sari@bapas.example.go.id');
  });

  it('leaves out a colon in the names, which apps would read as the split between issuer and account', () => {
    const written = totpUri(SECRET, 'a:b@example.go.id', 'Bapas: Kota');
    expect(decodeURIComponent(new URL(written).pathname)).toBe('/Bapas Kota:ab@example.go.id');
    const read = URI.parse(written);
    expect(read.issuer).toBe('Bapas Kota');
    expect(read.label).toBe('ab@example.go.id');
  });

  it('is refused for a secret that is not base32', () => {
    expect(() => totpUri('not base32!', 'sari@example.go.id', 'Kawal')).toThrow();
  });
});

describe('the QR code', () => {
  const uri = totpUri(SECRET, 'sari@bapas.example.go.id', 'Kawal');

  it('keeps the quiet zone of four modules clear and draws the modules inside it', () => {
    const { size, d } = qrPath(uri);
    const modules = [...d.matchAll(/M(\d+),(\d+)h1v1h-1z/g)].map(([, x, y]) => [Number(x), Number(y)]);
    expect(modules.length).toBeGreaterThan(100);
    expect(d).toBe(modules.map(([x, y]) => `M${x},${y}h1v1h-1z`).join(''));
    // A QR code's side is 17 + 4 × version modules, plus the quiet zone on both sides.
    expect((size - 8 - 17) % 4).toBe(0);
    for (const [x, y] of modules) {
      expect(Math.min(x ?? -1, y ?? -1)).toBeGreaterThanOrEqual(4);
      expect(Math.max(x ?? size, y ?? size)).toBeLessThan(size - 4);
    }
    // The finder pattern's corner module (top left) is dark.
    expect(modules).toContainEqual([4, 4]);
  });

  it('differs for another secret', () => {
    const other = totpUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'sari@bapas.example.go.id', 'Kawal');
    expect(qrPath(other).d).not.toBe(qrPath(uri).d);
  });
});

describe("Cognito's refusals of a code", () => {
  const cognitoError = (code: string, message: string) =>
    Object.assign(new Error(message), { code, name: code });

  it('say a wrong code, at sign-in and when adding an app, and let the user try again', () => {
    const atSignIn = signInErrorFrom(
      cognitoError('CodeMismatchException', 'Invalid code received for user'),
      'totp',
    );
    const adding = signInErrorFrom(
      cognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'),
      'settings',
    );
    expect([atSignIn.key, adding.key]).toEqual(['login.totpWrong', 'login.totpWrong']);
    expect(restartsSignIn(atSignIn)).toBe(false);
    expect(translate('id', atSignIn.key)).toMatch(/Kode tidak cocok/);
  });

  it('say a code used already, to wait for the next one', () => {
    const used = signInErrorFrom(
      cognitoError('ExpiredCodeException', 'Your software token has already been used once.'),
      'totp',
    );
    expect(used.key).toBe('login.totpUsed');
    expect(restartsSignIn(used)).toBe(false);
  });

  it('send the user back to the start when the sign-in ran out (3 minutes) or was tried too often', () => {
    const expired = signInErrorFrom(
      cognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      'totp',
    );
    expect(expired.key).toBe('login.totpExpired');
    expect(restartsSignIn(expired)).toBe(true);
    const tooMany = signInErrorFrom(
      cognitoError('NotAuthorizedException', 'Password attempts exceeded'),
      'totp',
    );
    expect(restartsSignIn(tooMany)).toBe(true);
    expect(restartsSignIn(new SignInError('login.totpWrong'))).toBe(false);
    expect(restartsSignIn(new Error('login.totpExpired'))).toBe(false);
  });

  it('say an ended session on the account page as the API would', () => {
    const refused = signInErrorFrom(
      cognitoError('NotAuthorizedException', 'Access Token has expired'),
      'settings',
    );
    expect(refused.key).toBe('login.expired');
  });

  it('still word a refused password the same way at the first step', () => {
    const wrong = signInErrorFrom(
      cognitoError('NotAuthorizedException', 'Incorrect username or password.'),
      'signIn',
    );
    expect(wrong.key).toBe('login.wrongCredentials');
    expect(restartsSignIn(wrong)).toBe(false);
  });
});
