/**
 * The operators a rule may use: json-rules-engine's own, Kawal's date operators (registered once on
 * every engine), and the `not:` decorator in front of any of them. Each operator states the fact
 * types it fits, so a rule such as `greaterThan` on a text field is refused when it is saved.
 */
import type { Engine } from 'json-rules-engine';
import { isCalendarDate } from '../domain/dates';
import type { FactType } from '../domain/facts';

export interface OperatorSpec {
  /** Fact types the operator fits ('any' for all). */
  fact: readonly FactType[] | 'any';
  /** What `value` must be: a number, a date, an array, or anything. */
  value: 'number' | 'date' | 'array' | 'any';
  description: string;
}

const SCALARS: readonly FactType[] = ['string', 'number', 'boolean', 'date'];

export const OPERATORS: Record<string, OperatorSpec> = {
  equal: { fact: 'any', value: 'any', description: 'sama dengan' },
  notEqual: { fact: 'any', value: 'any', description: 'tidak sama dengan' },
  lessThan: { fact: ['number'], value: 'number', description: 'kurang dari' },
  lessThanInclusive: { fact: ['number'], value: 'number', description: 'kurang dari atau sama dengan' },
  greaterThan: { fact: ['number'], value: 'number', description: 'lebih dari' },
  greaterThanInclusive: { fact: ['number'], value: 'number', description: 'lebih dari atau sama dengan' },
  in: { fact: SCALARS, value: 'array', description: 'salah satu dari daftar' },
  notIn: { fact: SCALARS, value: 'array', description: 'bukan salah satu dari daftar' },
  contains: { fact: ['array'], value: 'any', description: 'daftar memuat nilai' },
  doesNotContain: { fact: ['array'], value: 'any', description: 'daftar tidak memuat nilai' },
  dateBefore: { fact: ['date'], value: 'date', description: 'tanggal sebelum' },
  dateOnOrBefore: { fact: ['date'], value: 'date', description: 'tanggal sebelum atau sama dengan' },
  dateAfter: { fact: ['date'], value: 'date', description: 'tanggal sesudah' },
  dateOnOrAfter: { fact: ['date'], value: 'date', description: 'tanggal sesudah atau sama dengan' },
};

/** Decorators Kawal accepts in front of an operator, e.g. `not:in`. */
const DECORATORS = new Set(['not']);

/** The spec of an operator name (with decorators), or undefined when Kawal does not know it. */
export function operatorSpec(name: string): OperatorSpec | undefined {
  const parts = name.split(':');
  const base = parts.pop() ?? '';
  if (!parts.every((decorator) => DECORATORS.has(decorator))) return undefined;
  return Object.hasOwn(OPERATORS, base) ? OPERATORS[base] : undefined;
}

/** YYYY-MM-DD strings compare as dates; anything else never matches. */
const dates = (compare: (a: string, b: string) => boolean) => (a: unknown, b: unknown) =>
  isCalendarDate(a) && isCalendarDate(b) && compare(a, b);

/** Registers Kawal's own operators on an engine (json-rules-engine's are built in). */
export function registerOperators(engine: Engine): void {
  engine.addOperator(
    'dateBefore',
    dates((a, b) => a < b),
  );
  engine.addOperator(
    'dateOnOrBefore',
    dates((a, b) => a <= b),
  );
  engine.addOperator(
    'dateAfter',
    dates((a, b) => a > b),
  );
  engine.addOperator(
    'dateOnOrAfter',
    dates((a, b) => a >= b),
  );
}
