/**
 * People, offices and client search (see "People, offices, transfers, approvals" in the API
 * contract). An office's people and the offices list are kept for a minute and shared by every
 * component that asks, so a caseload naming the PK on each row makes one request, not one per row.
 */
import type { CaseSearch, FoundCase } from '../../../../functions/cases/search';
import type { UserView } from '../../../../functions/cases/users';
import { apiRequest, type Page } from '../../shared/api-client';

export type { CaseSearch, FoundCase };

/** An office as `GET /api/offices` lists it. */
export interface Office {
  id: string;
  name: string;
  timeZone: string;
  address: string;
}
export type Person = UserView;
export type Role = 'admin' | 'supervisor' | 'worker';
export const ROLES: readonly Role[] = ['worker', 'supervisor', 'admin'];

const TTL_MS = 60_000;
const shared = new Map<string, { at: number; value: Promise<unknown> }>();

/** One in-flight or recent answer per key; a failed one is forgotten, so the next call asks again. */
function sharedRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = shared.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  shared.set(key, { at: Date.now(), value });
  value.catch(() => shared.delete(key));
  return value;
}

/** Forgets what was kept (after an administrator changed someone). */
export function forgetPeople(): void {
  for (const key of [...shared.keys()]) if (key.startsWith('users')) shared.delete(key);
  names.clear();
}

export interface PeopleQuery {
  office?: string;
  role?: Role;
  active?: boolean;
}

function query(filters: PeopleQuery): string {
  const params = new URLSearchParams();
  if (filters.office) params.set('office', filters.office);
  if (filters.role) params.set('role', filters.role);
  if (filters.active !== undefined) params.set('active', String(filters.active));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GET /api/users: a supervisor's own office, or any (all, without `office`) for an administrator. */
export function listPeople(filters: PeopleQuery, options: { fresh?: boolean } = {}): Promise<Person[]> {
  const path = `/api/users${query(filters)}`;
  if (options.fresh) return apiRequest<Person[]>(path);
  return sharedRequest(`users${query(filters)}`, () => apiRequest<Person[]>(path));
}

/** Names already looked up (null: the id names nobody), shared by every screen. */
const names = new Map<string, string | null>();
/** Ids asked for and not yet looked up, sent together on the next tick. */
const wanted = new Set<string>();
/** Ids in a request not answered yet. */
const asking = new Set<string>();
const onNames = new Set<() => void>();
/** GET /api/users/names takes at most this many ids. */
const NAMES_PER_REQUEST = 50;

/** The name of a person by id as far as known: a name, null for nobody, undefined while not looked up. */
export function knownName(id: string): string | null | undefined {
  return names.get(id);
}

/** Calls `listener` whenever more names are known; returns the way to stop. */
export function watchNames(listener: () => void): () => void {
  onNames.add(listener);
  return () => onNames.delete(listener);
}

/**
 * Looks up the names of `ids` not known yet through GET /api/users/names (any member of staff may,
 * for ids they already hold), batched: the ids asked for in one tick go in one request per 50.
 */
export function lookUpNames(ids: readonly string[]): void {
  const before = wanted.size;
  for (const id of ids) if (!names.has(id) && !asking.has(id)) wanted.add(id);
  if (before > 0 || wanted.size === 0) return;
  setTimeout(() => {
    const batch = [...wanted];
    wanted.clear();
    for (let start = 0; start < batch.length; start += NAMES_PER_REQUEST) {
      const chunk = batch.slice(start, start + NAMES_PER_REQUEST);
      for (const id of chunk) asking.add(id);
      const path = `/api/users/names?ids=${chunk.map(encodeURIComponent).join(',')}`;
      apiRequest<{ items: { id: string; name: string }[] }>(path)
        .then(({ items }) => {
          for (const id of chunk) names.set(id, null);
          for (const person of items) names.set(person.id, person.name);
          for (const listener of onNames) listener();
        })
        // Not known this time: asked again the next time a screen needs them.
        .catch(() => undefined)
        .finally(() => {
          for (const id of chunk) asking.delete(id);
        });
    }
  }, 0);
}

/** GET /api/offices: every office, with its name. */
export function listOffices(): Promise<Office[]> {
  return sharedRequest('offices', async () => (await apiRequest<Page<Office>>('/api/offices')).items);
}

export type ClientQuery = { nik: string } | { name: string; birthDate: string };

/** GET /api/cases/search: the client's cases in the caller's scope, and counts of the others. */
export function searchClient(client: ClientQuery, signal?: AbortSignal): Promise<CaseSearch> {
  const params = new URLSearchParams('nik' in client ? { nik: client.nik } : client);
  return apiRequest<CaseSearch>(`/api/cases/search?${params}`, signal ? { signal } : {});
}

export interface Invitation {
  username?: string;
  email?: string;
  name: string;
  roles: Role[];
  office: string | null;
  nip?: string;
}

/** POST /api/users: locally the answer carries the first password, shown once. */
export async function invitePerson(invitation: Invitation): Promise<Person & { temporaryPassword?: string }> {
  const person = await apiRequest<Person & { temporaryPassword?: string }>('/api/users', {
    method: 'POST',
    body: invitation,
  });
  forgetPeople();
  return person;
}

export interface PersonChange {
  name?: string;
  roles?: Role[];
  office?: string | null;
  active?: boolean;
  nip?: string | null;
}

/**
 * POST /api/users/{id}/authenticator/reset: removes the person's authenticator app (a lost or replaced
 * phone) and signs them out everywhere; 409 `no_authenticator` when they have none.
 */
export async function resetAuthenticator(person: Person): Promise<Person> {
  const changed = await apiRequest<Person>(
    `/api/users/${encodeURIComponent(person.id)}/authenticator/reset`,
    {
      method: 'POST',
    },
  );
  forgetPeople();
  return changed;
}

/** PATCH /api/users/{id}, against the version the administrator saw. */
export async function changePerson(person: Person, change: PersonChange): Promise<Person> {
  const changed = await apiRequest<Person>(`/api/users/${encodeURIComponent(person.id)}`, {
    method: 'PATCH',
    body: change,
    ...(person.version !== undefined ? { ifMatch: person.version } : {}),
  });
  forgetPeople();
  return changed;
}
