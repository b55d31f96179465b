/**
 * The case table's operations tool, for the restore runbook (DEPLOY.md): `check` says whether a table
 * (a restored one, say) is shaped as Kawal needs and what a restore did not carry over; `compare`
 * counts two tables' items by kind and lists the items that differ; `copy` writes one table's items
 * (all, or those of one key prefix such as one case) into another. It runs with the operator's own AWS
 * credentials (or against DynamoDB Local with --endpoint), never inside a Lambda: it Scans.
 */
import { createHash } from 'node:crypto';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_SPEC } from '../store/table-spec';

export interface TableClient {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/** A client for AWS (the CLI's credentials and region) or, with an endpoint, for DynamoDB Local. */
export function tableClient(options: { region?: string; endpoint?: string } = {}): TableClient {
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'ap-southeast-3',
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  };
  const raw = new DynamoDBClient(config);
  return { raw, doc: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }) };
}

export interface TableCheck {
  /** What makes the table unusable by Kawal: it must not be put in service until they are fixed. */
  problems: string[];
  /** What a restore does not carry over and must be turned on again, or could not be read. */
  warnings: string[];
}

/** Whether `table` has Kawal's keys and every index of the spec (active, projecting all attributes). */
export async function checkTable(client: TableClient, table: string): Promise<TableCheck> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { Table } = await client.raw.send(new DescribeTableCommand({ TableName: table }));
  if (!Table) return { problems: [`${table}: not found`], warnings };
  if (Table.TableStatus !== 'ACTIVE')
    problems.push(`${table} is ${Table.TableStatus ?? 'not ready'}, not ACTIVE`);
  const keyOf = (schema: { AttributeName?: string; KeyType?: string }[] | undefined, type: string) =>
    schema?.find((key) => key.KeyType === type)?.AttributeName;
  if (
    keyOf(Table.KeySchema, 'HASH') !== TABLE_SPEC.partitionKey ||
    keyOf(Table.KeySchema, 'RANGE') !== TABLE_SPEC.sortKey
  ) {
    problems.push(
      `keys are not ${TABLE_SPEC.partitionKey}/${TABLE_SPEC.sortKey}: this is not a Kawal case table`,
    );
  }
  for (const spec of TABLE_SPEC.indexes) {
    const index = Table.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === spec.name);
    if (!index) {
      problems.push(`index ${spec.name} is missing (${spec.purpose})`);
      continue;
    }
    if (
      keyOf(index.KeySchema, 'HASH') !== spec.partitionKey ||
      keyOf(index.KeySchema, 'RANGE') !== spec.sortKey
    ) {
      problems.push(`index ${spec.name} does not have the keys ${spec.partitionKey}/${spec.sortKey}`);
    }
    if (index.Projection?.ProjectionType !== 'ALL')
      problems.push(`index ${spec.name} does not project all attributes`);
    if (index.IndexStatus !== 'ACTIVE')
      problems.push(`index ${spec.name} is ${index.IndexStatus ?? 'not ready'}, not ACTIVE`);
  }
  if (!Table.DeletionProtectionEnabled) {
    warnings.push(
      `deletion protection is off: aws dynamodb update-table --table-name ${table} --deletion-protection-enabled`,
    );
  }
  const ttl = await client.raw.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const ttlStatus = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (ttlStatus !== 'ENABLED' || ttl.TimeToLiveDescription?.AttributeName !== TABLE_SPEC.ttlAttribute) {
    warnings.push(
      `expiry (TTL) on ${TABLE_SPEC.ttlAttribute} is off: aws dynamodb update-time-to-live --table-name ${table} --time-to-live-specification Enabled=true,AttributeName=${TABLE_SPEC.ttlAttribute}`,
    );
  }
  try {
    const backups = await client.raw.send(new DescribeContinuousBackupsCommand({ TableName: table }));
    const pitr =
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    if (pitr !== 'ENABLED') {
      warnings.push(
        `point-in-time recovery is off: aws dynamodb update-continuous-backups --table-name ${table} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`,
      );
    }
  } catch (error) {
    warnings.push(
      `point-in-time recovery could not be read (${(error as Error).name}); check it in the console`,
    );
  }
  return { problems, warnings };
}

