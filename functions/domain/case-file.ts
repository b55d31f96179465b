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
  /** When the receiving office must have decided (the case type's transfer deadline), if it has one. */
  due?: string;
}

/** Something the rules raised on the case (e.g. a revocation review), kept while the rule fires. */
export interface CaseFlag {
  /** The event type that raises it. */
  id: string;
  title: string;
  level?: string;
  reasons: string[];
  since: string;
  rulesetId: string;
}

/** A worker's move (or closing) that waits for a supervisor of the office. */
export interface PendingApproval {
  id: string;
  kind: 'move';
  to: string;
  reason?: string;
  data?: Record<string, unknown>;
  note?: string;
  requestedBy: string;
  requestedAt: string;
}

/** A request the supervisor returned to the worker, with their comment. */
export interface ReturnedApproval extends PendingApproval {
  returnedBy: string;
  returnedAt: string;
  comment?: string;
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
  /** The case type version the case last followed (open cases follow the published one). */
  caseTypeVersion?: number;
  office: string;
  assignee: string | null;
  stage: string;
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
  /** Running values the case type keeps from submissions (e.g. consecutive missed reports). */
  counters?: Record<string, unknown>;
  flags?: CaseFlag[];
  pendingApproval?: PendingApproval | null;
  /** The last request returned, shown to the worker until they ask again or the case moves. */
  returnedApproval?: ReturnedApproval | null;
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

/** The `case` fact the rules and the case type's expressions see. */
export function caseFact(head: CaseHead): Record<string, unknown> {
  const { id, stage, caseType, caseTypeVersion, office, timeZone, client, offence, sentence, createdAt } =
    head;
  return {
    id,
    stage,
    caseType,
    ...(caseTypeVersion !== undefined ? { caseTypeVersion } : {}),
    office,
    timeZone,
    client,
    ...(offence ? { offence } : {}),
    ...(sentence ? { sentence } : {}),
    counters: head.counters ?? {},
    forms: head.forms ?? {},
    createdAt,
  };
}
