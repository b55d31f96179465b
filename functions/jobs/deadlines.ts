/**
 * The daily job (EventBridge in AWS, a timer in local mode): first every open case is decided again
 * by what its case type runs daily (time alone changes facts such as months served), then cases whose
 * nearest deadline has passed are marked overdue, which puts them on the office's overdue list.
 */
import { runDaily } from '../cases/daily';
import { todayIn } from '../domain/dates';
import { casesByDue, markOverdue } from '../store/cases-repo';

export interface SweepResult {
  examined: number;
  marked: number;
  decided?: { examined: number; changed: number };
}

/** Marks every case whose next deadline is before `today` (exclusive) as overdue. */
export async function sweepDeadlines(today = todayIn()): Promise<SweepResult> {
  let examined = 0;
  let marked = 0;
  let cursor: string | undefined;
  do {
    const page = await casesByDue({
      before: today,
      limit: 100,
      notYetOverdue: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const head of page.items) {
      examined++;
      if (await markOverdue(head, today)) marked++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { examined, marked };
}

/** The Lambda entry point for the scheduled rule: the daily decisions, then the deadline sweep. */
export const handler = async (): Promise<SweepResult> => {
  const decided = await runDaily();
  const result = { ...(await sweepDeadlines()), decided };
  console.log(JSON.stringify({ level: 'info', job: 'deadlines', ...result }));
  return result;
};
