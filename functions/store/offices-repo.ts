/** Offices: one item each, listed through the collections index. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { storeCall } from './errors';

export interface Office {
  id: string;
  name: string;
  /** IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: string;
  address: string;
  updatedAt: string;
  updatedBy: string;
}

const key = (id: string) => ({ pk: `OFFICE#${id}`, sk: 'OFFICE' });

function toOffice(item: Record<string, unknown>): Office {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...rest } = item;
  return rest as unknown as Office;
}

export async function getOffice(id: string): Promise<Office | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true })),
  );
  return Item ? toOffice(Item) : undefined;
}

/** Every office (a Query on the collections index; an agency has tens, not thousands). */
export async function listOffices(): Promise<Office[]> {
  const offices: Office[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'OFFICES' },
          ExclusiveStartKey: start,
        }),
      ),
    );
    offices.push(...(result.Items ?? []).map(toOffice));
    start = result.LastEvaluatedKey;
  } while (start);
  return offices;
}

export async function putOffice(office: Office): Promise<Office> {
  await storeCall(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key(office.id), type: 'OFFICE', gsi1pk: 'OFFICES', gsi1sk: office.id, ...office },
      }),
    ),
  );
  return office;
}
