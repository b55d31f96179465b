/** The caseload feature's API calls (see the Cases and dashboard sections of the API contract). */
import type { Dashboard } from '../../../../functions/cases/case-files';
import type { PriorityLevel } from '../../../../functions/domain/case-decisions';
import type { Client } from '../../../../functions/domain/case-file';
import { apiRequest, type Page } from '../../shared/api-client';
import type { CaseView } from '../../shared/case-view';

export type { CaseView, Dashboard };

/** A case type as `GET /api/case-types` lists it. */
export interface CaseTypeSummary {
  id: string;
  title: string;
  description?: string;
  publishedVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface CaseFilters {
  stage?: string;
  priority?: PriorityLevel;
  overdue?: boolean;
}

export interface NewCase {
  client: Client;
  caseType: string;
  /** Opens the case although its client's NIK is already recorded in the office (409 otherwise). */
  confirmDuplicate?: boolean;
}

/** GET /api/cases: the caller's caseload (the server decides the scope), as the server orders it. */
export function listCases(
  filters: CaseFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<CaseView>> {
  const query = new URLSearchParams();
  if (filters.stage) query.set('stage', filters.stage);
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.overdue) query.set('overdue', 'true');
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return apiRequest<Page<CaseView>>(`/api/cases${text ? `?${text}` : ''}`, signal ? { signal } : {});
}

/** GET /api/dashboard: counts by stage, by priority, and overdue, for the caller's scope. */
export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return apiRequest<Dashboard>('/api/dashboard', signal ? { signal } : {});
}

/** POST /api/cases: opens a case in the caller's office (a worker's own; a supervisor's unassigned). */
export function createCase(input: NewCase): Promise<CaseView> {
  return apiRequest<CaseView>('/api/cases', { method: 'POST', body: input });
}

/** GET /api/case-types: the case types there are (one page of up to 100); a case opens with a published one. */
export function listCaseTypes(signal?: AbortSignal): Promise<Page<CaseTypeSummary>> {
  return apiRequest<Page<CaseTypeSummary>>('/api/case-types?limit=100', signal ? { signal } : {});
}

/** A case waiting on the supervisor's office, as the inbox lists it. */
export interface InboxItem {
  caseId: string;
  clientName: string;
  caseType: string;
  stage: string;
  fromOffice?: string;
  toOffice?: string;
  reason?: string;
  due?: string;
  to?: string;
  requestedBy?: string;
  requestedAt?: string;
}

/** GET /api/transfers?direction=incoming: transfers addressed to the supervisor's office. */
export function listIncomingTransfers(signal?: AbortSignal): Promise<Page<InboxItem>> {
  return apiRequest<Page<InboxItem>>('/api/transfers?direction=incoming&limit=100', signal ? { signal } : {});
}

/** GET /api/approvals: moves in the supervisor's office waiting for approval. */
export function listApprovals(signal?: AbortSignal): Promise<Page<InboxItem>> {
  return apiRequest<Page<InboxItem>>('/api/approvals?limit=100', signal ? { signal } : {});
}
