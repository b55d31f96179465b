/**
 * An office's weekly counts, recorded by the daily run: one small item per office and ISO week,
 * `STATS#<office>` / `WEEK#<YYYY-Www>`, overwritten by each day's run within the week (so a past
 * week holds its last recorded day). A dashboard reads twelve weeks with one Query on the partition.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { isConditionFailure, storeCall } from './errors';

export interface AssigneeCounts {
  /** The PK holding the cases; null for the office's unassigned cases. */
  assignee: string | null;
  open: number;
  overdue: number;
}

export interface WeekStats {
  office: string;
  /** `YYYY-Www`. */
  week: string;
  /** The week's Monday. */
  weekStart: string;
  /** The day the counts were taken (the office's calendar date). */
  date: string;
  open: number;
  overdue: number;
  byPriority: Record<string, number>;
  byStage: Record<string, number>;
  byAssignee: AssigneeCounts[];
  recordedAt: string;
}

const key = (office: string, week: string) => ({ pk: `STATS#${office}`, sk: `WEEK#${week}` });

/** Writes the week's counts unless a later day of the same week is already recorded; false then. */
export async function putWeekStats(stats: WeekStats): Promise<boolean> {
  try {
    await storeCall(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...key(stats.office, stats.week), type: 'STATS', ...stats },
          ConditionExpression: 'attribute_not_exists(pk) OR #date <= :date',
          ExpressionAttributeNames: { '#date': 'date' },
          ExpressionAttributeValues: { ':date': stats.date },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The recorded weeks from `fromWeek` to `toWeek` (both included), oldest first: one Query. */
export async function queryWeekStats(office: string, fromWeek: string, toWeek: string): Promise<WeekStats[]> {
  const result = await storeCall(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `STATS#${office}`,
          ':from': `WEEK#${fromWeek}`,
          ':to': `WEEK#${toWeek}`,
        },
      }),
    ),
  );
  return (result.Items ?? []).map(({ pk: _pk, sk: _sk, type: _type, ...item }) => item as WeekStats);
}
