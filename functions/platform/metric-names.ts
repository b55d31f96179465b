/**
 * Kawal's own CloudWatch metrics, declared once: the handlers record them (./metrics.ts) and the CDK
 * dashboard draws them (cdk/lib/monitoring.ts). Data only, so the CDK app can read it without
 * building a Powertools instance.
 */

/** The namespace (POWERTOOLS_METRICS_NAMESPACE in Lambda). */
export const METRICS_NAMESPACE = 'Kawal';

/** The counters use cases and jobs add to, by metric name, with what one unit is. */
export const COUNTERS = {
  Submissions: 'a form submission written to a case (a replayed request is not counted again)',
  DecisionsEvaluated:
    'a ruleset run on a case: at creation, a submission, an update, a move, a closing, a publish or the daily run',
  SweepExamined: 'a case the deadline sweep read (due before today, not yet marked)',
  SweepMarked: 'a case the deadline sweep marked overdue',
  SweepOffices: 'an office whose deadline sweep a run finished',
} as const;

export type Counter = keyof typeof COUNTERS;

/** The metric every 4xx answer adds one to, with its error code as the `code` dimension. */
export const REFUSALS = 'Refusals';
