/**
 * What every case use case needs: loading a case for a user, its case type, its facts built by the
 * type's sources, the rulesets the type's triggers run for an event, and what their events do to
 * the case (priority, eligibility, flags and the deadlines a flag starts, the length a deadline runs),
 * all by the case type.
 */
import { isDeepStrictEqual } from 'node:util';
import type { BuiltFacts } from '../decisions/fact-sources';
import { loadFactSources } from '../decisions/lazy';
import {
  DEFAULT_PRIORITY,
  eligibilityFrom,
  PRIORITY_LEVELS,
  PRIORITY_SCORES,
  type PriorityLevel,
  priorityFrom,
} from '../domain/case-decisions';
import { type CaseFlag, type CaseHead, canRead, canWrite, caseFact } from '../domain/case-file';
import type { CaseEventName, DeadlineLength, RulesetSelection } from '../domain/case-type';
import { todayIn } from '../domain/dates';
import { type CaseEvent, type Deadline, deadlinesAfter, lengthOf, withLength } from '../domain/deadlines';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { type AuditEntry, allCaseItems, getCase } from '../store/cases-repo';
import { workingCalendar } from './calendar';
import { type PublishedCaseType, requireCaseType } from './case-types';
import { type Decision, decide } from './rulesets';

/** Loads a case the user may read (or change); 404 when there is none, 403 when it is not theirs. */
export async function loadCase(user: User, id: string, need: 'read' | 'write'): Promise<CaseHead> {
  const head = await getCase(id);
  if (!head) throw new AppError('case_not_found', { params: { id } });
  if (!(need === 'read' ? canRead(user, head) : canWrite(user, head))) throw new AppError('forbidden');
  return head;
}

export const todayOf = (head: Pick<CaseHead, 'timeZone'>) => todayIn(head.timeZone);

