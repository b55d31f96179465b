/**
 * Signing in and out, whichever way the installation signs in: an `Authenticator` is either local
 * mode's POST /api/auth/login or Cognito (./cognito.ts, loaded only when `/config.json` names a user
 * pool). This module picks one at start, puts what it returns into the session (./session.ts) and, for
 * Cognito, refreshes the session before the ID token expires.
 */
import { decodeJwt } from 'jose';
import { useEffect, useSyncExternalStore } from 'react';
import { brandingFrom, setBranding } from '../../shared/branding';
import { login } from './api';
import { loadAuthConfig } from './auth-config';
import { clockSkew, isCognitoToken, refreshDelay } from './id-token';
import { clearSession, getSession, type Session, setSession } from './session';
import type { Authenticator, AuthMode, SignInResult, TotpSettings } from './sign-in';
import { SignInError } from './sign-in-error';

/** Local mode's answer to a step it never asks for. */
function notAsked(what: string): Promise<never> {
  return Promise.reject(new SignInError('login.failed', `no ${what} was asked for`));
}

/**
 * Local mode: the API checks the password and issues a token (8 hours); nothing to refresh or
 * revoke, and no two-step sign-in (no `totp`).
 */
export const localAuthenticator: Authenticator = {
  mode: 'local',
  signIn: async (username, password) => ({ status: 'signedIn', session: await login(username, password) }),
  completeNewPassword: () => notAsked('new password'),
  sendTotpCode: () => notAsked('authenticator code'),
  verifyTotpSetup: () => notAsked('authenticator code'),
  refresh: () => Promise.resolve(null),
  signOut: () => Promise.resolve(),
};

// ---- which authenticator ---------------------------------------------------------------------------

let loading: Promise<Authenticator> | undefined;
let mode: AuthMode | undefined;
const modeListeners = new Set<() => void>();

async function load(): Promise<Authenticator> {
  const config = await loadAuthConfig();
  if (!config) return localAuthenticator;
  setBranding(brandingFrom(config.agency));
  const { createCognitoAuthenticator } = await import('./cognito');
  return createCognitoAuthenticator(config);
}

/** The installation's authenticator (fetched once; a failed attempt is tried again on the next call). */
export function authenticator(): Promise<Authenticator> {
  loading ??= load().then(
    (auth) => {
      mode = auth.mode;
      for (const listener of modeListeners) listener();
      return auth;
    },
    (error: unknown) => {
      loading = undefined;
      throw new SignInError('login.unavailable', error instanceof Error ? error.message : String(error));
    },
  );
  return loading;
}

/** The sign-in mode once `/config.json` has been read (undefined until then; reading starts here). */
export function useAuthMode(): AuthMode | undefined {
  useEffect(() => {
    authenticator().catch(() => undefined);
  }, []);
  return useKnownAuthMode();
}

/**
 * The sign-in mode if it is known already (after a sign-in in this tab, or at start for a Cognito
 * session), without reading `/config.json` for it: for what every page shows, so a local-mode page
 * never asks for the file.
 */
export function useKnownAuthMode(): AuthMode | undefined {
  return useSyncExternalStore(
    (listener) => {
      modeListeners.add(listener);
      return () => modeListeners.delete(listener);
    },
    () => mode,
  );
}

// ---- the session's life ----------------------------------------------------------------------------

/** After a refresh the next one waits at least this long; also the retry while Cognito is unreachable. */
const RETRY_MS = 30_000;

/** Counts sign-ins and sign-outs, so a refresh that was under way when the user left is dropped. */
let generation = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/** How far this browser's clock runs ahead of Cognito's, measured on the last token received. */
let skewMs = 0;
let renewing: Promise<'refreshed' | 'rejected' | 'failed' | 'stale'> | undefined;

