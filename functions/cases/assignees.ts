/** Who may hold a case: an active worker of the case's office, as the users directory says. */
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { getUser } from '../store/users-repo';

/**
 * Refuses (422 `invalid_assignee`) anyone who is not an active worker of `office`: unknown, disabled,
 * of another office, or not a worker. A worker taking a case of their own office themselves is
 * trusted from their token.
 */
export async function assertAssignable(caller: User, office: string, assignee: string): Promise<void> {
  if (assignee === caller.id && caller.roles.includes('worker') && caller.office === office) return;
  const person = await getUser(assignee);
  if (!person?.active || !person.roles.includes('worker') || person.office !== office) {
    throw new AppError('invalid_assignee');
  }
}
