/**
 * A rule's conditions both ways between json-rules-engine (what Kawal stores and runs) and
 * react-querybuilder (what the condition builder edits). Pure: no React, no network.
 *
 * - `{all:[…]}` / `{any:[…]}` are groups combined with "and" / "or"; `{not:{all|any:[…]}}` is that
 *   group with `not` set; `{not: <anything else>}` is a negated group holding that one child.
 * - A leaf `{fact, path?, operator, value}` is a rule whose field is the fact, followed by its path when
 *   it reads inside an object (`form:litmas$.putusan.lamaPidana`); a value naming another fact
 *   (`{"fact": "sentenceTwoThirdsMonths"}`) is a rule compared with that field (`valueSource: "field"`).
 * - Whatever the builder does not edit travels along on the rule or group and comes back as it was:
 *   a condition's `name` and `text` (edited beside it), `params`, any other key, and the order of
 *   the keys. A node the builder cannot show at all (a malformed one, a shared condition reference)
 *   becomes an opaque rule (`field: "~json"`) holding the node, editable only in the JSON view.
 *
 * Converting a rule to the builder and back without an edit gives the same JSON, key order included.
 */
import type { RuleGroupType, RuleType } from 'react-querybuilder';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The field (and operator) of a node the builder cannot represent. */
export const OPAQUE = '~json';

/** A builder rule as Kawal uses it: the leaf's own words and everything else it carries. */
export interface BuilderRule extends RuleType {
  /** The condition as a person reads it (the leaf's `name`). */
  name?: string;
  /** The sentence with `{{factValue}}` and `{{value}}` (the leaf's `text`). */
  text?: string;
  /** Keys of the leaf the builder does not edit (e.g. `params`), kept as they were. */
  extra?: JsonObject;
  /** The leaf's keys in their original order. */
  order?: string[];
}

export interface BuilderGroup extends RuleGroupType<BuilderRule> {
  /**
   * How the group was written: `not` for `{not: <child>}` around a single child (a leaf, another
   * `not`, or a group with keys of its own).
   */
  shape?: 'not';
  /** Keys of the group node other than all/any/not, kept as they were. */
  extra?: JsonObject;
  order?: string[];
}

const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path']);
const WORD_KEYS = new Set(['name', 'text']);
const GROUP_KEYS = new Set(['all', 'any', 'not']);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The builder field of a fact read at a path (`fact` alone when there is no path). */
export function fieldName(fact: string, path?: string): string {
  return path === undefined ? fact : `${fact}${path}`;
}

/** The fact and path a builder field stands for. */
export function splitField(field: string): { fact: string; path?: string } {
  const at = field.indexOf('$');
  return at < 0 ? { fact: field } : { fact: field.slice(0, at), path: field.slice(at) };
}

/** Whether a fact and path can be written as one builder field and read back the same. */
function representable(fact: unknown, path: unknown): fact is string {
  if (typeof fact !== 'string' || fact === '' || fact.includes('$') || fact === OPAQUE) return false;
  return path === undefined || (typeof path === 'string' && path.startsWith('$'));
}

/** Whether a value names another fact in a way the builder can show (`{fact, path?}` only). */
function factReference(value: unknown): { fact: string; path?: string } | undefined {
  if (!isObject(value) || !('fact' in value)) return undefined;
  if (Object.keys(value).some((key) => key !== 'fact' && key !== 'path')) return undefined;
  if (!representable(value.fact, value.path)) return undefined;
  return value.path === undefined
    ? { fact: value.fact as string }
    : { fact: value.fact as string, path: value.path as string };
}

function without(node: JsonObject, skip: (key: string) => boolean): JsonObject | undefined {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(node)) if (!skip(key)) rest[key] = value;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function opaque(node: unknown, id: string): BuilderRule {
  return { id, field: OPAQUE, operator: OPAQUE, value: node };
}

function leafToRule(node: JsonObject, id: string): BuilderRule {
  if (!representable(node.fact, node.path) || typeof node.operator !== 'string' || !('value' in node)) {
    return opaque(node, id);
  }
  if (
    (node.name !== undefined && typeof node.name !== 'string') ||
    (node.text !== undefined && typeof node.text !== 'string')
  ) {
    return opaque(node, id);
  }
  const reference = factReference(node.value);
  const rule: BuilderRule = {
    id,
    field: fieldName(node.fact as string, node.path as string | undefined),
    operator: node.operator,
    value: reference ? fieldName(reference.fact, reference.path) : node.value,
    ...(reference ? { valueSource: 'field' as const } : {}),
    order: Object.keys(node),
  };
  if (typeof node.name === 'string') rule.name = node.name;
  if (typeof node.text === 'string') rule.text = node.text;
  const extra = without(node, (key) => LEAF_KEYS.has(key) || WORD_KEYS.has(key));
  if (extra) rule.extra = extra;
  return rule;
}

