import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** A promise-chain mutex: each holder runs after the previous one has finished. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * TypeORM talks to SQLite through one connection, and its transactions are async: two requests that
 * each open a transaction would interleave on that one connection ("cannot start a transaction within
 * a transaction"), and a write from elsewhere would slip into somebody else's transaction. So on SQLite
 * every transaction holds a lock for its whole length, and every other statement waits for the lock
 * and runs alone. SQLite allows one writer at a time anyway, so nothing is lost.
 */
export function serializeSqliteAccess(db: DataSource): void {
  const lock = new Mutex();
  const inTransaction = new AsyncLocalStorage<true>();
  const manager = db.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    inTransaction.getStore()
      ? transaction(...args)
      : lock.run(() => inTransaction.run(true, () => transaction(...args)))) as EntityManager['transaction'];

  // Migrations open their own transactions: they too run as one holder of the lock.
  for (const method of ['runMigrations', 'undoLastMigration'] as const) {
    const original = db[method].bind(db) as (...args: unknown[]) => Promise<unknown>;
    (db as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => lock.run(() => inTransaction.run(true, () => original(...args)));
  }

  const runner: QueryRunner = db.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => (inTransaction.getStore() ? query(...args) : lock.run(() => query(...args)))) as QueryRunner['query'];
  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = (isolation) => {
    if (!inTransaction.getStore()) {
      // An implicit transaction (e.g. repository.save outside db.transaction) cannot be told apart from
      // other requests' statements on the one connection: use insert/update, or db.transaction.
      return Promise.reject(new Error('On SQLite, open transactions only through db.transaction(...) (repository.save outside one starts its own).'));
    }
    return startTransaction(isolation);
  };
}
