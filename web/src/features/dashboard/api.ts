/** The dashboard feature's API call: the counts. */
import type { Dashboard } from '../../../../functions/cases/case-files';
import { apiRequest } from '../../shared/api-client';

export type { Dashboard };

/** GET /api/dashboard: counts, workload per PK and the weekly overdue series for the caller's scope. */
export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return apiRequest<Dashboard>('/api/dashboard', signal ? { signal } : {});
}
