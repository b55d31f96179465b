/** Translates DynamoDB SDK errors into the platform's typed errors. */
import { AppError } from '../platform/errors';

const UNAVAILABLE = new Set([
  'ResourceNotFoundException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'TimeoutError',
  'ServiceUnavailable',
  'InternalServerError',
  'RequestLimitExceeded',
]);

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && UNAVAILABLE.has(code) ? code : error.name;
}

/** True when a transaction or conditional write lost to a concurrent one. */
export function isConditionFailure(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ConditionalCheckFailedException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some(
    (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
  );
}

/** Runs a store call, turning an unreachable store into `store_unavailable` (503). */
export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = errorName(error);
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    if (UNAVAILABLE.has(name) || (cause?.code && UNAVAILABLE.has(cause.code))) {
      throw new AppError('store_unavailable', { cause: error });
    }
    throw error;
  }
}
