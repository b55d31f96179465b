/** What waits on a supervisor's office: transfers coming in or going out, and moves to approve. */
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { listInbox } from '../store/cases-repo';
import type { Page } from '../store/cursor';

function officeOf(user: User): string {
  if (!user.roles.includes('supervisor') || user.office === null) throw new AppError('forbidden');
  return user.office;
}

export function listTransfers(
  user: User,
  direction: 'incoming' | 'outgoing',
  limit: number,
  cursor?: string,
): Promise<Page<Record<string, unknown>>> {
  return listInbox(officeOf(user), direction === 'incoming' ? 'TRANSFER-IN' : 'TRANSFER-OUT', limit, cursor);
}

export function listApprovals(
  user: User,
  limit: number,
  cursor?: string,
): Promise<Page<Record<string, unknown>>> {
  return listInbox(officeOf(user), 'APPROVAL', limit, cursor);
}
