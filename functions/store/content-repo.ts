/**
 * Versioned content (forms and rulesets): a head item, an editable draft, and immutable versions,
 * all under one partition. Publishing writes the version, moves the head and consumes the draft in
 * one transaction, conditional on the head's latest version, so concurrent publishes never collide
 * on a number or overwrite each other.
 */
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../platform/errors';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionFailure, storeCall } from './errors';
import { TABLE_SPEC } from './table-spec';

export type ContentKind = 'FORM' | 'RULESET' | 'CASETYPE';

/** The editable part of a form or ruleset; what differs between kinds lives in `body`. */
export interface ContentFields {
  title: string;
  description: string;
  body: Record<string, unknown>;
  /** Small fields the list shows beside the title (a ruleset's kind); kept on the head item. */
  summary?: Record<string, string>;
}

export interface Head {
  id: string;
  title: string;
  description: string;
  publishedVersion: number | null;
  latestVersion: number;
  hasDraft: boolean;
  updatedAt: string;
  summary: Record<string, string>;
}

export interface Draft extends ContentFields {
  id: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Version extends ContentFields {
  id: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  /** The version this one republished, for a rollback. */
  fromVersion: number | null;
}

export type VersionSummary = Pick<
  Version,
  'version' | 'publishedAt' | 'publishedBy' | 'note' | 'fromVersion'
>;

/** DynamoDB's item limit is 400 KB; leave room for attribute names and the head. */
const MAX_CONTENT_BYTES = 350 * 1024;

const pk = (kind: ContentKind, id: string) => `${kind}#${id}`;
const versionSk = (version: number) => `V#${String(version).padStart(10, '0')}`;
const HEAD = 'HEAD';
const DRAFT = 'DRAFT';

function checkSize(fields: ContentFields): void {
  const bytes = Buffer.byteLength(JSON.stringify(fields), 'utf8');
  if (bytes > MAX_CONTENT_BYTES)
    throw new AppError('payload_too_large', { params: { limit: MAX_CONTENT_BYTES } });
}

function toHead(item: Record<string, unknown>): Head {
  return {
    id: String(item.id),
    title: String(item.title ?? item.draftTitle ?? ''),
    description: String(item.description ?? item.draftDescription ?? ''),
    publishedVersion: typeof item.publishedVersion === 'number' ? item.publishedVersion : null,
    latestVersion: typeof item.latestVersion === 'number' ? item.latestVersion : 0,
    hasDraft: item.hasDraft === true,
    updatedAt: String(item.updatedAt),
    summary: (item.summary ?? item.draftSummary ?? {}) as Record<string, string>,
  };
}

function toFields(item: Record<string, unknown>): ContentFields {
  return {
    title: String(item.title),
    description: String(item.description ?? ''),
    body: (item.body ?? {}) as Record<string, unknown>,
    ...(item.summary ? { summary: item.summary as Record<string, string> } : {}),
  };
}

/** The repository for one kind of versioned content. */
export function contentRepo(kind: ContentKind) {
  const collection = `${kind}S`;

  return {
    async getHead(id: string): Promise<Head | undefined> {
      const { Item } = await storeCall(() =>
        db().send(
          new GetCommand({
            TableName: tableName(),
            Key: { pk: pk(kind, id), sk: HEAD },
            ConsistentRead: true,
          }),
        ),
      );
      return Item ? toHead(Item) : undefined;
    },

    async listHeads(limit: number, cursor?: string): Promise<Page<Head>> {
      const index = TABLE_SPEC.indexes[0];
      const query: QueryCommandInput = {
        TableName: tableName(),
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': collection },
        Limit: limit,
      };
      query.ExclusiveStartKey = decodeCursor(cursor, ['pk', 'sk', index.partitionKey, index.sortKey], query);
      const result = await storeCall(() => db().send(new QueryCommand(query)));
      return {
        items: (result.Items ?? []).map(toHead),
        nextCursor: encodeCursor(result.LastEvaluatedKey, query),
      };
    },

    async getDraft(id: string): Promise<Draft | undefined> {
      const { Item } = await storeCall(() =>
        db().send(
          new GetCommand({
            TableName: tableName(),
            Key: { pk: pk(kind, id), sk: DRAFT },
            ConsistentRead: true,
          }),
        ),
      );
      if (!Item) return undefined;
      return {
        id,
        ...toFields(Item),
        version: Number(Item.version),
        updatedAt: String(Item.updatedAt),
        updatedBy: String(Item.updatedBy),
      };
    },

    /**
     * Saves the draft. `expectedVersion` is the draft version the caller edited (0: none yet); any
     * other current version is a 412. Without it the save still cannot interleave with another.
     */
    async putDraft(
      id: string,
      fields: ContentFields,
      by: string,
      expectedVersion: number | undefined,
    ): Promise<Draft> {
      checkSize(fields);
      const current = expectedVersion ?? (await this.getDraft(id))?.version ?? 0;
      const now = new Date().toISOString();
      const draft: Draft = { id, ...fields, version: current + 1, updatedAt: now, updatedBy: by };
      try {
        await storeCall(() =>
          db().send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName(),
                    Item: { pk: pk(kind, id), sk: DRAFT, type: `${kind}_DRAFT`, ...draft },
                    ConditionExpression:
                      current === 0
                        ? 'attribute_not_exists(pk)'
                        : 'attribute_exists(pk) AND version = :current',
                    ...(current === 0 ? {} : { ExpressionAttributeValues: { ':current': current } }),
                  },
                },
                {
                  Update: {
                    TableName: tableName(),
                    Key: { pk: pk(kind, id), sk: HEAD },
                    UpdateExpression:
                      'SET id = :id, #type = :type, gsi1pk = :collection, gsi1sk = :id, hasDraft = :true, ' +
                      'draftTitle = :title, draftDescription = :description, draftSummary = :summary, ' +
                      'updatedAt = :now, ' +
                      'latestVersion = if_not_exists(latestVersion, :zero)',
                    ExpressionAttributeNames: { '#type': 'type' },
                    ExpressionAttributeValues: {
                      ':id': id,
                      ':type': `${kind}_HEAD`,
                      ':collection': collection,
                      ':true': true,
                      ':title': fields.title,
                      ':description': fields.description,
                      ':summary': fields.summary ?? {},
                      ':now': now,
                      ':zero': 0,
                    },
                  },
                },
              ],
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const actual = (await this.getDraft(id))?.version ?? 0;
        throw new AppError('version_mismatch', { params: { current: actual }, cause: error });
      }
      return draft;
    },

