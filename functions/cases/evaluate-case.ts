/**
 * Evaluating rules on a real case: the facts its case type builds from the case file. A caller who
 * may read the case but not its sensitive fields (a receiving office before it accepts a transfer)
 * sees each condition's result, never a value that came from a hidden field: the facts are built a
 * second time from the file with those fields removed, and a value that differs is withheld.
 *
 * Also what the rules say about a case today, as its page shows it (`caseDecisions`): each programme
 * with its title, whether the client is eligible, and every condition as a sentence with the value
 * used (decisive first, then those that hold, then the rest), and the headline facts of its case type
 * (the RRI score and category).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ExplainedCondition, ExplainedRule } from '../decisions/engine';
import { resolvePath } from '../decisions/paths';
import { programmeRules } from '../domain/case-decisions';
import { type CaseHead, seesSensitive } from '../domain/case-file';
import type { FactType } from '../domain/facts';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import type { Lang } from '../platform/messages';
import { appendAudit } from '../store/cases-repo';
import { auditEntry, caseFacts, caseTypeOf, latestData, loadCase } from './case-context';
import { type PublishedCaseType, publishedCaseType } from './case-types';
import { formSchemaOf } from './forms';
import { decide, type EvaluationResult, evaluateFacts } from './rulesets';

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

/**
 * The explanation with every fact value that depends on a hidden field replaced by null, and its
 * sentence by the one without the value.
 */
export function withheld<T extends { explanation?: ExplainedRule[] }>(
  result: T,
  full: Record<string, unknown>,
  visible: Record<string, unknown>,
): T {
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
          : { ...condition, factValue: null, withheld: true, text: condition.statement },
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

/** One condition of a programme as the case page shows it. */
export type ShownCondition = Pick<
  ExplainedCondition,
  'fact' | 'path' | 'operator' | 'value' | 'factValue' | 'result' | 'decisive' | 'text' | 'statement'
> & { name?: string; withheld?: true };

export interface ProgrammeDecision {
  program: string;
  /** The programme's title from its rules (`params.title`), else its name. */
  title: string;
  eligible: boolean;
  rulesetId: string;
  rulesetTitle: string;
  version: number;
  /** Decisive first, then those that hold, then the rest; a sentence said twice is shown once. */
  conditions: ShownCondition[];
}

export interface HeadlineFact {
  fact: string;
  title: string;
  type: FactType;
  /** null when unknown, or withheld from a caller who may not see the field it came from. */
  value: unknown;
  withheld?: true;
}

export interface CaseDecisions {
  caseId: string;
  eligibility: ProgrammeDecision[];
  headline: HeadlineFact[];
}

const rank = (condition: Pick<ShownCondition, 'decisive' | 'result'>) =>
  condition.decisive ? 0 : condition.result ? 1 : 2;

/** A programme's conditions in reading order, each sentence once (the most telling copy kept). */
export function readingOrder(conditions: readonly ShownCondition[]): ShownCondition[] {
  const byText = new Map<string, ShownCondition>();
  for (const condition of conditions) {
    const seen = byText.get(condition.text);
    if (!seen || rank(condition) < rank(seen)) byText.set(condition.text, condition);
  }
  return [...byText.values()].sort((a, b) => rank(a) - rank(b));
}

const shown = (condition: ExplainedCondition & { withheld?: true }): ShownCondition => ({
  ...(condition.name !== undefined ? { name: condition.name } : {}),
  fact: condition.fact,
  ...(condition.path !== undefined ? { path: condition.path } : {}),
  operator: condition.operator,
  value: condition.value,
  factValue: condition.factValue,
  result: condition.result,
  decisive: condition.decisive,
  text: condition.text,
  statement: condition.statement,
  ...(condition.withheld ? { withheld: true } : {}),
});

/**
 * The case type's headline facts (e.g. the RRI score and category) with their values; a value that
 * differs between the full file and the `visible` one (a sensitive field behind it) is withheld.
 */
export function headlineFacts(
  type: Pick<PublishedCaseType, 'content'>,
  facts: Record<string, unknown>,
  visible: Record<string, unknown> = facts,
): HeadlineFact[] {
  const specs = new Map((type.content.facts ?? []).map((fact) => [fact.name, fact]));
  return (type.content.headline ?? []).flatMap((entry) => {
    const spec = specs.get(entry.fact);
    if (!spec) return [];
    const value = facts[entry.fact] ?? null;
    const hidden = !isDeepStrictEqual(value, visible[entry.fact] ?? null);
    return [
      {
        fact: entry.fact,
        title: entry.title,
        type: spec.type,
        value: hidden ? null : value,
        ...(hidden ? { withheld: true as const } : {}),
      },
    ];
  });
}

/** The case file's facts, and those a caller who may not see sensitive fields may see. */
export async function factsFor(
  user: User,
  type: PublishedCaseType,
  head: CaseHead,
  latest: Record<string, unknown>,
): Promise<{ facts: Record<string, unknown>; visible: Record<string, unknown> }> {
  const { facts } = await caseFacts(type, head, latest);
  const visible = seesSensitive(user, head)
    ? facts
    : (await caseFacts(type, head, await visibleData(head, latest))).facts;
  return { facts, visible };
}

/**
 * What the rules say about the case today: the eligibility rulesets its case type runs, evaluated on
 * the case file as it stands, per programme in plain sentences, and its headline facts. Nothing
 * changes; the read is audited.
 */
export async function caseDecisions(user: User, caseId: string): Promise<CaseDecisions> {
  const head = await loadCase(user, caseId, 'read');
  const type = await publishedCaseType(head.caseType);
  if (!type) return { caseId, eligibility: [], headline: [] };
  const { facts, visible } = await factsFor(user, type, head, await latestData(caseId));

  const eligibilityEvents = new Set(
    (type.content.effects ?? []).filter((effect) => effect.as === 'eligibility').map((e) => e.event),
  );
  const kinds = new Set<string>();
  const ids = new Set<string>();
  for (const trigger of type.content.triggers ?? []) {
    for (const kind of trigger.rulesets.kinds ?? []) kinds.add(kind);
    for (const id of trigger.rulesets.ids ?? []) ids.add(id);
  }
  const decisions =
    eligibilityEvents.size === 0 || kinds.size + ids.size === 0
      ? []
      : await decide({ kinds: [...kinds], ids: [...ids] }, facts, head.caseType);

  const eligibility: ProgrammeDecision[] = [];
  for (const decision of decisions) {
    const { explanation } = facts === visible ? decision : withheld(decision, facts, visible);
    const rules = (explanation ?? []).filter((rule) => eligibilityEvents.has(rule.event.type));
    for (const [program, { eligible, rules: deciding, all }] of programmeRules(rules)) {
      const title = [...deciding, ...all]
        .map((rule) => rule.event.params?.title)
        .find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
      eligibility.push({
        program,
        title: title ?? program.replaceAll('-', ' '),
        eligible,
        rulesetId: decision.rulesetId,
        rulesetTitle: decision.title ?? decision.rulesetId,
        version: decision.version,
        conditions: readingOrder(deciding.flatMap((rule) => rule.conditions.map(shown))),
      });
    }
  }
  eligibility.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.title.localeCompare(b.title, 'id'));

  const headline = headlineFacts(type, facts, visible);

  await appendAudit(
    caseId,
    auditEntry(user, 'rules.evaluated', { rulesetIds: decisions.map((decision) => decision.rulesetId) }),
  );
  return { caseId, eligibility, headline };
}
