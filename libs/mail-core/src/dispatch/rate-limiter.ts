/** Time as the dispatcher sees it; tests inject a clock they move by hand. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Lets a message start only when the account's per-minute limit allows. In-process here; the API
 * supplies one that holds across workers (in the database) behind the same interface.
 */
export interface RateLimiter {
  /** Resolves when one more message may start for `key`; waiters are served first come, first served. */
  acquire(key: string, perMinute: number): Promise<void>;
}

const WINDOW_MS = 60_000;

interface KeyState {
  perMinute: number;
  /** Start times within the last minute, oldest first. */
  starts: number[];
  waiting: Array<() => void>;
  pumping: boolean;
}

/**
 * At most `perMinute` starts in any 60-second window, per key. A sliding window rather than a token
 * bucket: a bucket that holds a minute's worth of tokens lets twice the limit through in one rolling
 * minute (a full bucket, then the refill), which is exactly what a provider's limit counts.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly clock: Clock = systemClock) {}

  acquire(key: string, perMinute: number): Promise<void> {
    const limit = Math.max(1, Math.floor(perMinute));
    let state = this.keys.get(key);
    if (!state) {
      state = { perMinute: limit, starts: [], waiting: [], pumping: false };
      this.keys.set(key, state);
    }
    state.perMinute = limit;
    const granted = new Promise<void>((resolve) => state.waiting.push(resolve));
    if (!state.pumping) void this.pump(key, state);
    return granted;
  }

  private async pump(key: string, state: KeyState): Promise<void> {
    state.pumping = true;
    while (state.waiting.length > 0) {
      const now = this.clock.now();
      while (state.starts.length > 0 && (state.starts[0] as number) <= now - WINDOW_MS) state.starts.shift();
      if (state.starts.length < state.perMinute) {
        state.starts.push(now);
        (state.waiting.shift() as () => void)();
        continue;
      }
      await this.clock.sleep((state.starts[0] as number) + WINDOW_MS - now);
    }
    state.pumping = false;
    // Nothing waits and nothing counts any more: forget the key, so idle accounts cost no memory.
    if (state.starts.length === 0) this.keys.delete(key);
  }
}
