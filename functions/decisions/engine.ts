/**
 * Running a published ruleset. One json-rules-engine Engine per (ruleset, version), built once per
 * process and reused: the catalogue's computed facts are dynamic facts on it, Kawal's operators are
 * registered once, and paths resolve without evaluating expressions. `evaluate` answers the events
 * and, on request, an explanation of every rule and every leaf condition.
 */
import { Engine, type EngineResult, type RuleResult } from 'json-rules-engine';
import { COMPUTED_FACTS } from '../domain/facts';
import { isLeaf, leavesOf } from './conditions';
import { registerOperators } from './operators';
import { resolvePath } from './paths';
import { type EventJson, type RulesetContent, ruleName } from './ruleset';

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

export interface CompiledRuleset {
  content: RulesetContent;
  /** Every declared fact as null: a fact nobody supplied is "not known", never silently undefined. */
  unknown: Record<string, null>;
  run(facts: Record<string, unknown>): Promise<EngineResult>;
  /** Leaves that json-rules-engine may leave unevaluated (short-circuit), each as its own rule. */
  runLeaves(facts: Record<string, unknown>): Promise<EngineResult>;
}

function newEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  registerOperators(engine);
  for (const fact of COMPUTED_FACTS) {
    engine.addFact(fact.name, async (_params, almanac) => {
      const inputs: Record<string, unknown> = {};
      for (const input of fact.inputs) inputs[input] = await almanac.factValue(input);
      return fact.compute(inputs) ?? null;
    });
  }
  return engine;
}

/** Builds the engines for a ruleset's content (checked beforehand by check.ts). */
export function compileRuleset(content: RulesetContent): CompiledRuleset {
  const engine = newEngine();
  content.rules.forEach((rule, i) => {
    engine.addRule({
      name: ruleName(rule, i),
      priority: rule.priority ?? 1,
      conditions: rule.conditions as never,
      event: rule.event,
    });
  });
  let leafEngine: Engine | undefined;
  return {
    content,
    unknown: Object.fromEntries((content.facts ?? []).map((fact) => [fact.name, null])),
    run: (facts) => engine.run(facts),
    runLeaves: (facts) => {
      if (!leafEngine) {
        leafEngine = newEngine();
        content.rules.forEach((rule, i) => {
          for (const { leaf, pointer } of leavesOf(rule.conditions, `/rules/${i}/conditions`)) {
            leafEngine?.addRule({
              name: pointer,
              conditions: { all: [leaf as never] },
              event: { type: pointer },
            });
          }
        });
      }
      return leafEngine.run(facts);
    },
  };
}

const negated = (pointer: string) => pointer.split('/').filter((part) => part === 'not').length % 2 === 1;

interface ResultLeaf {
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/** The evaluated leaves of one rule result, by pointer. */
function evaluatedLeaves(result: RuleResult, pointer: string): Map<string, ResultLeaf> {
  const found = new Map<string, ResultLeaf>();
  for (const { leaf, pointer: at } of leavesOf(result.conditions, pointer)) {
    const evaluated = leaf as unknown as ResultLeaf;
    if (evaluated.result !== undefined) found.set(at, evaluated);
  }
  return found;
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
  for (const result of [...run.results, ...run.failureResults]) byName.set(result.name as string, result);
  const explained: ExplainedRule[] = [];
  let skipped: Map<string, ResultLeaf> | undefined;

  for (const [i, rule] of compiled.content.rules.entries()) {
    const name = ruleName(rule, i);
    const result = byName.get(name);
    const pointer = `/rules/${i}/conditions`;
    const evaluated = result ? evaluatedLeaves(result, pointer) : new Map<string, ResultLeaf>();
    const conditions: ExplainedCondition[] = [];
    for (const { leaf, pointer: at } of leavesOf(rule.conditions, pointer)) {
      let outcome = evaluated.get(at);
      if (!outcome) {
        // Short-circuited by json-rules-engine: evaluate it on its own so the explanation is complete.
        skipped ??= await leafOutcomes(compiled, facts);
        outcome = skipped.get(at);
      }
      conditions.push({
        ...(typeof leaf.name === 'string' ? { name: leaf.name } : {}),
        ...(negated(at) ? { negated: true } : {}),
        fact: leaf.fact,
        ...(leaf.path !== undefined ? { path: leaf.path } : {}),
        operator: leaf.operator,
        value: outcome?.valueResult ?? leaf.value,
        factValue: outcome?.factResult ?? null,
        result: outcome?.result === true,
        at,
        decisive: false,
      });
    }
    const decisive = decisiveLeaves(
      rule.conditions,
      pointer,
      new Map(conditions.map((c) => [c.at, c.result])),
    );
    for (const condition of conditions) condition.decisive = decisive.has(condition.at);
    explained.push({ rule: name, fired: result?.result === true, event: rule.event, conditions });
  }
  return { events, explanation: explained };
}

/** The pointers of the leaves whose results carry through every group up to the rule's outcome. */
function decisiveLeaves(root: unknown, pointer: string, results: ReadonlyMap<string, boolean>): Set<string> {
  const value = (node: unknown, at: string): boolean => {
    if (isLeaf(node)) return results.get(at) === true;
    const group = node as { all?: unknown[]; any?: unknown[]; not?: unknown };
    if (Array.isArray(group.all)) return group.all.every((child, i) => value(child, `${at}/all/${i}`));
    if (Array.isArray(group.any)) return group.any.some((child, i) => value(child, `${at}/any/${i}`));
    return group.not !== undefined ? !value(group.not, `${at}/not`) : false;
  };
  const decisive = new Set<string>();
  // Walks down from the root, which always decides; a child decides when its value is its group's.
  const mark = (node: unknown, at: string): void => {
    if (isLeaf(node)) {
      decisive.add(at);
      return;
    }
    const group = node as { all?: unknown[]; any?: unknown[]; not?: unknown };
    const own = value(node, at);
    for (const key of ['all', 'any'] as const) {
      const children = group[key];
      if (!Array.isArray(children)) continue;
      children.forEach((child, i) => {
        const childAt = `${at}/${key}/${i}`;
        if (value(child, childAt) === own) mark(child, childAt);
      });
    }
    if (group.not !== undefined) mark(group.not, `${at}/not`);
  };
  mark(root, pointer);
  return decisive;
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

const DEFAULT_CACHE_SIZE = 200;

/** Compiled rulesets by `id@version`; a version is immutable, so an entry never goes stale. */
export class EngineCache {
  private readonly entries = new Map<string, CompiledRuleset>();
  constructor(private readonly size = DEFAULT_CACHE_SIZE) {}

  get(key: string, content: () => RulesetContent): CompiledRuleset {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const compiled = compileRuleset(content());
    this.entries.set(key, compiled);
    if (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return compiled;
  }
}
