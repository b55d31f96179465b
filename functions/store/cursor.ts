/** Opaque pagination cursors: the base64url of DynamoDB's LastEvaluatedKey. */
import { AppError } from '../platform/errors';

export type Key = Record<string, unknown>;

export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** Decodes a cursor the API handed out; anything else is a 400, never passed to DynamoDB as is. */
export function decodeCursor(cursor: string | undefined, keyNames: readonly string[]): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      key &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      Object.keys(key).length > 0 &&
      Object.entries(key).every(([name, value]) => keyNames.includes(name) && typeof value === 'string')
    ) {
      return key as Key;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('invalid_parameter', { params: { name: 'cursor' } });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
