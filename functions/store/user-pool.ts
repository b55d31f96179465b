/**
 * Where sign-in accounts live: Cognito's user pool in AWS, Kawal's own table on a laptop. The admin
 * routes create and change accounts through this one port, then write the users directory; which
 * side answers is configuration (`KAWAL_USER_POOL_ID` names the pool; without it, local mode).
 */
import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type AdminCreateUserCommandOutput,
  AdminDeleteSoftwareTokenCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType as CognitoAttribute,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../platform/claims';
import { config } from '../platform/config';
import { AppError } from '../platform/errors';
import { traced } from '../platform/tracing';
import { hashPassword } from './passwords';

export interface NewAccount {
  /** What the person signs in with: their email in AWS, a username or an email on a laptop. */
  username: string;
  email?: string;
  name: string;
  roles: Role[];
  office: string | null;
}

export interface CreatedAccount {
  /** The id tokens will carry as `sub` (and the directory's key). */
  id: string;
  /**
   * The pool already had an account for that email (made by hand, or by an invitation whose
   * directory write failed): nothing was created or changed; the caller decides whether to link it.
   */
  existing?: boolean;
  /** Local mode only: the first password, shown once to the administrator, and its hash. */
  temporaryPassword?: string;
  passwordHash?: string;
}

/** What changes on an account; absent fields stay as they are. */
export interface AccountChange {
  name?: string;
  office?: string | null;
  addRoles?: Role[];
  removeRoles?: Role[];
  active?: boolean;
}

export interface UserPool {
  readonly kind: 'local' | 'cognito';
  create(account: NewAccount): Promise<CreatedAccount>;
  change(id: string, change: AccountChange): Promise<void>;
  /**
   * Removes the person's authenticator app (a lost or replaced phone) and ends every session they have,
   * so whoever holds the old phone or a signed-in browser is out: at their next sign-in they add an
   * authenticator again where the pool or their role requires one. False when they have none (an
   * account on a laptop never has one).
   */
  resetAuthenticator(id: string): Promise<boolean>;
}

/** Letters and digits that cannot be misread for one another (no 0/O, 1/l/I). */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password a person can copy from the screen: 16 readable characters in four groups. */
export function temporaryPassword(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => READABLE[byte % READABLE.length] ?? 'x').join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/**
 * On a laptop the account is the directory entry itself: creating one only makes its first password
 * (the caller writes the entry with the hash); changes are the entry's own fields.
 */
export const localUserPool: UserPool = {
  kind: 'local',
  resetAuthenticator: async () => false,
  create: async (account) => {
    const password = temporaryPassword();
    return { id: account.username, temporaryPassword: password, passwordHash: await hashPassword(password) };
  },
  change: async () => undefined,
};

function attribute(name: string, value: string): CognitoAttribute {
  return { Name: name, Value: value };
}

function cognitoError(error: unknown): never {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'UsernameExistsException') throw new AppError('user_exists', { cause: error });
  if (name === 'UserNotFoundException') throw new AppError('user_not_found', { cause: error });
  throw error;
}

/**
 * Cognito's admin API on one pool. Accounts sign in with their email; Cognito invites them by email
 * with a temporary password (never seen by Kawal). Roles are the pool's groups, the office the
 * `custom:office` attribute: both reach the ID token at the person's next sign-in or token refresh.
 */
export function cognitoUserPool(client: CognitoIdentityProviderClient, poolId: string): UserPool {
  const send = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      cognitoError(error);
    }
  };
  const setGroups = async (id: string, add: readonly Role[], remove: readonly Role[]) => {
    for (const group of add) {
      await send(() =>
        client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: id, GroupName: group })),
      );
    }
    for (const group of remove) {
      await send(() =>
        client.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: id, GroupName: group }),
        ),
      );
    }
  };
  return {
    kind: 'cognito',
    create: async (account) => {
      const email = account.email ?? account.username;
      let created: AdminCreateUserCommandOutput;
      try {
        created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: email,
            UserAttributes: [
              attribute('email', email),
              attribute('email_verified', 'true'),
              attribute('name', account.name),
              ...(account.office ? [attribute('custom:office', account.office)] : []),
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name !== 'UsernameExistsException') cognitoError(error);
        const found = await send(() =>
          client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email })),
        );
        const attributes: CognitoAttribute[] = found.UserAttributes ?? [];
        const id = attributes.find((a) => a.Name === 'sub')?.Value ?? found.Username;
        if (!id) throw new AppError('user_exists', { cause: error });
        return { id, existing: true };
      }
      const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? created.User?.Username;
      if (!sub) throw new Error('Cognito created a user without a sub');
      try {
        await setGroups(sub, account.roles, []);
      } catch (error) {
        // An account without its roles would sign in to nothing: take it back, so the invitation can be repeated.
        await client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: sub }));
        throw error;
      }
      return { id: sub };
    },
    change: async (id, change) => {
      const attributes = [
        ...(change.name !== undefined ? [attribute('name', change.name)] : []),
        ...(typeof change.office === 'string' ? [attribute('custom:office', change.office)] : []),
      ];
      if (attributes.length > 0) {
        await send(() =>
          client.send(
            new AdminUpdateUserAttributesCommand({
              UserPoolId: poolId,
              Username: id,
              UserAttributes: attributes,
            }),
          ),
        );
      }
      if (change.office === null) {
        await send(() =>
          client.send(
            new AdminDeleteUserAttributesCommand({
              UserPoolId: poolId,
              Username: id,
              UserAttributeNames: ['custom:office'],
            }),
          ),
        );
      }
      await setGroups(id, change.addRoles ?? [], change.removeRoles ?? []);
      if (change.active === false) {
        await send(() => client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: id })));
      } else if (change.active === true) {
        await send(() => client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: id })));
      }
    },
    resetAuthenticator: async (id) => {
      const found = await send(() =>
        client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: id })),
      );
      if (!(found.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA')) return false;
      // Deleting the token (not turning TOTP off, which a pool requiring MFA refuses) makes the next
      // sign-in ask for a new one; the sign-out revokes every refresh token the person holds.
      await send(() =>
        client.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: id })),
      );
      await send(() => client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: id })));
      return true;
    },
  };
}

let chosen: UserPool | undefined;

/**
 * Sets the pool this process uses instead of the one its configuration names: for a composition root
 * that holds another (the browser tests' Cognito stand-in behind the local stack); undefined goes back
 * to the configured one.
 */
export function useUserPool(pool: UserPool | undefined): void {
  chosen = pool;
}

/** The pool this process uses: Cognito when a pool is configured, the local table in local mode. */
export function userPool(): UserPool {
  if (!chosen) {
    const { userPoolId, dynamoEndpoint, region } = config();
    if (userPoolId)
      chosen = cognitoUserPool(traced(new CognitoIdentityProviderClient({ region })), userPoolId);
    else if (dynamoEndpoint) chosen = localUserPool;
    else throw new Error('Missing required environment variable KAWAL_USER_POOL_ID');
  }
  return chosen;
}
