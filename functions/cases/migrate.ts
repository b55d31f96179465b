/**
 * Bringing case heads written before case types existed up to their case type: heads without a
 * `caseTypeVersion` get their counters and deadlines rebuilt by replaying what the case file holds
 * (opening, then each submission in order, then the move into the stage the case is in) through the
 * published type, and their decisions taken again. Deadlines the type does not declare are dropped.
 * Runs after the content is seeded: at local start (an existing `.kawal/` folder) and in the seed job.
 * Content-agnostic: it names no form, stage or deadline, and a head already migrated is left alone.
 * First, heads still on the due index's old single partition move to their office's (the daily job
 * does the same, for a deployment whose seed ran before).
 */

import { loadFactSources } from '../decisions/lazy';
import type { CaseHead } from '../domain/case-file';
import { initialStage } from '../domain/case-type';
import { type CaseEvent, deadlinesAfter } from '../domain/deadlines';
import { SYSTEM_USER } from '../platform/claims';
import { allCaseItems, moveLegacyDueHeads } from '../store/cases-repo';
import { backfillClientKeys } from '../store/client-keys';
import { workingCalendar } from './calendar';
import { applyDecisions, latestData, nowOf, runTriggers } from './case-context';
import { publishedCaseType } from './case-types';
import { commitAudited, openCases } from './daily';

/** The office's local `YYYY-MM-DDTHH:mm` of an ISO instant. */
const localTime = (head: CaseHead, iso: string) => nowOf(head, new Date(iso));

/** The head as its published type would have built it; undefined when it needs nothing (or has no type). */
export async function migratedHead(head: CaseHead): Promise<CaseHead | undefined> {
  if (head.caseTypeVersion !== undefined) return undefined;
  const type = await publishedCaseType(head.caseType);
  if (!type) return undefined;
  const calendar = await workingCalendar();
  const submissions = (await allCaseItems(head.id, 'SUB')).sort((a, b) =>
    String(a.submittedAt ?? a.id).localeCompare(String(b.submittedAt ?? b.id)),
  );
  let counters: Record<string, unknown> = {};
  const start = initialStage(type.content);
  let deadlines = deadlinesAfter(
    type.content,
    [],
    { on: 'created' },
    {
      now: localTime(head, head.createdAt),
      stage: start,
      calendar,
    },
  );
  for (const submission of submissions) {
    const form = String(submission.formId);
    counters = await (await loadFactSources()).countersAfter(type.compiled, counters, form, submission.data);
    const event: CaseEvent = { on: 'submission', form, data: submission.data };
    const at = typeof submission.submittedAt === 'string' ? submission.submittedAt : head.updatedAt;
    deadlines = deadlinesAfter(type.content, deadlines, event, {
      now: localTime(head, at),
      stage: head.stage,
      calendar,
    });
  }
  if (head.stage !== start) {
    deadlines = deadlinesAfter(
      type.content,
      deadlines,
      { on: 'move', to: head.stage },
      {
        now: localTime(head, head.updatedAt),
        stage: head.stage,
        calendar,
      },
    );
  }
  const rebuilt: CaseHead = { ...head, counters, deadlines, caseTypeVersion: type.version };
  const { decisions } = await runTriggers(type, 'daily', rebuilt, await latestData(head.id));
  return applyDecisions(type, rebuilt, decisions);
}

/**
 * Moves heads off the due index's old partition, then migrates every open head that needs it; answers
 * how many heads were written. Then gives every case from before the client search (open or closed)
 * its search keys, which change nothing about the case.
 */
export async function migrateCaseHeads(): Promise<number> {
  let written = await moveLegacyDueHeads();
  for await (const head of openCases()) {
    const next = await migratedHead(head);
    if (!next) continue;
    const detail = { caseTypeVersion: next.caseTypeVersion };
    if (await commitAudited(head, next, SYSTEM_USER, 'case.migrated', detail)) written++;
  }
  await backfillClientKeys();
  return written;
}
