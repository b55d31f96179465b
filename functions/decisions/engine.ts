/**
 * Running a published ruleset. One json-rules-engine Engine per (ruleset, version), built once per
 * process and reused: every fact arrives as a value (built by the case type's sources, or supplied by
 * a test), Kawal's operators are registered once, and paths resolve without evaluating expressions. `evaluate` answers the events
 * and, on request, an explanation of every rule and every leaf condition.
 *
 * json-rules-engine (with its event emitter and hashing) is imported on a ruleset's first run, not when
 * a handler loads: most requests of a function never run a ruleset, and evaluating the library is a
 * measurable part of a cold start (test/bench/cold-start.ts). The bundle still holds it.
 */
import type { Engine, EngineResult, RuleResult } from 'json-rules-engine';
import { FORM_FACT_PREFIX } from '../domain/facts';
import { BoundedCache } from '../platform/bounded-cache';
import { once } from '../platform/lazy';
import { isLeaf, leavesOf } from './conditions';
import { registerOperators } from './operators';
import { resolvePath } from './paths';
import { type EventJson, type LeafCondition, type RulesetContent, ruleName } from './ruleset';
import { conditionSentences, type FactWords } from './sentences';

export interface ExplainedCondition {
  name?: string;
  /** The leaf sits under an odd number of `not`s: the rule needs it to be false. */
  negated?: true;
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
  /** Where the condition stands in the ruleset, e.g. /rules/0/conditions/all/1. */
  at: string;
  /**
   * Whether this condition decided the rule's outcome: for a rule that did not fire, a failure that
   * no alternative in an `any` made up for; for a rule that fired, a result the rule relied on.
   */
  decisive: boolean;
  /** The condition as a sentence with the value read (see sentences.ts). */
  text: string;
  /** The same sentence without the value read. */
  statement: string;
}

export interface ExplainedRule {
  rule: string;
  fired: boolean;
  event: EventJson;
  conditions: ExplainedCondition[];
}

export interface Evaluation {
  events: EventJson[];
  explanation?: ExplainedRule[];
}

/** A rule's condition tree with leaves numbered in order, for the decisive-condition pass. */
type Tree = { leaf: number } | { all: Tree[] } | { any: Tree[] } | { not: Tree };

function treeOf(node: unknown, counter: { next: number }): Tree {
  if (isLeaf(node)) return { leaf: counter.next++ };
  const group = node as { all?: unknown[]; any?: unknown[]; not?: unknown };
  if (Array.isArray(group.all)) return { all: group.all.map((child) => treeOf(child, counter)) };
  if (Array.isArray(group.any)) return { any: group.any.map((child) => treeOf(child, counter)) };
  return { not: treeOf(group.not, counter) };
}

/** Which leaves decided the outcome: from the root down, a child decides when its value is its group's. */
function decisiveOf(tree: Tree, results: readonly boolean[]): boolean[] {
  const values = new Map<Tree, boolean>();
  const value = (node: Tree): boolean => {
    let own: boolean;
    if ('leaf' in node) own = results[node.leaf] === true;
    else if ('all' in node) own = node.all.map(value).every(Boolean);
    else if ('any' in node) own = node.any.map(value).some(Boolean);
    else own = !value(node.not);
    values.set(node, own);
    return own;
  };
  value(tree);
  const decisive = results.map(() => false);
  const mark = (node: Tree): void => {
    if ('leaf' in node) decisive[node.leaf] = true;
    else if ('not' in node) mark(node.not);
    else {
      const own = values.get(node);
      for (const child of 'all' in node ? node.all : node.any) if (values.get(child) === own) mark(child);
    }
  };
  mark(tree);
  return decisive;
}

/** One rule's leaves, found once when the ruleset is compiled rather than on every explanation. */
interface RulePlan {
  name: string;
  pointer: string;
  tree: Tree;
  leaves: { leaf: LeafCondition; at: string; route: (string | number)[]; negated: boolean }[];
}

