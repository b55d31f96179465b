/**
 * Kawal's users directory: one item per person (name, roles, office, whether active, NIP), listed
 * per office through the collections index, sorted by name. In AWS Cognito holds the sign-in and
 * the directory mirrors it (written in the same step by the admin routes); on a laptop the same item
 * is also the local account, carrying its scrypt password hash.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeName } from '../domain/names';
import type { Role } from '../platform/claims';
import { db, tableName } from './client';
import { isConditionFailure, storeCall } from './errors';
import { queryPages } from './query-pages';

export interface DirectoryUser {
  /** The token's `sub`: Cognito's user id in AWS, the username on a laptop. */
  id: string;
  /** What the person signs in with (their email in AWS). */
  username: string;
  name: string;
  roles: Role[];
  office: string | null;
  /** A disabled person cannot sign in and is not offered as an assignee. */
  active: boolean;
  /** Nomor Induk Pegawai, 18 digits, when known. */
  nip?: string;
  email?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** When an administrator last removed the person's authenticator app, and who. */
  authenticatorReset?: { at: string; by: string };
}

/** A local account: the directory entry and its password hash. */
export interface LocalAccount extends DirectoryUser {
  passwordHash: string;
}

const key = (id: string) => ({ pk: `USER#${id}`, sk: 'ACCOUNT' });
/** Accounts written before the directory, listed under one collection; moved by upgradeAccounts. */
const LEGACY_COLLECTION = 'ACCOUNTS';
/** People without an office (administrators) are listed under this partition. */
const NO_OFFICE = '-';

function listKeys(user: Pick<DirectoryUser, 'id' | 'name' | 'office'>) {
  return { gsi1pk: `USERS#${user.office ?? NO_OFFICE}`, gsi1sk: `${normalizeName(user.name)}#${user.id}` };
}

function toUser(item: Record<string, unknown>): DirectoryUser {
  const username = String(item.username ?? item.id);
  return {
    id: String(item.id ?? username),
    username,
    name: String(item.name ?? username),
    roles: (item.roles ?? []) as Role[],
    office: typeof item.office === 'string' ? item.office : null,
    active: item.active !== false,
    ...(typeof item.nip === 'string' ? { nip: item.nip } : {}),
    ...(typeof item.email === 'string' ? { email: item.email } : {}),
    version: typeof item.version === 'number' ? item.version : 1,
    createdAt: String(item.createdAt ?? ''),
    updatedAt: String(item.updatedAt ?? ''),
    updatedBy: String(item.updatedBy ?? ''),
    ...(typeof item.authenticatorResetAt === 'string'
      ? { authenticatorReset: { at: item.authenticatorResetAt, by: String(item.authenticatorResetBy ?? '') } }
      : {}),
  };
}

async function getItem(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true })),
  );
  return Item;
}

/** A local account by the name it signs in with (locally the username is the id). */
export async function getAccount(username: string): Promise<LocalAccount | undefined> {
  const item = await getItem(username);
  if (!item || typeof item.passwordHash !== 'string') return undefined;
  return { ...toUser(item), passwordHash: item.passwordHash };
}

export async function getUser(id: string): Promise<DirectoryUser | undefined> {
  const item = await getItem(id);
  return item ? toUser(item) : undefined;
}

/** The people of one office (null: those without one), by name; a Query on the collections index. */
export async function listUsers(office: string | null, role?: Role): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ...(role ? { FilterExpression: 'contains(#roles, :role)' } : {}),
          ...(role ? { ExpressionAttributeNames: { '#roles': 'roles' } } : {}),
          ExpressionAttributeValues: {
            ':pk': `USERS#${office ?? NO_OFFICE}`,
            ...(role ? { ':role': role } : {}),
          },
          ExclusiveStartKey: start,
        }),
      ),
    );
    users.push(...(result.Items ?? []).map(toUser));
    start = result.LastEvaluatedKey;
  } while (start);
  return users;
}

/** Creates the entry unless one with that id exists; true when created. */
export async function createUser(user: DirectoryUser, passwordHash?: string): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...key(user.id),
            type: 'ACCOUNT',
            ...listKeys(user),
            ...user,
            ...(passwordHash ? { passwordHash } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Creates a local account unless one with that username exists; true when created. */
export function createAccount(
  account: Pick<DirectoryUser, 'username' | 'name' | 'roles' | 'office'> & {
    passwordHash: string;
    nip?: string;
  },
): Promise<boolean> {
  const now = new Date().toISOString();
  const { passwordHash, ...entry } = account;
  return createUser(
    {
      ...entry,
      id: account.username,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: 'system',
    },
    passwordHash,
  );
}

/**
 * Writes the changed entry if it is still at `user.version - 1`; false when someone changed it
 * meanwhile. The password hash of a local account is left as it is.
 */
/**
 * Records that an administrator removed the person's authenticator: not an edit of the entry (its
 * version stays, so an edit open in another tab still saves), a fact about the account.
 */
export async function recordAuthenticatorReset(id: string, at: string, by: string): Promise<void> {
  await storeCall(() =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression: 'SET authenticatorResetAt = :at, authenticatorResetBy = :by',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':by': by },
      }),
    ),
  );
}

export async function saveUser(user: DirectoryUser): Promise<boolean> {
  const keys = listKeys(user);
  try {
    await storeCall(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key(user.id),
          UpdateExpression: `SET #name = :name, #roles = :roles, #office = :office, #active = :active, #version = :version, #updatedAt = :updatedAt, #updatedBy = :updatedBy, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk${user.nip === undefined ? ' REMOVE #nip' : ', #nip = :nip'}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: {
            '#name': 'name',
            '#roles': 'roles',
            '#office': 'office',
            '#active': 'active',
            '#version': 'version',
            '#updatedAt': 'updatedAt',
            '#updatedBy': 'updatedBy',
            '#nip': 'nip',
          },
          ExpressionAttributeValues: {
            ':name': user.name,
            ':roles': user.roles,
            ':office': user.office,
            ':active': user.active,
            ':version': user.version,
            ':expected': user.version - 1,
            ':updatedAt': user.updatedAt,
            ':updatedBy': user.updatedBy,
            ':gsi1pk': keys.gsi1pk,
            ':gsi1sk': keys.gsi1sk,
            ...(user.nip === undefined ? {} : { ':nip': user.nip }),
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Local accounts written before the directory (one collection, no id, no active flag) become
 * directory entries listed under their office. Answers how many were moved; running it again moves none.
 */
export async function upgradeAccounts(): Promise<number> {
  let moved = 0;
  const pages = queryPages({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': LEGACY_COLLECTION },
  });
  for await (const items of pages) {
    for (const item of items) {
      const user = toUser(item);
      const keys = listKeys(user);
      try {
        await storeCall(() =>
          db().send(
            new UpdateCommand({
              TableName: tableName(),
              Key: key(user.username),
              UpdateExpression:
                'SET #id = :id, #active = :active, #version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
              ConditionExpression: 'gsi1pk = :legacy',
              ExpressionAttributeNames: { '#id': 'id', '#active': 'active', '#version': 'version' },
              ExpressionAttributeValues: {
                ':id': user.username,
                ':active': true,
                ':version': 1,
                ':gsi1pk': keys.gsi1pk,
                ':gsi1sk': keys.gsi1sk,
                ':legacy': LEGACY_COLLECTION,
              },
            }),
          ),
        );
        moved++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
  return moved;
}
