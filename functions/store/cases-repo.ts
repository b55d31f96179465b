/**
 * Every DynamoDB call about cases. The head lives at CASE#<id>/HEAD with the index keys that serve
 * the caseloads (by assignee, office, office and stage, overdue) and each office's cases by due date;
 * everything else about a case (submissions, latest data per form, drafts, notes, referrals, audit,
 * idempotency records) sits in the same partition. Changes to a case are one transaction, conditional
 * on the head's version.
 */
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { caseloadOrder } from '../domain/case-decisions';
import type { CaseHead } from '../domain/case-file';
import { nextDue } from '../domain/deadlines';
import { AppError } from '../platform/errors';
import { db, tableName } from './client';
import { CLIENT_KEYS_ATTRIBUTE, CLIENT_KEYS_VERSION, clientKeyItems } from './client-keys';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionFailure, storeCall } from './errors';
import { queryPages } from './query-pages';
import { TABLE_SPEC } from './table-spec';

export const newId = monotonicFactory();

const casePk = (id: string) => `CASE#${id}`;
const HEAD = 'HEAD';
/** DynamoDB's item limit is 400 KB; keep room for attribute names and keys. */
const MAX_ITEM_BYTES = 380 * 1024;

/**
 * Item kinds in a case's partition. `REQ` holds a submission's idempotency key; it sorts after
 * `LATEST`, so the head and the latest data of every form are one contiguous range (`IDEM` is the
 * older name of the same record, read only when looking up an earlier key).
 */
export type CaseItemKind = 'SUB' | 'LATEST' | 'IDEM' | 'REQ' | 'DRAFT' | 'NOTE' | 'REF' | 'AUDIT';

export const itemKey = (caseId: string, kind: CaseItemKind, id: string) => ({
  pk: casePk(caseId),
  sk: `${kind}#${id}`,
});

const index = (name: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4' | 'gsi5') => {
  const found = TABLE_SPEC.indexes.find((spec) => spec.name === name);
  if (!found) throw new Error(`index ${name} missing from the table spec`);
  return found;
};

/** The partition of an office's cases by due date (gsi1). */
const duePk = (office: string) => `DUE#${office}`;
/** The one partition every head with a deadline was written to before it was split by office. */
const LEGACY_DUE_PK = 'CASES#DUE';

/** The index keys of a head: which caseloads list it, in what order. */
function indexKeys(head: CaseHead, today: string): Record<string, string> {
  const due = nextDue(head.deadlines);
  const order = caseloadOrder(head.priority.score, due, head.id);
  const open = head.stage !== 'terminated';
  const keys: Record<string, string> = {
    gsi3pk: open ? `OFFICE#${head.office}` : `OFFICE#${head.office}#CLOSED`,
    gsi3sk: order,
  };
  if (head.assignee) {
    keys.gsi2pk = open ? `ASSIGNEE#${head.assignee}` : `ASSIGNEE#${head.assignee}#CLOSED`;
    keys.gsi2sk = order;
  }
  if (open) {
    keys.gsi4pk = `OFFICE#${head.office}#STAGE#${head.stage}`;
    keys.gsi4sk = order;
  }
  if (due !== undefined) {
    // One partition per office: no index key is written by every case of the country.
    keys.gsi1pk = duePk(head.office);
    keys.gsi1sk = `${due}#${head.id}`;
    if (due < today) {
      keys.gsi5pk = `OVERDUE#${head.office}`;
      keys.gsi5sk = order;
    }
  }
  return keys;
}

function headItem(head: CaseHead, today: string): Record<string, unknown> {
  const due = nextDue(head.deadlines);
  return {
    pk: casePk(head.id),
    sk: HEAD,
    type: 'CASE',
    ...head,
    nextDue: due ?? null,
    overdue: due !== undefined && due < today,
    ...indexKeys(head, today),
    // Written with its client key items (client-keys.ts), which every head write puts beside it.
    [CLIENT_KEYS_ATTRIBUTE]: CLIENT_KEYS_VERSION,
  };
}

