/**
 * The restore drill of DEPLOY.md, against DynamoDB Local. Local has no point-in-time recovery, so
 * the restore itself is stood in for by a table made from the same spec and filled with `npm run table
 * -- copy`; every step after it is the runbook's own: check the restored table, compare it with the
 * live one, put one damaged case back from it, and serve the restored table by its name (the
 * `tableName` of kawal.config.json) with every case readable through the API.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalKawal } from '../../functions/local/app';
import { ensureTable } from '../../functions/local/table';
import { run } from '../../functions/ops/table';
import { type Client, login, type OtherInstance, startOtherInstance, startTestKawal } from '../support/kawal';

let kawal: LocalKawal;
let pk: Client;
let other: OtherInstance | undefined;
const restored = `kawal-restored-${randomUUID()}`;

beforeAll(async () => {
  kawal = await startTestKawal({ demo: true });
  pk = await login(kawal, 'pk1');
}, 120_000);
afterAll(async () => {
  other?.stop();
  await kawal?.stop();
});

/** The tool as an operator runs it, against this DynamoDB Local. */
function table(...args: string[]) {
  return run([...args, '--endpoint', kawal.dynamoEndpoint]);
}

interface CaseView {
  id: string;
  client: { name: string };
  stage: string;
}

async function firstCase(): Promise<CaseView> {
  const list = await pk.request<{ items: { id: string }[] }>('GET', '/api/cases');
  const [first] = list.body.items;
  if (!first) throw new Error('pk1 has no case');
  return (await pk.request<CaseView>('GET', `/api/cases/${first.id}`)).body;
}

describe('the restore drill', () => {
  let before: CaseView;

  it('restores into a new table that the check finds shaped as Kawal needs, holding the same items', async () => {
    before = await firstCase();
    // The restore (aws dynamodb restore-table-to-point-in-time in AWS): a new table, the same items.
    await ensureTable(kawal.dynamoEndpoint, restored);
    const copied = await table('copy', kawal.tableName, restored);
    expect(copied.code).toBe(0);
    expect(copied.lines[0]).toMatch(
      new RegExp(`^\\d+ item\\(s\\) written from ${kawal.tableName} into ${restored}$`),
    );

    const checked = await table('check', restored);
    expect(checked.code, checked.lines.join('\n')).toBe(0);
    expect(checked.lines[0]).toBe(`${restored}: shaped as Kawal needs`);
    expect(checked.lines.filter((line) => line.includes('problem:'))).toEqual([]);
    // What a restore does not carry over is named with the command that turns it on again.
    expect(checked.lines).toContainEqual(
      `  turn on again: deletion protection is off: aws dynamodb update-table --table-name ${restored} --deletion-protection-enabled`,
    );

    expect((await table('compare', kawal.tableName, restored)).lines).toEqual([
      `${kawal.tableName} and ${restored} hold the same items`,
    ]);
  });

  it('puts one damaged case back from the restored table, leaving the others alone', async () => {
    // A faulty write damages the case after the restore point.
    const raw = new DynamoDBClient({
      endpoint: kawal.dynamoEndpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const doc = DynamoDBDocumentClient.from(raw);
    await doc.send(
      new UpdateCommand({
        TableName: kawal.tableName,
        Key: { pk: `CASE#${before.id}`, sk: 'HEAD' },
        UpdateExpression: 'SET #client.#name = :broken',
        ExpressionAttributeNames: { '#client': 'client', '#name': 'name' },
        ExpressionAttributeValues: { ':broken': 'RUSAK' },
      }),
    );
    raw.destroy();
    expect((await pk.request<CaseView>('GET', `/api/cases/${before.id}`)).body.client.name).toBe('RUSAK');

    // Compare names the damaged item. The only other differences are newer than the restore: the
    // audit entries of reading the case (reads are audited), which the copy leaves in place.
    const compared = await table('compare', kawal.tableName, restored);
    expect(compared.lines.slice(-2)).toEqual(['different (1):', `  CASE#${before.id} | HEAD`]);
    const newer = (lines: string[]) =>
      lines.filter((line) => line.startsWith('  ') && !line.endsWith('| HEAD'));
    expect(newer(compared.lines).length).toBeGreaterThan(0);
    for (const line of newer(compared.lines))
      expect(line).toMatch(new RegExp(`^  CASE#${before.id} \\| AUDIT#`));

    const copied = await table('copy', restored, kawal.tableName, '--only', `CASE#${before.id}`);
    expect(copied.lines[0]).toMatch(/^\d+ item\(s\) written from .* \(keys CASE#.*…\)$/);
    expect((await pk.request<CaseView>('GET', `/api/cases/${before.id}`)).body.client.name).toBe(
      before.client.name,
    );
    const after = (await table('compare', kawal.tableName, restored)).lines;
    expect(after.some((line) => line.startsWith('different'))).toBe(false);
    expect(after.some((line) => line.startsWith(`only in ${restored}`))).toBe(false);
    for (const line of newer(after)) expect(line).toMatch(new RegExp(`^  CASE#${before.id} \\| AUDIT#`));
  });

  it('serves the restored table by its name: people sign in and read their cases as before', async () => {
    other = await startOtherInstance({ dynamoEndpoint: kawal.dynamoEndpoint, tableName: restored });
    const again = await login({ url: other.url }, 'pk1');
    const served = await again.request<CaseView>('GET', `/api/cases/${before.id}`);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({
      id: before.id,
      client: { name: before.client.name },
      stage: before.stage,
    });
    const list = await again.request<{ items: { id: string }[] }>('GET', '/api/cases');
    expect(list.body.items.map((item) => item.id)).toContain(before.id);
  }, 120_000);

  it('refuses a table without Kawal’s indexes, naming what is missing', async () => {
    const bare = `kawal-bare-${randomUUID()}`;
    const raw = new DynamoDBClient({
      endpoint: kawal.dynamoEndpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await raw.send(
      new CreateTableCommand({
        TableName: bare,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    raw.destroy();
    const checked = await table('check', bare);
    expect(checked.code).toBe(1);
    expect(checked.lines[0]).toBe(`${bare}: NOT usable by Kawal`);
    expect(checked.lines).toContainEqual(expect.stringMatching(/^ {2}problem: index gsi1 is missing \(/));
    expect(checked.lines.filter((line) => line.includes('problem: index'))).toHaveLength(6);
    expect((await table('check')).lines[0]).toMatch(/^usage: npm run table -- check <table>/);
  });
});
