import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { MaestroNamingStrategy } from './naming-strategy';
import { serializeSqliteAccess } from './sqlite-serialization';

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
      // WAL lets the dispatcher write while readers read; busy_timeout rides out short write locks.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: target.mariadb ? 'mariadb' : 'mysql',
    url: target.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    extra: { connectionLimit: 20 },
  };
}

/** Open the database and bring its schema up to date with the migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<DataSource> {
  const resolved = target.kind === 'mysql' && target.mariadb === undefined ? { ...target, mariadb: await detectMariaDb(target.url) } : target;
  const dataSource = new DataSource(dataSourceOptions(resolved));
  await dataSource.initialize();
  if (dataSource.options.type === 'better-sqlite3') serializeSqliteAccess(dataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
