/**
 * Values kept for a moment, for reads that every request repeats (settings, policies, texts).
 * A change made in this process is forgotten at once by its key prefix; one made by another process
 * is seen within `ttlMs`. Cached values are deep-frozen: a reader that tried to change one would
 * throw, so sharing them is safe without copying.
 */
export class ShortCache {
  private readonly entries = new Map<string, { until: number; value: unknown }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as T;
    const value = deepFreeze(await load());
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { until: now + this.ttlMs, value });
    return value;
  }

  /** Forget every key that starts with `prefix` (e.g. everything of one company). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
