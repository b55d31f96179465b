/** Evaluating a ruleset on a real case: the facts its case type builds from the case file. */
import type { User } from '../platform/claims';
import type { Lang } from '../platform/messages';
import { appendAudit } from '../store/cases-repo';
import { auditEntry, caseFacts, caseTypeOf, latestData, loadCase } from './case-context';
import { type EvaluationResult, evaluateFacts } from './rulesets';

/** Nothing about the case changes; the read is audited like any other read of a case file. */
export async function evaluateCase(
  user: User,
  rulesetId: string,
  caseId: string,
  target: number | 'draft' | undefined,
  lang: Lang,
): Promise<EvaluationResult & { caseId: string }> {
  const head = await loadCase(user, caseId, 'read');
  const { facts } = await caseFacts(await caseTypeOf(head), head, await latestData(caseId));
  const result = await evaluateFacts(rulesetId, facts, target, lang, 'case');
  await appendAudit(caseId, auditEntry(user, 'rules.evaluated', { rulesetId, version: result.version }));
  return { ...result, caseId };
}