const HEAD_ONLY = new Set([
  'pk',
  'sk',
  'type',
  'nextDue',
  'overdue',
  CLIENT_KEYS_ATTRIBUTE,
  ...TABLE_SPEC.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
]);

/**
 * Marks a head read from an item whose client key items exist. Not enumerable, so a copy of the head
 * (`{...head}`) or its JSON never carries it: only the head as read can vouch for its key items.
 */
const KEYED = Symbol('clientKeyed');

function toHead(item: Record<string, unknown>): CaseHead {
  const head = Object.fromEntries(
    Object.entries(item).filter(([key]) => !HEAD_ONLY.has(key)),
  ) as unknown as CaseHead;
  if (item[CLIENT_KEYS_ATTRIBUTE] !== undefined) Object.defineProperty(head, KEYED, { value: true });
  return head;
}

function checkSize(item: Record<string, unknown>): void {
  if (Buffer.byteLength(JSON.stringify(item), 'utf8') > MAX_ITEM_BYTES) {
    throw new AppError('payload_too_large', { params: { limit: MAX_ITEM_BYTES } });
  }
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export function auditItem(caseId: string, entry: AuditEntry): Record<string, unknown> {
  return { ...itemKey(caseId, 'AUDIT', newId()), type: 'AUDIT', caseId, ...entry };
}

/** One write of a case change besides the head. */
export type CaseWrite =
  /** A new item: refused if it exists (append-only records, idempotency keys). */
  | { append: Record<string, unknown> }
  /** An item replaced whole (latest data per form). */
  | { put: Record<string, unknown> }
  /** An item replaced if its version is still `expected` (0: must not exist yet). */
  | { versioned: Record<string, unknown>; expected: number }
  /** An item removed if it is there (a work draft its submission replaces). */
  | { remove: { pk: string; sk: string } };

export interface CaseChange {
  /** The new head, or undefined when the head does not change. */
  head?: CaseHead;
  /** The version the change was computed from; 0 creates the case; absent: no check on the head. */
  expectedVersion?: number;
  caseId: string;
  writes: CaseWrite[];
  today: string;
  /**
   * The head the change was computed from, when the caller has it: the client's key items are then
   * written only when what they hold (client, case type, stage, office, assignee) changed, so a
   * submission's transaction carries no item it does not change.
   */
  previous?: CaseHead;
}

/**
 * Writes a case change in one transaction. Answers false when the head or a versioned item moved on
 * (or an appended item already exists) meanwhile; nothing is written then.
 */
export async function commitCaseChange(change: CaseChange): Promise<boolean> {
  return (await commitCaseChangeReporting(change)).ok;
}

/**
 * As commitCaseChange, also saying which writes' conditions failed (indexes into `change.writes`),
 * so a caller can tell a lost race on the head from an append that already exists (a replay).
 */
export async function commitCaseChangeReporting(
  change: CaseChange,
): Promise<{ ok: true } | { ok: false; failedWrites: number[] }> {
  const TableName = tableName();
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
  if (change.head) {
    const item = headItem(change.head, change.today);
    checkSize(item);
    items.push({
      Put: {
        TableName,
        Item: item,
        ...(change.expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': change.expectedVersion },
            }),
      },
    });
    const keys = clientKeyItems(change.head);
    // Skipped only when the previous head was read with its key items in place (a head from before
    // them gets them on its first write, rather than a marker without items).
    const unchanged =
      change.previous !== undefined &&
      (change.previous as CaseHead & { [KEYED]?: boolean })[KEYED] === true &&
      JSON.stringify(clientKeyItems(change.previous)) === JSON.stringify(keys);
    if (!unchanged) for (const key of keys) items.push({ Put: { TableName, Item: key } });
  } else if (change.expectedVersion !== undefined) {
    // The case must still exist and be the one the change was computed from.
    items.push({
      ConditionCheck: {
        TableName,
        Key: { pk: casePk(change.caseId), sk: HEAD },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': change.expectedVersion },
      },
    });
  }
  for (const write of change.writes) {
    if ('remove' in write) {
      items.push({ Delete: { TableName, Key: write.remove } });
    } else if ('append' in write) {
      checkSize(write.append);
      items.push({ Put: { TableName, Item: write.append, ConditionExpression: 'attribute_not_exists(pk)' } });
    } else if ('put' in write) {
      checkSize(write.put);
      items.push({ Put: { TableName, Item: write.put } });
    } else {
      checkSize(write.versioned);
      items.push({
        Put: {
          TableName,
          Item: write.versioned,
          ...(write.expected === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': write.expected },
              }),
        },
      });
    }
  }
  // The head's Put or ConditionCheck, when there is one, comes before the writes.
  const offset = items.length - change.writes.length;
  try {
    await storeCall(() => db().send(new TransactWriteCommand({ TransactItems: items })));
    return { ok: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const failedWrites = reasons
      .map((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? i - offset : -1))
      .filter((i) => i >= 0);
    return { ok: false, failedWrites };
  }
}

