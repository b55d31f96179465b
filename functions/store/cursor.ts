/**
 * Opaque, tamper-evident pagination cursors. A cursor is DynamoDB's LastEvaluatedKey signed
 * (HMAC-SHA256) together with the query it came from: the index, the key condition and its values
 * (which name the caller's office or caseload) and the filter. A cursor that was altered, forged, or
 * carried to another query or caller is answered 400 `invalid_cursor` and never reaches DynamoDB.
 *
 * The key is `KAWAL_CURSOR_SECRET` (the deployment's secret, the same for every function); without
 * it, one drawn at random for this process (local mode is one process, and cursors are short-lived).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../platform/errors';

export type Key = Record<string, unknown>;

/** The parts of a Query that decide which items it pages through. */
export interface QueryScope {
  IndexName?: string | undefined;
  KeyConditionExpression?: string | undefined;
  FilterExpression?: string | undefined;
  ExpressionAttributeValues?: Record<string, unknown> | undefined;
  ScanIndexForward?: boolean | undefined;
}

let secret: Buffer | undefined;
function key(): Buffer {
  secret ??= process.env.KAWAL_CURSOR_SECRET
    ? Buffer.from(process.env.KAWAL_CURSOR_SECRET, 'utf8')
    : randomBytes(32);
  return secret;
}

const scopeOf = (query: QueryScope) =>
  JSON.stringify([
    query.IndexName ?? '',
    query.KeyConditionExpression ?? '',
    query.FilterExpression ?? '',
    Object.entries(query.ExpressionAttributeValues ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    query.ScanIndexForward ?? true,
  ]);

const sign = (payload: string, query: QueryScope) =>
  createHmac('sha256', key()).update(scopeOf(query)).update('\n').update(payload).digest();

/** The cursor for the next page of `query`; null when there is none. */
export function encodeCursor(lastKey: Key | undefined, query: QueryScope): string | null {
  if (!lastKey) return null;
  const payload = Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, query).toString('base64url')}`;
}

/** The key a cursor of this same query carries; 400 `invalid_cursor` for anything else. */
export function decodeCursor(
  cursor: string | undefined,
  keyNames: readonly string[],
  query: QueryScope,
): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (payload && signature && extra === undefined) {
    const expected = sign(payload, query);
    const given = Buffer.from(signature, 'base64url');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (
          decoded &&
          typeof decoded === 'object' &&
          !Array.isArray(decoded) &&
          Object.keys(decoded).length > 0 &&
          Object.entries(decoded).every(
            ([name, value]) => keyNames.includes(name) && typeof value === 'string',
          )
        ) {
          return decoded as Key;
        }
      } catch {
        // fall through to the 400 below
      }
    }
  }
  throw new AppError('invalid_cursor');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