function nodeToBuilder(node: unknown, id: string): BuilderRule | BuilderGroup {
  if (!isObject(node)) return opaque(node, id);
  const groups = [...GROUP_KEYS].filter((key) => key in node);
  if (groups.length === 0) return leafToRule(node, id);
  if (groups.length > 1 || 'fact' in node) return opaque(node, id);
  const extra = without(node, (key) => GROUP_KEYS.has(key));
  const order = Object.keys(node);
  const base = { id, ...(extra ? { extra } : {}), order };
  if ('not' in node) {
    const inner = node.not;
    // {not:{all|any:[…]}} with nothing else on the inner node reads as one negated group.
    if (
      isObject(inner) &&
      Object.keys(inner).length === 1 &&
      (Array.isArray(inner.all) || Array.isArray(inner.any))
    ) {
      const list = (inner.all ?? inner.any) as Json[];
      return {
        ...base,
        combinator: Array.isArray(inner.all) ? 'and' : 'or',
        not: true,
        rules: list.map((child, i) => nodeToBuilder(child, `${id}/${i}`)),
      };
    }
    if (!isObject(inner)) return opaque(node, id);
    return { ...base, combinator: 'and', not: true, shape: 'not', rules: [nodeToBuilder(inner, `${id}/0`)] };
  }
  const list = node.all ?? node.any;
  if (!Array.isArray(list)) return opaque(node, id);
  return {
    ...base,
    combinator: 'all' in node ? 'and' : 'or',
    rules: list.map((child, i) => nodeToBuilder(child, `${id}/${i}`)),
  };
}

/** Marks the wrapper `toQuery` puts around a root that is not a group. */
const ROOT = '~root';

/**
 * A rule's `conditions` as the builder's query. A root that is not a group (the server refuses it,
 * but it may be typed in the JSON view) is wrapped in a group that unwraps again on the way back.
 */
export function toQuery(conditions: unknown, id = 'q'): BuilderGroup {
  const converted = nodeToBuilder(conditions, id);
  if ('rules' in converted) return converted;
  return { id: `${id}:root`, combinator: 'and', rules: [converted], extra: { [ROOT]: true } };
}

/** Writes `values` in the order of `order` (keys it names first, then the rest in their order). */
function ordered(values: Record<string, Json | undefined>, order: readonly string[] | undefined): JsonObject {
  const out: JsonObject = {};
  for (const key of order ?? []) {
    const value = values[key];
    if (value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && !(key in out)) out[key] = value;
  }
  return out;
}

function ruleToNode(rule: BuilderRule): Json {
  if (rule.field === OPAQUE) return rule.value as Json;
  const { fact, path } = splitField(rule.field);
  let value: Json;
  if (rule.valueSource === 'field' && typeof rule.value === 'string' && rule.value !== '') {
    const reference = splitField(rule.value);
    value =
      reference.path === undefined
        ? { fact: reference.fact }
        : { fact: reference.fact, path: reference.path };
  } else {
    value = (rule.value ?? null) as Json;
  }
  return ordered(
    {
      ...(rule.extra ?? {}),
      ...(rule.name !== undefined && rule.name !== '' ? { name: rule.name } : {}),
      ...(rule.text !== undefined && rule.text !== '' ? { text: rule.text } : {}),
      fact,
      operator: rule.operator,
      value,
      ...(path !== undefined ? { path } : {}),
    },
    rule.order,
  );
}

function isGroup(item: BuilderRule | RuleGroupType | string): item is BuilderGroup {
  return typeof item === 'object' && 'rules' in item;
}

function groupToNode(group: BuilderGroup): Json {
  const children = group.rules
    .filter((item): item is BuilderRule | BuilderGroup => typeof item === 'object')
    .map((item) => (isGroup(item) ? groupToNode(item) : ruleToNode(item as BuilderRule)));
  const extra = { ...(group.extra ?? {}) };
  if (extra[ROOT] === true) {
    delete extra[ROOT];
    if (children.length === 1 && !group.not) return children[0] as Json;
  }
  const key = group.combinator === 'or' ? 'any' : 'all';
  if (!group.not) return ordered({ ...extra, [key]: children }, group.order);
  if (group.shape === 'not' && children.length === 1) {
    return ordered({ ...extra, not: children[0] as Json }, group.order);
  }
  return ordered({ ...extra, not: { [key]: children } }, group.order);
}

/** The builder's query as a rule's `conditions`. */
export function toConditions(query: BuilderGroup): Json {
  return groupToNode(query);
}

/** The leaves of a builder query that the builder shows only as JSON. */
export function opaqueRules(query: BuilderGroup): BuilderRule[] {
  const out: BuilderRule[] = [];
  const visit = (group: BuilderGroup) => {
    for (const item of group.rules) {
      if (typeof item !== 'object') continue;
      if (isGroup(item)) visit(item);
      else if ((item as BuilderRule).field === OPAQUE) out.push(item as BuilderRule);
    }
  };
  visit(query);
  return out;
}
