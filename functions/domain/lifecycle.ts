/**
 * The stages a case moves through and the moves allowed between them, declared once. Forward in
 * order; monitoring and accompaniment back and forth; back to planning to revise the plan; any open
 * stage to terminated (the termination rules decide whether it may close); out of terminated only by
 * a supervisor's reopen.
 */
import type { Role } from '../platform/claims';

export const STAGES = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'monitoring',
  'accompaniment',
  'terminated',
] as const;
export type Stage = (typeof STAGES)[number];

export const MOVES: Readonly<Record<Stage, readonly Stage[]>> = {
  intake: ['assessment', 'terminated'],
  assessment: ['planning', 'terminated'],
  planning: ['intervention', 'terminated'],
  intervention: ['monitoring', 'planning', 'terminated'],
  monitoring: ['accompaniment', 'planning', 'terminated'],
  accompaniment: ['monitoring', 'planning', 'terminated'],
  terminated: [],
};

/** Where a supervisor may reopen a terminated case. */
export const REOPEN_TO: readonly Stage[] = ['intake', 'assessment', 'planning', 'monitoring'];

export type TransitionCheck = 'ok' | 'invalid' | 'supervisor_only';

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Whether a user with `roles` may move a case from `from` to `to`. */
export function checkTransition(from: Stage, to: Stage, roles: readonly Role[]): TransitionCheck {
  if (from === 'terminated') {
    if (!REOPEN_TO.includes(to)) return 'invalid';
    return roles.includes('supervisor') ? 'ok' : 'supervisor_only';
  }
  return MOVES[from].includes(to) ? 'ok' : 'invalid';
}
