/**
 * The deadlines a case carries, computed from what happened to it. Litmas and transfer deadlines
 * count working days (weekends, holidays and cuti bersama excluded) in the office's calendar;
 * recurring reviews count calendar months. The numbers are defaults from DOMAIN.md §4.
 */
import { addMonths, format, parseISO } from 'date-fns';
import type { WorkingCalendar } from './calendar';
import type { Stage } from './lifecycle';

export type DeadlineKind = 'litmas' | 'plan-review' | 'file-check' | 'supervision-report' | 'transfer';

export interface Deadline {
  kind: DeadlineKind;
  due: string;
  /** The date it counts from. */
  from: string;
}

export interface DeadlineView extends Deadline {
  overdue: boolean;
}

/** Working days to write the litmas, by case type (PP 65/2015 for diversion; 7 for integration and transfer). */
export const LITMAS_WORKING_DAYS: Readonly<Record<string, number>> = {
  diversi: 3,
  integrasi: 7,
  pemindahan: 7,
};
export const TRANSFER_WORKING_DAYS = 10;
export const PLAN_REVIEW_MONTHS = 6;
export const FILE_CHECK_MONTHS = 6;
/** Supervision reporting per stage, in months (wajib lapor at least monthly). */
export const SUPERVISION_MONTHS: Partial<Record<Stage, number>> = { monitoring: 1, accompaniment: 1 };

/** Forms whose submission meets a deadline. */
export const FORM_MEETS: Readonly<Record<string, DeadlineKind>> = {
  'rencana-layanan': 'plan-review',
  'catatan-pengawasan': 'supervision-report',
};

const months = (date: string, count: number) => format(addMonths(parseISO(date), count), 'yyyy-MM-dd');

/** Whether a form is a litmas (its submission meets the litmas deadline). */
export const isLitmasForm = (formId: string) => formId.startsWith('litmas');

/** Deadlines of a new case opened on `today`. */
export function initialDeadlines(caseType: string, today: string, calendar: WorkingCalendar): Deadline[] {
  const deadlines: Deadline[] = [{ kind: 'file-check', from: today, due: months(today, FILE_CHECK_MONTHS) }];
  const days = LITMAS_WORKING_DAYS[caseType];
  if (days !== undefined)
    deadlines.push({ kind: 'litmas', from: today, due: calendar.addWorkingDays(today, days) });
  return deadlines;
}

function replace(deadlines: readonly Deadline[], kind: DeadlineKind, next: Deadline | undefined): Deadline[] {
  const others = deadlines.filter((deadline) => deadline.kind !== kind);
  return next ? [...others, next] : others;
}

/** Deadlines after a submission of `formId` on `today`. */
export function afterSubmission(
  deadlines: readonly Deadline[],
  formId: string,
  today: string,
  stage: Stage,
): Deadline[] {
  if (isLitmasForm(formId)) return replace(deadlines, 'litmas', undefined);
  const kind = FORM_MEETS[formId];
  if (kind === 'plan-review') {
    return replace(deadlines, kind, { kind, from: today, due: months(today, PLAN_REVIEW_MONTHS) });
  }
  if (kind === 'supervision-report') {
    const interval = SUPERVISION_MONTHS[stage];
    return replace(
      deadlines,
      kind,
      interval ? { kind, from: today, due: months(today, interval) } : undefined,
    );
  }
  return [...deadlines];
}

/** Deadlines after the case moves to `stage` on `today`. */
export function afterTransition(deadlines: readonly Deadline[], stage: Stage, today: string): Deadline[] {
  if (stage === 'terminated') return [];
  const interval = SUPERVISION_MONTHS[stage];
  const current = deadlines.find((deadline) => deadline.kind === 'supervision-report');
  if (!interval) return replace(deadlines, 'supervision-report', undefined);
  if (current) return [...deadlines];
  return replace(deadlines, 'supervision-report', {
    kind: 'supervision-report',
    from: today,
    due: months(today, interval),
  });
}

/** Deadlines after a transfer to another office is decided on `today`. */
export function afterTransferRequest(
  deadlines: readonly Deadline[],
  today: string,
  calendar: WorkingCalendar,
): Deadline[] {
  return replace(deadlines, 'transfer', {
    kind: 'transfer',
    from: today,
    due: calendar.addWorkingDays(today, TRANSFER_WORKING_DAYS),
  });
}

/** Deadlines once the receiving office has accepted the transfer. */
export const afterTransferAccepted = (deadlines: readonly Deadline[]) =>
  replace(deadlines, 'transfer', undefined);

/** The earliest due date, or undefined when nothing is due. */
export function nextDue(deadlines: readonly Deadline[]): string | undefined {
  return deadlines.map((deadline) => deadline.due).sort()[0];
}

/** Deadlines as shown: each with whether it is past due on `today`. */
export function withOverdue(deadlines: readonly Deadline[], today: string): DeadlineView[] {
  return [...deadlines]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((deadline) => ({ ...deadline, overdue: deadline.due < today }));
}
