/**
 * A ruleset and the open cases it decides, for the administrator's studio: which open cases run it
 * (to try a change on a real one), the ruleset evaluated on one of them with the values of sensitive
 * fields withheld (an administrator configures; they never see what only the case's own office may),
 * and, after a publish that changed the rules, those cases decided again with the new version, so a
 * worker opening one sees the outcome the rules give now.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CaseHead } from '../domain/case-file';
import { isOpenStage, type RulesetSelection, stageTitle } from '../domain/case-type';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { appendAudit, getCase } from '../store/cases-repo';
import type { Page } from '../store/cursor';
import { applyDecisions, auditEntry, caseFacts, caseTypeOf, headChanged, latestData } from './case-context';
import { type PublishedCaseType, publishedCaseType } from './case-types';
import { commitAudited, openCases } from './daily';
import { withheld } from './evaluate-case';
import { formSchemaOf } from './forms';
import { listAllOffices } from './offices';
import { openCasesPage } from './open-cases';
import {
  decide,
  type EvaluationResult,
  evaluateFacts,
  getPublishedRuleset,
  getRulesetDraft,
  getRulesetVersion,
  rulesetIdsSelected,
} from './rulesets';

/** An open case as the studio lists it: what it is and where, never who the client is. */
export interface RulesetCase {
  caseId: string;
  caseType: string;
  caseTypeTitle: string;
  stage: string;
  stageTitle: string;
  office: string;
  officeName: string;
  openedAt: string;
}

/** The selections of a case type's triggers that run `rulesetId`, as one; undefined when none does. */
async function selectionRunning(
  type: PublishedCaseType,
  rulesetId: string,
): Promise<RulesetSelection | undefined> {
  const kinds = new Set<string>();
  const ids = new Set<string>();
  for (const trigger of type.content.triggers ?? []) {
    if (!(await rulesetIdsSelected([trigger.rulesets], type.id)).has(rulesetId)) continue;
    for (const kind of trigger.rulesets.kinds ?? []) kinds.add(kind);
    for (const id of trigger.rulesets.ids ?? []) ids.add(id);
  }
  return kinds.size + ids.size > 0 ? { kinds: [...kinds], ids: [...ids] } : undefined;
}

/** Whether the published case type of `caseType` runs the ruleset, remembered per call. */
function runsRuleset(rulesetId: string) {
  const known = new Map<string, Promise<{ type: PublishedCaseType; selection: RulesetSelection } | null>>();
  return (caseType: string) => {
    let found = known.get(caseType);
    if (!found) {
      found = (async () => {
        const type = await publishedCaseType(caseType);
        const selection = type ? await selectionRunning(type, rulesetId) : undefined;
        return type && selection ? { type, selection } : null;
      })();
      known.set(caseType, found);
    }
    return found;
  };
}

/**
 * A page of the open cases whose case type runs the ruleset, office by office, each office's most
 * pressing first (priority, then nearest deadline), cases without a deadline included. A page may hold
 * fewer than `limit` cases (cases of other types are skipped); `nextCursor` continues after it.
 */
export async function rulesetCases(
  rulesetId: string,
  limit: number,
  cursor?: string,
): Promise<Page<RulesetCase>> {
  const runs = runsRuleset(rulesetId);
  const offices = new Map((await listAllOffices()).map((office) => [office.id, office.name]));
  return openCasesPage({
    listing: { rulesetCases: rulesetId },
    limit,
    cursor,
    pick: async (head): Promise<RulesetCase | undefined> => {
      if (!isOpenStage(head.stage)) return undefined;
      const running = await runs(head.caseType);
      if (!running) return undefined;
      return {
        caseId: head.id,
        caseType: head.caseType,
        caseTypeTitle: running.type.title,
        stage: head.stage,
        stageTitle: stageTitle(running.type.content, head.stage),
        office: head.office,
        officeName: offices.get(head.office) ?? head.office,
        openedAt: head.createdAt,
      };
    },
  });
}

/** The latest data of each form without the fields its schema marks sensitive. */
async function visibleData(
  head: CaseHead,
  latest: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [formId, data] of Object.entries(latest)) {
    const version = head.forms[formId]?.formVersion;
    out[formId] = version === undefined ? {} : redactSensitive(await formSchemaOf(formId, version), data);
  }
  return out;
}

