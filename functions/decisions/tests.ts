/**
 * A ruleset's own test cases: each states facts and the events expected. A test passes when the
 * fired events equal the expected ones: same types, the params the test gives, order ignored.
 */
import { isDeepStrictEqual } from 'node:util';
import { type CompiledRuleset, evaluateRuleset } from './engine';
import type { EventJson, RulesetTest } from './ruleset';

export interface TestOutcome {
  test: string;
  passed: boolean;
  expected: EventJson[];
  actual: EventJson[];
}

/** Whether `actual` satisfies `expected`: same type, and every param the expectation names. */
function matches(expected: EventJson, actual: EventJson): boolean {
  if (expected.type !== actual.type) return false;
  return Object.entries(expected.params ?? {}).every(([key, value]) =>
    isDeepStrictEqual(actual.params?.[key], value),
  );
}

/** Whether the fired events equal the expected ones as multisets. */
export function eventsMatch(expected: readonly EventJson[], actual: readonly EventJson[]): boolean {
  if (expected.length !== actual.length) return false;
  const unmatched = [...actual];
  for (const want of expected) {
    const index = unmatched.findIndex((event) => matches(want, event));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

export async function runRulesetTests(
  compiled: CompiledRuleset,
  tests: readonly RulesetTest[],
): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const test of tests) {
    const { events } = await evaluateRuleset(compiled, test.facts, { explain: false });
    outcomes.push({
      test: test.name,
      passed: eventsMatch(test.expect.events, events),
      expected: test.expect.events,
      actual: events,
    });
  }
  return outcomes;
}
