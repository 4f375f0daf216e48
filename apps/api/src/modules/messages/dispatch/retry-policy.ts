export interface RetryPolicyOptions {
  /** First retry after about this long; each next one doubles it. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

export type RetryDecision = { kind: 'retry'; at: Date } | { kind: 'give-up' };

/**
 * When a transient failure is tried again: exponential backoff with ±20 % jitter (so a crowd of
 * messages that failed together does not come back together), never past the message's give-up time.
 * `minimumDelayMs` honours a server that said how long to wait (e.g. a daily quota).
 */
export function nextAttempt(
  attempts: number,
  now: Date,
  giveUpAt: Date,
  options: RetryPolicyOptions,
  random: () => number = Math.random,
  minimumDelayMs = 0,
): RetryDecision {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (0.8 + 0.4 * random());
  const delay = Math.max(jittered, minimumDelayMs);
  const at = new Date(now.getTime() + delay);
  if (at.getTime() > giveUpAt.getTime()) {
    // One last try exactly at the deadline is still worth it, unless the deadline has passed.
    return giveUpAt.getTime() > now.getTime() ? { kind: 'retry', at: giveUpAt } : { kind: 'give-up' };
  }
  return { kind: 'retry', at };
}
