import { AppError } from '../platform/errors';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Form and ruleset ids: lower-case letters, digits and hyphens, at most 64 characters. */
export function contentId(raw: string | undefined, name = 'id'): string {
  if (raw === undefined || !ID.test(raw)) throw new AppError('invalid_parameter', { params: { name } });
  return raw;
}

/** A positive version number from a path or body. */
export function versionNumber(raw: unknown, name = 'version'): number {
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new AppError('invalid_parameter', { params: { name } });
  }
  return value;
}

/** `limit` from a query string: 1..100, default 25. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 25;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new AppError('invalid_parameter', { params: { name: 'limit' } });
  }
  return value;
}