function cancelRefresh(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

/** Whether a token's expiry has passed (by the issuer's clock). */
function hasExpired(token: string): boolean {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' && exp * 1000 <= Date.now() - skewMs;
}

/** Sets a timer to refresh the session shortly before its ID token expires (Cognito only). */
function scheduleRefresh(session: Session, minMs = 0): void {
  cancelRefresh();
  if (mode !== 'cognito') return;
  let delay: number | undefined;
  try {
    delay = refreshDelay(decodeJwt(session.token), Date.now(), skewMs);
  } catch {
    return; // not a JWT: nothing to time
  }
  if (delay === undefined) return;
  timer = setTimeout(() => void refreshOnTimer(), Math.max(delay, minMs));
}

async function refreshOnTimer(): Promise<void> {
  timer = undefined;
  const outcome = await renew();
  const session = getSession();
  if (outcome === 'rejected') endSession('expired');
  // Cognito unreachable: try again while the token lasts; after that the API's 401 tries once more.
  else if (outcome === 'failed' && session && !hasExpired(session.token)) scheduleRefresh(session, RETRY_MS);
}

function begin(session: Session): void {
  try {
    skewMs = clockSkew(decodeJwt(session.token), Date.now());
  } catch {
    skewMs = 0;
  }
  setSession(session);
  scheduleRefresh(session, RETRY_MS);
}

/** Renews the session through the authenticator; concurrent callers share one attempt. */
function renew(): Promise<'refreshed' | 'rejected' | 'failed' | 'stale'> {
  renewing ??= (async () => {
    const started = generation;
    try {
      const session = await (await authenticator()).refresh();
      if (started !== generation || !getSession()) return 'stale';
      if (!session) return 'rejected';
      begin(session);
      return 'refreshed';
    } catch {
      return started !== generation ? 'stale' : 'failed';
    } finally {
      renewing = undefined;
    }
  })();
  return renewing;
}

/**
 * Renews the session (the API client calls this once when a request is answered 401): true when a
 * new token is in the session, so the request is worth sending again.
 */
export async function refreshSession(): Promise<boolean> {
  return (await renew()) === 'refreshed';
}

/** Ends the session; `'expired'` when the server refused it rather than the user leaving. */
export function endSession(reason?: 'expired'): void {
  generation += 1;
  cancelRefresh();
  clearSession(reason);
  // Cognito's tokens exist only once the authenticator was loaded (see startAuth).
  loading?.then(
    (auth) => auth.signOut(),
    () => undefined,
  );
}

/** Signs the user out (with Cognito, its tokens are forgotten and the refresh token revoked). */
export function signOut(): void {
  endSession();
}

/**
 * What a sign-in step leaves to do: nothing (signed in), or the next screen: a new password, an
 * authenticator code, or adding an authenticator app (with its secret).
 */
export type SignInNext = { status: 'signedIn' } | Exclude<SignInResult, { status: 'signedIn' }>;

/** Starts the session of a step that signed in; answers what is left to do. */
function settle(result: SignInResult): SignInNext {
  if (result.status !== 'signedIn') return result;
  begin(result.session);
  return { status: 'signedIn' };
}

/** Signs in with a username and password; Cognito may ask for more first (see SignInNext). */
export async function signIn(username: string, password: string): Promise<SignInNext> {
  generation += 1;
  return settle(await (await authenticator()).signIn(username, password));
}

/** Sets the new password the last step asked for; signs in, unless an authenticator must be added first. */
export async function completeNewPassword(newPassword: string): Promise<SignInNext> {
  generation += 1;
  return settle(await (await authenticator()).completeNewPassword(newPassword));
}

/** Answers the authenticator code the last step asked for, and signs in. */
export async function sendTotpCode(code: string): Promise<void> {
  generation += 1;
  begin(await (await authenticator()).sendTotpCode(code));
}

/** Confirms the authenticator app added at sign-in with its first code, and signs in. */
export async function verifyTotpSetup(code: string): Promise<void> {
  generation += 1;
  begin(await (await authenticator()).verifyTotpSetup(code));
}

/** The signed-in user's authenticator app, where the installation has two-step sign-in (Cognito). */
export async function totpSettings(): Promise<TotpSettings | undefined> {
  return (await authenticator()).totp;
}

/**
 * At app start: finds the sign-in mode and, for a Cognito session kept from before a reload, times
 * its refresh. A local-mode session needs neither, so its pages do not ask for `/config.json` (whose
 * 404 the browser would log on every page load); the login page and a 401 still do.
 */
export function startAuth(): void {
  const stored = getSession();
  if (stored && !isCognitoToken(stored.token)) return;
  authenticator().then(
    () => {
      const session = getSession();
      if (session) scheduleRefresh(session);
    },
    () => undefined,
  );
}
