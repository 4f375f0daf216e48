import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DatabaseUnavailableError, TransactionNotCommittedError, databaseErrorCode, isDatabaseUnavailable, isSqliteBusy } from './database-unavailable';

/** A promise-chain mutex: each holder runs after the previous one has finished. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The parts of better-sqlite3's Database this module uses. */
interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
  close(): unknown;
}

/**
 * Read from the connection each time: a ROLLBACK that did not throw may still leave the connection
 * inside a transaction, or closed, and the compiler would keep the answer it narrowed to before it.
 */
const inOpenTransaction = (conn: SqliteConnection): boolean => conn.open && conn.inTransaction;

/** The TypeORM internals the connection is swapped under (better-sqlite3 driver and its one query runner). */
interface SqliteDriverInternals {
  databaseConnection: SqliteConnection;
  createDatabaseConnection(): Promise<SqliteConnection>;
}
interface SqliteRunnerInternals {
  isTransactionActive: boolean;
  transactionDepth: number;
  stmtCache?: Map<string, unknown>;
}

export interface SqliteAccessOptions {
  /**
   * How long one statement or transaction waits, in total, for another process's write lock before it
   * is refused (DATABASE_UNAVAILABLE). The wait is asynchronous: SQLite's own busy timeout is kept
   * short because better-sqlite3 blocks the event loop while it waits.
   */
  lockWaitMs: number;
  /** Told when the connection is rolled back or replaced after a failure (for the log). */
  onRecovery?: (what: 'rolled-back' | 'replaced' | 'replace-failed', code: string) => void;
}

/** SQLite's own busy timeout per try: short, since it blocks the event loop. */
export const SQLITE_BUSY_TIMEOUT_MS = 25;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A write outside any transaction, waiting to be committed with the others of its turn. */
interface PendingWrite {
  args: unknown[];
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** Statements that change rows; a read is answered at once, never held for a COMMIT. */
const isWrite = (sql: unknown): boolean => typeof sql === 'string' && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

/**
 * TypeORM talks to SQLite through one connection, and its transactions are async: two requests that
 * each open a transaction would interleave on that one connection ("cannot start a transaction within
 * a transaction"), and a write from elsewhere would slip into somebody else's transaction. So on SQLite
 * every transaction holds a lock for its whole length, and every other statement waits for the lock
 * and runs alone. SQLite allows one writer at a time anyway, so nothing is lost.
 *
 * Failures: a transaction takes SQLite's write lock at its start (BEGIN IMMEDIATE), where waiting for
 * another process's lock can be repeated safely, and it waits asynchronously, with backoff, up to
 * `lockWaitMs`. When a transaction fails (a COMMIT the disk refused, an I/O error mid-way) the
 * connection is rolled back, or closed and opened again when it cannot be, and TypeORM's idea of the
 * transaction is reset: otherwise the next requests run inside a transaction that never commits, and
 * are answered "ok" for work that is lost. A transaction that returns while the connection is still
 * inside it is refused the same way: nothing is answered "ok" unless its COMMIT happened.
 */
export function serializeSqliteAccess(db: DataSource, options: SqliteAccessOptions): void {
  const lock = new Mutex();
  const inTransaction = new AsyncLocalStorage<true>();
  const driver = db.driver as unknown as SqliteDriverInternals;
  const runner: QueryRunner = db.createQueryRunner();
  const state = runner as unknown as SqliteRunnerInternals;
  let needsNewConnection = false;
  // After a wait for another process's lock ran out, the holders queued behind it try once and
  // answer at once, instead of each waiting the whole time again.
  let busyGaveUpAt = 0;

  const connection = () => driver.databaseConnection;

  /** Close the connection and open a new one (its prepared statements belong to the old one). */
  const replaceConnection = async (code: string) => {
    try {
      if (connection().open) connection().close();
    } catch {
      // Closing a connection the disk refuses may fail; the new one is what matters.
    }
    state.stmtCache?.clear();
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    try {
      driver.databaseConnection = await driver.createDatabaseConnection();
      needsNewConnection = false;
      options.onRecovery?.('replaced', code);
    } catch (err) {
      needsNewConnection = true;
      options.onRecovery?.('replace-failed', databaseErrorCode(err));
    }
  };

  /** Before each holder of the lock: a connection that was closed or left read-only is opened again. */
  const ensureUsable = async () => {
    if (!needsNewConnection && connection().open) return;
    await replaceConnection('reopen');
    if (needsNewConnection) throw new DatabaseUnavailableError('the SQLite file could not be opened');
  };

  /** After a failure: nothing may stay open on the one connection. */
  const settle = async (err: unknown) => {
    const code = databaseErrorCode(err);
    const conn = connection();
    let replace = /^SQLITE_READONLY/.test(code) || !conn.open;
    if (inOpenTransaction(conn)) {
      try {
        conn.exec('ROLLBACK');
        options.onRecovery?.('rolled-back', code);
      } catch {
        replace = true;
      }
      if (inOpenTransaction(conn)) replace = true;
    }
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    if (replace) await replaceConnection(code);
  };

  /** Runs `attempt` again while SQLite says another connection holds the lock, asynchronously, with backoff. */
  const waitingForLock = async <T>(attempt: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const budget = started - busyGaveUpAt < 1000 ? 0 : options.lockWaitMs;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      try {
        const result = await attempt();
        busyGaveUpAt = 0;
        return result;
      } catch (err) {
        if (!isSqliteBusy(err)) throw err;
        if (Date.now() - started + pause > budget) {
          busyGaveUpAt = Date.now();
          throw err;
        }
        await sleep(pause);
      }
    }
  };

