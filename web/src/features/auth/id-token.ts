/**
 * What the web app reads from a Cognito ID token: the user (the same claims the API reads, through
 * the API's own parser) and when to refresh it. The token is only decoded here, never verified: the
 * API (API Gateway's JWT authorizer) verifies every request.
 */
import { decodeJwt, type JWTPayload } from 'jose';
import { MFA_CLAIM, userFromClaims } from '../../../../functions/platform/claims';
import type { Session, User } from './session';

/** The user an ID token describes: id = sub, name, roles from cognito:groups, office from custom:office. */
export function userFromIdTokenPayload(payload: JWTPayload): User {
  const user = userFromClaims(payload);
  if (!user) throw new Error('The ID token has no subject');
  return user;
}

/** The session for a Cognito ID token: the token itself is the bearer token the API expects. */
export function sessionFromIdToken(idToken: string): Session {
  const payload = decodeJwt(idToken);
  return {
    token: idToken,
    user: userFromIdTokenPayload(payload),
    ...(payload[MFA_CLAIM] === 'missing' ? { needsAuthenticator: true as const } : {}),
  };
}

/** Whether a session token was issued by a Cognito user pool (rather than local mode's issuer). */
export function isCognitoToken(token: string): boolean {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' && /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\//.test(iss);
  } catch {
    return false;
  }
}

/** At most this long before the ID token expires, the session is refreshed. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Milliseconds from `nowMs` until the session should be refreshed: a margin before the token
 * expires (5 minutes, or a fifth of the token's lifetime when that is shorter), 0 when that time has
 * passed, undefined when the token has no expiry. `skewMs` is how far the browser's clock runs ahead
 * of the issuer's (measured when the token arrived), so a wrong clock does not refresh too early or
 * too late.
 */
export function refreshDelay(payload: JWTPayload, nowMs: number, skewMs = 0): number | undefined {
  if (typeof payload.exp !== 'number') return undefined;
  const expiresMs = payload.exp * 1000;
  const lifetimeMs =
    typeof payload.iat === 'number' ? expiresMs - payload.iat * 1000 : Number.POSITIVE_INFINITY;
  const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetimeMs / 5));
  return Math.max(0, expiresMs - margin - (nowMs - skewMs));
}

/** How far the browser's clock runs ahead of the issuer's, from a token that was just issued. */
export function clockSkew(payload: JWTPayload, nowMs: number): number {
  return typeof payload.iat === 'number' ? nowMs - payload.iat * 1000 : 0;
}
