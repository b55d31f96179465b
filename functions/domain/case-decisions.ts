/**
 * What a case's head shows from its rule decisions: the priority (the highest level any `prioritas`
 * event gave, with every reason) and the eligibility per programme (whether an `eligible` rule fired,
 * and the named conditions that decided it).
 */

export const PRIORITY_LEVELS = ['segera', 'tinggi', 'sedang', 'rendah'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export const PRIORITY_SCORES: Readonly<Record<PriorityLevel, number>> = {
  segera: 100,
  tinggi: 75,
  sedang: 50,
  rendah: 25,
};

export interface Priority {
  level: PriorityLevel;
  score: number;
  reasons: string[];
  /** The shortest response time any reason asks for, in hours. */
  responseHours?: number;
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
  /** The programme's name as its rules give it (their event's `params.title`), e.g. "Cuti bersyarat (CB)". */
  title?: string;
  /** The ruleset that decided it. */
  rulesetId?: string;
}

interface EventLike {
  type: string;
  params?: Record<string, unknown>;
}

interface ConditionLike {
  name?: string;
  fact: string;
  result: boolean;
  decisive: boolean;
}

export interface RuleLike {
  rulesetId?: string;
  rule: string;
  fired: boolean;
  event: EventLike;
  conditions: ConditionLike[];
}

export const DEFAULT_PRIORITY: Priority = { level: 'rendah', score: PRIORITY_SCORES.rendah, reasons: [] };

const isLevel = (value: unknown): value is PriorityLevel =>
  typeof value === 'string' && (PRIORITY_LEVELS as readonly string[]).includes(value);

/** The case priority from the events a case type reads as priority (params: level, reason, score?, responseHours?). */
export function priorityFrom(events: readonly EventLike[]): Priority {
  let best: Priority = { ...DEFAULT_PRIORITY, reasons: [] };
  const reasons: string[] = [];
  let hours: number | undefined;
  for (const event of events) {
    const level = event.params?.level;
    if (!isLevel(level)) continue;
    const score = typeof event.params?.score === 'number' ? event.params.score : PRIORITY_SCORES[level];
    if (score > best.score) best = { level, score, reasons: [] };
    if (typeof event.params?.reason === 'string') reasons.push(event.params.reason);
    const response = event.params?.responseHours;
    if (typeof response === 'number') hours = hours === undefined ? response : Math.min(hours, response);
  }
  return {
    ...best,
    reasons: [...new Set(reasons)],
    ...(hours === undefined ? {} : { responseHours: hours }),
  };
}

const label = (condition: ConditionLike) => condition.name ?? condition.fact;

/**
 * Whether a rule's programme applies to this case at all: an event may name, in `params.scope`, the
 * conditions that say who the programme is for (e.g. "the client was a child at the offence"). When
 * one of them fails, the programme is not for this client and is not listed, rather than listed as
 * refused for a reason that only says it is someone else's programme.
 */
function applies(rule: RuleLike): boolean {
  const scope = rule.event.params?.scope;
  if (!Array.isArray(scope)) return true;
  return scope.every((name) => rule.conditions.some((c) => c.name === name && c.result));
}

/** The programme's title (the first of its rules that gives one) and the ruleset that decided it. */
function named(rule: RuleLike, rules: readonly RuleLike[]): Pick<Eligibility, 'title' | 'rulesetId'> {
  const title = [rule, ...rules]
    .map((candidate) => candidate.event.params?.title)
    .find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
  return { ...(title ? { title } : {}), ...(rule.rulesetId ? { rulesetId: rule.rulesetId } : {}) };
}

/** A programme's name as its rules' events give it (`params.program`, else the event type). */
export const programOf = (rule: Pick<RuleLike, 'event'>): string =>
  typeof rule.event.params?.program === 'string' ? rule.event.params.program : rule.event.type;

/**
 * The rules that decide each programme: the one that fired (eligible), else those that apply to the
 * client (refused); a programme none of whose rules applies is left out.
 */
export function programmeRules<R extends RuleLike>(
  explanations: readonly R[],
): Map<string, { eligible: boolean; rules: R[]; all: R[] }> {
  const byProgram = new Map<string, R[]>();
  for (const rule of explanations) {
    const program = programOf(rule);
    byProgram.set(program, [...(byProgram.get(program) ?? []), rule]);
  }
  const out = new Map<string, { eligible: boolean; rules: R[]; all: R[] }>();
  for (const [program, rules] of byProgram) {
    const fired = rules.find((rule) => rule.fired);
    if (fired) {
      out.set(program, { eligible: true, rules: [fired], all: rules });
      continue;
    }
    const applicable = rules.filter(applies);
    if (applicable.length > 0) out.set(program, { eligible: false, rules: applicable, all: rules });
  }
  return out;
}

/**
 * Eligibility per programme from the explanations of `eligibility` rulesets: a programme is eligible
 * when one of its rules fired (reasons: the conditions it relied on); otherwise the reasons are the
 * conditions that decided the refusal.
 */
export function eligibilityFrom(explanations: readonly RuleLike[]): Record<string, Eligibility> {
  const out: Record<string, Eligibility> = {};
  for (const [program, { eligible, rules, all }] of programmeRules(explanations)) {
    const first = rules[0];
    if (!first) continue;
    out[program] = {
      eligible,
      reasons: [...new Set(rules.flatMap((rule) => rule.conditions.filter((c) => c.decisive).map(label)))],
      ...named(first, all),
    };
  }
  return out;
}

/** The sort key of a case in a caseload: higher priority first, then the nearest deadline. */
export function caseloadOrder(score: number, due: string | undefined, caseId: string): string {
  const rank = String(Math.max(0, 999 - Math.round(score))).padStart(3, '0');
  return `${rank}#${due ?? '9999-12-31'}#${caseId}`;
}
