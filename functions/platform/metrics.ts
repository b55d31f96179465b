/**
 * What Kawal counts, as CloudWatch metrics (Powertools Metrics, embedded metric format in the function's
 * log): the port use cases and jobs record through, so nothing below the handlers knows Powertools. The
 * metrics are declared in ./metric-names.ts. Namespace POWERTOOLS_METRICS_NAMESPACE (`Kawal`); dimensions
 * `service` (POWERTOOLS_SERVICE_NAME, one per function) and `stage` (KAWAL_STAGE, set by the
 * deployment), plus `code` on refusals: a handful of values each, so the number of metrics stays small.
 * Counts add up in the process and are written once per invocation by `flushMetrics` (./http.ts, ./job.ts).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger';
import type { ErrorCode } from './messages';
import { type Counter, METRICS_NAMESPACE, REFUSALS } from './metric-names';
import { powertoolsDefaults } from './powertools-defaults';

export type { Counter } from './metric-names';

powertoolsDefaults();
const stage = process.env.KAWAL_STAGE;
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'kawal',
  ...(stage ? { defaultDimensions: { stage } } : {}),
  // Its own warnings (a bad dimension) go through the one logger, at its level.
  logger,
});

const pending = new Map<Counter, number>();

/** Adds to a counter; written with the invocation's other counts by `flushMetrics`. */
export function count(counter: Counter, value = 1): void {
  if (value <= 0) return;
  pending.set(counter, (pending.get(counter) ?? 0) + value);
}

/** Counts a 4xx answer by its error code; written at once as its own record, with the code dimension. */
export function countRefusal(code: ErrorCode): void {
  const single = metrics.singleMetric();
  single.addDimension('code', code);
  single.addMetric(REFUSALS, MetricUnit.Count, 1);
}

/** Writes the invocation's counts (one EMF record) and starts over; nothing is written when nothing was counted. */
export function flushMetrics(): void {
  for (const [counter, value] of pending) metrics.addMetric(counter, MetricUnit.Count, value);
  pending.clear();
  // Powertools warns on every flush without metrics: most requests count nothing.
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