  const manager = db.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const guardedTransaction = async (...args: unknown[]) => {
    await ensureUsable();
    try {
      const result = await transaction(...args);
      if (connection().inTransaction) throw new TransactionNotCommittedError();
      return result;
    } catch (err) {
      await settle(err);
      throw err;
    }
  };
  manager.transaction = ((...args: unknown[]) =>
    inTransaction.getStore() ? transaction(...args) : lock.run(() => inTransaction.run(true, () => guardedTransaction(...args)))) as EntityManager['transaction'];

  // Migrations open their own transactions: they too run as one holder of the lock.
  for (const method of ['runMigrations', 'undoLastMigration'] as const) {
    const original = db[method].bind(db) as (...args: unknown[]) => Promise<unknown>;
    (db as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => lock.run(() => inTransaction.run(true, () => original(...args)));
  }

  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;

  /** A statement on its own commits or fails on its own: on failure it may be tried again. */
  const alone = async (args: unknown[]) => {
    await ensureUsable();
    try {
      const result = await waitingForLock(() => query(...args));
      if (connection().inTransaction) throw new TransactionNotCommittedError();
      return result;
    } catch (err) {
      if (isDatabaseUnavailable(err)) await settle(err);
      throw err;
    }
  };

  /**
   * Writes that arrive in the same turn of the event loop (the requests and sends it woke up for) are
   * committed together: one COMMIT, so one sync of the WAL to disk, instead of one each. Each caller
   * is answered only after that COMMIT, so nothing is acknowledged that is not stored. A statement
   * that fails on its own (a constraint) is undone alone by SQLite while the others go on; when the
   * transaction itself is lost (the disk refused, the COMMIT failed), every caller in it is refused.
   */
  const committedTogether = async (writes: PendingWrite[]) => {
    if (writes.length === 1) {
      const [write] = writes as [PendingWrite];
      return alone(write.args).then(write.resolve, write.reject);
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await ensureUsable();
      await waitingForLock(() => query('BEGIN IMMEDIATE TRANSACTION'));
      for (const write of writes) {
        try {
          outcomes.push({ ok: true, value: await query(...write.args) });
        } catch (error) {
          if (isDatabaseUnavailable(error) || !inOpenTransaction(connection())) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      await query('COMMIT');
      if (connection().inTransaction) throw new TransactionNotCommittedError();
    } catch (err) {
      await settle(err);
      for (const write of writes) write.reject(err);
      return;
    }
    writes.forEach((write, i) => {
      const outcome = outcomes[i] as (typeof outcomes)[number];
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  };

  let waitingWrites: PendingWrite[] = [];
  const writeWithOthers = (args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      waitingWrites.push({ args, resolve, reject });
      if (waitingWrites.length > 1) return;
      // After the loop's other callbacks of this turn, so that their writes join this one.
      setImmediate(() => {
        void lock.run(() => {
          const writes = waitingWrites;
          waitingWrites = [];
          return committedTogether(writes);
        });
      });
    });

  runner.query = ((...args: unknown[]) => {
    if (inTransaction.getStore()) {
      // TypeORM begins DEFERRED; IMMEDIATE takes the write lock now, where a wait can be repeated.
      if (args[0] === 'BEGIN TRANSACTION') return waitingForLock(() => query('BEGIN IMMEDIATE TRANSACTION'));
      return query(...args);
    }
    if (isWrite(args[0])) return writeWithOthers(args);
    return lock.run(() => alone(args));
  }) as QueryRunner['query'];
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
