/**
 * The case head: who the client is, where the case stands, what the rules decided, what is due.
 * Also who may see and change it: workers their assigned cases, supervisors their office's (and a
 * case being transferred to their office), sensitive fields only for the assigned worker and the
 * office's supervisors.
 */
import type { User } from '../platform/claims';
import type { Eligibility, Priority } from './case-decisions';
import type { Deadline, DeadlineView } from './deadlines';
import { withOverdue } from './deadlines';
import type { Stage } from './lifecycle';

export interface Client {
  name: string;
  birthDate: string;
  sex: 'laki-laki' | 'perempuan';
  nik?: string;
}

export interface Offence {
  date?: string;
  category?: string;
  threatenedSentenceMonths?: number;
  repeat?: boolean;
}

export interface Sentence {
  months?: number;
  startDate?: string;
  lastDisciplinaryDate?: string;
}

export interface PendingTransfer {
  toOffice: string;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  due: string;
}

export interface TransferRecord extends PendingTransfer {
  fromOffice: string;
  acceptedAt: string;
  acceptedBy: string;
}

export interface FormRecord {
  submissionId: string;
  formVersion: number;
  at: string;
}

export interface CaseHead {
  id: string;
  version: number;
  client: Client;
  caseType: string;
  office: string;
  assignee: string | null;
  stage: Stage;
  timeZone: string;
  priority: Priority;
  eligibility: Record<string, Eligibility>;
  deadlines: Deadline[];
  offence?: Offence;
  sentence?: Sentence;
  transfer: PendingTransfer | null;
  transfers: TransferRecord[];
  /** The latest submission of each form. */
  forms: Record<string, FormRecord>;
  /** Wajib lapor so far: consecutive missed reports and the date of the last report. */
  supervision?: { missedInARow: number; lastReport: string };
  terminationReason?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type CaseView = Omit<CaseHead, 'deadlines'> & { deadlines: DeadlineView[]; overdue: boolean };

const isWorkerOf = (user: User, head: CaseHead) => user.roles.includes('worker') && head.assignee === user.id;
const isSupervisorOf = (user: User, office: string | undefined) =>
  user.roles.includes('supervisor') && user.office !== null && user.office === office;

/** Read access: the assigned worker, the office's supervisors, and the receiving office's during a transfer. */
export function canRead(user: User, head: CaseHead): boolean {
  return (
    isWorkerOf(user, head) ||
    isSupervisorOf(user, head.office) ||
    isSupervisorOf(user, head.transfer?.toOffice)
  );
}

/** Change access: the assigned worker and the office's supervisors. */
export function canWrite(user: User, head: CaseHead): boolean {
  return isWorkerOf(user, head) || isSupervisorOf(user, head.office);
}

/** Whether `user` sees fields marked x-sensitive. */
export const seesSensitive = canWrite;

export function isSupervisorOfCase(user: User, head: CaseHead): boolean {
  return isSupervisorOf(user, head.office);
}

/** The head as the API shows it on `today`: deadlines sorted, each with whether it is overdue. */
export function caseView(head: CaseHead, today: string): CaseView {
  const deadlines = withOverdue(head.deadlines, today);
  return { ...head, deadlines, overdue: deadlines.some((deadline) => deadline.overdue) };
}

/** The `case` fact the rules see. */
export function caseFact(head: CaseHead): Record<string, unknown> {
  const { id, stage, caseType, office, timeZone, client, offence, sentence, supervision } = head;
  const plan = head.forms?.['rencana-layanan']?.at;
  return {
    id,
    stage,
    caseType,
    office,
    timeZone,
    client,
    ...(offence ? { offence } : {}),
    ...(sentence ? { sentence } : {}),
    ...(supervision ? { supervision } : {}),
    ...(plan ? { lastPlanDate: plan.slice(0, 10) } : {}),
  };
}

/** Wajib lapor after a supervision note: a missed report extends the run, an attended one ends it. */
export function afterSupervisionReport(
  head: CaseHead,
  attended: boolean,
  date: string,
): CaseHead['supervision'] {
  return { missedInARow: attended ? 0 : (head.supervision?.missedInARow ?? 0) + 1, lastReport: date };
}
