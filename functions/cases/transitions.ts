/**
 * Moving a case between the stages its case type declares: who may make each move, which need a
 * supervisor's approval (a worker's request then waits on the case), and closing with one of the
 * type's termination reasons (its data checked against the reason's schema, then allowed or refused
 * by the termination rulesets the type names). Also transferring a case to another office: decided
 * by the current office's supervisor, accepted by the receiving one.
 */
import { type CaseHead, type CaseView, caseView, isSupervisorOfCase } from '../domain/case-file';
import { CLOSED_STAGE, moveBetween, reasonOf } from '../domain/case-type';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { auditItem, commitCaseChange, getCase, inboxWrites, newId } from '../store/cases-repo';
import { toDetails } from '../validation/errors';
import { lazyValidatorCache } from '../validation/lazy';
import {
  applyDecisions,
  auditEntry,
  caseFacts,
  caseTypeOf,
  deadlinesOn,
  latestData,
  loadCase,
  runTriggers,
  todayOf,
} from './case-context';
import type { PublishedCaseType } from './case-types';
import { assertTransferTarget, officeTimeZone } from './offices';
import { decide } from './rulesets';

const reasonSchemas = lazyValidatorCache(200);

export interface TransitionInput {
  to: string;
  reason?: string;
  /** The data the termination reason needs (its schema's properties), passed to the rules as facts. */
  data?: Record<string, unknown>;
  note?: string;
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
    writes: [{ append: auditItem(head.id, auditEntry(user, action, detail)) }, ...inboxWrites(head, next)],
  });
  if (written) return caseView(next, today);
  const current = await getCase(head.id);
  throw expected !== undefined
    ? new AppError('version_mismatch', { params: { current: current?.version ?? 0 } })
    : new AppError('conflict');
}

