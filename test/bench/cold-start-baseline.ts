/**
 * The cold-start benchmark's baseline (cold-start.ts): a handler whose module only creates the
 * document client, as functions/store/client.ts does, packaged the same way as Kawal's handlers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 3 }),
  {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  },
);

export const handler = async () => ({ statusCode: 200, body: typeof client.send });
