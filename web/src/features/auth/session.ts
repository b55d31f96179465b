/**
 * The signed-in session: the bearer token and the user it belongs to, kept in sessionStorage (so it
 * ends with the browser tab) and read by React through `useSession`.
 */
import { useSyncExternalStore } from 'react';

export interface User {
  id: string;
  name: string;
  roles: string[];
  office: string | null;
}

export interface Session {
  token: string;
  user: User;
  /**
   * An administrator whose account still lacks the authenticator app the installation requires of
   * administrators: the token leaves the admin role out until one is added (the account page).
   */
  needsAuthenticator?: true;
}

const STORAGE_KEY = 'kawal.session';
const listeners = new Set<() => void>();

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.id === 'string' &&
    typeof user.name === 'string' &&
    Array.isArray(user.roles) &&
    user.roles.every((role) => typeof role === 'string') &&
    (user.office === null || typeof user.office === 'string')
  );
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  return typeof session.token === 'string' && session.token !== '' && isUser(session.user);
}

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

let current: Session | null = stored();
/** Set when the server ended the session (401), so the login page can say why. */
let expired = false;
/** Set when the user signed out: the next sign-in (perhaps someone else's) starts afresh. */
let signedOut = false;

function changed(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session): void {
  current = session;
  expired = false;
  signedOut = false;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // storage unavailable: the session lasts until the page is reloaded
  }
  changed();
}

/** Ends the session; `reason: 'expired'` when the server refused the token rather than the user leaving. */
export function clearSession(reason?: 'expired'): void {
  if (!current) return;
  current = null;
  expired = reason === 'expired';
  signedOut = reason !== 'expired';
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  changed();
}

/** Whether the user ended the last session (rather than the server): nothing to go back to. */
export function sessionSignedOut(): boolean {
  return signedOut;
}

/** Whether the last session ended because the server refused its token. */
export function sessionExpired(): boolean {
  return expired;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}

/** Where a user starts: the caseload for those who hold cases (workers, supervisors), the studio for an administrator, else the forms. */
export function homePath(user: User | undefined): string {
  if (!user || holdsCases(user)) return '/kasus';
  return user.roles.includes('admin') ? '/admin' : '/formulir';
}

/** Whether the user holds cases (the caseload and case pages are theirs). */
export function holdsCases(user: User): boolean {
  return user.roles.includes('worker') || user.roles.includes('supervisor');
}
