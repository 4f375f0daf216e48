/**
 * Refuses further attempts for a key after a few failures, for a window that doubles with each
 * failure (capped), forgiven on success. Keyed by (username, client address) and by client address:
 * a key never names a user alone, so nobody can lock a user out by failing from addresses of their own.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();
  /** Attempts begun and not yet judged, by key: parallel guesses count before their answers come. */
  private readonly underway = new Map<string, number>();

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

  /**
   * Milliseconds until an attempt may begin for these keys; 0 when it may begin now. Besides a block,
   * attempts already under way count against the free attempts left (at least one at a time), so that
   * guesses sent all at once are no more than guesses sent one after another would be.
   */
  admits(keys: readonly string[]): number {
    const blocked = this.retryAfterMs(keys);
    if (blocked > 0) return blocked;
    const busy = keys.some((key) => (this.underway.get(key) ?? 0) >= Math.max(1, this.freeAttempts - (this.failures.get(key)?.count ?? 0)));
    return busy ? this.baseBlockMs : 0;
  }

  /** An attempt begins (after admits said 0); end it once it is judged, whatever the outcome. */
  begin(keys: readonly string[]): void {
    for (const key of keys) this.underway.set(key, (this.underway.get(key) ?? 0) + 1);
  }

  end(keys: readonly string[]): void {
    for (const key of keys) {
      const left = (this.underway.get(key) ?? 1) - 1;
      if (left > 0) this.underway.set(key, left);
      else this.underway.delete(key);
    }
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

/**
 * The slow-down that never refuses: password checks run a few at a time for the whole process (a
 * flood of guesses queues up behind them instead of taking the CPU), and a wrong password for a name
 * that many addresses are guessing at is answered a little later each time (capped). Guessing from a
 * thousand addresses gets slow; the real user, with the right password, gets in from any address.
 */
export class LoginSlowdown {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly concurrentChecks = 4,
    private readonly freeFailures = 10,
    private readonly maxDelayMs = 2000,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs one password check when its turn comes (first come, first served). */
  async check<T>(run: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrentChecks) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await run();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /** How long to hold back the answer to a wrong password for this name; counts the failure. */
  failureDelayMs(key: string): number {
    const t = this.now();
    const entry = this.failures.get(key);
    const current = entry && t - entry.since < this.windowMs ? entry : { count: 0, since: t };
    current.count += 1;
    this.failures.set(key, current);
    if (this.failures.size > 100_000) {
      for (const [k, e] of this.failures) if (t - e.since >= this.windowMs) this.failures.delete(k);
    }
    const over = current.count - this.freeFailures;
    return over > 0 ? Math.min(this.maxDelayMs, 50 * 2 ** Math.min(over, 16)) : 0;
  }
}
