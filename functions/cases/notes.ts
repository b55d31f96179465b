/** Case notes, referrals to the service directory, and the audit trail. */
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import {
  type AuditEntry,
  appendAudit,
  auditItem,
  commitCaseChange,
  getCase,
  getCaseItem,
  itemKey,
  listCaseItems,
  newId,
} from '../store/cases-repo';
import type { Page } from '../store/cursor';
import { getService } from '../store/services-repo';
import { auditEntry, loadCase, todayOf } from './case-context';

export interface Note {
  id: string;
  text: string;
  contactType: string | null;
  date: string;
  author: string;
  createdAt: string;
}

export async function addNote(
  user: User,
  caseId: string,
  input: { text: string; contactType?: string; date?: string },
): Promise<Note> {
  const head = await loadCase(user, caseId, 'write');
  const today = todayOf(head);
  if (input.date !== undefined && input.date > today)
    throw new AppError('invalid_parameter', { params: { name: 'date' } });
  const note: Note = {
    id: newId(),
    text: input.text,
    contactType: input.contactType ?? null,
    date: input.date ?? today,
    author: user.id,
    createdAt: new Date().toISOString(),
  };
  const written = await commitCaseChange({
    caseId,
    today,
    writes: [
      { append: { ...itemKey(caseId, 'NOTE', note.id), type: 'NOTE', ...note } },
      { append: auditItem(caseId, auditEntry(user, 'note.added', { noteId: note.id })) },
    ],
  });
  if (!written) throw new AppError('conflict');
  return note;
}

const toNote = (item: Record<string, unknown>): Note => ({
  id: String(item.id),
  text: String(item.text),
  contactType: typeof item.contactType === 'string' ? item.contactType : null,
  date: String(item.date),
  author: String(item.author),
  createdAt: String(item.createdAt),
});

export async function listNotes(
  user: User,
  caseId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Note>> {
  await loadCase(user, caseId, 'read');
  const page = await listCaseItems(caseId, 'NOTE', {
    limit,
    newestFirst: true,
    ...(cursor ? { cursor } : {}),
  });
  await appendAudit(caseId, auditEntry(user, 'note.listed'));
  return { items: page.items.map(toNote), nextCursor: page.nextCursor };
}

export const REFERRAL_STATUSES = ['proposed', 'accepted', 'rejected', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The moves a referral may make: a decided referral may still complete or be cancelled. */
const REFERRAL_MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  proposed: ['accepted', 'rejected', 'cancelled'],
  accepted: ['completed', 'cancelled'],
  rejected: [],
  completed: [],
  cancelled: [],
};

export interface Referral {
  id: string;
  serviceId: string;
  serviceName: string;
  serviceType: string;
  reason: string;
  consent: true;
  status: ReferralStatus;
  outcome: string | null;
  version: number;
  history: { status: ReferralStatus; at: string; by: string; outcome?: string }[];
  createdAt: string;
  createdBy: string;
}

export async function addReferral(
  user: User,
  caseId: string,
  input: { serviceId: string; reason: string; consent?: boolean },
): Promise<Referral> {
  if (input.consent !== true) throw new AppError('consent_required');
  const head = await loadCase(user, caseId, 'write');
  const service = await getService(input.serviceId);
  if (!service) throw new AppError('service_not_found', { params: { id: input.serviceId } });
  const now = new Date().toISOString();
  const referral: Referral = {
    id: newId(),
    serviceId: service.id,
    serviceName: service.name,
    serviceType: service.type,
    reason: input.reason,
    consent: true,
    status: 'proposed',
    outcome: null,
    version: 1,
    history: [{ status: 'proposed', at: now, by: user.id }],
    createdAt: now,
    createdBy: user.id,
  };
  const written = await commitCaseChange({
    caseId,
    today: todayOf(head),
    writes: [
      { append: { ...itemKey(caseId, 'REF', referral.id), type: 'REFERRAL', ...referral } },
      {
        append: auditItem(
          caseId,
          auditEntry(user, 'referral.created', { referralId: referral.id, serviceId: service.id }),
        ),
      },
    ],
  });
  if (!written) throw new AppError('conflict');
  return referral;
}

const toReferral = (item: Record<string, unknown>): Referral => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as Referral;
};

export async function listReferrals(
  user: User,
  caseId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Referral>> {
  await loadCase(user, caseId, 'read');
  const page = await listCaseItems(caseId, 'REF', {
    limit,
    newestFirst: true,
    ...(cursor ? { cursor } : {}),
  });
  await appendAudit(caseId, auditEntry(user, 'referral.listed'));
  return { items: page.items.map(toReferral), nextCursor: page.nextCursor };
}

export async function updateReferral(
  user: User,
  caseId: string,
  referralId: string,
  input: { status: ReferralStatus; outcome?: string },
  expected: number | undefined,
): Promise<Referral> {
  const head = await loadCase(user, caseId, 'write');
  const item = await getCaseItem(caseId, 'REF', referralId);
  if (!item) throw new AppError('referral_not_found', { params: { id: referralId } });
  const current = toReferral(item);
  if (expected !== undefined && expected !== current.version) {
    throw new AppError('version_mismatch', { params: { current: current.version } });
  }
  if (!REFERRAL_MOVES[current.status].includes(input.status)) {
    throw new AppError('invalid_referral_status', { params: { from: current.status, to: input.status } });
  }
  const now = new Date().toISOString();
  const next: Referral = {
    ...current,
    status: input.status,
    outcome: input.outcome ?? current.outcome,
    version: current.version + 1,
    history: [
      ...current.history,
      { status: input.status, at: now, by: user.id, ...(input.outcome ? { outcome: input.outcome } : {}) },
    ],
  };
  const written = await commitCaseChange({
    caseId,
    today: todayOf(head),
    writes: [
      {
        versioned: { ...itemKey(caseId, 'REF', referralId), type: 'REFERRAL', ...next },
        expected: current.version,
      },
      {
        append: auditItem(
          caseId,
          auditEntry(user, 'referral.updated', { referralId, from: current.status, to: input.status }),
        ),
      },
    ],
  });
  if (!written) {
    const latest = await getCaseItem(caseId, 'REF', referralId);
    throw new AppError('version_mismatch', { params: { current: latest?.version ?? 0 } });
  }
  return next;
}

/** The audit trail (oldest first, or newest first): supervisors of the case's office and administrators. */
export async function listAudit(
  user: User,
  caseId: string,
  limit: number,
  cursor?: string,
  newestFirst = false,
): Promise<Page<AuditEntry>> {
  const head = await getCase(caseId);
  if (!head) throw new AppError('case_not_found', { params: { id: caseId } });
  const officeSupervisor = user.roles.includes('supervisor') && user.office === head.office;
  if (!user.roles.includes('admin') && !officeSupervisor) throw new AppError('forbidden');
  const page = await listCaseItems(caseId, 'AUDIT', { limit, newestFirst, ...(cursor ? { cursor } : {}) });
  const items = page.items.map(
    ({ at, actor, action, detail }) => ({ at, actor, action, detail }) as AuditEntry,
  );
  await appendAudit(caseId, auditEntry(user, 'audit.read'));
  return { items, nextCursor: page.nextCursor };
}
