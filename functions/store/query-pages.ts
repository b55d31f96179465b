/**
 * Every page of one Query, in order: for the store's walks over a whole partition (counts,
 * migrations), so each names only what it asks and what it does with an item.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { storeCall } from './errors';

/** The items of each page of the Query (on the case table), until DynamoDB has no more. */
export async function* queryPages(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start })),
    );
    yield result.Items ?? [];
    start = result.LastEvaluatedKey;
  } while (start);
}