type Item = Record<string, unknown>;

/** Every item of a table (or those whose partition key starts with `prefix`), page by page. */
async function* itemsOf(client: TableClient, table: string, prefix?: string): AsyncGenerator<Item[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.doc.send(
      new ScanCommand({
        TableName: table,
        ExclusiveStartKey: start,
        ...(prefix
          ? {
              FilterExpression: 'begins_with(#pk, :prefix)',
              ExpressionAttributeNames: { '#pk': TABLE_SPEC.partitionKey },
              ExpressionAttributeValues: { ':prefix': prefix },
            }
          : {}),
      }),
    );
    yield (page.Items ?? []) as Item[];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** `CASE`, `FORM`, `USER`...: what an item is, from its partition key's first segment. */
export function kindOf(item: Item): string {
  return String(item[TABLE_SPEC.partitionKey] ?? '').split('#')[0] || '(none)';
}

function keyText(item: Item): string {
  return `${String(item[TABLE_SPEC.partitionKey])} | ${String(item[TABLE_SPEC.sortKey])}`;
}

/** A fingerprint of an item's content, independent of attribute order. */
function fingerprint(item: Item): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Set)
        ? Object.fromEntries(
            Object.entries(value as Item)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value instanceof Set
          ? [...value].sort()
          : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(item)))
    .digest('base64url');
}

export interface Census {
  items: number;
  byKind: Record<string, number>;
  fingerprints: Map<string, string>;
}

export async function census(client: TableClient, table: string): Promise<Census> {
  const byKind: Record<string, number> = {};
  const fingerprints = new Map<string, string>();
  for await (const page of itemsOf(client, table)) {
    for (const item of page) {
      const kind = kindOf(item);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      fingerprints.set(keyText(item), fingerprint(item));
    }
  }
  return { items: fingerprints.size, byKind, fingerprints };
}

export interface Comparison {
  /** Item counts per kind in each table, for the kinds where they differ. */
  counts: { kind: string; a: number; b: number }[];
  onlyInA: string[];
  onlyInB: string[];
  different: string[];
}

/** What differs between two tables, item by item (keys as `pk | sk`). */
export async function compareTables(client: TableClient, a: string, b: string): Promise<Comparison> {
  const [left, right] = await Promise.all([census(client, a), census(client, b)]);
  const kinds = [...new Set([...Object.keys(left.byKind), ...Object.keys(right.byKind)])].sort();
  const counts = kinds
    .map((kind) => ({ kind, a: left.byKind[kind] ?? 0, b: right.byKind[kind] ?? 0 }))
    .filter((row) => row.a !== row.b);
  const onlyInA: string[] = [];
  const different: string[] = [];
  for (const [key, print] of left.fingerprints) {
    const other = right.fingerprints.get(key);
    if (other === undefined) onlyInA.push(key);
    else if (other !== print) different.push(key);
  }
  const onlyInB = [...right.fingerprints.keys()].filter((key) => !left.fingerprints.has(key));
  return { counts, onlyInA: onlyInA.sort(), onlyInB: onlyInB.sort(), different: different.sort() };
}

/**
 * Writes the items of `from` (all, or those whose partition key starts with `prefix`) into `to`,
 * replacing items with the same keys; items only in `to` stay. Returns how many were written.
 */
export async function copyItems(
  client: TableClient,
  from: string,
  to: string,
  prefix?: string,
): Promise<number> {
  let written = 0;
  for await (const page of itemsOf(client, from, prefix)) {
    for (let start = 0; start < page.length; start += 25) {
      let requests: { PutRequest: { Item: Item } }[] = page
        .slice(start, start + 25)
        .map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`${to} kept refusing writes (throttled): run the copy again later`);
        const result = await client.doc.send(new BatchWriteCommand({ RequestItems: { [to]: requests } }));
        const left = (result.UnprocessedItems?.[to] ?? []) as { PutRequest: { Item: Item } }[];
        written += requests.length - left.length;
        requests = left;
        if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }
  return written;
}
