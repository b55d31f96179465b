/**
 * Offices as data: who works where, the time zone each office counts its deadlines in, and which
 * offices a case or a person may be sent to.
 */
import { DEFAULT_TIME_ZONE } from '../domain/dates';
import type { TIME_ZONES } from '../domain/vocabulary';
import type { User } from '../platform/claims';
import { config } from '../platform/config';
import { AppError } from '../platform/errors';
import { getOffice, listOffices, type Office, putOffice } from '../store/offices-repo';

export interface OfficeInput {
  name: string;
  timeZone: (typeof TIME_ZONES)[number];
  address?: string;
}

let cached: { at: number; offices: Map<string, Office> } | undefined;

async function offices(): Promise<Map<string, Office>> {
  if (!cached || Date.now() - cached.at >= config().contentTtlMs) {
    cached = { at: Date.now(), offices: new Map((await listOffices()).map((office) => [office.id, office])) };
  }
  return cached.offices;
}

export async function listAllOffices(): Promise<Office[]> {
  return [...(await offices()).values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The office's time zone (WIB for an office not yet described). */
export async function officeTimeZone(id: string): Promise<string> {
  return (await offices()).get(id)?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** The office, read through the cache and then the store (one just created elsewhere); undefined if none. */
export async function findOffice(id: string): Promise<Office | undefined> {
  return (await offices()).get(id) ?? (await getOffice(id));
}

/** An office named in a request body: one that exists, or 422 `unknown_office`. */
export async function assertKnownOffice(id: string): Promise<Office> {
  const office = await findOffice(id);
  if (!office) throw new AppError('unknown_office');
  return office;
}

/** Where a case in `from` may be transferred: another office that exists (422 otherwise). */
export async function assertTransferTarget(from: string, to: string): Promise<Office> {
  if (to === from) throw new AppError('same_office');
  return assertKnownOffice(to);
}

export async function saveOffice(user: User, id: string, input: OfficeInput): Promise<Office> {
  const office = await putOffice({
    id,
    name: input.name,
    timeZone: input.timeZone,
    address: input.address ?? '',
    updatedAt: new Date().toISOString(),
    updatedBy: user.id,
  });
  cached = undefined;
  return office;
}
