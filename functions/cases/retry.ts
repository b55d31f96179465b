/**
 * Honest concurrent use: when a write loses a race on the case's version (another submission, the
 * daily run, a colleague's note), the use case is run again from a fresh read after a short random
 * pause ("full jitter", doubling), so only a person's edit that really conflicts ends in 409.
 * Only for operations that re-read and re-check everything when repeated.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../platform/errors';

export const RETRY_ATTEMPTS = 8;
/** Retries stop after this long, well inside the handler's timeout: a 409 beats a timeout. */
export const RETRY_BUDGET_MS = 3000;

/** Whether another attempt may start: attempts left, and time left in the budget. */
export const mayRetry = (attempt: number, startedAt: number) =>
  attempt < RETRY_ATTEMPTS && Date.now() - startedAt < RETRY_BUDGET_MS;

/** A random pause before attempt `attempt` (1-based), up to 10 ms × 2^attempt, at most 320 ms. */
export const backoff = (attempt: number) => sleep(Math.random() * Math.min(320, 10 * 2 ** attempt));

/** Runs `operation`, again after a pause each time it ends in `conflict`, within the attempts and the budget. */
export async function withRetries<T>(operation: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict' || !mayRetry(attempt, startedAt))
        throw error;
      await backoff(attempt);
    }
  }
}
