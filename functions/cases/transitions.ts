/**
 * Moving a case between stages (termination decided by the termination rules), and transferring it
 * to another office: decided by the current office's supervisor, accepted by the receiving one, with
 * 10 working days for the complete file.
 */

import { suppliedFactProblems } from '../decisions/check';
import { type CaseHead, type CaseView, caseView, isSupervisorOfCase } from '../domain/case-file';
import {
  afterTransferAccepted,
  afterTransferRequest,
  afterTransition,
  initialDeadlines,
} from '../domain/deadlines';
import { checkTransition, type Stage } from '../domain/lifecycle';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { auditItem, commitCaseChange, getCase } from '../store/cases-repo';
import { workingCalendar } from './calendar';
import { auditEntry, caseFacts, latestData, loadCase, todayOf } from './case-context';
import { decide, declaredFactsOf } from './rulesets';

const TERMINATION = ['termination'] as const;
/** The termination reason that hands the case to another office. */
export const MOVED = 'pindah';

export interface TransitionInput {
  to: Stage;
  reason?: string;
  /** Data the termination rules need, by their declared fact names (e.g. tujuanBapas, nomorSK). */
  data?: Record<string, unknown>;
}

async function commitOrFail(
  user: User,
  head: CaseHead,
  next: CaseHead,
  action: string,
  detail: Record<string, unknown>,
  expected?: number,
) {
  const today = todayOf(next);
  const written = await commitCaseChange({
    head: next,
    expectedVersion: head.version,
    caseId: head.id,
    today,
    writes: [{ append: auditItem(head.id, auditEntry(user, action, detail)) }],
  });
  if (written) return caseView(next, today);
  const current = await getCase(head.id);
  throw expected !== undefined
    ? new AppError('version_mismatch', { params: { current: current?.version ?? 0 } })
    : new AppError('conflict');
}

/** Checks the termination with the rules: allowed when one says so and none refuses. */
async function assertTerminationAllowed(
  head: CaseHead,
  reason: string,
  data: Record<string, unknown>,
  lang: Lang,
) {
  const declared = await declaredFactsOf(TERMINATION);
  const supplied = { alasanTerminasi: reason, ...data };
  const problems = suppliedFactProblems(supplied, declared, '/data', lang).map((problem) =>
    problem.path === '/data/alasanTerminasi' ? { ...problem, path: '/reason' } : problem,
  );
  if (problems.length > 0) throw new AppError('invalid_facts', { details: problems });
  const decisions = await decide(TERMINATION, caseFacts(head, await latestData(head.id), supplied));
  if (decisions.length === 0) return;
  const events = decisions.flatMap((decision) => decision.events);
  const allowed =
    events.some((e) => e.type === 'terminasi-diizinkan') &&
    !events.some((e) => e.type === 'terminasi-ditolak');
  if (!allowed) {
    // The rules that spoke (e.g. "pindah-ditolak: Bapas tujuan belum diisi"); all of them if none did.
    const spoke = decisions.flatMap((decision) => decision.explanation.filter((rule) => rule.fired));
    throw new AppError('blocked_by_rules', {
      details: decisions.flatMap((decision) =>
        decision.explanation
          .filter((rule) => spoke.length === 0 || rule.fired)
          .map((rule) => ({
            path: '/reason',
            message: rule.rule,
            rulesetId: decision.rulesetId,
            version: decision.version,
            ...rule,
          })),
      ),
    });
  }
}

export async function transition(
  user: User,
  caseId: string,
  input: TransitionInput,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<CaseView> {
  const head = await loadCase(user, caseId, 'write');
  if (expectedVersion !== undefined && expectedVersion !== head.version) {
    throw new AppError('version_mismatch', { params: { current: head.version } });
  }
  const check = checkTransition(head.stage, input.to, user.roles);
  if (check === 'supervisor_only') throw new AppError('forbidden');
  if (check === 'invalid')
    throw new AppError('invalid_transition', { params: { from: head.stage, to: input.to } });
  const today = todayOf(head);
  const data = input.data ?? {};
  let deadlines = afterTransition(head.deadlines, input.to, today);
  let terminationReason: string | undefined;
  if (input.to === 'terminated') {
    if (!input.reason) throw new AppError('reason_required');
    await assertTerminationAllowed(head, input.reason, data, lang);
    terminationReason = input.reason;
    // The complete file goes to the new office within 10 working days of the decision.
    if (input.reason === MOVED) deadlines = afterTransferRequest([], today, await workingCalendar());
  } else if (head.stage === 'terminated') {
    deadlines = initialDeadlines(head.caseType, today, await workingCalendar()).filter(
      (d) => d.kind !== 'litmas',
    );
  }
  const now = new Date().toISOString();
  const { terminationReason: _previous, ...rest } = head;
  const next: CaseHead = {
    ...rest,
    stage: input.to,
    deadlines,
    ...(terminationReason ? { terminationReason } : {}),
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(
    user,
    head,
    next,
    head.stage === 'terminated' ? 'case.reopened' : 'case.transitioned',
    {
      from: head.stage,
      to: input.to,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.data ? { data } : {}),
    },
    expectedVersion,
  );
}

/** The current office's supervisor decides to hand the case to another office. */
export async function requestTransfer(
  user: User,
  caseId: string,
  input: { toOffice: string; reason: string },
): Promise<CaseView> {
  const head = await loadCase(user, caseId, 'write');
  if (!isSupervisorOfCase(user, head)) throw new AppError('forbidden');
  if (head.transfer) throw new AppError('transfer_pending', { params: { office: head.transfer.toOffice } });
  if (input.toOffice === head.office) {
    throw new AppError('invalid_parameter', { params: { name: 'toOffice' } });
  }
  const today = todayOf(head);
  const deadlines = afterTransferRequest(head.deadlines, today, await workingCalendar());
  const due = deadlines.find((d) => d.kind === 'transfer')?.due ?? today;
  const now = new Date().toISOString();
  const next: CaseHead = {
    ...head,
    transfer: { toOffice: input.toOffice, reason: input.reason, requestedAt: now, requestedBy: user.id, due },
    deadlines,
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(user, head, next, 'transfer.requested', {
    toOffice: input.toOffice,
    reason: input.reason,
    due,
  });
}

/** The receiving office's supervisor accepts: the case moves, unassigned, with its history kept. */
export async function acceptTransfer(user: User, caseId: string): Promise<CaseView> {
  const head = await getCase(caseId);
  if (!head) throw new AppError('case_not_found', { params: { id: caseId } });
  const transfer = head.transfer;
  const receiving =
    user.roles.includes('supervisor') && user.office !== null && user.office === transfer?.toOffice;
  if (!transfer) {
    if (isSupervisorOfCase(user, head)) throw new AppError('no_transfer_pending');
    throw new AppError('forbidden');
  }
  if (!receiving) throw new AppError('forbidden');
  const now = new Date().toISOString();
  const next: CaseHead = {
    ...head,
    office: transfer.toOffice,
    assignee: null,
    transfer: null,
    transfers: [
      ...head.transfers,
      { ...transfer, fromOffice: head.office, acceptedAt: now, acceptedBy: user.id },
    ],
    deadlines: afterTransferAccepted(head.deadlines),
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(user, head, next, 'transfer.accepted', {
    fromOffice: head.office,
    toOffice: transfer.toOffice,
  });
}
