/**
 * Schemas of drafts the studio previews before they are saved, one item per content hash, so any
 * instance of the forms function can write the precompiled validator of a schema another instance
 * received. Kept a day (the table's TTL attribute); the JSON text is stored as sent, so the schema
 * read back is the one the browser renders.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { storeCall } from './errors';
import { TABLE_SPEC } from './table-spec';

export interface PreviewSchema {
  formId: string;
  /** The schema's JSON text. */
  schema: string;
}

/** How long a preview's schema is kept. */
export const PREVIEW_SCHEMA_TTL_SECONDS = 24 * 60 * 60;

const key = (hash: string) => ({ pk: `PREVIEW#${hash}`, sk: 'SCHEMA' });

export async function putPreviewSchema(
  hash: string,
  preview: PreviewSchema,
  now = new Date(),
): Promise<void> {
  await storeCall(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key(hash),
          type: 'PREVIEW_SCHEMA',
          formId: preview.formId,
          schema: preview.schema,
          [TABLE_SPEC.ttlAttribute]: Math.floor(now.getTime() / 1000) + PREVIEW_SCHEMA_TTL_SECONDS,
        },
      }),
    ),
  );
}

export async function getPreviewSchema(hash: string): Promise<PreviewSchema | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(hash) })),
  );
  if (!Item || typeof Item.formId !== 'string' || typeof Item.schema !== 'string') return undefined;
  return { formId: Item.formId, schema: Item.schema };
}
