import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { login, send, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
beforeAll(async () => {
  kawal = await startTestKawal();
});
afterAll(async () => kawal?.stop());

describe('when the table is unreachable', () => {
  it('health answers 503 and API calls answer 503 store_unavailable without internals', async () => {
    const worker = await login(kawal, 'pk1');
    expect((await send(kawal.url, 'GET', '/api/health')).status).toBe(200);

    const client = new DynamoDBClient({
      endpoint: kawal.dynamoEndpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(new DeleteTableCommand({ TableName: kawal.tableName }));
    client.destroy();

    const health = await send(kawal.url, 'GET', '/api/health');
    expect(health).toMatchObject({ status: 503, body: { status: 'degraded', store: 'unavailable' } });
    const forms = await worker.request<{ error: { code: string; message: string } }>('GET', '/api/forms');
    expect(forms.status).toBe(503);
    expect(forms.body.error.code).toBe('store_unavailable');
    expect(JSON.stringify(forms.body)).not.toContain(kawal.tableName);
  });
});
