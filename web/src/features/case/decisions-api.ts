/**
 * `GET /api/cases/{id}/decisions`: what the rules say about the case today, each programme with its
 * conditions as sentences with the values used, and the headline facts of its case type (the RRI
 * score and category).
 */
import type { CaseDecisions } from '../../../../functions/cases/evaluate-case';
import { apiRequest } from '../../shared/api-client';

export type { CaseDecisions };
export type ProgrammeDecision = CaseDecisions['eligibility'][number];
export type HeadlineFact = CaseDecisions['headline'][number];

export function getCaseDecisions(caseId: string, signal?: AbortSignal): Promise<CaseDecisions> {
  return apiRequest<CaseDecisions>(`/api/cases/${encodeURIComponent(caseId)}/decisions`, {
    ...(signal ? { signal } : {}),
  });
}
