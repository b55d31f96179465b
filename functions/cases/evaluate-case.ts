/** Evaluating a ruleset on a real case: its head and the latest data of each form as facts. */
import type { User } from '../platform/claims';
import type { Lang } from '../platform/messages';
import { appendAudit } from '../store/cases-repo';
import { auditEntry, caseFacts, latestData, loadCase } from './case-context';
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
  const facts = caseFacts(head, await latestData(caseId));
  const result = await evaluateFacts(rulesetId, facts, target, lang);
  await appendAudit(caseId, auditEntry(user, 'rules.evaluated', { rulesetId, version: result.version }));
  return { ...result, caseId };
}