/** Checks the termination reason, its data and note, then asks the type's termination rules. */
async function assertTerminationAllowed(
  type: PublishedCaseType,
  head: CaseHead,
  input: TransitionInput,
  user: User,
  lang: Lang,
) {
  const termination = type.content.termination;
  const reason = input.reason === undefined ? undefined : reasonOf(type.content, input.reason);
  if (!input.reason) throw new AppError('reason_required');
  if (!reason) throw new AppError('invalid_reason', { params: { reason: input.reason } });
  if (reason.roles && !reason.roles.some((role) => user.roles.includes(role)))
    throw new AppError('forbidden');
  if (reason.noteRequired && !input.note?.trim()) throw new AppError('note_required');
  const data = input.data ?? {};
  if (reason.data) {
    const validate = (await reasonSchemas()).get(
      `${type.id}@${type.version}#${reason.id}`,
      () => reason.data ?? {},
    );
    if (!validate(data)) {
      throw new AppError('validation_failed', {
        details: toDetails(validate.errors, lang).map((d) => ({ ...d, path: `/data${d.path}` })),
      });
    }
  }
  if (!termination?.rulesets) return;
  const { facts } = await caseFacts(type, head, await latestData(head.id));
  const supplied = { ...(termination.reasonFact ? { [termination.reasonFact]: reason.id } : {}), ...data };
  const decisions = await decide(termination.rulesets, { ...facts, ...supplied }, head.caseType);
  if (decisions.length === 0) return;
  const events = decisions.flatMap((decision) => decision.events);
  const allowed =
    (termination.allowEvent === undefined || events.some((e) => e.type === termination.allowEvent)) &&
    !events.some((e) => e.type === termination.refuseEvent);
  if (!allowed) {
    // The rules that spoke (e.g. "Bapas tujuan belum diisi"); all of them if none did.
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

/** Makes the move (already allowed): deadlines, the type's move triggers, the head. */
async function move(
  type: PublishedCaseType,
  head: CaseHead,
  input: TransitionInput,
  user: User,
): Promise<CaseHead> {
  const closing = input.to === CLOSED_STAGE;
  const event = closing
    ? ({ on: 'termination', reason: input.reason ?? '' } as const)
    : ({ on: 'move', to: input.to } as const);
  const now = new Date().toISOString();
  const { terminationReason: _previous, ...rest } = head;
  let next: CaseHead = {
    ...rest,
    stage: input.to,
    caseTypeVersion: type.version,
    pendingApproval: null,
    returnedApproval: null,
    deadlines: await deadlinesOn(type, head, event, input.to),
    ...(closing && input.reason ? { terminationReason: input.reason } : {}),
    ...(closing ? { flags: [] } : {}),
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  if (!closing) {
    next = await applyDecisions(
      type,
      next,
      (await runTriggers(type, 'move', next, await latestData(head.id))).decisions,
    );
  }
  return next;
}

export async function transition(
  user: User,
  caseId: string,
  input: TransitionInput,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<CaseView & { pending?: true }> {
  const head = await loadCase(user, caseId, 'write');
  if (expectedVersion !== undefined && expectedVersion !== head.version) {
    throw new AppError('version_mismatch', { params: { current: head.version } });
  }
  if (head.pendingApproval) throw new AppError('approval_pending');
  const type = await caseTypeOf(head);
  const spec = moveBetween(type.content, head.stage, input.to);
  if (!spec) throw new AppError('invalid_transition', { params: { from: head.stage, to: input.to } });
  if (spec.roles && !spec.roles.some((role) => user.roles.includes(role))) throw new AppError('forbidden');
  if (input.to === CLOSED_STAGE) await assertTerminationAllowed(type, head, input, user, lang);
  const reason = input.reason ? reasonOf(type.content, input.reason) : undefined;
  const needsApproval =
    (spec.approval === true || reason?.approval === true) && !isSupervisorOfCase(user, head);
  if (needsApproval) {
    const now = new Date().toISOString();
    const pendingApproval = {
      id: newId(),
      kind: 'move' as const,
      to: input.to,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.note ? { note: input.note } : {}),
      requestedBy: user.id,
      requestedAt: now,
    };
    const next: CaseHead = {
      ...head,
      pendingApproval,
      returnedApproval: null,
      version: head.version + 1,
      updatedAt: now,
      updatedBy: user.id,
    };
    const view = await commitOrFail(
      user,
      head,
      next,
      'approval.requested',
      { ...pendingApproval },
      expectedVersion,
    );
    return { ...view, pending: true };
  }
  const next = await move(type, head, input, user);
  return commitOrFail(
    user,
    head,
    next,
    head.stage === CLOSED_STAGE ? 'case.reopened' : 'case.transitioned',
    {
      from: head.stage,
      to: input.to,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.note ? { note: input.note } : {}),
    },
    expectedVersion,
  );
}

/** A supervisor of the case's office approves the waiting move (it happens now) or returns it. */
export async function decideApproval(
  user: User,
  caseId: string,
  approvalId: string,
  input: { decision: 'approve' | 'return'; comment?: string },
  lang: Lang,
): Promise<CaseView> {
  const head = await loadCase(user, caseId, 'read');
  if (!isSupervisorOfCase(user, head)) throw new AppError('forbidden');
  const pending = head.pendingApproval;
  // `current` names whatever waits now; an id names one request, so a stale screen cannot decide a newer one.
  if (!pending || (approvalId !== 'current' && approvalId !== pending.id)) {
    throw new AppError('no_approval_pending');
  }
  const detail = {
    approvalId: pending.id,
    to: pending.to,
    ...(input.comment ? { comment: input.comment } : {}),
  };
  if (input.decision === 'return') {
    const now = new Date().toISOString();
    const next: CaseHead = {
      ...head,
      pendingApproval: null,
      // The worker sees what was returned and why until they ask again or the case moves.
      returnedApproval: {
        ...pending,
        returnedBy: user.id,
        returnedAt: now,
        ...(input.comment ? { comment: input.comment } : {}),
      },
      version: head.version + 1,
      updatedAt: now,
      updatedBy: user.id,
    };
    return commitOrFail(user, head, next, 'approval.returned', detail);
  }
  const type = await caseTypeOf(head);
  const request: TransitionInput = {
    to: pending.to,
    ...(pending.reason ? { reason: pending.reason } : {}),
    ...(pending.data ? { data: pending.data } : {}),
    ...(pending.note ? { note: pending.note } : {}),
  };
  if (!moveBetween(type.content, head.stage, request.to)) {
    throw new AppError('invalid_transition', { params: { from: head.stage, to: request.to } });
  }
  if (request.to === CLOSED_STAGE) await assertTerminationAllowed(type, head, request, user, lang);
  const next = await move(type, head, request, user);
  return commitOrFail(user, head, next, 'approval.approved', { ...detail, from: head.stage });
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
  await assertTransferTarget(head.office, input.toOffice);
  const type = await caseTypeOf(head);
  const deadlines = await deadlinesOn(type, head, { on: 'transfer' });
  const started = deadlines.find((d) =>
    type.content.deadlines?.some((s) => s.id === d.kind && s.start.on === 'transfer'),
  );
  const now = new Date().toISOString();
  const next: CaseHead = {
    ...head,
    transfer: {
      toOffice: input.toOffice,
      reason: input.reason,
      requestedAt: now,
      requestedBy: user.id,
      ...(started ? { due: started.due } : {}),
    },
    deadlines,
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(user, head, next, 'transfer.requested', {
    toOffice: input.toOffice,
    reason: input.reason,
    ...(started ? { due: started.due } : {}),
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
  const type = await caseTypeOf(head);
  const now = new Date().toISOString();
  const next: CaseHead = {
    ...head,
    office: transfer.toOffice,
    timeZone: await officeTimeZone(transfer.toOffice),
    assignee: null,
    transfer: null,
    transfers: [
      ...head.transfers,
      { ...transfer, fromOffice: head.office, acceptedAt: now, acceptedBy: user.id },
    ],
    deadlines: await deadlinesOn(type, head, { on: 'transferAccepted' }),
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(user, head, next, 'transfer.accepted', {
    fromOffice: head.office,
    toOffice: transfer.toOffice,
  });
}

/** Ends a pending transfer without moving the case: the transfer deadline goes with it. */
async function endTransfer(
  user: User,
  head: CaseHead,
  action: 'transfer.rejected' | 'transfer.cancelled',
  detail: Record<string, unknown>,
): Promise<CaseView> {
  const transfer = head.transfer as NonNullable<CaseHead['transfer']>;
  const type = await caseTypeOf(head);
  const started = new Set(
    (type.content.deadlines ?? []).filter((spec) => spec.start.on === 'transfer').map((spec) => spec.id),
  );
  const now = new Date().toISOString();
  const next: CaseHead = {
    ...head,
    transfer: null,
    deadlines: head.deadlines.filter((deadline) => !started.has(deadline.kind)),
    version: head.version + 1,
    updatedAt: now,
    updatedBy: user.id,
  };
  return commitOrFail(user, head, next, action, { toOffice: transfer.toOffice, ...detail });
}

/** The receiving office's supervisor refuses the case, with a reason: it stays where it is. */
export async function rejectTransfer(user: User, caseId: string, reason: string): Promise<CaseView> {
  const head = await getCase(caseId);
  if (!head) throw new AppError('case_not_found', { params: { id: caseId } });
  const receiving =
    user.roles.includes('supervisor') && user.office !== null && user.office === head.transfer?.toOffice;
  if (!head.transfer) {
    if (isSupervisorOfCase(user, head) || receiving) throw new AppError('no_transfer_pending');
    throw new AppError('forbidden');
  }
  if (!receiving) throw new AppError('forbidden');
  return endTransfer(user, head, 'transfer.rejected', { reason });
}

/** The sending office's supervisor takes back a transfer not yet decided. */
export async function cancelTransfer(user: User, caseId: string): Promise<CaseView> {
  const head = await loadCase(user, caseId, 'write');
  if (!isSupervisorOfCase(user, head)) throw new AppError('forbidden');
  if (!head.transfer) throw new AppError('no_transfer_pending');
  return endTransfer(user, head, 'transfer.cancelled', {});
}
