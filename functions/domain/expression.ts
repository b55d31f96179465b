/**
 * JSONata expressions an administrator writes (fact calculations, calculated form fields), compiled
 * once and evaluated within a time, depth and sequence budget so that no expression can hold a
 * process. The same module runs in the browser (live calculated fields) and on the server, so an
 * expression gives the same result on both sides.
 *
 * Besides JSONata's own functions an expression may call a few date helpers on `YYYY-MM-DD` dates:
 * `$monthsBetween(from, to)`, `$yearsBetween(from, to)`, `$daysBetween(from, to)` (completed units,
 * null when either date is missing) and `$addMonths(date, n)`; `$today` is the case office's date.
 */
import { addMonths, differenceInCalendarDays, lightFormat, parseISO } from 'date-fns';
import jsonata from 'jsonata';
import { RE2JS } from 're2js';
import { ageInYears, completedMonths, isCalendarDate } from './dates';

/** How long one evaluation may run, how deep it may recurse and how long a sequence may grow. */
export const EXPRESSION_BUDGET = { timeoutMs: 50, stack: 200, sequence: 10_000 } as const;
/** The longest expression text accepted (checked on save). */
export const MAX_EXPRESSION_LENGTH = 4000;

export type Expression = jsonata.Expression;

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const toError = (error: unknown): ExpressionError => {
  const raw = error as { message?: string; code?: string; position?: number };
  return new ExpressionError(
    raw?.message ?? String(error),
    raw?.code ?? 'unknown',
    typeof raw?.position === 'number' ? raw.position : undefined,
  );
};

const dates = (from: unknown, to: unknown) => isCalendarDate(from) && isCalendarDate(to);

/** The date helpers every expression may call. */
export const EXPRESSION_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  monthsBetween: (from, to) =>
    dates(from, to) ? Math.max(0, completedMonths(from as string, to as string)) : undefined,
  yearsBetween: (from, to) => (dates(from, to) ? ageInYears(from as string, to as string) : undefined),
  daysBetween: (from, to) =>
    dates(from, to) ? differenceInCalendarDays(parseISO(to as string), parseISO(from as string)) : undefined,
  addMonths: (date, count) =>
    isCalendarDate(date) && typeof count === 'number' && Number.isFinite(count)
      ? lightFormat(addMonths(parseISO(date), Math.trunc(count)), 'yyyy-MM-dd')
      : undefined,
};

/**
 * The regular expressions of an expression (`/a+/i`, `$match`, `$replace`…) run on RE2 (re2js), in
 * time linear in the input: a backtracking engine takes seconds on `/^(a+)+$/` and no time budget can
 * interrupt a single match. JSONata asks only for `lastIndex` and `exec`.
 */
class LinearRegExp {
  lastIndex = 0;
  private readonly compiled: RE2JS;

  constructor(source: RegExp | string) {
    const pattern = typeof source === 'string' ? source : source.source;
    const flags = typeof source === 'string' ? '' : source.flags;
    this.compiled = RE2JS.compile(
      pattern,
      (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0),
    );
  }

  exec(input: string): ((string | undefined)[] & { index: number; input: string }) | null {
    const matcher = this.compiled.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input });
  }
}

/** Regex literals in the expression RE2 cannot run (backreferences, lookarounds). */
function regexProblem(expression: Expression): ExpressionError | undefined {
  let problem: ExpressionError | undefined;
  const visit = (node: unknown): void => {
    if (problem || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'regex' && record.value instanceof RegExp) {
      try {
        new LinearRegExp(record.value);
      } catch (error) {
        const position = typeof record.position === 'number' ? record.position : undefined;
        problem = new ExpressionError(
          `regular expression /${record.value.source}/ cannot run without backtracking: ${(error as Error).message}`,
          'regex',
          position,
        );
      }
      return;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(expression.ast());
  return problem;
}

/** Parses an expression; throws ExpressionError (with the position) when it does not parse. */
export function compileExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`, 'too_long');
  }
  let expression: Expression;
  try {
    expression = jsonata(text, {
      timeout: EXPRESSION_BUDGET.timeoutMs,
      stack: EXPRESSION_BUDGET.stack,
      sequence: EXPRESSION_BUDGET.sequence,
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    });
  } catch (error) {
    throw toError(error);
  }
  const regex = regexProblem(expression);
  if (regex) throw regex;
  // Bound once here rather than with every evaluation's bindings: a third of the cost of a small expression.
  for (const [name, implementation] of Object.entries(EXPRESSION_FUNCTIONS)) {
    expression.assign(name, implementation);
  }
  return expression;
}

/** JSONata sequences and frozen arrays back to plain JSON values; undefined stays undefined. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, plain(item)]),
    );
  }
  return value;
}

/** JSONata's codes for an evaluation stopped by the time or depth budget. */
const BUDGET_CODES = new Set(['D1011', 'D1012']);
/** How long an expression that overran its budget twice in a row is refused at once instead of run. */
export const TRIPPED_MS = 30_000;
/** Per expression: consecutive overruns, and until when it is refused. */
const overruns = new WeakMap<Expression, { count: number; until: number }>();

/**
 * Evaluates within the budget; throws ExpressionError on a runtime error or a budget exceeded. An
 * evaluation holds the process for its whole run (JSONata yields only to its own promises), so an
 * expression that overran its budget twice in a row (once may be a pause of the machine) is refused
 * at once for a while: many requests cannot add up one budget each.
 */
export async function evaluateExpression(
  expression: Expression,
  input: unknown,
  bindings: Record<string, unknown> = {},
): Promise<unknown> {
  const state = overruns.get(expression);
  if (state && Date.now() < state.until) {
    throw new ExpressionError(
      'Evaluation timeout: the expression overran its time or depth budget and is stopped for a while',
      'D1012',
    );
  }
  // The time budget is wall-clock time from the start of an evaluation, which also counts the time the
  // machine spent elsewhere (another request's turn, a busy host): an overrun is tried once more at
  // once, and only a second one in a row counts, so a pause fails nothing while a runaway costs two
  // budgets and is then refused for a while.
  for (let attempt = 1; ; attempt++) {
    try {
      const result = plain(await expression.evaluate(input, bindings));
      if (state) overruns.delete(expression);
      return result;
    } catch (error) {
      const failure = toError(error);
      if (failure.code === 'D1012' && attempt === 1 && !state) continue;
      if (BUDGET_CODES.has(failure.code)) {
        const count = (state?.count ?? 0) + attempt;
        overruns.set(expression, { count, until: count >= 2 ? Date.now() + TRIPPED_MS : 0 });
      } else if (state) overruns.delete(expression);
      throw failure;
    }
  }
}

/** The `$name` variables an expression reads (other facts it depends on), built-ins excluded. */
export function variablesOf(expression: Expression): Set<string> {
  const found = new Set<string>();
  const bound = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'variable' && typeof record.value === 'string' && record.value !== '') {
      found.add(record.value);
    }
    const lhs = record.lhs as { type?: unknown; value?: unknown } | undefined;
    if (record.type === 'bind' && lhs?.type === 'variable' && typeof lhs.value === 'string')
      bound.add(lhs.value);
    for (const child of Object.values(record)) visit(child);
  };
  visit(expression.ast());
  for (const name of [...bound, ...Object.keys(EXPRESSION_FUNCTIONS)]) found.delete(name);
  return found;
}
