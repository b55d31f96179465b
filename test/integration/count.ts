import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalKawal } from '../../functions/local/app';

/** How many items one partition holds, read straight from DynamoDB Local (to prove nothing was written). */
export async function CountCommand(
  kawal: LocalKawal,
  pk: string,
  skPrefix?: string,
  index?: string,
): Promise<number> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: kawal.dynamoEndpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  try {
    const reply = await client.send(
      new QueryCommand({
        TableName: kawal.tableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: `${index ? `${index}pk` : 'pk'} = :pk${skPrefix ? ' AND begins_with(sk, :prefix)' : ''}`,
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        Select: 'COUNT',
      }),
    );
    return reply.Count ?? 0;
  } finally {
    client.destroy();
  }
}
