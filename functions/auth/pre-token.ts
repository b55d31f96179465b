/**
 * Cognito's pre token generation trigger, deployed only when kawal.config.json says `mfa: "admins"`:
 * an administrator's tokens carry the admin group only once their account has an authenticator app
 * (TOTP). Until then the token leaves `admin` out of `cognito:groups` and says why in the claim
 * `kawal:mfa` = `"missing"`; the web app then asks them to add an authenticator on their account page,
 * and the next token (the session is renewed right after) carries the group. API Gateway and every
 * handler read roles from the token only, so no route has to know about this.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { MFA_CLAIM } from '../platform/claims';

/** The group that needs an authenticator. */
export const GUARDED_GROUP = 'admin';

/** Whether an account's MFA settings (AdminGetUser's `UserMFASettingList`) include an authenticator app. */
export function hasAuthenticator(settings: readonly string[] | undefined): boolean {
  return (settings ?? []).includes('SOFTWARE_TOKEN_MFA');
}

/**
 * What the token should say for an account in `groups`: unchanged (undefined) when it is not an
 * administrator or already has an authenticator; otherwise its groups without `admin`, and the claim.
 */
export function tokenOverride(
  groups: readonly string[],
  withAuthenticator: boolean,
): { groups: string[]; claims: Record<string, string> } | undefined {
  if (!groups.includes(GUARDED_GROUP) || withAuthenticator) return undefined;
  return { groups: groups.filter((group) => group !== GUARDED_GROUP), claims: { [MFA_CLAIM]: 'missing' } };
}

let client: CognitoIdentityProviderClient | undefined;

/** The account's MFA settings as Cognito holds them (not what the sign-in used). */
async function authenticatorOf(userPoolId: string, username: string): Promise<boolean> {
  client ??= new CognitoIdentityProviderClient({});
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  return hasAuthenticator(user.UserMFASettingList);
}

export const handler = async (
  event: PreTokenGenerationTriggerEvent,
  lookUp: (userPoolId: string, username: string) => Promise<boolean> = authenticatorOf,
): Promise<PreTokenGenerationTriggerEvent> => {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  if (!groups.includes(GUARDED_GROUP)) return event;
  // An error reading the account fails closed: no admin group in this token (the rest still works).
  const withAuthenticator = await lookUp(event.userPoolId, event.userName).catch(() => false);
  const override = tokenOverride(groups, withAuthenticator);
  if (override) {
    event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: override.claims,
      groupOverrideDetails: { groupsToOverride: override.groups },
    };
  }
  return event;
};
