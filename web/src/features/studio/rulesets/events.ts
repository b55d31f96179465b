/**
 * A rule's event in words, and how expected events are matched: the same way the server's ruleset
 * tests match them (functions/decisions/tests.ts: same type, the params the expectation gives, order
 * ignored), so "run all" in the browser passes and fails exactly as publishing will.
 */
import type { EventJson, RuleJson } from './api';

/** JSON values are equal (object keys in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    );
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}

/** Whether `actual` satisfies `expected`: same type, and every param the expectation names. */
export function eventMatches(expected: EventJson, actual: EventJson): boolean {
  if (expected.type !== actual.type) return false;
  return Object.entries(expected.params ?? {}).every(([key, value]) => sameJson(actual.params?.[key], value));
}

/** Whether the fired events equal the expected ones as multisets. */
export function eventsMatch(expected: readonly EventJson[], actual: readonly EventJson[]): boolean {
  if (expected.length !== actual.length) return false;
  const unmatched = [...actual];
  for (const want of expected) {
    const index = unmatched.findIndex((event) => eventMatches(want, event));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

/**
 * The expectation that makes a test pass with `actual`: each fired event as the old expectation
 * wrote it when one matches it (so a short `{program: "PB"}` stays short), else as it fired.
 */
export function expectationFrom(previous: readonly EventJson[], actual: readonly EventJson[]): EventJson[] {
  const unused = [...previous];
  return actual.map((event) => {
    const index = unused.findIndex((want) => eventMatches(want, event));
    if (index < 0) return event;
    const [kept] = unused.splice(index, 1);
    return kept ?? event;
  });
}

/** The distinct events the ruleset's rules can fire, each with the rule that fires it. */
export function eventVariants(rules: readonly RuleJson[]): { event: EventJson; rule: string | undefined }[] {
  const out: { event: EventJson; rule: string | undefined }[] = [];
  for (const rule of rules) {
    if (out.some((known) => sameJson(known.event, rule.event))) continue;
    out.push({ event: rule.event, rule: rule.name });
  }
  return out;
}

/** What the editor needs to say an event in words. */
export interface EventWords {
  /** A param's name in words (undefined for one that has none). */
  param: (key: string) => string | undefined;
  yes: string;
  no: string;
  /** An event type nothing else names, e.g. "tinjau-pencabutan" → "Tinjau pencabutan". */
  humanize?: (type: string) => string;
}

const humanized = (type: string) => {
  const words = type.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function valueWords(value: unknown, words: EventWords): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => valueWords(item, words)).join('; ');
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${words.param(key) ?? key} ${valueWords(item, words)}`)
      .join(', ');
  }
  return '';
}

/** Params that only restate the title, or say whom a programme is for (shown elsewhere). */
const QUIET = new Set(['title', 'scope']);

/**
 * An event as a person reads it: its title (the event's own `title`, else the name of the rule that
 * fires it, else its type in words) and its other params in words.
 */
export function describeEvent(
  event: EventJson,
  rules: readonly RuleJson[],
  words: EventWords,
): { title: string; details: string[] } {
  const params = (event.params ?? {}) as Record<string, unknown>;
  const source = rules.find((rule) => eventMatches(event, rule.event));
  const human = words.humanize ?? humanized;
  const named = typeof params.title === 'string' ? params.title : source?.event.params?.title;
  const ruleName = source?.name && (/^[a-z0-9-]+$/.test(source.name) ? human(source.name) : source.name);
  const title = (typeof named === 'string' && named) || ruleName || human(event.type);
  const details = Object.entries(params)
    .filter(([key]) => !QUIET.has(key) && !(key === 'program' && typeof named === 'string'))
    .map(([key, value]) => {
      const label = words.param(key);
      const text = valueWords(value, words);
      return label ? `${label}: ${text}` : text;
    })
    .filter((text) => text !== '');
  return { title, details };
}
