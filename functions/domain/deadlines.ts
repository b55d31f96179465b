/**
 * The deadlines a case carries, computed from what happened to it and its case type's declarations:
 * what starts each deadline (the case opening, a submission, a move, a termination reason, a transfer,
 * a raised flag), how long it runs (working days in the office's calendar, calendar days, hours or
 * months, or the length a ruleset decided for this case), what meets it, whether it starts again once
 * met, and in which stages it is kept.
 */
import { addDays, addHours, addMonths, lightFormat, parseISO } from 'date-fns';
import jsonPointer from 'json-pointer';
import type { WorkingCalendar } from './calendar';
import {
  type CaseEventName,
  type CaseTypeContent,
  DEADLINE_LENGTH,
  type DeadlineLength,
  type DeadlineSpec,
  isOpenStage,
} from './case-type';
import { isCalendarDate } from './dates';

/** A deadline's id in its case type (e.g. the litmas or the plan review). */
export type DeadlineKind = string;

export interface Deadline {
  kind: DeadlineKind;
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` (office time) for a deadline counted in hours. */
  due: string;
  /** The date (or date-time) it counts from. */
  from: string;
  /** The deadline's title in the case type version that set it. */
  title?: string;
  /** The length a ruleset decided for this case (a `deadline` effect), instead of the declared one. */
  length?: DeadlineLength;
}

export interface DeadlineView extends Deadline {
  overdue: boolean;
}

/** Something that happened to a case, as deadlines see it. */
export type CaseEvent =
  | { on: 'created' }
  | { on: 'submission'; form: string; data: unknown }
  | { on: 'move'; to: string }
  | { on: 'termination'; reason: string }
  | { on: 'transfer' }
  | { on: 'transferAccepted' }
  | { on: 'flag'; deadline: string };

export interface DeadlineContext {
  /** The office's date and time now, `YYYY-MM-DDTHH:mm`. */
  now: string;
  /** The stage the case is in after the event. */
  stage: string;
  calendar: WorkingCalendar;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The due date of a deadline of `spec` counted from `from` (a date or a date-time). */
export function dueFrom(spec: Pick<DeadlineSpec, 'length'>, from: string, calendar: WorkingCalendar): string {
  const day = from.slice(0, 10);
  const { workingDays, calendarDays, hours, months } = spec.length;
  if (hours !== undefined) {
    const start = DATE_TIME.test(from) ? parseISO(from.slice(0, 16)) : parseISO(day);
    return lightFormat(addHours(start, hours), "yyyy-MM-dd'T'HH:mm");
  }
  if (workingDays !== undefined) return calendar.addWorkingDays(day, workingDays);
  if (calendarDays !== undefined) return lightFormat(addDays(parseISO(day), calendarDays), 'yyyy-MM-dd');
  return lightFormat(addMonths(parseISO(day), months ?? 0), 'yyyy-MM-dd');
}

function startsOn(spec: DeadlineSpec, event: CaseEvent): boolean {
  const start = spec.start;
  const on: CaseEventName | 'transferAccepted' = event.on;
  if (start.on !== on) return false;
  switch (event.on) {
    case 'submission':
      return start.forms === undefined || start.forms.includes(event.form);
    case 'move':
      return start.stages === undefined || start.stages.includes(event.to);
    case 'termination':
      return start.reasons === undefined || start.reasons.includes(event.reason);
    case 'flag':
      return spec.id === event.deadline;
    default:
      return true;
  }
}

function metOn(spec: DeadlineSpec, event: CaseEvent): boolean {
  const met = spec.metBy;
  if (!met) return false;
  if (event.on === 'submission') return met.forms?.includes(event.form) === true;
  if (event.on === 'move') return met.stages?.includes(event.to) === true;
  if (event.on === 'transferAccepted') return met.transferAccepted === true;
  return false;
}

/** The date a deadline counts from: a date in the submitted data when the spec names one, else now. */
function startOf(spec: DeadlineSpec, event: CaseEvent, context: DeadlineContext): string {
  const today = context.now.slice(0, 10);
  const field = spec.start.field;
  if (field === undefined || event.on !== 'submission') return spec.length.hours ? context.now : today;
  const value = jsonPointer.has(event.data as object, field)
    ? jsonPointer.get(event.data as object, field)
    : undefined;
  if (typeof value === 'string' && (isCalendarDate(value) || DATE_TIME.test(value))) return value;
  return spec.length.hours ? context.now : today;
}

const keptIn = (spec: DeadlineSpec | undefined, stage: string) =>
  spec?.stages ? spec.stages.includes(stage) : isOpenStage(stage);

/** The deadlines after `event`, by the case type's declarations. */
export function deadlinesAfter(
  type: CaseTypeContent,
  deadlines: readonly Deadline[],
  event: CaseEvent,
  context: DeadlineContext,
): Deadline[] {
  const specs = new Map((type.deadlines ?? []).map((spec) => [spec.id, spec]));
  const today = context.now.slice(0, 10);
  const next = new Map<string, Deadline>();
  for (const deadline of deadlines) {
    const spec = specs.get(deadline.kind);
    if (spec && metOn(spec, event)) {
      if (spec.repeats) {
        // Starts again with the length decided for this case, if a ruleset decided one.
        next.set(spec.id, {
          kind: spec.id,
          title: spec.title,
          from: today,
          due: dueFrom({ length: deadline.length ?? spec.length }, today, context.calendar),
          ...(deadline.length ? { length: deadline.length } : {}),
        });
      }
      continue;
    }
    next.set(deadline.kind, deadline);
  }
  for (const spec of specs.values()) {
    if (!startsOn(spec, event)) continue;
    // A repeating deadline already running is not pushed back by another start.
    if (spec.repeats && next.has(spec.id) && event.on !== 'submission') continue;
    const from = startOf(spec, event, context);
    const decided = next.get(spec.id)?.length;
    next.set(spec.id, {
      kind: spec.id,
      title: spec.title,
      from,
      due: dueFrom({ length: decided ?? spec.length }, from, context.calendar),
      ...(decided ? { length: decided } : {}),
    });
  }
  return [...next.values()].filter((deadline) => keptIn(specs.get(deadline.kind), context.stage));
}

const LENGTH_UNITS = DEADLINE_LENGTH.properties;
type LengthUnit = keyof typeof LENGTH_UNITS;

/** `value` as a deadline length (exactly one unit, a whole number within its bounds), else undefined. */
export function lengthOf(value: unknown): DeadlineLength | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [unit, amount] = entries[0] as [string, unknown];
  if (!Object.hasOwn(LENGTH_UNITS, unit)) return undefined;
  const { minimum, maximum } = LENGTH_UNITS[unit as LengthUnit];
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < minimum || amount > maximum)
    return undefined;
  return { [unit]: amount } as DeadlineLength;
}

/**
 * The deadlines with `id` counted again from where it started, with the length a ruleset decided: of
 * several lengths, the one due first; with none, the declared length. A deadline not running is left
 * as it is (it takes the length when a ruleset decides it again after it started).
 */
export function withLength(
  type: CaseTypeContent,
  deadlines: readonly Deadline[],
  id: string,
  lengths: readonly DeadlineLength[],
  calendar: WorkingCalendar,
): Deadline[] {
  const spec = type.deadlines?.find((candidate) => candidate.id === id);
  if (!spec) return [...deadlines];
  return deadlines.map((deadline) => {
    if (deadline.kind !== id) return deadline;
    const { length: _previous, ...rest } = deadline;
    const counted = lengths
      .map((length) => ({ length, due: dueFrom({ length }, deadline.from, calendar) }))
      .sort((a, b) => a.due.localeCompare(b.due))[0];
    if (!counted) return { ...rest, due: dueFrom(spec, deadline.from, calendar) };
    return { ...rest, due: counted.due, length: counted.length };
  });
}

/** Deadlines a case keeps after its case type changed: those the new version still declares. */
export function deadlinesKept(type: CaseTypeContent, deadlines: readonly Deadline[]): Deadline[] {
  const ids = new Set((type.deadlines ?? []).map((spec) => spec.id));
  return deadlines.filter((deadline) => ids.has(deadline.kind));
}

/** The earliest due date (a date-time counts on its day), or undefined when nothing is due. */
export function nextDue(deadlines: readonly Deadline[]): string | undefined {
  return deadlines.map((deadline) => deadline.due.slice(0, 10)).sort()[0];
}

/** Deadlines as shown: each with whether it is past due on `today`. */
export function withOverdue(deadlines: readonly Deadline[], today: string): DeadlineView[] {
  return [...deadlines]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((deadline) => ({ ...deadline, overdue: deadline.due.slice(0, 10) < today }));
}
