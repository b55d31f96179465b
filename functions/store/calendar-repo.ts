/** Per-year calendar adjustments (cuti bersama, corrected holidays) that administrators maintain. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarAdjustments } from '../domain/calendar';
import { db, tableName } from './client';
import { storeCall } from './errors';

const PK = 'CALENDAR#ID';

export async function getAdjustments(year: number): Promise<CalendarAdjustments | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: { pk: PK, sk: `YEAR#${year}` } })),
  );
  return Item
    ? {
        year,
        add: Item.add ?? [],
        remove: Item.remove ?? [],
        ...(Item.source ? { source: Item.source } : {}),
        ...(Item.sourceDate ? { sourceDate: Item.sourceDate } : {}),
      }
    : undefined;
}

export async function allAdjustments(): Promise<CalendarAdjustments[]> {
  const result = await storeCall(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PK },
      }),
    ),
  );
  return (result.Items ?? []).map((item) => ({
    year: Number(item.year),
    add: item.add ?? [],
    remove: item.remove ?? [],
    ...(item.source ? { source: item.source } : {}),
    ...(item.sourceDate ? { sourceDate: item.sourceDate } : {}),
  }));
}

export async function putAdjustments(adjustments: CalendarAdjustments, by: string): Promise<void> {
  await storeCall(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: PK,
          sk: `YEAR#${adjustments.year}`,
          type: 'CALENDAR',
          ...adjustments,
          updatedAt: new Date().toISOString(),
          updatedBy: by,
        },
      }),
    ),
  );
}
