/**
 * The daily job (EventBridge Scheduler in AWS, a timer in local mode): heads still on the due index's
 * old single partition are moved to their office's; then cases whose nearest deadline has passed are
 * marked overdue, office by office, which puts them on the office's overdue list; then every open case
 * is decided again by what its case type runs daily (time alone changes facts such as months served).
 * The sweep comes first so that it never waits on the longer decisions: a head the decisions rewrite
 * gets its overdue flag computed as it is written. A checkpoint keeps the day's progress, so a run that
 * stopped part way (a timeout, Lambda's retry) resumes where it stopped; a new day starts fresh.
 */
import { listAllOffices } from '../cases/offices';
import { todayIn } from '../domain/dates';
import { AppError } from '../platform/errors';
import { createJobHandler } from '../platform/job';
import { lazyModule } from '../platform/lazy';
import { logger } from '../platform/logger';
import { count } from '../platform/metrics';
import { casesByDue, markOverdue, moveLegacyDueHeads } from '../store/cases-repo';
import { markStepDone, saveProgress, startCheckpoint } from '../store/job-checkpoints';

/**
 * The day's decisions (case types, rulesets, the rules engine) load after the sweep, when they are
 * due: the sweep never waits for them, and a retry of a day already decided never loads them.
 */
const daily = lazyModule(() => import('../cases/daily'), ['runDaily']);

const JOB = 'deadlines';
/** The step of the day's run that decides every open case (done once a day). */
const DECIDED = 'decided';
/** Where each office's decisions got to, in the day's checkpoint: `decided:<office>`. */
const DECISIONS = 'decided:';

export interface SweepOptions {
  /** Cases per Query page (100 when absent). */
  pageSize?: number;
  /** How many offices are swept at the same time (4 when absent). */
  parallel?: number;
  /** Asked before each page: true stops the sweep there; the next run of the same day resumes it. */
  shouldStop?: () => boolean;
}

export interface SweepResult {
  examined: number;
  marked: number;
  /** Offices whose sweep this run finished (those the day's run had finished are not counted). */
  offices: number;
  /** Query pages read. */
  pages: number;
  /** False when the sweep stopped before every office was done. */
  complete: boolean;
  decided?: { examined: number; changed: number; complete: boolean };
  /** Heads moved from the due index's old single partition. */
  moved?: number;
}

/**
 * Marks every case whose next deadline is before `today` (exclusive) as overdue: each office's cases
 * due before today and not yet marked (a Query on the office's due partition), a few offices at a time.
 * The checkpoint is written after each page; offices the day's run finished are skipped.
 */
export async function sweepDeadlines(today = todayIn(), options: SweepOptions = {}): Promise<SweepResult> {
  const pageSize = options.pageSize ?? 100;
  const checkpoint = await startCheckpoint(JOB, today);
  const offices = (await listAllOffices())
    .map((office) => office.id)
    .filter((id) => {
      const kept = checkpoint.progress[id];
      return !(kept && 'done' in kept);
    });
  const result: SweepResult = { examined: 0, marked: 0, offices: 0, pages: 0, complete: true };
  let stopped = false;
  const stop = () => {
    if (!stopped && options.shouldStop?.()) stopped = true;
    return stopped;
  };

  async function sweepOffice(office: string): Promise<void> {
    const kept = checkpoint.progress[office];
    let cursor = kept && 'cursor' in kept ? kept.cursor : undefined;
    do {
      if (stop()) return;
      const query = { office, before: today, limit: pageSize, notYetOverdue: true };
      let page: Awaited<ReturnType<typeof casesByDue>>;
      try {
        page = await casesByDue({ ...query, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        // A cursor signed with another key (a local restart draws a new one): the office starts over;
        // the cases marked already are filtered out.
        if (!(error instanceof AppError && error.code === 'invalid_cursor') || !cursor) throw error;
        page = await casesByDue(query);
      }
      result.pages++;
      for (const head of page.items) {
        result.examined++;
        if (await markOverdue(head, today)) result.marked++;
      }
      cursor = page.nextCursor ?? undefined;
      const saved = await saveProgress(JOB, today, office, cursor ? { cursor } : { done: true });
      // A run for a later day took the checkpoint over: this one stops.
      if (!saved) stopped = true;
      else if (!cursor) result.offices++;
    } while (cursor);
  }

  const queue = [...offices];
  const worker = async () => {
    for (let office = queue.shift(); office !== undefined && !stopped; office = queue.shift()) {
      await sweepOffice(office);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel ?? 4, queue.length) }, worker));
  result.complete = !stopped;
  return result;
}

/** Time left when the sweep stops by itself, so its place is saved before Lambda's timeout. */
const STOP_MARGIN_MS = 20_000;

/**
 * The Lambda entry point for the schedule: legacy heads moved, the deadline sweep, then the daily
 * decisions (once a day). A sweep or decisions that ran out of time fail the run, so Lambda's retry
 * resumes them from their checkpoints.
 * The run's counts are logged (platform/job.ts) and counted (SweepExamined, SweepMarked, SweepOffices).
 */
export const handler = createJobHandler('deadlines', async (context): Promise<SweepResult> => {
  const today = todayIn();
  const moved = await moveLegacyDueHeads();
  const sweep = await sweepDeadlines(
    today,
    context ? { shouldStop: () => context.getRemainingTimeInMillis() < STOP_MARGIN_MS } : {},
  );
  count('SweepExamined', sweep.examined);
  count('SweepMarked', sweep.marked);
  count('SweepOffices', sweep.offices);
  if (!sweep.complete) {
    logger.warn('deadline sweep stopped', { job: JOB, ...sweep, moved });
    throw new Error('deadline sweep stopped before every office was done; a retry resumes it');
  }
  let decided: SweepResult['decided'];
  if (!(await startCheckpoint(JOB, today)).steps[DECIDED]) {
    decided = await daily.runDaily({
      checkpoint: { job: JOB, date: today, prefix: DECISIONS },
      ...(context ? { shouldStop: () => context.getRemainingTimeInMillis() < STOP_MARGIN_MS } : {}),
    });
    if (!decided.complete) {
      logger.warn('daily decisions stopped', { job: JOB, ...decided });
      throw new Error('daily decisions stopped before every office was decided; a retry resumes them');
    }
    await markStepDone(JOB, today, DECIDED);
  }
  return { ...sweep, moved, ...(decided ? { decided } : {}) };
});
