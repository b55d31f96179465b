/**
 * Names for the directory's fixed values: Indonesia's three time zones (with their IANA ids, which
 * the server keeps), the kinds of days off, and the service types (whose labels the case page shares,
 * in `features/case/vocabulary.ts`). Typed against the server's lists with `import type`, so a value
 * added there fails type checking here until it has a name.
 */
import type { TIME_ZONES } from '../../../../../functions/domain/vocabulary';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../case/vocabulary';
import type { DayKind } from './api';
import type { DirectoryKey } from './texts';

export type TimeZone = (typeof TIME_ZONES)[number];

export const TIME_ZONE_LABELS: Readonly<Record<TimeZone, DirectoryKey>> = {
  'Asia/Jakarta': 'timeZone.Asia/Jakarta',
  'Asia/Makassar': 'timeZone.Asia/Makassar',
  'Asia/Jayapura': 'timeZone.Asia/Jayapura',
};
export const TIME_ZONE_LIST = Object.keys(TIME_ZONE_LABELS) as TimeZone[];

export function isTimeZone(value: string): value is TimeZone {
  return Object.hasOwn(TIME_ZONE_LABELS, value);
}

export const DAY_KIND_LABELS: Readonly<Record<DayKind, DirectoryKey>> = {
  'libur-nasional': 'kind.libur-nasional',
  'cuti-bersama': 'kind.cuti-bersama',
  'libur-lain': 'kind.libur-lain',
};
export const DAY_KINDS = Object.keys(DAY_KIND_LABELS) as DayKind[];

export function isDayKind(value: string): value is DayKind {
  return Object.hasOwn(DAY_KIND_LABELS, value);
}

/** The service types in the server's order (`lainnya`, "other", last). */
export const SERVICE_TYPE_LIST = Object.keys(SERVICE_TYPE_LABELS) as ServiceType[];

export function isServiceType(value: string | null | undefined): value is ServiceType {
  return typeof value === 'string' && Object.hasOwn(SERVICE_TYPE_LABELS, value);
}

export { SERVICE_TYPE_LABELS, type ServiceType };
