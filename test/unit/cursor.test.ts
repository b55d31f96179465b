/** Pagination cursors: they come back only to the query that made them, unaltered. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/platform/errors';
import { decodeCursor, encodeCursor } from '../../functions/store/cursor';

const caseload = {
  IndexName: 'gsi3',
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeValues: { ':pk': 'OFFICE#bapas-1' },
};
const NAMES = ['pk', 'sk', 'gsi3pk', 'gsi3sk'];
const last = { pk: 'CASE#1', sk: 'HEAD', gsi3pk: 'OFFICE#bapas-1', gsi3sk: '0500#2026-12-01' };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'accepted';
};

describe('pagination cursors', () => {
  it('give the key back to the same query', () => {
    const cursor = encodeCursor(last, caseload);
    expect(decodeCursor(cursor ?? undefined, NAMES, caseload)).toEqual(last);
    expect(encodeCursor(undefined, caseload)).toBeNull();
    expect(decodeCursor(undefined, NAMES, caseload)).toBeUndefined();
  });

  it('refuse a cursor carried to another office, index, filter or order', () => {
    const cursor = encodeCursor(last, caseload) ?? '';
    for (const other of [
      { ...caseload, ExpressionAttributeValues: { ':pk': 'OFFICE#bapas-2' } },
      { ...caseload, IndexName: 'gsi1' },
      { ...caseload, FilterExpression: '#stage = :stage' },
      { ...caseload, ScanIndexForward: false },
    ]) {
      expect(refusal(() => decodeCursor(cursor, NAMES, other))).toBe('invalid_cursor');
    }
  });

  it('refuse a cursor whose key was changed, even with a well-formed key', () => {
    const cursor = encodeCursor(last, caseload) ?? '';
    const [, signature] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...last, gsi3pk: 'OFFICE#bapas-2' })).toString('base64url');
    expect(refusal(() => decodeCursor(`${forged}.${signature}`, NAMES, caseload))).toBe('invalid_cursor');
    const unsigned = Buffer.from(JSON.stringify(last)).toString('base64url');
    expect(refusal(() => decodeCursor(unsigned, NAMES, caseload))).toBe('invalid_cursor');
  });

  it('answer any string that is not such a cursor with invalid_cursor, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        fc.pre(text !== '');
        expect(refusal(() => decodeCursor(text, NAMES, caseload))).toBe('invalid_cursor');
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.base64String(), (key, signature) => {
        const payload = Buffer.from(JSON.stringify(key) ?? 'null').toString('base64url');
        expect(refusal(() => decodeCursor(`${payload}.${signature}`, NAMES, caseload))).toBe(
          'invalid_cursor',
        );
      }),
    );
  });
});