/**
 * What a change to a case starts from, in one consistent Query: the head and the latest data of each
 * form (one contiguous key range of the case's partition).
 */
export async function caseWorkingSet(
  caseId: string,
): Promise<{ head: CaseHead | undefined; latest: Record<string, unknown> }> {
  let head: CaseHead | undefined;
  const latest: Record<string, unknown> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :head AND :last',
          // Idempotency records written under their older name sort inside the range; leave them out.
          FilterExpression: '#type <> :older',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':pk': casePk(caseId),
            ':head': HEAD,
            ':last': 'LATEST#\uffff',
            ':older': 'IDEMPOTENCY',
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of result.Items ?? []) {
      if (item.sk === HEAD) head = toHead(item);
      else if (String(item.sk).startsWith('LATEST#') && typeof item.formId === 'string')
        latest[item.formId] = item.data;
    }
    start = result.LastEvaluatedKey;
  } while (start);
  return { head, latest };
}

async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })),
  );
  return Item;
}

export async function getCase(id: string): Promise<CaseHead | undefined> {
  const item = await getItem({ pk: casePk(id), sk: HEAD });
  return item ? toHead(item) : undefined;
}

export async function getCaseItem(
  caseId: string,
  kind: CaseItemKind,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  return getItem(itemKey(caseId, kind, id));
}

/** Items of one kind in a case, oldest first (or newest first with `newestFirst`). */
export async function listCaseItems(
  caseId: string,
  kind: CaseItemKind,
  options: { limit: number; cursor?: string; newestFirst?: boolean; projection?: string[] },
): Promise<Page<Record<string, unknown>>> {
  const input: QueryCommandInput = {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': casePk(caseId), ':prefix': `${kind}#` },
    ScanIndexForward: !options.newestFirst,
    Limit: options.limit,
    ConsistentRead: true,
  };
  input.ExclusiveStartKey = decodeCursor(options.cursor, ['pk', 'sk'], input);
  if (options.projection) {
    input.ProjectionExpression = options.projection.map((_, i) => `#p${i}`).join(', ');
    input.ExpressionAttributeNames = Object.fromEntries(
      options.projection.map((name, i) => [`#p${i}`, name]),
    );
  }
  const result = await storeCall(() => db().send(new QueryCommand(input)));
  return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey, input) };
}

