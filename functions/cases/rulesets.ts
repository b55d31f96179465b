/**
 * Rulesets as versioned content: drafts checked against the fact catalogue and the published form
 * schemas when saved, publishing gated by the ruleset's own tests, and evaluation with the engine
 * cached per version, answering within the published-pointer TTL after any publish.
 */

import { declaredFacts, referencedForms, rulesetProblems, suppliedFactProblems } from '../decisions/check';
import {
  compileRuleset,
  EngineCache,
  type Evaluation,
  type ExplainedRule,
  evaluateRuleset,
} from '../decisions/engine';
import type { DeclaredFact, EventJson, RulesetContent } from '../decisions/ruleset';
import { runRulesetTests } from '../decisions/tests';
import type { RulesetSelection } from '../domain/case-type';
import { builtinFact } from '../domain/facts';
import type { User } from '../platform/claims';
import { config } from '../platform/config';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { count } from '../platform/metrics';
import type { ContentFields, Draft, Head, Version } from '../store/content-repo';
import type { Page } from '../store/cursor';
import { assertTestsPassed, contentService } from './content';
import { publishedFormSchema } from './forms';

const rulesets = contentService('RULESET', {
  notFound: 'ruleset_not_found',
  notPublished: 'ruleset_not_published',
  versionNotFound: 'ruleset_version_not_found',
  draftNotFound: 'ruleset_draft_not_found',
});
const engines = new EngineCache();

export interface RulesetInput extends RulesetContent {
  title: string;
  description?: string;
}

export interface RulesetSummary {
  id: string;
  title: string;
  kind: string;
  publishedVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

type Meta =
  | { publishedAt: string; publishedBy: string; note: string | null; fromVersion: number | null }
  | { updatedAt: string; updatedBy: string };

export type RulesetView = RulesetContent & {
  id: string;
  version: number;
  title: string;
  description: string;
} & Meta;

const contentOf = (fields: ContentFields): RulesetContent => fields.body as unknown as RulesetContent;

function view(item: Version | Draft): RulesetView {
  const meta: Meta =
    'publishedAt' in item
      ? {
          publishedAt: item.publishedAt,
          publishedBy: item.publishedBy,
          note: item.note,
          fromVersion: item.fromVersion,
        }
      : { updatedAt: item.updatedAt, updatedBy: item.updatedBy };
  const { kind, caseTypes = [], facts = [], rules, tests = [] } = contentOf(item);
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    description: item.description,
    kind,
    caseTypes,
    facts,
    rules,
    tests,
    ...meta,
  };
}

function summary(head: Head): RulesetSummary {
  return {
    id: head.id,
    title: head.title,
    kind: head.summary.kind ?? '',
    publishedVersion: head.publishedVersion,
    hasDraft: head.hasDraft,
    updatedAt: head.updatedAt,
  };
}

/** Checks content against the catalogue and the forms as published now; throws 422 with every problem. */
async function assertValid(content: unknown, lang: Lang): Promise<void> {
  const schemas = new Map<string, Record<string, unknown> | undefined>();
  for (const form of referencedForms(content)) schemas.set(form, await publishedFormSchema(form));
  const details = await rulesetProblems(content, schemas, lang);
  if (details.length > 0) throw new AppError('invalid_ruleset', { details });
}

