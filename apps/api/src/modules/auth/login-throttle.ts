/**
 * Slows password guessing: after a few failures for a username or an IP address, further attempts
 * are refused for a window that doubles with each failure (capped), then forgiven on success.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly freeAttempts = 5,
    private readonly baseBlockMs = 1000,
    private readonly maxBlockMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the next attempt is allowed for these keys; 0 when allowed now. */
  retryAfterMs(keys: readonly string[]): number {
    const t = this.now();
    return Math.max(0, ...keys.map((key) => (this.failures.get(key)?.blockedUntil ?? 0) - t));
  }

  recordFailure(keys: readonly string[]): void {
    const t = this.now();
    for (const key of keys) {
      const entry = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
      entry.count += 1;
      const over = entry.count - this.freeAttempts;
      if (over > 0) entry.blockedUntil = t + Math.min(this.maxBlockMs, this.baseBlockMs * 2 ** (over - 1));
      this.failures.set(key, entry);
    }
    if (this.failures.size > 100_000) this.forgetExpired(t);
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private forgetExpired(t: number): void {
    for (const [key, entry] of this.failures) if (entry.blockedUntil < t - this.maxBlockMs) this.failures.delete(key);
  }
}