/** Every item of one kind (for the latest data of each form: at most one per form). */
export async function allCaseItems(caseId: string, kind: CaseItemKind): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCaseItems(caseId, kind, { limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Appends an audit entry on its own (reads are audited after they happen). */
export async function appendAudit(caseId: string, entry: AuditEntry): Promise<void> {
  await storeCall(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: auditItem(caseId, entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export type CaseloadIndex =
  | 'assignee'
  | 'assigneeClosed'
  | 'office'
  | 'officeClosed'
  | 'officeStage'
  | 'overdue';

export interface CaseloadQuery {
  by: CaseloadIndex;
  /** The assignee id or office id the index is keyed on. */
  key: string;
  stage?: string;
  limit: number;
  cursor?: string;
  /** Filters applied after the key condition (a caseload is small; the order stays the index's). */
  filters?: { stage?: string; priority?: string; overdue?: boolean; office?: string };
}

const CASELOADS: Record<
  CaseloadIndex,
  { index: 'gsi2' | 'gsi3' | 'gsi4' | 'gsi5'; pk: (q: CaseloadQuery) => string }
> = {
  assignee: { index: 'gsi2', pk: (q) => `ASSIGNEE#${q.key}` },
  assigneeClosed: { index: 'gsi2', pk: (q) => `ASSIGNEE#${q.key}#CLOSED` },
  office: { index: 'gsi3', pk: (q) => `OFFICE#${q.key}` },
  officeClosed: { index: 'gsi3', pk: (q) => `OFFICE#${q.key}#CLOSED` },
  officeStage: { index: 'gsi4', pk: (q) => `OFFICE#${q.key}#STAGE#${q.stage}` },
  overdue: { index: 'gsi5', pk: (q) => `OVERDUE#${q.key}` },
};

/** A caseload page, ordered by priority then nearest deadline: always a Query on an index. */
export async function queryCaseload(query: CaseloadQuery): Promise<Page<CaseHead>> {
  const spec = CASELOADS[query.by];
  const gsi = index(spec.index);
  const names: Record<string, string> = { '#pk': gsi.partitionKey };
  const values: Record<string, unknown> = { ':pk': spec.pk(query) };
  const filters: string[] = [];
  const { stage, priority, overdue, office } = query.filters ?? {};
  if (stage !== undefined) {
    names['#stage'] = 'stage';
    values[':stage'] = stage;
    filters.push('#stage = :stage');
  }
  if (priority !== undefined) {
    names['#priority'] = 'priority';
    names['#level'] = 'level';
    values[':level'] = priority;
    filters.push('#priority.#level = :level');
  }
  if (overdue !== undefined) {
    names['#overdue'] = 'overdue';
    values[':overdue'] = overdue;
    filters.push('#overdue = :overdue');
  }
  if (office !== undefined) {
    names['#office'] = 'office';
    values[':office'] = office;
    filters.push('#office = :office');
  }
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: gsi.name,
    KeyConditionExpression: '#pk = :pk',
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: query.limit,
  };
  input.ExclusiveStartKey = decodeCursor(query.cursor, ['pk', 'sk', gsi.partitionKey, gsi.sortKey], input);
  const result = await storeCall(() => db().send(new QueryCommand(input)));
  return {
    items: (result.Items ?? []).map(toHead),
    nextCursor: encodeCursor(result.LastEvaluatedKey, input),
  };
}

/** A head as a dashboard counts it. */
export interface CaseloadCount {
  stage: string;
  level: string;
  overdue: boolean;
  assignee: string | null;
}

/** Every head of a caseload, with only the fields a dashboard counts (overdue as of `today`). */
export async function caseloadCounts(
  query: Omit<CaseloadQuery, 'limit' | 'cursor'>,
  today: string,
): Promise<CaseloadCount[]> {
  const spec = CASELOADS[query.by];
  const gsi = index(spec.index);
  const rows: CaseloadCount[] = [];
  const pages = queryPages({
    IndexName: gsi.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: {
      '#pk': gsi.partitionKey,
      '#stage': 'stage',
      '#priority': 'priority',
      '#overdue': 'overdue',
      '#office': 'office',
      '#assignee': 'assignee',
      '#nextDue': 'nextDue',
    },
    ExpressionAttributeValues: { ':pk': spec.pk({ ...query, limit: 0 }) },
    ProjectionExpression: '#stage, #priority, #overdue, #office, #assignee, #nextDue',
  });
  for await (const items of pages) {
    for (const item of items) {
      if (query.filters?.office !== undefined && item.office !== query.filters.office) continue;
      rows.push({
        stage: String(item.stage),
        level: String((item.priority as { level?: string } | undefined)?.level ?? 'rendah'),
        overdue: typeof item.nextDue === 'string' && item.nextDue < today,
        assignee: typeof item.assignee === 'string' ? item.assignee : null,
      });
    }
  }
  return rows;
}

/** Heads of an office's cases with something due, earliest first, due before `before` when given. */
export async function casesByDue(options: {
  office: string;
  before?: string;
  limit: number;
  cursor?: string;
  /** Only those not yet marked overdue (the sweep's work list). */
  notYetOverdue?: boolean;
}): Promise<Page<CaseHead>> {
  const gsi = index('gsi1');
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: gsi.name,
    KeyConditionExpression: options.before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
    ...(options.notYetOverdue ? { FilterExpression: '#overdue = :false' } : {}),
    ExpressionAttributeNames: {
      '#pk': gsi.partitionKey,
      ...(options.before ? { '#sk': gsi.sortKey } : {}),
      ...(options.notYetOverdue ? { '#overdue': 'overdue' } : {}),
    },
    ExpressionAttributeValues: {
      ':pk': duePk(options.office),
      ...(options.before ? { ':before': options.before } : {}),
      ...(options.notYetOverdue ? { ':false': false } : {}),
    },
    Limit: options.limit,
  };
  input.ExclusiveStartKey = decodeCursor(options.cursor, ['pk', 'sk', gsi.partitionKey, gsi.sortKey], input);
  const result = await storeCall(() => db().send(new QueryCommand(input)));
  return {
    items: (result.Items ?? []).map(toHead),
    nextCursor: encodeCursor(result.LastEvaluatedKey, input),
  };
}

/**
 * Moves heads written before the due index was split by office (all on `CASES#DUE`) to their
 * office's partition, a page at a time; each is rewritten only if its version is still the one read
 * (a head written meanwhile has its new keys already). Answers how many were moved.
 */
export async function moveLegacyDueHeads(): Promise<number> {
  const gsi = index('gsi1');
  let moved = 0;
  const pages = queryPages({
    IndexName: gsi.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': gsi.partitionKey, '#office': 'office', '#version': 'version' },
    ExpressionAttributeValues: { ':pk': LEGACY_DUE_PK },
    ProjectionExpression: 'pk, sk, #office, #version',
    Limit: 100,
  });
  for await (const items of pages) {
    for (const item of items) {
      if (item.sk !== HEAD || typeof item.office !== 'string') continue;
      try {
        await storeCall(() =>
          db().send(
            new UpdateCommand({
              TableName: tableName(),
              Key: { pk: item.pk, sk: HEAD },
              UpdateExpression: 'SET #pk = :pk',
              ConditionExpression: '#version = :version AND #pk = :legacy',
              ExpressionAttributeNames: { '#pk': gsi.partitionKey, '#version': 'version' },
              ExpressionAttributeValues: {
                ':pk': duePk(item.office as string),
                ':legacy': LEGACY_DUE_PK,
                ':version': item.version,
              },
            }),
          ),
        );
        moved++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
  return moved;
}

/**
 * Marks a case overdue as time passes (the scheduled job), unless its head changed meanwhile. The
 * version is not bumped: nothing a person edited changed, and a concurrent edit recomputes the flag.
 */
export async function markOverdue(head: CaseHead, today: string): Promise<boolean> {
  const keys = indexKeys(head, today);
  if (!keys.gsi5pk) return false;
  try {
    await storeCall(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: casePk(head.id), sk: HEAD },
          UpdateExpression: 'SET overdue = :true, gsi5pk = :pk, gsi5sk = :sk',
          ConditionExpression: 'version = :version AND overdue = :false',
          ExpressionAttributeValues: {
            ':true': true,
            ':false': false,
            ':pk': keys.gsi5pk,
            ':sk': keys.gsi5sk,
            ':version': head.version,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Loads many new heads at once (imports and benchmarks): 25 per batch, retrying what DynamoDB leaves. */
export async function putCaseHeads(heads: readonly CaseHead[], today: string): Promise<void> {
  // Each head with its client key items (client-keys.ts).
  const items = heads.flatMap((head) => [headItem(head, today), ...clientKeyItems(head)]);
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0 && attempt < 10; attempt++) {
      const result = await storeCall(() =>
        db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } })),
      );
      requests = (result.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
    if (requests.length > 0) throw new Error(`putCaseHeads: ${requests.length} items left unprocessed`);
  }
}

/**
 * An office's inbox: one small item per case waiting on that office (a transfer coming in, one going
 * out, a move waiting for approval), kept in step with the head in the same transaction, so a
 * supervisor's lists are a Query on one partition, never a Scan.
 */
export type InboxKind = 'TRANSFER-IN' | 'TRANSFER-OUT' | 'APPROVAL';

const inboxKey = (office: string, kind: InboxKind, caseId: string) => ({
  pk: `INBOX#${office}`,
  sk: `${kind}#${caseId}`,
});

function inboxEntries(head: CaseHead): { key: { pk: string; sk: string }; item: Record<string, unknown> }[] {
  const entries: { key: { pk: string; sk: string }; item: Record<string, unknown> }[] = [];
  const summary = {
    caseId: head.id,
    clientName: head.client.name,
    caseType: head.caseType,
    stage: head.stage,
  };
  if (head.transfer) {
    const transfer = { ...summary, fromOffice: head.office, ...head.transfer };
    entries.push({ key: inboxKey(head.transfer.toOffice, 'TRANSFER-IN', head.id), item: transfer });
    entries.push({ key: inboxKey(head.office, 'TRANSFER-OUT', head.id), item: transfer });
  }
  if (head.pendingApproval) {
    entries.push({
      key: inboxKey(head.office, 'APPROVAL', head.id),
      item: { ...summary, office: head.office, assignee: head.assignee, ...head.pendingApproval },
    });
  }
  return entries;
}

/** The inbox writes that take `previous` to `next`: entries removed, added or refreshed. */
export function inboxWrites(previous: CaseHead, next: CaseHead): CaseWrite[] {
  const after = inboxEntries(next);
  const keep = new Set(after.map((entry) => `${entry.key.pk}|${entry.key.sk}`));
  return [
    ...inboxEntries(previous)
      .filter((entry) => !keep.has(`${entry.key.pk}|${entry.key.sk}`))
      .map((entry) => ({ remove: entry.key })),
    ...after.map((entry) => ({ put: { ...entry.key, type: 'INBOX', ...entry.item } })),
  ];
}

/** What waits on an office, of one kind, oldest first. */
export async function listInbox(
  office: string,
  kind: InboxKind,
  limit: number,
  cursor?: string,
): Promise<Page<Record<string, unknown>>> {
  const input: QueryCommandInput = {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :kind)',
    ExpressionAttributeValues: { ':pk': `INBOX#${office}`, ':kind': `${kind}#` },
    Limit: limit,
    ConsistentRead: true,
  };
  input.ExclusiveStartKey = decodeCursor(cursor, ['pk', 'sk'], input);
  const result = await storeCall(() => db().send(new QueryCommand(input)));
  return {
    items: (result.Items ?? []).map(({ pk: _pk, sk: _sk, type: _type, ...item }) => item),
    nextCursor: encodeCursor(result.LastEvaluatedKey, input),
  };
}

/** How many entries of one kind wait on an office (a counting Query on the inbox partition). */
export async function countInbox(office: string, kind: InboxKind): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const result = await storeCall(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :kind)',
          ExpressionAttributeValues: { ':pk': `INBOX#${office}`, ':kind': `${kind}#` },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    count += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start);
  return count;
}
