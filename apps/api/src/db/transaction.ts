import type { DataSource, EntityManager } from 'typeorm';

const LOCK_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** InnoDB gave up a transaction to break a deadlock (or a lock wait): running it again is safe. */
export function isLockConflict(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return LOCK_ERRORS.has(e?.driverError?.code ?? e?.code ?? '');
}

/**
 * A transaction that survives lock conflicts. On MySQL/MariaDB it runs at READ COMMITTED, where a
 * locking read takes no gap locks (the usual cause of deadlocks between inserting and claiming
 * outbox rows): every pooled connection is set to it as it connects (readCommittedMysql2), so the
 * transaction needs no statement to say so. A deadlock victim is run again a few times after a short,
 * jittered pause.
 */
export async function transaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 20));
    }
  }
}
