/**
 * The wiring of a case type as the wiring view shows it: for each ruleset the type runs, every fact
 * it declares with where it comes from (a form's field, the case head, a calculation, a termination
 * reason's data) and the rules that read it; a fact nothing provides is unconnected, so the rules
 * reading it have no input on a case of this type. Rules that read a form directly (`form:<id>` with a
 * path) are listed as such.
 *
 * The server's wiring (`GET /api/case-types/{id}/wiring`) says what the published version provides;
 * the content being edited (a draft) may provide more or less, which is shown beside it.
 */
import { FACT_NAME_PATTERN } from '../../../../../functions/domain/case-type';
import { builtinFact, FORM_FACT_PREFIX } from '../../../../../functions/domain/facts';
import type { CaseTypeContent, Condition, RulesetDocument, Wiring, WiringSource } from './api';

export type { WiringSource };

export type FactStatus =
  /** Provided by the published version (and still by the draft). */
  | 'connected'
  /** Provided only by the draft: connected once it is published. */
  | 'draft'
  /** Provided by the published version, but the draft drops it. */
  | 'dropped'
  /** Nothing provides it: the rules reading it have no input here. */
  | 'unconnected';

export interface WiringFact {
  name: string;
  type: string;
  description?: string;
  status: FactStatus;
  /** Where the published version gets it. */
  published: WiringSource | null;
  /** Where the content being edited gets it. */
  edited: WiringSource | null;
  /** The names of the rules that read it. */
  rules: string[];
}

export interface DirectRead {
  form: string;
  /** JSON Pointer of the field the rules read (from their JSONPath), '' for the whole form. */
  pointer: string;
  rules: string[];
}

export interface WiringRuleset {
  id: string;
  title: string;
  kind: string;
  facts: WiringFact[];
  /** Rules reading a form's field directly, without a declared fact. */
  direct: DirectRead[];
  unconnected: number;
}

/** Every leaf condition of a rule (all / any / not, nested). */
export function leafConditions(condition: Condition | undefined): Condition[] {
  if (!condition || typeof condition !== 'object') return [];
  const out: Condition[] = [];
  for (const list of [condition.all, condition.any])
    if (Array.isArray(list)) for (const child of list) out.push(...leafConditions(child));
  if (condition.not) out.push(...leafConditions(condition.not));
  if (typeof condition.fact === 'string') out.push(condition);
  return out;
}

/** The facts a condition reads: its own, and one its value refers to (`{"fact": "x"}`). */
function factsRead(leaf: Condition): { fact: string; path?: string }[] {
  const out: { fact: string; path?: string }[] = [];
  if (leaf.fact) out.push({ fact: leaf.fact, ...(leaf.path ? { path: leaf.path } : {}) });
  const value = leaf.value as { fact?: unknown; path?: unknown } | undefined;
  if (value && typeof value === 'object' && typeof value.fact === 'string')
    out.push({ fact: value.fact, ...(typeof value.path === 'string' ? { path: value.path } : {}) });
  return out;
}

/** A simple JSONPath (`$.a.b`, `$['a b'][0]`) as a JSON Pointer (`/a/b`); '' for `$` or nothing. */
export function pathToPointer(path: string | undefined): string {
  if (!path || path === '$') return '';
  const segments: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.replace(/^\$/, '').matchAll(pattern))
    segments.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Where the content provides a fact, computed as the server computes the wiring; null when nothing does. */
