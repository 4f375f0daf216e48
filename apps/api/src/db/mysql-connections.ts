import type { DataSource, QueryRunner } from 'typeorm';

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
