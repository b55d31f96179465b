/** Local-mode accounts (in AWS, Cognito holds users). Passwords are stored as scrypt hashes. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../platform/claims';
import { db, tableName } from './client';
import { isConditionFailure, storeCall } from './errors';

export interface LocalAccount {
  username: string;
  name: string;
  roles: Role[];
  office: string | null;
  passwordHash: string;
}

const key = (username: string) => ({ pk: `USER#${username}`, sk: 'ACCOUNT' });

export async function getAccount(username: string): Promise<LocalAccount | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(username) })),
  );
  if (!Item) return undefined;
  return {
    username: String(Item.username),
    name: String(Item.name),
    roles: (Item.roles ?? []) as Role[],
    office: typeof Item.office === 'string' ? Item.office : null,
    passwordHash: String(Item.passwordHash),
  };
}

/** Creates the account unless one with that username exists; true when created. */
export async function createAccount(account: LocalAccount): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...key(account.username),
            type: 'ACCOUNT',
            gsi1pk: 'ACCOUNTS',
            gsi1sk: account.username,
            ...account,
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
