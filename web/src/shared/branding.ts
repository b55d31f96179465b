/**
 * Whose installation this is: the application's and the agency's names from the deploy's
 * `/config.json` (kawal.config.json's `agency`), for the header, the tab title and the sign-in page.
 * Local mode has no such file: the application's own name, and no agency.
 */
import { useSyncExternalStore } from 'react';

export interface Branding {
  /** The name people know the application by (the header, the tab title, authenticator entries). */
  appName: string;
  /** The agency running it, when the deploy names one other than the application. */
  agencyName: string | undefined;
}

export const DEFAULT_APP_NAME = 'Kawal';

let current: Branding = { appName: DEFAULT_APP_NAME, agencyName: undefined };
const listeners = new Set<() => void>();

/** Reads `agency` of a parsed `/config.json`; anything missing or malformed keeps the defaults. */
export function brandingFrom(agency: unknown): Branding {
  const fields = typeof agency === 'object' && agency !== null ? (agency as Record<string, unknown>) : {};
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const appName = text(fields.appName) ?? DEFAULT_APP_NAME;
  const name = text(fields.name);
  return { appName, agencyName: name && name !== appName ? name : undefined };
}

export function setBranding(branding: Branding): void {
  if (branding.appName === current.appName && branding.agencyName === current.agencyName) return;
  current = branding;
  document.title = document.title.replace(/ · [^·]+$/, ` · ${branding.appName}`);
  for (const listener of listeners) listener();
}

export function getBranding(): Branding {
  return current;
}

export function useBranding(): Branding {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
