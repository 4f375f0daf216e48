import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Logger } from '../common/logger';
import type { AppConfig } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { MaestroNamingStrategy } from './naming-strategy';
import { neverPoolAnOpenTransaction, readCommittedMysql2 } from './mysql-connections';
import { SQLITE_BUSY_TIMEOUT_MS, serializeSqliteAccess, type SqliteAccessOptions } from './sqlite-serialization';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string; mariadb?: boolean };

/** TypeORM reads MariaDB's catalogue differently from MySQL's, so it must know which it talks to. */
async function detectMariaDb(url: string): Promise<boolean> {
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version));
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    namingStrategy: new MaestroNamingStrategy(),
  } as const;
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.file,
      // better-sqlite3 waits for another process's lock synchronously, freezing the event loop: its own
      // wait is short, and the longer wait (MAESTRO_SQLITE_LOCK_WAIT_MS) is asynchronous, see
      // serializeSqliteAccess.
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      // WAL lets the dispatcher write while readers read.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        // better-sqlite3 builds SQLite to sync a WAL only at checkpoints (NORMAL): a power cut could then
        // lose transactions already answered "ok". FULL syncs each COMMIT; writes of one turn share one.
        db.pragma('synchronous = FULL');
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: target.mariadb ? 'mariadb' : 'mysql',
    driver: readCommittedMysql2(),
    url: target.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    // mysql2 would capture a stack trace before every statement, to give a failed one its caller's
    // frames (2 % of a worker's CPU); TypeORM's QueryFailedError carries them already.
    trace: false,
    extra: { connectionLimit: 20 },
  };
}

export interface OpenOptions {
  /** SQLite: how long a write waits for another process's lock before it is refused. */
  sqliteLockWaitMs?: number;
  onRecovery?: SqliteAccessOptions['onRecovery'];
}

/** The default of MAESTRO_SQLITE_LOCK_WAIT_MS. */
export const DEFAULT_SQLITE_LOCK_WAIT_MS = 2000;

/** Open the database and bring its schema up to date with the migrations. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<DataSource> {
  const resolved = target.kind === 'mysql' && target.mariadb === undefined ? { ...target, mariadb: await detectMariaDb(target.url) } : target;
  const dataSource = new DataSource(dataSourceOptions(resolved));
  await dataSource.initialize();
  if (dataSource.options.type === 'better-sqlite3') {
    serializeSqliteAccess(dataSource, { lockWaitMs: options.sqliteLockWaitMs ?? DEFAULT_SQLITE_LOCK_WAIT_MS, onRecovery: options.onRecovery });
  } else {
    neverPoolAnOpenTransaction(dataSource);
  }
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** The waits from the configuration, and a log line whenever a failed write's connection is rolled back or replaced. */
export function databaseOptions(config: Pick<AppConfig, 'databaseWaits'>, log: Logger): OpenOptions {
  return {
    sqliteLockWaitMs: config.databaseWaits.sqliteLockWaitMs,
    onRecovery: (what, code) => log.warn({ what, code }, 'a failed database write was cleaned up'),
  };
}
