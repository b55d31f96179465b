/** Offices as data: who works where, and the time zone each office counts its deadlines in. */
import { DEFAULT_TIME_ZONE } from '../domain/dates';
import type { User } from '../platform/claims';
import { config } from '../platform/config';
import { AppError } from '../platform/errors';
import { getOffice, listOffices, type Office, putOffice } from '../store/offices-repo';

/** The time zones of Indonesia: WIB, WITA, WIT. */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

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

/** 422-free check that an office exists (404 `office_not_found` otherwise). */
export async function assertOffice(id: string): Promise<Office> {
  const office = (await offices()).get(id) ?? (await getOffice(id));
  if (!office) throw new AppError('office_not_found', { params: { id } });
  return office;
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
