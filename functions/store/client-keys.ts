/**
 * Finding a client's cases before opening another: beside each head, one small item per way of
 * naming the client (the NIK when known; the normalized name with the birth date always), indexed on
 * gsi6 by that key and sorted by office. They carry what a search shows (client, case type, stage,
 * office, assignee) and are written in the same transaction as every write of the head, so a search
 * is one Query that is never behind a move, an assignment or an accepted transfer.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseHead, Client } from '../domain/case-file';
import { normalizeName } from '../domain/names';
import { db, tableName } from './client';
import { isConditionFailure, storeCall } from './errors';
import { listOffices } from './offices-repo';

/** Marks a head whose key items exist (heads from before them are given theirs by backfillClientKeys). */
export const CLIENT_KEYS_ATTRIBUTE = 'clientKeys';
export const CLIENT_KEYS_VERSION = 1;

/** How a case can be looked up: by NIK, or by name and birth date. */
export type ClientKey = { nik: string } | { name: string; birthDate: string };

/** What a search shows of a matching case. */
export interface ClientMatch {
  id: string;
  client: Pick<Client, 'name' | 'birthDate' | 'nik'>;
  caseType: string;
  stage: string;
  office: string;
  assignee: string | null;
}

function indexKey(key: ClientKey): string {
  return 'nik' in key ? `NIK#${key.nik}` : `PERSON#${key.birthDate}#${normalizeName(key.name)}`;
}

/** The key items of a head, to write with it. */
export function clientKeyItems(head: CaseHead): Record<string, unknown>[] {
  const { name, birthDate, nik } = head.client;
  const summary = {
    type: 'CLIENT_KEY',
    caseId: head.id,
    client: { name, birthDate, ...(nik ? { nik } : {}) },
    caseType: head.caseType,
    stage: head.stage,
    office: head.office,
    assignee: head.assignee,
    gsi6sk: `${head.office}#${head.id}`,
  };
  const pk = `CASE#${head.id}`;
  // A NIK can be added or corrected but never removed, so a case that had one keeps an item to overwrite.
  return [
    { pk, sk: 'CLIENT#PERSON', gsi6pk: indexKey({ name, birthDate }), ...summary },
    ...(nik ? [{ pk, sk: 'CLIENT#NIK', gsi6pk: indexKey({ nik }), ...summary }] : []),
  ];
}

/** The cases whose client has this key, in every office, by office (at most `limit`). */
export async function casesByClient(key: ClientKey, limit = 200): Promise<ClientMatch[]> {
  const matches: ClientMatch[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi6',
          KeyConditionExpression: 'gsi6pk = :pk',
          ExpressionAttributeValues: { ':pk': indexKey(key) },
          Limit: limit - matches.length,
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of result.Items ?? []) {
      matches.push({
        id: String(item.caseId),
        client: item.client as ClientMatch['client'],
        caseType: String(item.caseType),
        stage: String(item.stage),
        office: String(item.office),
        assignee: typeof item.assignee === 'string' ? item.assignee : null,
      });
    }
    start = result.LastEvaluatedKey;
  } while (start && matches.length < limit);
  return matches;
}

/**
 * Gives every head written before the key items its items (offices' open and closed cases, read by
 * Queries on the office index, only heads without the marker). Answers how many heads it keyed; a
 * head changed meanwhile got its items from that change and is skipped.
 */
export async function backfillClientKeys(): Promise<number> {
  let keyed = 0;
  for (const office of await listOffices()) {
    // The office index's partitions, as cases-repo keys them: open cases, and closed ones.
    for (const partition of [`OFFICE#${office.id}`, `OFFICE#${office.id}#CLOSED`]) {
      let start: Record<string, unknown> | undefined;
      do {
        const result = await storeCall(() =>
          db().send(
            new QueryCommand({
              TableName: tableName(),
              IndexName: 'gsi3',
              KeyConditionExpression: 'gsi3pk = :pk',
              FilterExpression: 'attribute_not_exists(#keys)',
              ExpressionAttributeNames: { '#keys': CLIENT_KEYS_ATTRIBUTE },
              ExpressionAttributeValues: { ':pk': partition },
              ExclusiveStartKey: start,
            }),
          ),
        );
        for (const item of result.Items ?? []) {
          if (await keyHead(item as unknown as CaseHead & { pk: string; sk: string })) keyed++;
        }
        start = result.LastEvaluatedKey;
      } while (start);
    }
  }
  return keyed;
}

async function keyHead(head: CaseHead & { pk: string; sk: string }): Promise<boolean> {
  const TableName = tableName();
  try {
    await storeCall(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: { pk: head.pk, sk: head.sk },
                UpdateExpression: 'SET #keys = :keys',
                ConditionExpression: 'version = :version',
                ExpressionAttributeNames: { '#keys': CLIENT_KEYS_ATTRIBUTE },
                ExpressionAttributeValues: { ':keys': CLIENT_KEYS_VERSION, ':version': head.version },
              },
            },
            ...clientKeyItems(head).map((Item) => ({ Put: { TableName, Item } })),
          ],
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
