/**
 * What a change would do before anyone publishes it: a ruleset draft (or version) replayed against
 * the open cases that run it; a case type draft (or version) replayed against the open cases of that
 * type (the facts its sources build, the rulesets it runs, the stages it keeps).
 */
import { isDeepStrictEqual } from 'node:util';
import { loadFactSources } from '../decisions/lazy';
import type { CaseHead } from '../domain/case-file';
import { caseFact } from '../domain/case-file';
import { isOpenStage, ruleSelections } from '../domain/case-type';
import { caseFacts, latestData, todayOf } from './case-context';
import { caseTypeContentOf, publishedCaseType, requireCaseType } from './case-types';
import { openCases } from './daily';
import { eventsFor, rulesetIdsSelected } from './rulesets';

export interface ImpactRow {
  caseId: string;
  office: string;
  before: unknown[];
  after: unknown[];
}

const canonical = (events: { type: string; params?: unknown }[]) =>
  events.map((event) => JSON.stringify([event.type, event.params ?? null])).sort();

/**
 * Up to `limit` open cases (with or without a deadline), office by office and each office's most
 * pressing first, optionally of one case type.
 */
async function openHeads(limit: number, caseType?: string): Promise<CaseHead[]> {
  const heads: CaseHead[] = [];
  if (limit <= 0) return heads;
  for await (const head of openCases()) {
    if (!isOpenStage(head.stage) || (caseType !== undefined && head.caseType !== caseType)) continue;
    heads.push(head);
    if (heads.length >= limit) break;
  }
  return heads;
}

export async function ruleImpact(
  rulesetId: string,
  target: number | 'draft',
  limit: number,
): Promise<{ examined: number; changed: ImpactRow[] }> {
  const heads = await openHeads(limit);
  const factSets: Record<string, unknown>[] = [];
  const known: CaseHead[] = [];
  // Only cases whose type runs the ruleset: a child-protection case is not judged by probation rules.
  const runsIt = new Map<string, boolean>();
  for (const head of heads) {
    const type = await publishedCaseType(head.caseType);
    if (!type) continue;
    if (!runsIt.has(type.id)) {
      runsIt.set(type.id, (await rulesetIdsSelected(ruleSelections(type.content), type.id)).has(rulesetId));
    }
    if (!runsIt.get(type.id)) continue;
    known.push(head);
    factSets.push((await caseFacts(type, head, await latestData(head.id))).facts);
  }
  const [before, after] = await Promise.all([
    eventsFor(rulesetId, 'published', factSets),
    eventsFor(rulesetId, target, factSets),
  ]);
  const changed: ImpactRow[] = [];
  known.forEach((head, i) => {
    const was = before[i] ?? [];
    const will = after[i] ?? [];
    if (!isDeepStrictEqual(canonical(was), canonical(will)))
      changed.push({ caseId: head.id, office: head.office, before: was, after: will });
  });
  return { examined: known.length, changed };
}

export interface CaseTypeImpactRow extends ImpactRow {
  /** The rulesets whose events differ. */
  rulesets: string[];
}

export interface StageImpactRow {
  caseId: string;
  office: string;
  stage: string;
  /** Where `stageMap` sends the case; null when the new version has no place for it (publish is refused). */
  mappedTo: string | null;
}

/**
 * A case type draft (or version) against the published one, over the open cases of that type: the
 * cases whose decisions would change (facts from each version's sources, the rulesets each runs) and
 * the cases in a stage the new version drops.
 */
export async function caseTypeImpact(
  caseTypeId: string,
  target: number | 'draft',
  limit: number,
): Promise<{ examined: number; changed: CaseTypeImpactRow[]; stages: StageImpactRow[] }> {
  const published = await requireCaseType(caseTypeId);
  const content = await caseTypeContentOf(caseTypeId, target);
  const { buildFacts, compileCaseType } = await loadFactSources();
  const compiled = compileCaseType(content);
  const [runsBefore, runsAfter] = await Promise.all([
    rulesetIdsSelected(ruleSelections(published.content), caseTypeId),
    rulesetIdsSelected(ruleSelections(content), caseTypeId),
  ]);
  const heads = await openHeads(limit, caseTypeId);
  const before: Record<string, unknown>[] = [];
  const after: Record<string, unknown>[] = [];
  for (const head of heads) {
    const latest = await latestData(head.id);
    before.push((await caseFacts(published, head, latest)).facts);
    after.push(
      (
        await buildFacts(
          compiled,
          { case: caseFact(head), forms: latest, counters: head.counters ?? {} },
          todayOf(head),
        )
      ).facts,
    );
  }
  const events = new Map<string, { was: unknown[][]; will: unknown[][] }>();
  for (const rulesetId of new Set([...runsBefore, ...runsAfter])) {
    events.set(rulesetId, {
      was: runsBefore.has(rulesetId) ? await eventsFor(rulesetId, 'published', before) : [],
      will: runsAfter.has(rulesetId) ? await eventsFor(rulesetId, 'published', after) : [],
    });
  }
  const changed: CaseTypeImpactRow[] = [];
  const declared = new Set(content.stages.map((stage) => stage.id));
  const stages: StageImpactRow[] = [];
  heads.forEach((head, i) => {
    const rulesets: string[] = [];
    const was: unknown[] = [];
    const will: unknown[] = [];
    for (const [rulesetId, { was: w, will: v }] of events) {
      const a = (w[i] ?? []) as { type: string; params?: unknown }[];
      const b = (v[i] ?? []) as { type: string; params?: unknown }[];
      was.push(...a.map((event) => ({ rulesetId, ...event })));
      will.push(...b.map((event) => ({ rulesetId, ...event })));
      if (!isDeepStrictEqual(canonical(a), canonical(b))) rulesets.push(rulesetId);
    }
    if (rulesets.length > 0) {
      changed.push({
        caseId: head.id,
        office: head.office,
        before: was,
        after: will,
        rulesets: rulesets.sort(),
      });
    }
    if (!declared.has(head.stage)) {
      stages.push({
        caseId: head.id,
        office: head.office,
        stage: head.stage,
        mappedTo: content.stageMap?.[head.stage] ?? null,
      });
    }
  });
  return { examined: heads.length, changed, stages };
}
