/**
 * Where a scheduled job's run of the day got to, in one small item (`JOB#<job>` / `CHECKPOINT`): the
 * date of the run, which steps are done, and for each unit of work (an office) either done or the
 * cursor of its next page. A run that stopped part way (a timeout, a retry) is resumed by the next run
 * of the same day; a run on a new day starts a fresh checkpoint.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { isConditionFailure, storeCall } from './errors';

export type Progress = { done: true } | { cursor: string };

export interface Checkpoint {
  /** The day the run is for (`YYYY-MM-DD`). */
  date: string;
  /** Steps of the day's run that are done (e.g. the daily decisions). */
  steps: Record<string, true>;
  /** Per unit of work: done, or where its next page starts. */
  progress: Record<string, Progress>;
}

const key = (job: string) => ({ pk: `JOB#${job}`, sk: 'CHECKPOINT' });

async function read(job: string): Promise<Checkpoint | undefined> {
  const { Item } = await storeCall(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: key(job), ConsistentRead: true })),
  );
  if (!Item || typeof Item.date !== 'string') return undefined;
  return {
    date: Item.date,
    steps: (Item.steps ?? {}) as Checkpoint['steps'],
    progress: (Item.progress ?? {}) as Checkpoint['progress'],
  };
}

/** The checkpoint of `date`'s run: the one kept when it is for that day, else a fresh one. */
export async function startCheckpoint(job: string, date: string): Promise<Checkpoint> {
  const kept = await read(job);
  if (kept?.date === date) return kept;
  const fresh: Checkpoint = { date, steps: {}, progress: {} };
  try {
    await storeCall(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...key(job), type: 'JOB', job, ...fresh },
          // Another run may have started the same day meanwhile: keep what it wrote.
          ConditionExpression: 'attribute_not_exists(pk) OR #date <> :date',
          ExpressionAttributeNames: { '#date': 'date' },
          ExpressionAttributeValues: { ':date': date },
        }),
      ),
    );
    return fresh;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await read(job)) ?? fresh;
  }
}

async function setEntry(
  job: string,
  date: string,
  map: 'steps' | 'progress',
  name: string,
  value: unknown,
): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key(job),
          UpdateExpression: 'SET #map.#name = :value',
          ConditionExpression: '#date = :date',
          ExpressionAttributeNames: { '#map': map, '#name': name, '#date': 'date' },
          ExpressionAttributeValues: { ':value': value, ':date': date },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Records where one unit of work of `date`'s run got to. False when the checkpoint is no longer that
 * day's (a run for a later day started): the caller stops.
 */
export function saveProgress(job: string, date: string, unit: string, progress: Progress): Promise<boolean> {
  return setEntry(job, date, 'progress', unit, progress);
}

/** Records that a step of `date`'s run is done; false when the checkpoint is no longer that day's. */
export function markStepDone(job: string, date: string, step: string): Promise<boolean> {
  return setEntry(job, date, 'steps', step, true);
}