/** The office's date and time now, `YYYY-MM-DDTHH:mm`. */
export function nowOf(head: Pick<CaseHead, 'timeZone'>, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: head.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

export function auditEntry(user: User, action: string, detail: Record<string, unknown> = {}): AuditEntry {
  return { at: new Date().toISOString(), actor: user.id, action, detail };
}

/** The data of the latest submission of each form of a case, by form id. */
export async function latestData(caseId: string): Promise<Record<string, unknown>> {
  const items = await allCaseItems(caseId, 'LATEST');
  return Object.fromEntries(items.map((item) => [String(item.formId), item.data]));
}

/** The facts of a case: built-ins and every fact its case type declares, from its file. */
export async function caseFacts(
  type: PublishedCaseType,
  head: CaseHead,
  latest: Record<string, unknown>,
): Promise<BuiltFacts> {
  return (await loadFactSources()).buildFacts(
    type.compiled,
    { case: caseFact(head), forms: latest, counters: head.counters ?? {} },
    todayOf(head),
  );
}

/** The rulesets the case type runs on `on` (for a submission: of `form`), as one selection. */
export function triggered(
  type: PublishedCaseType,
  on: CaseEventName,
  form?: string,
): RulesetSelection | undefined {
  const kinds = new Set<string>();
  const ids = new Set<string>();
  for (const trigger of type.content.triggers ?? []) {
    if (trigger.on !== on) continue;
    if (on === 'submission' && trigger.forms && (form === undefined || !trigger.forms.includes(form)))
      continue;
    for (const kind of trigger.rulesets.kinds ?? []) kinds.add(kind);
    for (const id of trigger.rulesets.ids ?? []) ids.add(id);
  }
  return kinds.size + ids.size > 0 ? { kinds: [...kinds], ids: [...ids] } : undefined;
}

export interface Decided {
  decisions: Decision[];
  facts: BuiltFacts;
}

/** Runs what the case type triggers on `on` over the case as it stands; nothing when nothing is triggered. */
export async function runTriggers(
  type: PublishedCaseType,
  on: CaseEventName,
  head: CaseHead,
  latest: Record<string, unknown>,
  form?: string,
): Promise<Decided> {
  const selection = triggered(type, on, form);
  const facts = await caseFacts(type, head, latest);
  if (!selection) return { decisions: [], facts };
  const decisions = (await decide(selection, facts.facts, head.caseType)).map((decision) => ({
    ...decision,
    caseType: { id: type.id, version: type.version },
  }));
  return { decisions, facts };
}

const rank = (level: string | undefined) =>
  level && (PRIORITY_LEVELS as readonly string[]).includes(level)
    ? PRIORITY_SCORES[level as PriorityLevel]
    : 0;

/**
 * The head with what the decisions' events mean by the case type's effects: the priority, the
 * eligibility per programme, the flags (raised while their rule fires; a newly raised flag starts the
 * deadline it names, a cleared one drops it), and the length of a deadline (the `length` its firing
 * event gives, the declared one when its rules ran and none fired). Effects whose rules did not run
 * keep their current value.
 */
export async function applyDecisions(
  type: PublishedCaseType,
  head: CaseHead,
  decisions: readonly Decision[],
): Promise<CaseHead> {
  const effects = type.content.effects ?? [];
  const rules = decisions.flatMap((d) => d.explanation.map((rule) => ({ ...rule, rulesetId: d.rulesetId })));
  const ran = (event: string) => rules.some((rule) => rule.event.type === event);
  const events = decisions.flatMap((d) => d.events);
  const ofKind = (as: string) => effects.filter((e) => e.as === as).map((e) => e.event);

  const priorityEvents = ofKind('priority');
  const eligibilityEvents = ofKind('eligibility');
  let next: CaseHead = { ...head };
  if (priorityEvents.some(ran)) {
    next.priority = priorityFrom(events.filter((event) => priorityEvents.includes(event.type)));
  }
  if (eligibilityEvents.some(ran)) {
    next.eligibility = eligibilityFrom(rules.filter((rule) => eligibilityEvents.includes(rule.event.type)));
  }

  const today = todayOf(head);
  let flags: CaseFlag[] = [...(head.flags ?? [])];
  let deadlines: Deadline[] = [...head.deadlines];
  const calendar = await workingCalendar();
  for (const effect of effects.filter((e) => e.as === 'flag')) {
    if (!ran(effect.event)) continue;
    const fired = rules.filter((rule) => rule.fired && rule.event.type === effect.event);
    const had = flags.find((flag) => flag.id === effect.event);
    flags = flags.filter((flag) => flag.id !== effect.event);
    if (fired.length > 0) {
      const reasons = [
        ...new Set(
          fired.flatMap((rule) => {
            const said = rule.event.params?.reason;
            return typeof said === 'string'
              ? [said]
              : rule.conditions.filter((c) => c.decisive).map((c) => c.name ?? c.fact);
          }),
        ),
      ];
      flags.push({
        id: effect.event,
        title: effect.title ?? effect.event,
        ...(effect.level ? { level: effect.level } : {}),
        reasons,
        since: had?.since ?? today,
        rulesetId: fired[0]?.rulesetId ?? '',
      });
      if (!had && effect.deadline) {
        deadlines = deadlinesAfter(
          type.content,
          deadlines,
          { on: 'flag', deadline: effect.deadline },
          {
            now: nowOf(head),
            stage: head.stage,
            calendar,
          },
        );
      }
    } else if (had && effect.deadline) {
      deadlines = deadlines.filter((deadline) => deadline.kind !== effect.deadline);
    }
  }
  for (const effect of effects.filter((e) => e.as === 'deadline')) {
    if (!effect.deadline || !ran(effect.event)) continue;
    const lengths = rules
      .filter((rule) => rule.fired && rule.event.type === effect.event)
      .map((rule) => lengthOf(rule.event.params?.length))
      .filter((length): length is DeadlineLength => length !== undefined);
    deadlines = withLength(type.content, deadlines, effect.deadline, lengths, calendar);
  }
  next = { ...next, flags, deadlines };
  // A raised flag lifts the priority to its level, with its title as a reason.
  for (const flag of flags) {
    if (rank(flag.level) > next.priority.score) {
      next.priority = {
        ...next.priority,
        level: flag.level as PriorityLevel,
        score: rank(flag.level),
      };
    }
    if (flag.level && !next.priority.reasons.includes(flag.title)) {
      next.priority = { ...next.priority, reasons: [flag.title, ...next.priority.reasons] };
    }
  }
  next.priority ??= DEFAULT_PRIORITY;
  return next;
}

/** The deadlines after `event` by the case type (the case's stage after the event). */
export async function deadlinesOn(
  type: PublishedCaseType,
  head: CaseHead,
  event: CaseEvent,
  stage = head.stage,
): Promise<Deadline[]> {
  return deadlinesAfter(type.content, head.deadlines, event, {
    now: nowOf(head),
    stage,
    calendar: await workingCalendar(),
  });
}

/** The published case type of a case. */
export const caseTypeOf = (head: Pick<CaseHead, 'caseType'>) => requireCaseType(head.caseType);

/** Whether anything a person would see on the head changed. */
export const headChanged = (a: CaseHead, b: CaseHead) =>
  !isDeepStrictEqual(
    { p: a.priority, e: a.eligibility, f: a.flags ?? [], d: a.deadlines },
    { p: b.priority, e: b.eligibility, f: b.flags ?? [], d: b.deadlines },
  );

/** Decisions as the API shows them: ruleset, its title, version, events (the explanation stays with the submission). */
export const decisionSummary = (decisions: readonly Decision[]) =>
  decisions.map(({ rulesetId, title, version, events }) => ({
    rulesetId,
    ...(title ? { title } : {}),
    version,
    events,
  }));