export async function listRulesets(limit: number, cursor?: string): Promise<Page<RulesetSummary>> {
  const page = await rulesets.repo.listHeads(limit, cursor);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

export const getPublishedRuleset = async (id: string) => view(await rulesets.published(id));
export const getRulesetVersion = async (id: string, version: number) =>
  view(await rulesets.versionOf(id, version));
export const listRulesetVersions = (id: string, limit: number, cursor?: string) =>
  rulesets.versions(id, limit, cursor);
export const getRulesetDraft = async (id: string) => view(await rulesets.draft(id));

export async function saveRulesetDraft(
  id: string,
  input: RulesetInput,
  user: User,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<RulesetView> {
  const { title, description = '', kind, facts = [], rules, tests = [], caseTypes } = input;
  const content: RulesetContent = { kind, ...(caseTypes ? { caseTypes } : {}), facts, rules, tests };
  await assertValid(content, lang);
  const draft = await rulesets.saveDraft(
    id,
    { title, description, body: content as unknown as Record<string, unknown>, summary: { kind } },
    user,
    expectedVersion,
  );
  return view(draft);
}

const UNPROVIDED = {
  id: 'Tidak ada jenis kasus terbit yang menyediakan fakta "{name}": pada kasus nyata aturan ini tidak mendapat nilainya. Hubungkan fakta itu di jenis kasus.',
  en: 'No published case type provides the fact "{name}": on real cases this rule gets no value for it. Wire the fact in a case type.',
} as const;

/**
 * Warnings for a saved ruleset: each declared fact that no published case type provides (by a source,
 * or as a termination reason's data). Saving goes ahead; the rules just get no value on real cases.
 */
export function unprovidedFactWarnings(
  content: Pick<RulesetContent, 'facts'>,
  provided: Map<string, string[]>,
  lang: Lang,
): ErrorDetail[] {
  return (content.facts ?? []).flatMap((fact, i) =>
    builtinFact(fact.name) || provided.has(fact.name)
      ? []
      : [{ path: `/facts/${i}/name`, message: UNPROVIDED[lang].replace('{name}', fact.name) }],
  );
}

/** Publishes after checking the content again and running every one of its tests. */
export function publishRuleset(
  id: string,
  request: { note?: string; fromVersion?: number },
  user: User,
  lang: Lang,
): Promise<{ version: number }> {
  return rulesets.publish(id, request, user, async (fields) => {
    const content = contentOf(fields);
    await assertValid(content, lang);
    // Built once for this publish; the cache holds only versions that are already published.
    assertTestsPassed(
      await runRulesetTests(compileRuleset(content), content.tests ?? []),
      content.tests ?? [],
    );
  });
}

export interface EvaluationResult extends Evaluation {
  rulesetId: string;
  version: number | 'draft';
}

/** Evaluates supplied facts with the published ruleset, a version, or the draft; writes nothing. */
export async function evaluateFacts(
  id: string,
  facts: Record<string, unknown>,
  target: number | 'draft' | undefined,
  lang: Lang,
  /** `case` when the facts were built by a case type's sources: trusted, and a superset of what the ruleset reads. */
  origin: 'caller' | 'case' = 'caller',
): Promise<EvaluationResult> {
  let key: string;
  let item: Version | Draft;
  if (target === 'draft') {
    item = await rulesets.draft(id);
    key = `${id}@draft:${item.version}:${item.updatedAt}`;
  } else {
    item = target === undefined ? await rulesets.published(id) : await rulesets.versionOf(id, target);
    key = `${id}@${item.version}`;
  }
  const content = contentOf(item);
  if (origin === 'caller') {
    const problems = suppliedFactProblems(facts, declaredFacts(content), '/facts', lang);
    if (problems.length > 0) throw new AppError('invalid_facts', { details: problems });
  }
  const compiled = engines.get(key, () => content);
  const evaluation = await evaluateRuleset(compiled, facts, { explain: true });
  return { rulesetId: id, version: target === 'draft' ? 'draft' : item.version, ...evaluation };
}

const kindsCache = { at: 0, heads: [] as RulesetSummary[] };

/** The published rulesets of the given kinds (all when undefined); the list is read once per TTL. */
async function publishedOfKinds(
  kinds: readonly string[] | undefined,
): Promise<{ id: string; version: Version }[]> {
  if (Date.now() - kindsCache.at >= config().contentTtlMs) {
    const heads: RulesetSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRulesets(100, cursor);
      heads.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    kindsCache.heads = heads;
    kindsCache.at = Date.now();
  }
  const found: { id: string; version: Version }[] = [];
  for (const head of kindsCache.heads) {
    if ((kinds && !kinds.includes(head.kind)) || head.publishedVersion === null) continue;
    const version = await rulesets.publishedOrNothing(head.id);
    if (version) found.push({ id: head.id, version });
  }
  return found;
}

export interface Decision {
  rulesetId: string;
  /** The ruleset's title, as a person knows it. */
  title?: string;
  version: number;
  kind: string;
  /** The values the rules read, by fact (and path): what the decision was made on. */
  facts: Record<string, unknown>;
  events: EventJson[];
  explanation: ExplainedRule[];
  /** The case type version whose sources built the facts. */
  caseType?: { id: string; version: number };
}

/**
 * The published rulesets a selection names: those named by id, and per kind, those that name the
 * case type in `caseTypes`, or, when none does, the general ones (naming none). A child-protection
 * case is not judged by the probation rules, nor the reverse.
 */
async function selected(selection: RulesetSelection, caseType: string) {
  const kinds = selection.kinds ?? [];
  const ids = selection.ids ?? [];
  const found = await publishedOfKinds(undefined);
  const byKind = new Map<string, { id: string; version: Version }[]>();
  for (const entry of found) {
    const kind = contentOf(entry.version).kind;
    if (kinds.includes(kind)) byKind.set(kind, [...(byKind.get(kind) ?? []), entry]);
  }
  const chosen = [...byKind.values()].flatMap((entries) => {
    const specific = entries.filter((e) => contentOf(e.version).caseTypes?.includes(caseType));
    return specific.length > 0
      ? specific
      : entries.filter((e) => (contentOf(e.version).caseTypes ?? []).length === 0);
  });
  for (const entry of found) if (ids.includes(entry.id) && !chosen.includes(entry)) chosen.push(entry);
  return chosen;
}

/**
 * Runs the published rulesets a selection names for a case of `caseType`, explaining each decision;
 * each ruleset run counts as one of the DecisionsEvaluated metric.
 */
export async function decide(
  selection: RulesetSelection,
  facts: Record<string, unknown>,
  caseType: string,
): Promise<Decision[]> {
  const decisions: Decision[] = [];
  for (const { id, version } of await selected(selection, caseType)) {
    const content = contentOf(version);
    const compiled = engines.get(`${id}@${version.version}`, () => content);
    const { events, explanation = [] } = await evaluateRuleset(compiled, facts, { explain: true });
    const used: Record<string, unknown> = {};
    for (const rule of explanation) {
      for (const condition of rule.conditions)
        used[`${condition.fact}${condition.path ?? ''}`] = condition.factValue;
    }
    decisions.push({
      rulesetId: id,
      title: version.title,
      version: version.version,
      kind: content.kind,
      facts: used,
      events,
      explanation,
    });
  }
  count('DecisionsEvaluated', decisions.length);
  return decisions;
}

/** The ids of the published rulesets any of the selections picks for a case of `caseType`. */
export async function rulesetIdsSelected(
  selections: readonly RulesetSelection[],
  caseType: string,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const selection of selections) for (const { id } of await selected(selection, caseType)) ids.add(id);
  return ids;
}

/** The published rulesets: id → kind (for the case type checks). */
export async function publishedRulesetKinds(): Promise<Map<string, string>> {
  return new Map((await publishedOfKinds(undefined)).map((e) => [e.id, contentOf(e.version).kind]));
}

/** The published rulesets' declared facts, by ruleset id (for the wiring view and warnings). */
export async function publishedRulesetFacts(): Promise<
  Map<string, { kind: string; facts: DeclaredFact[]; title: string }>
> {
  return new Map(
    (await publishedOfKinds(undefined)).map((e) => [
      e.id,
      { kind: contentOf(e.version).kind, facts: contentOf(e.version).facts ?? [], title: e.version.title },
    ]),
  );
}

/** Events of one ruleset (a version or the draft) for many fact sets: the impact of a change. */
export async function eventsFor(
  id: string,
  target: number | 'draft' | 'published',
  factSets: Record<string, unknown>[],
) {
  const item =
    target === 'draft'
      ? await rulesets.draft(id)
      : target === 'published'
        ? await rulesets.published(id)
        : await rulesets.versionOf(id, target);
  const key =
    target === 'draft' ? `${id}@draft:${item.version}:${(item as Draft).updatedAt}` : `${id}@${item.version}`;
  const compiled = engines.get(key, () => contentOf(item));
  const out: EventJson[][] = [];
  for (const facts of factSets) out.push((await evaluateRuleset(compiled, facts, { explain: false })).events);
  return out;
}
