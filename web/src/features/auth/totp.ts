/**
 * What an authenticator app (TOTP, RFC 6238) shows and what a person types back: the secret written
 * for typing by hand, and a six-digit code as people type it (with a space or a dash in the middle,
 * as some apps show it). Pure; the QR code's URI is in ./totp-uri.ts (with otpauth, Cognito mode only).
 */

/** Cognito's authenticator codes: six digits, a new one every 30 seconds, HMAC-SHA1. */
export const TOTP_DIGITS = 6;

/** The secret in groups of four (`ABCD EFGH …`), for typing into an app without a camera. */
export function groupSecret(secret: string): string {
  return (
    secret
      .replace(/[\s=]/g, '')
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

/** The code a person typed, as the six digits Cognito expects; undefined when it is not six digits. */
export function totpCode(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : undefined;
}
