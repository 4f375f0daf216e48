import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseTarget } from '../../src/db/data-source';

export interface TestDatabase {
  label: 'sqlite' | 'mysql';
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** The databases every API suite runs on: SQLite always, MariaDB/MySQL when MYSQL_URL is set. */
export const DATABASE_KINDS: Array<'sqlite' | 'mysql'> = process.env.MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

/** A fresh, empty database of the given kind, dropped again by `drop()`. */
export async function createTestDatabase(kind: 'sqlite' | 'mysql'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'maestro-test-'));
    return {
      label: 'sqlite',
      target: { kind: 'sqlite', file: path.join(dir, 'test.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = new URL(process.env.MYSQL_URL as string);
  const name = `maestro_t_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    label: 'mysql',
    target: { kind: 'mysql', url: url.toString() },
    drop: async () => {
      const conn = await createConnection({ uri: base.toString() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
