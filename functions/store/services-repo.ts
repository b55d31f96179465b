/** The referral directory: one item per service, listed by type through the collections index. */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../platform/errors';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionFailure, storeCall } from './errors';

export interface Service {
  id: string;
  name: string;
  type: string;
  address: string;
  contact: string;
  hours: string;
  notes: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

const key = (id: string) => ({ pk: `SERVICE#${id}`, sk: 'SERVICE' });

function toService(item: Record<string, unknown>): Service {
  const { pk: _pk, sk: _sk, type: _kind, gsi1pk: _g, gsi1sk: _s, serviceType, ...rest } = item;
  return { ...(rest as Omit<Service, 'type'>), type: String(serviceType) };
}

export async function getService(id: string): Promise<Service | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true })),
  );
  return Item ? toService(Item) : undefined;
}

export async function listServices(
  type: string | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<Service>> {
  const query: QueryCommandInput = {
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: type ? 'gsi1pk = :pk AND begins_with(gsi1sk, :type)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'SERVICES', ...(type ? { ':type': `${type}#` } : {}) },
    Limit: limit,
  };
  query.ExclusiveStartKey = decodeCursor(cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], query);
  const result = await storeCall(() => db().send(new QueryCommand(query)));
  return {
    items: (result.Items ?? []).map(toService),
    nextCursor: encodeCursor(result.LastEvaluatedKey, query),
  };
}

/** Creates or replaces a service; `expected` is the version edited (0: new), undefined: whatever is there. */
export async function putService(
  service: Omit<Service, 'version'>,
  expected: number | undefined,
): Promise<Service> {
  const current = expected ?? (await getService(service.id))?.version ?? 0;
  const saved: Service = { ...service, version: current + 1 };
  const { type, ...rest } = saved;
  try {
    await storeCall(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...key(service.id),
            type: 'SERVICE',
            serviceType: type,
            gsi1pk: 'SERVICES',
            gsi1sk: `${type}#${service.id}`,
            ...rest,
          },
          ...(current === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :current',
                ExpressionAttributeValues: { ':current': current },
              }),
        }),
      ),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new AppError('version_mismatch', {
      params: { current: (await getService(service.id))?.version ?? 0 },
      cause: error,
    });
  }
  return saved;
}

/** Removes a service; referrals keep the name they were made with. False when there was none. */
export async function deleteService(id: string): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: key(id),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
