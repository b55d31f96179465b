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
