/** Starts one in-memory DynamoDB Local for the integration tests; each test file uses its own table. */
import type { TestProject } from 'vitest/node';
import { type DynamoLocal, startDynamoLocal } from '../../functions/local/dynamodb-local';

let dynamo: DynamoLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoLocal({ data: 'memory' });
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
