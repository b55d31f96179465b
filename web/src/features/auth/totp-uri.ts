/** The `otpauth://` URI of an authenticator app's new entry, built by otpauth (loaded with Cognito mode only). */
import { Secret, TOTP } from 'otpauth';
import { TOTP_DIGITS } from './totp';

/**
 * The URI an authenticator app reads from the QR code: `otpauth://totp/<issuer>:<account>?issuer=…&secret=…`
 * (with Cognito's algorithm, digits and period). The issuer is the app's name, so the entry is named
 * after it; the account is the e-mail the person signs in with, so two accounts on one phone are told
 * apart. Neither may hold a colon, which apps read as the split between the two (encoded or not),
 * so a colon is left out. Throws on a secret that is not base32.
 */
export function totpUri(secret: string, account: string, issuer: string): string {
  const withoutColon = (name: string) => name.replace(/:/g, '').trim();
  return new TOTP({
    issuer: withoutColon(issuer),
    label: withoutColon(account),
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: 30,
  }).toString();
}