    async getVersion(id: string, version: number): Promise<Version | undefined> {
      const { Item } = await storeCall(() =>
        db().send(
          new GetCommand({ TableName: tableName(), Key: { pk: pk(kind, id), sk: versionSk(version) } }),
        ),
      );
      if (!Item) return undefined;
      return {
        id,
        ...toFields(Item),
        version: Number(Item.version),
        publishedAt: String(Item.publishedAt),
        publishedBy: String(Item.publishedBy),
        note: typeof Item.note === 'string' ? Item.note : null,
        fromVersion: typeof Item.fromVersion === 'number' ? Item.fromVersion : null,
      };
    },

    /** Versions, newest first, without their bodies. */
    async listVersions(id: string, limit: number, cursor?: string): Promise<Page<VersionSummary>> {
      const query: QueryCommandInput = {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(kind, id), ':prefix': 'V#' },
        ProjectionExpression: 'pk, sk, version, publishedAt, publishedBy, note, fromVersion',
        ScanIndexForward: false,
        Limit: limit,
      };
      query.ExclusiveStartKey = decodeCursor(cursor, ['pk', 'sk'], query);
      const result = await storeCall(() => db().send(new QueryCommand(query)));
      return {
        items: (result.Items ?? []).map((item) => ({
          version: Number(item.version),
          publishedAt: String(item.publishedAt),
          publishedBy: String(item.publishedBy),
          note: typeof item.note === 'string' ? item.note : null,
          fromVersion: typeof item.fromVersion === 'number' ? item.fromVersion : null,
        })),
        nextCursor: encodeCursor(result.LastEvaluatedKey, query),
      };
    },

    /**
     * Publishes `fields` as version `head.latestVersion + 1`. Returns undefined when another publish
     * got there first (the caller re-reads and tries again). `draftVersion` consumes that draft.
     */
    async publish(
      id: string,
      fields: ContentFields,
      options: {
        by: string;
        note: string | null;
        fromVersion: number | null;
        latestVersion: number;
        draftVersion?: number;
      },
    ): Promise<number | undefined> {
      checkSize(fields);
      const version = options.latestVersion + 1;
      const now = new Date().toISOString();
      const item: Record<string, unknown> = {
        pk: pk(kind, id),
        sk: versionSk(version),
        type: `${kind}_VERSION`,
        id,
        ...fields,
        version,
        publishedAt: now,
        publishedBy: options.by,
        note: options.note,
        fromVersion: options.fromVersion,
      };
      const draftConsumed = options.draftVersion !== undefined;
      try {
        await storeCall(() =>
          db().send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName(),
                    Item: item,
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  Update: {
                    TableName: tableName(),
                    Key: { pk: pk(kind, id), sk: HEAD },
                    UpdateExpression:
                      'SET id = :id, #type = :type, gsi1pk = :collection, gsi1sk = :id, title = :title, ' +
                      'description = :description, summary = :summary, publishedVersion = :version, ' +
                      'latestVersion = :version, ' +
                      `updatedAt = :now${draftConsumed ? ', hasDraft = :false' : ''}`,
                    ConditionExpression:
                      options.latestVersion === 0
                        ? 'attribute_not_exists(latestVersion) OR latestVersion = :latest'
                        : 'latestVersion = :latest',
                    ExpressionAttributeNames: { '#type': 'type' },
                    ExpressionAttributeValues: {
                      ':id': id,
                      ':type': `${kind}_HEAD`,
                      ':collection': collection,
                      ':title': fields.title,
                      ':description': fields.description,
                      ':summary': fields.summary ?? {},
                      ':version': version,
                      ':latest': options.latestVersion,
                      ':now': now,
                      ...(draftConsumed ? { ':false': false } : {}),
                    },
                  },
                },
                ...(draftConsumed
                  ? [
                      {
                        Delete: {
                          TableName: tableName(),
                          Key: { pk: pk(kind, id), sk: DRAFT },
                          ConditionExpression: 'version = :draftVersion',
                          ExpressionAttributeValues: { ':draftVersion': options.draftVersion },
                        },
                      },
                    ]
                  : []),
              ],
            }),
          ),
        );
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
      return version;
    },
  };
}

export type ContentRepo = ReturnType<typeof contentRepo>;
