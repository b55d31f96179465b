/** What the signed-in user may do on a case (the server checks again). */
import type { CaseView } from '../../shared/case-view';
import type { User } from '../auth/session';

export interface CaseAccess {
  user: User;
  /** The assigned worker or a supervisor of the case's office. */
  canWrite: boolean;
  /** A supervisor of the case's office. */
  supervisor: boolean;
  /** A supervisor of the office a pending transfer goes to. */
  receiving: boolean;
}

export function accessOf(user: User, kase: CaseView): CaseAccess {
  const isSupervisor = user.roles.includes('supervisor') && user.office !== null;
  const supervisor = isSupervisor && user.office === kase.office;
  const receiving = isSupervisor && kase.transfer !== null && kase.transfer.toOffice === user.office;
  const worker = user.roles.includes('worker') && kase.assignee === user.id;
  return { user, canWrite: worker || supervisor, supervisor, receiving };
}
