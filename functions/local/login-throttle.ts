/**
 * Back-off for failed sign-ins on the local issuer (Cognito has its own in AWS): after a few failures
 * in a row for one account, or many from one address, each further try waits twice as long as the
 * last, up to 15 minutes. A success clears the account's count. Kept in memory: local mode is one process.
 */
export interface ThrottlePolicy {
  /** Failures allowed before waiting starts. */
  free: number;
  /** The first wait, in seconds; each further failure doubles it. */
  firstWaitSeconds: number;
  maxWaitSeconds: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, firstWaitSeconds: 1, maxWaitSeconds: 900 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, firstWaitSeconds: 1, maxWaitSeconds: 900 };

interface Entry {
  failures: number;
  until: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before `key` may try again; 0 when it may try now. */
  waitSeconds(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.until - this.now()) / 1000));
  }

  failed(key: string): void {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const over = failures - this.policy.free;
    const wait =
      over <= 0 ? 0 : Math.min(this.policy.maxWaitSeconds, this.policy.firstWaitSeconds * 2 ** (over - 1));
    this.entries.set(key, { failures, until: this.now() + wait * 1000 });
    // Bounded memory: forget the oldest keys beyond 10,000.
    if (this.entries.size > 10_000) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
