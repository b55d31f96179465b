import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { storeCall } from './errors';

/** Whether the table answers a read (a key that never exists: cheap, and needs only read access). */
export async function storeIsReachable(): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(new GetCommand({ TableName: tableName(), Key: { pk: 'HEALTH', sk: 'HEALTH' } })),
    );
    return true;
  } catch {
    return false;
  }
}
