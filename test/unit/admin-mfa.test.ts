/**
 * The sign-in trigger of `mfa: "admins"` (functions/auth/pre-token.ts): an administrator's token
 * carries the admin group only when the account has an authenticator app, and says so otherwise;
 * nobody else's token changes; an account that cannot be read gets no admin group (fails closed).
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler, hasAuthenticator, tokenOverride } from '../../functions/auth/pre-token';
import { MFA_CLAIM } from '../../functions/platform/claims';
import { sessionFromIdToken } from '../../web/src/features/auth/id-token';

function eventFor(groups: string[]): PreTokenGenerationTriggerEvent {
  return {
    version: '1',
    region: 'ap-southeast-3',
    userPoolId: 'ap-southeast-3_Kawal',
    userName: 'sub-1',
    callerContext: { awsSdkVersion: '3', clientId: 'client' },
    triggerSource: 'TokenGeneration_Authentication',
    request: { userAttributes: {}, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] } },
    response: { claimsOverrideDetails: null },
  } as unknown as PreTokenGenerationTriggerEvent;
}

describe('the admin group needs an authenticator', () => {
  it('reads an authenticator app from the account’s MFA settings, not SMS', () => {
    expect(hasAuthenticator(['SOFTWARE_TOKEN_MFA'])).toBe(true);
    expect(hasAuthenticator(['SMS_MFA'])).toBe(false);
    expect(hasAuthenticator(undefined)).toBe(false);
  });

  it('drops only the admin group, and says why, when the account has none', () => {
    expect(tokenOverride(['admin', 'supervisor'], false)).toEqual({
      groups: ['supervisor'],
      claims: { [MFA_CLAIM]: 'missing' },
    });
    expect(tokenOverride(['admin'], true)).toBeUndefined();
    expect(tokenOverride(['worker'], false)).toBeUndefined();
  });

  it('changes an administrator’s token without an authenticator, and nobody else’s', async () => {
    const asked: string[] = [];
    const lookUp = async (pool: string, user: string) => {
      asked.push(`${pool}/${user}`);
      return false;
    };
    const admin = await handler(eventFor(['admin', 'supervisor']), lookUp);
    expect(admin.response.claimsOverrideDetails).toEqual({
      claimsToAddOrOverride: { 'kawal:mfa': 'missing' },
      groupOverrideDetails: { groupsToOverride: ['supervisor'] },
    });
    expect(asked).toEqual(['ap-southeast-3_Kawal/sub-1']);

    const worker = await handler(eventFor(['worker']), lookUp);
    expect(worker.response.claimsOverrideDetails).toBeNull();
    // A worker's sign-in never reads the account.
    expect(asked).toHaveLength(1);

    const withApp = await handler(eventFor(['admin']), async () => true);
    expect(withApp.response.claimsOverrideDetails).toBeNull();
  });

  it('leaves the admin group out when the account cannot be read', async () => {
    const failed = await handler(eventFor(['admin']), async () => {
      throw new Error('Cognito unavailable');
    });
    expect(failed.response.claimsOverrideDetails?.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  it('lets the web app tell such a session from others', () => {
    const token = (claims: Record<string, unknown>) =>
      `e30.${Buffer.from(JSON.stringify({ sub: 'sub-1', name: 'Admin', ...claims })).toString('base64url')}.`;
    expect(sessionFromIdToken(token({ [MFA_CLAIM]: 'missing' })).needsAuthenticator).toBe(true);
    expect(sessionFromIdToken(token({ 'cognito:groups': ['admin'] })).needsAuthenticator).toBeUndefined();
  });
});
