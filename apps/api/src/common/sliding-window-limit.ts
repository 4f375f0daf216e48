/**
 * At most `limit` events per key in any rolling `windowMs`, in this process. For the few operations a
 * caller could use to make the server knock on other doors (connection tests): each process counts
 * its own, which bounds the rate by the number of processes.
 */
export class SlidingWindowLimit {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an event and returns 0, or returns how many milliseconds until one is allowed (not counted). */
  take(key: string): number {
    const t = this.now();
    const recent = (this.events.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return this.windowMs - (t - (recent[0] as number));
    }
    recent.push(t);
    this.events.set(key, recent);
    if (this.events.size > 10_000) {
      for (const [k, list] of this.events) if (list.every((at) => t - at >= this.windowMs)) this.events.delete(k);
    }
    return 0;
  }
}
