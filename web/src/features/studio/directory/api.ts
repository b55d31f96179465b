/**
 * The directory screens' API calls: the referral directory (`/api/services`, saved with If-Match on
 * the service's version), the offices (`/api/offices`) and the working-day calendar per year
 * (`/api/calendar/{year}`).
 */
import type { CalendarYear } from '../../../../../functions/cases/calendar';
import type { CalendarAdjustments, CalendarDay } from '../../../../../functions/domain/calendar';
import type { Office } from '../../../../../functions/store/offices-repo';
import type { Service } from '../../../../../functions/store/services-repo';
import { ApiError, apiRequest, type Page } from '../../../shared/api-client';

export type { CalendarAdjustments, CalendarDay, CalendarYear, Office, Service };
export type DayKind = CalendarDay['kind'];

/** What an administrator edits on a service (the server keeps version and authorship itself). */
export type ServiceFields = Pick<Service, 'name' | 'type' | 'address' | 'contact' | 'hours' | 'notes'>;
export type OfficeFields = Pick<Office, 'name' | 'timeZone' | 'address'>;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Every service, or those of one type (all pages: a directory holds tens to hundreds). */
export async function listServices(type: string | undefined, signal?: AbortSignal): Promise<Service[]> {
  const items: Service[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (type) query.set('type', type);
    if (cursor) query.set('cursor', cursor);
    const page: Page<Service> = await apiRequest(`/api/services?${query.toString()}`, withSignal(signal));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Saves a service edited from `version` (412 when someone saved it since). */
export function saveService(id: string, fields: ServiceFields, version: number): Promise<Service> {
  return apiRequest<Service>(`/api/services/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: fields,
    ifMatch: version,
  });
}

/**
 * Adds a service under an id made from its name. `If-Match: 0` makes the server refuse (412) an id
 * already taken, so nothing is overwritten: the next free id is tried instead.
 */
export async function addService(fields: ServiceFields): Promise<Service> {
  const base = idFrom(fields.name, 'layanan');
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      return await saveService(id, fields, 0);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 412) || attempt >= 20) throw error;
    }
  }
}

export async function removeService(id: string): Promise<void> {
  await apiRequest<undefined>(`/api/services/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function listOffices(signal?: AbortSignal): Promise<Office[]> {
  const page = await apiRequest<Page<Office>>('/api/offices', withSignal(signal));
  return page.items;
}

export function saveOffice(id: string, fields: OfficeFields): Promise<Office> {
  return apiRequest<Office>(`/api/offices/${encodeURIComponent(id)}`, { method: 'PUT', body: fields });
}

export function getCalendar(year: number, signal?: AbortSignal): Promise<CalendarYear> {
  return apiRequest<CalendarYear>(`/api/calendar/${year}`, withSignal(signal));
}

/** Replaces the year's adjustments (the whole list) and answers the year as it now is. */
export function saveCalendar(adjustments: CalendarAdjustments): Promise<CalendarYear> {
  const { year, add, remove, source, sourceDate } = adjustments;
  return apiRequest<CalendarYear>(`/api/calendar/${year}`, {
    method: 'PUT',
    body: {
      add: add.map(({ date, name, kind }) => ({ date, name, kind })),
      remove,
      ...(source ? { source } : {}),
      ...(sourceDate ? { sourceDate } : {}),
    },
  });
}

/**
 * An id for a new item made from its name, as the server accepts ids: lower-case letters, digits and
 * hyphens, at most 64 characters (room is left for a `-2` suffix). Accents are dropped.
 */
export function idFrom(name: string, fallback: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return slug || fallback;
}