export interface CompiledRuleset {
  content: RulesetContent;
  plans: RulePlan[];
  /** Declared facts and forms the rules read, as null: not supplied means "not known", never undefined. */
  unknown: Record<string, null>;
  run(facts: Record<string, unknown>): Promise<EngineResult>;
  /** What the ruleset declares about a fact for its explanations (title, unit). */
  words(fact: string): FactWords | undefined;
  /** Leaves that json-rules-engine may leave unevaluated (short-circuit), each as its own rule. */
  runLeaves(facts: Record<string, unknown>): Promise<EngineResult>;
}

/**
 * json-rules-engine, evaluated once per process on first use; concurrent first runs share the one import.
 * It is a CommonJS package: Node hands its exports over both named and as `default`, but in the
 * Lambda package (a chunk of its own, cdk/lib/bundle.ts) they come as `default` only.
 */
const rulesEngine = once(() =>
  import('json-rules-engine').then((imported) =>
    'Engine' in imported ? imported : (imported as { default: typeof imported }).default,
  ),
);

async function newEngine(): Promise<Engine> {
  const { Engine } = await rulesEngine();
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  registerOperators(engine);
  return engine;
}

/** A ruleset ready to run (its content checked beforehand by check.ts); its engines are built on first use. */
export function compileRuleset(content: RulesetContent): CompiledRuleset {
  // Built on the first run (the library loads then) and kept: one engine per compiled ruleset, as before.
  let engine: Promise<Engine> | undefined;
  const mainEngine = (): Promise<Engine> => {
    engine ??= newEngine().then((built) => {
      content.rules.forEach((rule, i) => {
        built.addRule({
          name: ruleName(rule, i),
          priority: rule.priority ?? 1,
          conditions: rule.conditions as never,
          event: rule.event,
        });
      });
      return built;
    });
    return engine;
  };
  let leafEngine: Promise<Engine> | undefined;
  const words = new Map<string, FactWords>(
    (content.facts ?? []).map((fact) => [
      fact.name,
      {
        ...(fact.title ? { title: fact.title } : {}),
        ...(fact.unit ? { unit: fact.unit } : {}),
      },
    ]),
  );
  const plans = content.rules.map((rule, i): RulePlan => {
    const pointer = `/rules/${i}/conditions`;
    return {
      name: ruleName(rule, i),
      pointer,
      tree: treeOf(rule.conditions, { next: 0 }),
      leaves: leavesOf(rule.conditions, pointer).map(({ leaf, pointer: at }) => {
        const route = at
          .slice(pointer.length + 1)
          .split('/')
          .filter((part) => part !== '')
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
        return { leaf, at, route, negated: negated(at) };
      }),
    };
  });
  return {
    content,
    plans,
    unknown: Object.fromEntries(
      [
        ...(content.facts ?? []).map((fact) => fact.name),
        // A form nobody has submitted yet is as unknown as an unsupplied declared fact.
        ...plans
          .flatMap((plan) => plan.leaves.map(({ leaf }) => leaf.fact))
          .filter((fact) => fact.startsWith(FORM_FACT_PREFIX)),
      ].map((name) => [name, null]),
    ),
    words: (fact) => words.get(fact),
    run: async (facts) => (await mainEngine()).run(facts),
    runLeaves: async (facts) => {
      leafEngine ??= newEngine().then((built) => {
        content.rules.forEach((rule, i) => {
          for (const { leaf, pointer } of leavesOf(rule.conditions, `/rules/${i}/conditions`)) {
            built.addRule({
              name: pointer,
              conditions: { all: [leaf as never] },
              event: { type: pointer },
            });
          }
        });
        return built;
      });
      return (await leafEngine).run(facts);
    },
  };
}

/** The fact a condition's value names (`{"fact": "sentenceTwoThirdsMonths"}`), if it names one. */
function valueFactOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fact = (value as { fact?: unknown }).fact;
  return typeof fact === 'string' ? fact : undefined;
}

const negated = (pointer: string) => pointer.split('/').filter((part) => part === 'not').length % 2 === 1;

