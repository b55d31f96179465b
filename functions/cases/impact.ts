/**
 * What a ruleset change would do: replays a draft (or a version) against open cases and lists the
 * cases whose events would change, before anyone publishes it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CaseHead } from '../domain/case-file';
import { ruleSelections } from '../domain/case-type';
import { casesByDue } from '../store/cases-repo';
import { caseFacts, latestData } from './case-context';
import { publishedCaseType } from './case-types';
import { eventsFor, rulesetIdsSelected } from './rulesets';

export interface ImpactRow {
  caseId: string;
  office: string;
  before: unknown[];
  after: unknown[];
}

const canonical = (events: { type: string; params?: unknown }[]) =>
  events.map((event) => JSON.stringify([event.type, event.params ?? null])).sort();

export async function ruleImpact(
  rulesetId: string,
  target: number | 'draft',
  limit: number,
): Promise<{ examined: number; changed: ImpactRow[] }> {
  const heads: CaseHead[] = [];
  let cursor: string | undefined;
  do {
    const page = await casesByDue({
      limit: Math.min(100, limit - heads.length),
      ...(cursor ? { cursor } : {}),
    });
    heads.push(...page.items.filter((head) => head.stage !== 'terminated'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && heads.length < limit);
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
