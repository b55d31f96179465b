/**
 * The facts of a case, built from its case file by the case type's declared sources: a JSON Pointer
 * into the case head, a pointer into the latest submission of a form, or a JSONata calculation over
 * the whole file (which may read other facts as `$name`). A case type version is compiled once per
 * process: expressions parsed, facts ordered so each is computed after those it reads.
 */
import jsonPointer from 'json-pointer';
import type { CaseTypeContent, CounterSpec, FactSpec } from '../domain/case-type';
import {
  compileExpression,
  type Expression,
  ExpressionError,
  evaluateExpression,
  variablesOf,
} from '../domain/expression';
import { FORM_FACT_PREFIX, hasFactType } from '../domain/facts';

/** What a case holds, as the facts read it. */
export interface CaseFile {
  /** The case head as the `case` fact shows it. */
  case: Record<string, unknown>;
  /** The latest submitted data of each form. */
  forms: Record<string, unknown>;
  /** The running counters kept from submissions. */
  counters: Record<string, unknown>;
}

export interface FactProblem {
  fact: string;
  message: string;
}

interface CompiledFact {
  spec: FactSpec;
  expression?: Expression;
  /** Other facts of the type it reads. */
  reads: string[];
}

export interface CompiledCaseType {
  content: CaseTypeContent;
  /** In dependency order. */
  facts: CompiledFact[];
  counters: { spec: CounterSpec; expression: Expression }[];
}

/** A fact read before it is computed (a cycle), found while ordering. */
export class FactCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`fact cycle: ${cycle.join(' → ')}`);
  }
}

/** Orders facts so each comes after the facts it reads; throws FactCycleError on a cycle. */
function ordered(facts: CompiledFact[]): CompiledFact[] {
  const byName = new Map(facts.map((fact) => [fact.spec.name, fact]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const out: CompiledFact[] = [];
  const visit = (fact: CompiledFact) => {
    const name = fact.spec.name;
    if (done.has(name)) return;
    const at = visiting.indexOf(name);
    if (at >= 0) throw new FactCycleError([...visiting.slice(at), name]);
    visiting.push(name);
    for (const read of fact.reads) {
      const dependency = byName.get(read);
      if (dependency) visit(dependency);
    }
    visiting.pop();
    done.add(name);
    out.push(fact);
  };
  for (const fact of facts) visit(fact);
  return out;
}

/** Compiles a case type's facts and counters (throws ExpressionError or FactCycleError when broken). */
export function compileCaseType(content: CaseTypeContent): CompiledCaseType {
  const names = new Set((content.facts ?? []).map((fact) => fact.name));
  const facts = (content.facts ?? []).map((spec): CompiledFact => {
    if (spec.source.expression === undefined) return { spec, reads: [] };
    const expression = compileExpression(spec.source.expression);
    return { spec, expression, reads: [...variablesOf(expression)].filter((name) => names.has(name)) };
  });
  return {
    content,
    facts: ordered(facts),
    counters: (content.counters ?? []).map((spec) => ({
      spec,
      expression: compileExpression(spec.expression),
    })),
  };
}

const at = (value: unknown, pointer: string): unknown => {
  if (pointer === '') return value;
  if (!value || typeof value !== 'object') return undefined;
  try {
    return jsonPointer.has(value as object, pointer) ? jsonPointer.get(value as object, pointer) : undefined;
  } catch {
    return undefined;
  }
};

/** A value of the fact's declared type, or null (unknown): a wrong type never reaches a rule. */
const typed = (spec: FactSpec, value: unknown): unknown =>
  value === undefined || value === null || !hasFactType(value, spec.type) ? null : value;

export interface BuiltFacts {
  facts: Record<string, unknown>;
  /** Calculations that failed (the fact is unknown); shown with the decision, never thrown. */
  problems: FactProblem[];
}

/** Every fact of the case: the built-ins (`case`, `today`, `form:<id>`) and the type's declared facts. */
export async function buildFacts(
  compiled: CompiledCaseType,
  file: CaseFile,
  today: string,
): Promise<BuiltFacts> {
  const facts: Record<string, unknown> = { case: file.case, today };
  for (const [form, data] of Object.entries(file.forms)) facts[`${FORM_FACT_PREFIX}${form}`] = data;
  const problems: FactProblem[] = [];
  const values: Record<string, unknown> = {};
  // An unknown fact reads as undefined in an expression (JSONata's "no value"), so `$age >= 18` is
  // unknown too rather than an error.
  const bindings: Record<string, unknown> = { today };
  for (const { spec, expression } of compiled.facts) {
    const source = spec.source;
    let value: unknown;
    if (expression) {
      try {
        value = await evaluateExpression(expression, file, bindings);
      } catch (error) {
        problems.push({ fact: spec.name, message: (error as ExpressionError).message });
        value = undefined;
      }
    } else if (source.case !== undefined) {
      value = at(file.case, source.case);
    } else if (source.form !== undefined) {
      value = at(file.forms[source.form], source.pointer ?? '');
    }
    values[spec.name] = typed(spec, value);
    if (values[spec.name] !== null) bindings[spec.name] = values[spec.name];
    if (value !== undefined && value !== null && values[spec.name] === null) {
      problems.push({ fact: spec.name, message: `value is not of type ${spec.type}` });
    }
  }
  return { facts: { ...facts, ...values }, problems };
}

/** The counters after a submission of `form` with `data` (unchanged for forms no counter watches). */
export async function countersAfter(
  compiled: CompiledCaseType,
  counters: Record<string, unknown>,
  form: string,
  data: unknown,
): Promise<Record<string, unknown>> {
  const next = { ...counters };
  for (const { spec, expression } of compiled.counters) {
    if (spec.form !== form) continue;
    try {
      const value = await evaluateExpression(expression, data, { previous: counters[spec.name] ?? null });
      if (value === undefined) delete next[spec.name];
      else next[spec.name] = value;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      delete next[spec.name];
    }
  }
  return next;
}
