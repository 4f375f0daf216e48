/**
 * Values kept for a moment, for reads that every request repeats (settings, policies, texts).
 * A change made in this process is forgotten at once by its key prefix; one made by another process
 * is seen within `ttlMs`. Cached values are deep-frozen: a reader that tried to change one would
 * throw, so sharing them is safe without copying.
 *
 * Readers that miss at the same moment share one load: when an entry expires under load, twenty
 * messages in flight would otherwise each read and decrypt the same settings row.
 */
export class ShortCache {
  private readonly entries = new Map<string, { until: number; value: unknown }>();
  private readonly loading = new Map<string, Promise<unknown>>();
  /** Bumped by `forget`: a load that began before a change must not store what it read. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const loaded = Promise.resolve()
      .then(load)
      .then((value) => {
        const frozen = deepFreeze(value);
        if (generation === this.generation) {
          if (this.entries.size >= this.maxEntries) this.entries.clear();
          this.entries.set(key, { until: Date.now() + this.ttlMs, value: frozen });
        }
        return frozen;
      });
    const settled = () => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    };
    loaded.then(settled, settled);
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forget every key that starts with `prefix` (e.g. everything of one company). */
  forget(prefix: string): void {
    this.generation += 1;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    for (const key of this.loading.keys()) if (key.startsWith(prefix)) this.loading.delete(key);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
