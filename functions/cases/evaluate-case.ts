/**
 * Evaluating a ruleset on a real case: the facts its case type builds from the case file. A caller
 * who may read the case but not its sensitive fields (a receiving office before it accepts a
 * transfer) sees each condition's result, never a value that came from a hidden field: the facts are
 * built a second time from the file with those fields removed, and a value that differs is withheld.
 */
import { isDeepStrictEqual } from 'node:util';
import { resolvePath } from '../decisions/paths';
import { type CaseHead, seesSensitive } from '../domain/case-file';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import type { Lang } from '../platform/messages';
import { appendAudit } from '../store/cases-repo';
import { auditEntry, caseFacts, caseTypeOf, latestData, loadCase } from './case-context';
import { formSchemaOf } from './forms';
import { type EvaluationResult, evaluateFacts } from './rulesets';

/** The latest data of each form without the fields its schema marks sensitive. */
async function visibleData(
  head: CaseHead,
  latest: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [formId, data] of Object.entries(latest)) {
    const version = head.forms[formId]?.formVersion;
    // Without the version that took the data, nothing of it can be shown safely.
    out[formId] = version === undefined ? {} : redactSensitive(await formSchemaOf(formId, version), data);
  }
  return out;
}

const valueAt = (facts: Record<string, unknown>, fact: string, path?: string) =>
  path === undefined ? (facts[fact] ?? null) : resolvePath(facts[fact], path);

/** The explanation with every fact value that depends on a hidden field replaced by null. */
export function withheld(
  result: EvaluationResult,
  full: Record<string, unknown>,
  visible: Record<string, unknown>,
): EvaluationResult {
  if (!result.explanation) return result;
  return {
    ...result,
    explanation: result.explanation.map((rule) => ({
      ...rule,
      conditions: rule.conditions.map((condition) =>
        isDeepStrictEqual(
          valueAt(full, condition.fact, condition.path),
          valueAt(visible, condition.fact, condition.path),
        )
          ? condition
          : { ...condition, factValue: null, withheld: true },
      ),
    })),
  };
}

/** Nothing about the case changes; the read is audited like any other read of a case file. */
export async function evaluateCase(
  user: User,
  rulesetId: string,
  caseId: string,
  target: number | 'draft' | undefined,
  lang: Lang,
): Promise<EvaluationResult & { caseId: string }> {
  const head = await loadCase(user, caseId, 'read');
  const type = await caseTypeOf(head);
  const latest = await latestData(caseId);
  const { facts } = await caseFacts(type, head, latest);
  const result = await evaluateFacts(rulesetId, facts, target, lang, 'case');
  const shown = seesSensitive(user, head)
    ? result
    : withheld(result, facts, (await caseFacts(type, head, await visibleData(head, latest))).facts);
  await appendAudit(caseId, auditEntry(user, 'rules.evaluated', { rulesetId, version: result.version }));
  return { ...shown, caseId };
}
