/**
 * The daily run over open cases (EventBridge in AWS, a timer locally): for each office, every open
 * case (a Query on the office index) is decided again by what its case type triggers `daily`, since
 * time alone changes facts (months served, a plan review falling due). A case whose head changed is
 * written back, conditional on its version (a person's edit meanwhile wins; tomorrow tries again).
 * Then each office's counts of the day go into that week's item, the history a dashboard draws. The
 * daily job keeps its place in a checkpoint (per office, the next page), so a run that ran out of time
 * resumes where it stopped instead of deciding every office again.
 */
import type { CaseHead } from '../domain/case-file';
import { SYSTEM_USER, type User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { auditItem, commitCaseChange, queryCaseload } from '../store/cases-repo';
import { saveProgress, startCheckpoint } from '../store/job-checkpoints';
import { applyDecisions, auditEntry, headChanged, latestData, runTriggers, todayOf } from './case-context';
import { publishedCaseType } from './case-types';
import { recordWeeklyStats } from './office-stats';
import { listAllOffices } from './offices';

export interface DailyResult {
  examined: number;
  changed: number;
  /** Offices whose weekly counts were recorded (only once every office is decided). */
  recorded?: number;
  /** False when the run stopped before every office was decided; the next run of the day resumes it. */
  complete: boolean;
}

/**
 * Where a run keeps its place: the checkpoint item of `job` for `date` (store/job-checkpoints.ts),
 * one entry per office (named `<prefix><office>`), done or the cursor of its next page. The daily job
 * shares its own checkpoint with the sweep, so a new day resets both together.
 */
export interface DailyCheckpoint {
  job: string;
  date: string;
  /** Before each office's id in the checkpoint, apart from other work's entries (e.g. `decided:`). */
  prefix?: string;
}

export interface DailyOptions {
  /** Keep and resume the day's place; without it every office is decided from its start. */
  checkpoint?: DailyCheckpoint;
  /** Asked before each page: true stops the run there (its place saved). */
  shouldStop?: () => boolean;
  /** Open cases per Query page (100 when absent). */
  pageSize?: number;
}

/** Writes a change the system (or a publish) makes to a case, with its audit entry; false when a concurrent edit won. */
export function commitAudited(
  head: CaseHead,
  next: CaseHead,
  user: User,
  action: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  return commitCaseChange({
    head: { ...next, version: head.version + 1 },
    expectedVersion: head.version,
    caseId: head.id,
    today: todayOf(head),
    writes: [{ append: auditItem(head.id, auditEntry(user, action, detail)) }],
  });
}

/** Decides one open case again; whether its head changed and was written. */
export async function decideDaily(head: CaseHead): Promise<boolean> {
  const type = await publishedCaseType(head.caseType);
  if (!type) return false;
  const { decisions } = await runTriggers(type, 'daily', head, await latestData(head.id));
  if (decisions.length === 0) return false;
  const decided = await applyDecisions(type, head, decisions);
  if (!headChanged(head, decided)) return false;
  return commitAudited(head, { ...decided, caseTypeVersion: type.version }, SYSTEM_USER, 'rules.decided', {
    on: 'daily',
    caseTypeVersion: type.version,
    decisions: decisions.map(({ rulesetId, version, events }) => ({ rulesetId, version, events })),
  });
}

/** Every open case, office by office (Queries on the office index, never a Scan). */
export async function* openCases(): AsyncGenerator<CaseHead> {
  for (const office of await listAllOffices()) {
    let cursor: string | undefined;
    do {
      const page = await queryCaseload({
        by: 'office',
        key: office.id,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

/**
 * The head moved to the stage its type's `stageMap` names, when the published version no longer has
 * the stage it is in (publishing refuses a version that leaves a stage in use unmapped); the head
 * as it was when nothing is to move, undefined when a concurrent edit won.
 */
async function remapped(head: CaseHead, user: User): Promise<CaseHead | undefined> {
  const type = await publishedCaseType(head.caseType);
  if (!type || type.content.stages.some((stage) => stage.id === head.stage)) return head;
  const to = type.content.stageMap?.[head.stage];
  if (!to || !type.content.stages.some((stage) => stage.id === to)) return head;
  const next: CaseHead = {
    ...head,
    stage: to,
    caseTypeVersion: type.version,
    updatedAt: new Date().toISOString(),
    updatedBy: user.id,
  };
  const detail = { from: head.stage, to, caseTypeVersion: type.version };
  return (await commitAudited(head, next, user, 'stage.mapped', detail))
    ? { ...next, version: head.version + 1 }
    : undefined;
}

/**
 * Moves the open cases of `caseType` whose stage the published version dropped, by its stage map.
 * Runs right after a publish; the daily run does the same for a case a concurrent edit held back.
 */
export async function remapStages(caseType: string, user: User = SYSTEM_USER): Promise<number> {
  let moved = 0;
  for await (const head of openCases()) {
    if (head.caseType !== caseType) continue;
    const after = await remapped(head, user);
    if (after && after !== head) moved++;
  }
  return moved;
}

/** The stages open cases of `caseType` are in. */
export async function openStagesOf(caseType: string): Promise<Set<string>> {
  const stages = new Set<string>();
  for await (const head of openCases()) if (head.caseType === caseType) stages.add(head.stage);
  return stages;
}

/** One office's open cases from `cursor` on, a page at a time, each page with the cursor after it. */
async function* pagesOf(
  office: string,
  pageSize: number,
  cursor: string | undefined,
): AsyncGenerator<{ items: CaseHead[]; next: string | undefined }> {
  let next = cursor;
  do {
    const query = { by: 'office' as const, key: office, limit: pageSize };
    let page: Awaited<ReturnType<typeof queryCaseload>>;
    try {
      page = await queryCaseload({ ...query, ...(next ? { cursor: next } : {}) });
    } catch (error) {
      // A kept cursor signed with another key (a local restart draws a new one): the office starts
      // over; deciding a case again changes nothing.
      if (!(error instanceof AppError && error.code === 'invalid_cursor') || !next) throw error;
      page = await queryCaseload(query);
    }
    next = page.nextCursor ?? undefined;
    yield { items: page.items, next };
  } while (next);
}

/**
 * Decides every open case again, office by office. With a checkpoint, each page's end is saved, offices
 * the day's run finished are skipped and a stopped run resumes at its page; the weekly counts are
 * recorded once every office is done.
 */
export async function runDaily(options: DailyOptions = {}): Promise<DailyResult> {
  const { checkpoint, shouldStop } = options;
  const kept = checkpoint ? await startCheckpoint(checkpoint.job, checkpoint.date) : undefined;
  let examined = 0;
  let changed = 0;
  for (const office of await listAllOffices()) {
    const unit = `${checkpoint?.prefix ?? ''}${office.id}`;
    const place = kept?.progress[unit];
    if (place && 'done' in place) continue;
    for await (const page of pagesOf(office.id, options.pageSize ?? 100, place?.cursor)) {
      if (shouldStop?.()) return { examined, changed, complete: false };
      for (const head of page.items) {
        examined++;
        // A case a publish could not move (a concurrent edit) follows its type's stage map first.
        const current = await remapped(head, SYSTEM_USER);
        if (!current) continue;
        const decided = await decideDaily(current);
        if (current !== head || decided) changed++;
      }
      if (checkpoint) {
        const saved = await saveProgress(
          checkpoint.job,
          checkpoint.date,
          unit,
          page.next ? { cursor: page.next } : { done: true },
        );
        // A run for a later day took the checkpoint over: this one stops.
        if (!saved) return { examined, changed, complete: false };
      }
    }
  }
  // Counted after the day's decisions, so the week holds what the caseload looks like now.
  return { examined, changed, recorded: await recordWeeklyStats(), complete: true };
}
