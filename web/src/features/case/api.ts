/** The case feature's API calls (see the Cases and Services sections of the API contract). */
import type { Note, Referral } from '../../../../functions/cases/notes';
import type { SubmissionResult, WorkDraft } from '../../../../functions/cases/submissions';
import type { AuditEntry } from '../../../../functions/store/cases-repo';
import type { Service } from '../../../../functions/store/services-repo';
import { allPages, apiRequest, apiRequestText, type Page } from '../../shared/api-client';
import type { CaseView } from '../../shared/case-view';
import type { FormSummary } from '../forms/api';
import type { ContactType, ReferralStatus } from './vocabulary';

export type { AuditEntry, CaseView, Note, Referral, Service, SubmissionResult, WorkDraft };

export interface SubmissionSummary {
  id: string;
  formId: string;
  formVersion: number;
  submittedAt: string;
  submittedBy: string;
}

const caseUrl = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const pageQuery = (cursor: string | null) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');

export function getCase(id: string, signal?: AbortSignal): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(id), withSignal(signal));
}

/**
 * Every form there is, however many pages: the case page offers the published ones, and the audit
 * trail names the forms a case was filed with by their titles.
 */
export function listFormsForCase(signal?: AbortSignal): Promise<FormSummary[]> {
  return allPages<FormSummary>('/api/forms?limit=100', signal);
}

/** Files a submission; the same `idempotencyKey` again answers the first result instead of a duplicate. */
export function submitForm(
  caseId: string,
  input: { formId: string; data: unknown; idempotencyKey: string },
): Promise<SubmissionResult> {
  return apiRequest<SubmissionResult>(caseUrl(caseId, '/submissions'), { method: 'POST', body: input });
}

export function listSubmissions(
  caseId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<SubmissionSummary>> {
  return apiRequest<Page<SubmissionSummary>>(
    caseUrl(caseId, `/submissions${pageQuery(cursor)}`),
    withSignal(signal),
  );
}

/** The autosaved work in progress on a form of this case; 404 when there is none. */
export function getDraft(caseId: string, formId: string, signal?: AbortSignal): Promise<WorkDraft> {
  return apiRequest<WorkDraft>(caseUrl(caseId, `/drafts/${encodeURIComponent(formId)}`), withSignal(signal));
}

export function saveDraft(caseId: string, formId: string, data: unknown): Promise<WorkDraft> {
  return apiRequest<WorkDraft>(caseUrl(caseId, `/drafts/${encodeURIComponent(formId)}`), {
    method: 'PUT',
    body: { data },
  });
}

/** The printable report of a submission, as HTML text (fetched with the token, shown from a blob). */
export function getReport(caseId: string, submissionId: string): Promise<string> {
  return apiRequestText(caseUrl(caseId, `/report/${encodeURIComponent(submissionId)}`));
}

/**
 * Moves the case (or closes it, with a termination reason). A move that needs a supervisor's approval
 * is not made yet: the answer is the case with `pendingApproval` set.
 */
export function moveCase(
  caseId: string,
  version: number,
  input: { to: string; reason?: string; data?: Record<string, unknown>; note?: string },
): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId, '/transitions'), {
    method: 'POST',
    body: input,
    ifMatch: version,
  });
}

export function listNotes(caseId: string, cursor: string | null, signal?: AbortSignal): Promise<Page<Note>> {
  return apiRequest<Page<Note>>(caseUrl(caseId, `/notes${pageQuery(cursor)}`), withSignal(signal));
}

export function addNote(
  caseId: string,
  input: { text: string; contactType?: ContactType; date?: string },
): Promise<Note> {
  return apiRequest<Note>(caseUrl(caseId, '/notes'), { method: 'POST', body: input });
}

export function listReferrals(
  caseId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Referral>> {
  return apiRequest<Page<Referral>>(caseUrl(caseId, `/referrals${pageQuery(cursor)}`), withSignal(signal));
}

/** The server refuses a referral without the client's consent; the form sends what the user ticked. */
export function addReferral(
  caseId: string,
  input: { serviceId: string; reason: string; consent: boolean },
): Promise<Referral> {
  return apiRequest<Referral>(caseUrl(caseId, '/referrals'), { method: 'POST', body: input });
}

export function updateReferral(
  caseId: string,
  referral: Pick<Referral, 'id' | 'version'>,
  input: { status: ReferralStatus; outcome?: string },
): Promise<Referral> {
  return apiRequest<Referral>(caseUrl(caseId, `/referrals/${encodeURIComponent(referral.id)}`), {
    method: 'PATCH',
    body: input,
    ifMatch: referral.version,
  });
}

/** The referral directory (one page of up to 100 services). */
export function listServices(signal?: AbortSignal): Promise<Page<Service>> {
  return apiRequest<Page<Service>>('/api/services?limit=100', withSignal(signal));
}

/** Supervisor: gives the case to a worker. */
export function assignCase(caseId: string, version: number, assignee: string): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId), { method: 'PATCH', body: { assignee }, ifMatch: version });
}

/** Supervisor of the case's office: hands the case to another office. */
export function transferCase(caseId: string, input: { toOffice: string; reason: string }): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId, '/transfer'), { method: 'POST', body: input });
}

/** Supervisor of the receiving office: takes the case over. */
/** POST /api/cases/{id}/transfer/reject: the receiving office refuses the case, with a reason. */
export function rejectTransfer(caseId: string, reason: string): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId, '/transfer/reject'), { method: 'POST', body: { reason } });
}

/** POST /api/cases/{id}/transfer/cancel: the sending office takes a pending transfer back. */
export function cancelTransfer(caseId: string): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId, '/transfer/cancel'), { method: 'POST' });
}

export function acceptTransfer(caseId: string): Promise<CaseView> {
  return apiRequest<CaseView>(caseUrl(caseId, '/transfer/accept'), { method: 'POST' });
}

export function listAudit(
  caseId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<AuditEntry>> {
  return apiRequest<Page<AuditEntry>>(caseUrl(caseId, `/audit${pageQuery(cursor)}`), withSignal(signal));
}
