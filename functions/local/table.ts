/** Creates the table from the shared spec when it does not exist (local mode and tests). */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, TABLE_SPEC } from '../store/table-spec';

/** How long a missing index may take to build before local mode gives up with a clear message. */
const INDEX_BUILD_LIMIT_MS = 150_000;

/**
 * Adds the spec's indexes a table made by an earlier Kawal lacks, one at a time as DynamoDB requires,
 * waiting for each to be active (DynamoDB Local fills it from the items already there).
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, existing: Set<string>) {
  for (const index of TABLE_SPEC.indexes) {
    if (existing.has(index.name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    // DynamoDB Local builds the index in the background: a busy store may take a while.
    const deadline = Date.now() + INDEX_BUILD_LIMIT_MS;
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const status = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.name)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not finish building index ${index.name} of ${tableName} within ${INDEX_BUILD_LIMIT_MS / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION || 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const indexes = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? ''));
      await addMissingIndexes(client, tableName, indexes);
      return 'existing';
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes().map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE_SPEC.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_SPEC.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_SPEC.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_SPEC.ttlAttribute, Enabled: true },
      }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}
