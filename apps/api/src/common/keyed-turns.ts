/** One holder at a time for each key; the others wait their turn, first come, first served. */
export class KeyedTurns {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let done: () => void = () => undefined;
    const tail = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.tails.set(key, tail);
    await before;
    try {
      return await work();
    } finally {
      done();
      // The last in line leaves nothing behind for its key.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