export function sourceIn(content: CaseTypeContent, name: string): WiringSource | null {
  const fact = (content.facts ?? []).find((candidate) => candidate.name === name);
  if (fact) {
    const { case: casePointer, form, pointer, expression } = fact.source;
    if (expression !== undefined) return { kind: 'expression', expression };
    if (casePointer !== undefined) return { kind: 'case', pointer: casePointer };
    return { kind: 'form', form: form ?? '', pointer: pointer ?? '' };
  }
  const termination = content.termination;
  if (termination?.reasonFact === name) return { kind: 'termination', reason: '*' };
  for (const reason of termination?.reasons ?? []) {
    const properties = (reason.data as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (properties && Object.hasOwn(properties, name)) return { kind: 'termination', reason: reason.id };
  }
  return null;
}

const sameSource = (a: WiringSource | null, b: WiringSource | null) =>
  JSON.stringify(a) === JSON.stringify(b);

/** The wiring view's model: the server's wiring, the rules that read each fact, and the edited content. */
export function wiringModel(
  wiring: Wiring,
  rulesets: ReadonlyMap<string, RulesetDocument>,
  edited: CaseTypeContent,
): WiringRuleset[] {
  return wiring.rulesets.map((entry) => {
    const document = rulesets.get(entry.id);
    const readers = new Map<string, Set<string>>();
    const direct = new Map<string, DirectRead>();
    (document?.rules ?? []).forEach((rule, i) => {
      const ruleName = rule.name?.trim() || `#${i + 1}`;
      for (const leaf of leafConditions(rule.conditions)) {
        for (const read of factsRead(leaf)) {
          if (read.fact.startsWith(FORM_FACT_PREFIX)) {
            const form = read.fact.slice(FORM_FACT_PREFIX.length);
            const pointer = pathToPointer(read.path);
            const key = `${form}\u0000${pointer}`;
            const found = direct.get(key) ?? { form, pointer, rules: [] };
            if (!found.rules.includes(ruleName)) found.rules.push(ruleName);
            direct.set(key, found);
          } else {
            const set = readers.get(read.fact) ?? new Set<string>();
            set.add(ruleName);
            readers.set(read.fact, set);
          }
        }
      }
    });
    const descriptions = new Map((document?.facts ?? []).map((fact) => [fact.name, fact.description]));
    const facts: WiringFact[] = entry.facts.map((fact) => {
      const published = fact.source;
      const inEdit = sourceIn(edited, fact.name);
      const status: FactStatus = published
        ? inEdit
          ? 'connected'
          : 'dropped'
        : inEdit
          ? 'draft'
          : 'unconnected';
      const description = descriptions.get(fact.name);
      return {
        name: fact.name,
        type: fact.type,
        ...(description ? { description } : {}),
        status,
        published,
        edited: sameSource(published, inEdit) ? published : inEdit,
        rules: [...(readers.get(fact.name) ?? [])],
      };
    });
    return {
      id: entry.id,
      title: entry.title,
      kind: entry.kind,
      facts,
      direct: [...direct.values()],
      unconnected: facts.filter((fact) => fact.status === 'unconnected' || fact.status === 'dropped').length,
    };
  });
}

/** A fact the case type provides that no ruleset it runs reads (yet). */
export interface UnreadFact {
  name: string;
  type: string;
  description?: string;
  /** Where the content being edited gets it. */
  source: WiringSource;
  /** 'connected' when the published version provides it the same way, 'draft' when only the draft does. */
  status: 'connected' | 'draft';
}

/**
 * The facts the content being edited provides that none of the rulesets the type runs reads: a new
 * fact waiting for the rule that will use it, or a step other facts are calculated from. Those only
 * the draft provides come first.
 */
export function unreadFacts(
  wiring: Wiring,
  edited: CaseTypeContent,
  published: CaseTypeContent | undefined,
): UnreadFact[] {
  const read = new Set(wiring.rulesets.flatMap((ruleset) => ruleset.facts.map((fact) => fact.name)));
  return (edited.facts ?? [])
    .filter((fact) => !read.has(fact.name))
    .map((fact) => {
      const source = sourceIn(edited, fact.name) ?? { kind: 'builtin' };
      const before = published ? sourceIn(published, fact.name) : null;
      return {
        name: fact.name,
        type: fact.type,
        ...(fact.description ? { description: fact.description } : {}),
        source,
        status: sameSource(before, source) ? ('connected' as const) : ('draft' as const),
      };
    })
    .sort((a, b) => Number(b.status === 'draft') - Number(a.status === 'draft'));
}

const FACT_NAME = new RegExp(FACT_NAME_PATTERN);

/** Why a new fact cannot take this name in the content ('pattern', 'taken', 'builtin'), or undefined. */
export function newFactNameProblem(
  content: CaseTypeContent,
  name: string,
): 'pattern' | 'taken' | 'builtin' | undefined {
  if (!FACT_NAME.test(name)) return 'pattern';
  if (builtinFact(name)) return 'builtin';
  const names = [...(content.facts ?? []), ...(content.counters ?? [])].map((item) => item.name);
  if (names.includes(name) || sourceIn(content, name)) return 'taken';
  return undefined;
}

/** The name a new fact read from a field is offered: the field's own key, when it makes a good name. */
export function suggestedFactName(pointer: string): string {
  const key = (pointer.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  return FACT_NAME.test(key) ? key : '';
}

/**
 * The content with a fact read from a form's field: the fact source the wiring view's "connect" adds
 * (an existing declaration of the same fact is replaced). The input is not changed.
 */
export function connectFact<T extends CaseTypeContent>(
  content: T,
  fact: { name: string; type: string; description?: string },
  form: string,
  pointer: string,
): T {
  const facts = (content.facts ?? []).filter((candidate) => candidate.name !== fact.name);
  const declared = {
    name: fact.name,
    type: fact.type,
    ...(fact.description ? { description: fact.description.slice(0, 4000) } : {}),
    source: { form, pointer },
  } as NonNullable<CaseTypeContent['facts']>[number];
  return { ...content, facts: [...facts, declared] };
}
