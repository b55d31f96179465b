/**
 * Deciding a request that waits for the Kabapas: from the case page and from the supervisor's inbox
 * on the caseload, so it lives below both.
 */
import { apiRequest } from './api-client';
import type { CaseView } from './case-view';

/**
 * Supervisor of the case's office: approves the pending move (it is made) or returns it to the PK.
 * `approvalId` names the request decided (`current`: whichever is pending).
 */
export function decideApproval(
  caseId: string,
  approvalId: string | undefined,
  input: { decision: 'approve' | 'return'; comment?: string },
): Promise<CaseView> {
  const path = `/api/cases/${encodeURIComponent(caseId)}/approvals/${encodeURIComponent(approvalId ?? 'current')}`;
  return apiRequest<CaseView>(path, { method: 'POST', body: input });
}
