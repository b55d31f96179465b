import { describe, expect, it } from 'vitest';
import { parseListClaim, userFromClaims } from '../../functions/platform/claims';

describe('claims as the HTTP API passes them', () => {
  it.each([
    ['[admin worker]', ['admin', 'worker']],
    ['[admin]', ['admin']],
    ['[]', []],
    ['["admin","supervisor"]', ['admin', 'supervisor']],
    ['worker', ['worker']],
    ['', []],
    [['admin'], ['admin']],
    [undefined, []],
    [42, []],
  ])('parses %j as %j', (raw, expected) => {
    expect(parseListClaim(raw)).toEqual(expected);
  });

  it('builds the user from Cognito claims, dropping unknown groups', () => {
    expect(
      userFromClaims({
        sub: 'u1',
        name: 'Budi',
        'cognito:groups': '[worker auditors]',
        'custom:office': 'bapas-1',
      }),
    ).toEqual({ id: 'u1', name: 'Budi', roles: ['worker'], office: 'bapas-1' });
  });

  it('has no user without a subject, and falls back to the subject for the name', () => {
    expect(userFromClaims({})).toBeUndefined();
    expect(userFromClaims(undefined)).toBeUndefined();
    expect(userFromClaims({ sub: 'u2' })).toEqual({ id: 'u2', name: 'u2', roles: [], office: null });
  });
});
