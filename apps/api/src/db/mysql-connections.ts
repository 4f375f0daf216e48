import mysql2, { type PoolOptions, type PoolConnection } from 'mysql2';
import type { DataSource, QueryRunner } from 'typeorm';

/** The level every transaction of the product runs at on MySQL/MariaDB (db/transaction.ts says why). */
const SET_READ_COMMITTED = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';

/**
 * mysql2, whose pooled connections are set to READ COMMITTED as they connect, before anything else
 * runs on them (mysql2 runs a connection's commands in order). A transaction then needs no
 * `SET TRANSACTION` of its own: one round trip less for every claim round and every save. A connection
 * the setting fails on is closed, never used at the server's default level (REPEATABLE READ).
 */
export function readCommittedMysql2(): typeof mysql2 {
  return {
    ...mysql2,
    createPool(config: PoolOptions) {
      const pool = mysql2.createPool(config);
      pool.on('connection', (connection: PoolConnection) => {
        connection.query(SET_READ_COMMITTED, (err) => {
          if (err) connection.destroy();
        });
      });
      return pool;
    },
  } as typeof mysql2;
}

interface MysqlRunnerInternals {
  isTransactionActive: boolean;
  databaseConnection?: { destroy(): void } | null;
}

/**
 * A pooled MySQL connection whose transaction did not end cleanly (its COMMIT and then its ROLLBACK
 * failed: the server went away, the connection was killed) is destroyed, never handed back to the
 * pool: the next request would otherwise run inside that open transaction, or on a dead socket.
 * mysql2 removes connections that end or fail on their own; this covers the ones that look alive.
 */
export function neverPoolAnOpenTransaction(db: DataSource): void {
  const driver = db.driver as unknown as { createQueryRunner(mode?: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode?: string) => {
    const runner = create(mode);
    const release = runner.release.bind(runner);
    runner.release = () => {
      const internals = runner as unknown as MysqlRunnerInternals;
      if (internals.isTransactionActive && internals.databaseConnection) {
        internals.databaseConnection.destroy();
        internals.isTransactionActive = false;
      }
      return release();
    };
    return runner;
  };
}