interface ResultLeaf {
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/** The evaluated leaf at `route` (e.g. ['all', 1, 'not']) inside a rule result's condition tree. */
function leafAt(conditions: unknown, route: readonly (string | number)[]): ResultLeaf | undefined {
  let node: unknown = conditions;
  for (const step of route) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node && typeof node === 'object' ? (node as ResultLeaf) : undefined;
}

/** Runs the ruleset on `facts`; with `explain`, every leaf condition is reported with its result. */
export async function evaluateRuleset(
  compiled: CompiledRuleset,
  supplied: Record<string, unknown>,
  options: { explain: boolean },
): Promise<Evaluation> {
  const facts = { ...compiled.unknown, ...supplied };
  const run = await compiled.run(facts);
  const events = run.events.map((event) => ({
    type: event.type,
    ...(event.params ? { params: event.params } : {}),
  }));
  if (!options.explain) return { events };

  const byName = new Map<string, RuleResult>();
  for (const result of run.results) byName.set(result.name as string, result);
  for (const result of run.failureResults) byName.set(result.name as string, result);
  const explained: ExplainedRule[] = [];
  let skipped: Map<string, ResultLeaf> | undefined;

  for (const [i, plan] of compiled.plans.entries()) {
    const rule = compiled.content.rules[i];
    if (!rule) continue;
    const result = byName.get(plan.name);
    const conditions: ExplainedCondition[] = [];
    for (const { leaf, at, route, negated: isNegated } of plan.leaves) {
      let outcome = result ? leafAt(result.conditions, route) : undefined;
      if (outcome?.result === undefined) {
        // Short-circuited by json-rules-engine: evaluate it on its own so the explanation is complete.
        skipped ??= await leafOutcomes(compiled, facts);
        outcome = skipped.get(at);
      }
      const value = outcome?.valueResult ?? leaf.value;
      const factValue = outcome?.factResult ?? null;
      conditions.push({
        ...(typeof leaf.name === 'string' ? { name: leaf.name } : {}),
        ...(isNegated ? { negated: true } : {}),
        fact: leaf.fact,
        ...(leaf.path !== undefined ? { path: leaf.path } : {}),
        operator: leaf.operator,
        value,
        factValue,
        result: outcome?.result === true,
        at,
        decisive: false,
        ...conditionSentences(
          {
            ...(typeof leaf.name === 'string' ? { name: leaf.name } : {}),
            ...(typeof leaf.text === 'string' ? { text: leaf.text } : {}),
            fact: leaf.fact,
            ...(leaf.path !== undefined ? { path: leaf.path } : {}),
            operator: leaf.operator,
            value,
            ...(valueFactOf(leaf.value) ? { valueFact: valueFactOf(leaf.value) } : {}),
            factValue,
          },
          compiled.words,
        ),
      });
    }
    const decisive = decisiveOf(
      plan.tree,
      conditions.map((c) => c.result),
    );
    conditions.forEach((condition, n) => {
      condition.decisive = decisive[n] === true;
    });
    explained.push({ rule: plan.name, fired: result?.result === true, event: rule.event, conditions });
  }
  return { events, explanation: explained };
}

async function leafOutcomes(
  compiled: CompiledRuleset,
  facts: Record<string, unknown>,
): Promise<Map<string, ResultLeaf>> {
  const run = await compiled.runLeaves(facts);
  const outcomes = new Map<string, ResultLeaf>();
  for (const result of [...run.results, ...run.failureResults]) {
    const all = (result.conditions as { all?: unknown[] }).all;
    const leaf = all?.[0];
    if (isLeaf(leaf)) outcomes.set(result.name as string, leaf as unknown as ResultLeaf);
  }
  return outcomes;
}

/** Compiled rulesets by `id@version`; a version is immutable, so an entry never goes stale. */
export class EngineCache {
  private readonly cache: BoundedCache<CompiledRuleset>;

  constructor(size = 200) {
    this.cache = new BoundedCache(size);
  }

  get(key: string, content: () => RulesetContent): CompiledRuleset {
    return this.cache.get(key, () => compileRuleset(content()));
  }
}