export interface StudioCaseEvaluation extends EvaluationResult {
  caseId: string;
  /** The values of the facts the ruleset declares, as built from the case (withheld ones left out). */
  facts: Record<string, unknown>;
  /** Declared facts whose value depends on a sensitive field: not shown. */
  withheldFacts: string[];
}

/**
 * The ruleset (published, a version, or the draft) on an open case that runs it, for an
 * administrator: every condition's result, and every value that depends on a sensitive field
 * withheld. The read is audited on the case.
 */
export async function evaluateCaseInStudio(
  user: User,
  rulesetId: string,
  caseId: string,
  target: number | 'draft' | undefined,
  lang: Lang,
): Promise<StudioCaseEvaluation> {
  const head = await getCase(caseId);
  if (!head || !isOpenStage(head.stage)) throw new AppError('case_not_found', { params: { id: caseId } });
  const type = await caseTypeOf(head);
  const latest = await latestData(caseId);
  const full = (await caseFacts(type, head, latest)).facts;
  const visible = (await caseFacts(type, head, await visibleData(head, latest))).facts;
  const result = withheld(await evaluateFacts(rulesetId, full, target, lang, 'case'), full, visible);
  const content =
    target === 'draft'
      ? await getRulesetDraft(rulesetId)
      : target === undefined
        ? await getPublishedRuleset(rulesetId)
        : await getRulesetVersion(rulesetId, target);
  const facts: Record<string, unknown> = {};
  const withheldFacts: string[] = [];
  for (const { name } of content.facts ?? []) {
    const value = full[name] ?? null;
    if (!isDeepStrictEqual(value, visible[name] ?? null)) withheldFacts.push(name);
    else if (value !== null) facts[name] = value;
  }
  await appendAudit(caseId, auditEntry(user, 'rules.evaluated', { rulesetId, version: result.version }));
  return { ...result, caseId, facts, withheldFacts };
}

/** How long a publish spends deciding open cases again before it answers (the daily run does the rest). */
export const REDECIDE_BUDGET_MS = 5_000;

/**
 * After a publish: the open cases whose case type runs the ruleset, office by office and each office's
 * most pressing first (cases without a deadline included), are decided again by the triggers that run
 * it (with the rulesets they run beside it), and written when their head changed, audited as a decision on publish. Stops after `budgetMs` so the publish answers
 * in time; the daily run decides the rest, and a case a concurrent edit held back, the same way.
 */
export async function redecideOpenCases(
  rulesetId: string,
  user: User,
  budgetMs = REDECIDE_BUDGET_MS,
): Promise<{ redecided: number; complete: boolean }> {
  const runs = runsRuleset(rulesetId);
  const started = Date.now();
  let redecided = 0;
  for await (const head of openCases()) {
    if (Date.now() - started > budgetMs) return { redecided, complete: false };
    if (!isOpenStage(head.stage)) continue;
    const running = await runs(head.caseType);
    if (!running) continue;
    try {
      if (await redecide(head, running.type, running.selection, rulesetId, user)) redecided++;
    } catch (error) {
      // The publish stands; the daily run decides this case and the rest.
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'redecide after publish',
          caseId: head.id,
          error: String(error),
        }),
      );
      return { redecided, complete: false };
    }
  }
  return { redecided, complete: true };
}

async function redecide(
  head: CaseHead,
  type: PublishedCaseType,
  selection: RulesetSelection,
  rulesetId: string,
  user: User,
): Promise<boolean> {
  const facts = await caseFacts(type, head, await latestData(head.id));
  const decisions = (await decide(selection, facts.facts, head.caseType)).map((decision) => ({
    ...decision,
    caseType: { id: type.id, version: type.version },
  }));
  if (decisions.length === 0) return false;
  const decided = await applyDecisions(type, head, decisions);
  if (!headChanged(head, decided)) return false;
  const detail = {
    on: 'publish',
    rulesetId,
    caseTypeVersion: type.version,
    decisions: decisions.map(({ rulesetId: id, version, events }) => ({ rulesetId: id, version, events })),
  };
  return commitAudited(head, { ...decided, caseTypeVersion: type.version }, user, 'rules.decided', detail);
}
