import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

export type DatabaseKind = 'SQLite' | 'MariaDB';

/** A fresh database for one scenario, and the environment that points the API, workers and CLI at it. */
export interface BenchDatabase {
  kind: DatabaseKind;
  env: Record<string, string>;
  /** Messages by status, straight from the outbox table. */
  statusCounts(): Promise<Record<string, number>>;
  drop(): Promise<void>;
}

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'maestro-bench-'));
  return {
    kind: 'SQLite',
    env: { MAESTRO_DATA_DIR: dir },
    async statusCounts() {
      throw new Error('statusCounts is asked of MariaDB only');
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server in MYSQL_URL, a database of our own on it (created now, dropped by drop()). */
export async function mysqlDatabase(mysqlUrl: string, purpose: string): Promise<BenchDatabase> {
  const name = `maestro_bench_${purpose}_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  const admin = await mysql.createConnection(mysqlUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dir = mkdtempSync(path.join(tmpdir(), 'maestro-bench-'));
  const env = {
    DATABASE_URL: url.toString(),
    // Every process on the database must open the same sealed secrets.
    MAESTRO_SECRET_KEY: randomBytes(32).toString('base64'),
    MAESTRO_DATA_DIR: dir,
  };
  return {
    kind: 'MariaDB',
    env,
    async statusCounts() {
      const conn = await mysql.createConnection(url.toString());
      try {
        const [rows] = await conn.query('SELECT status, COUNT(*) AS n FROM outbound_message GROUP BY status');
        return Object.fromEntries((rows as Array<{ status: string; n: number | string }>).map((r) => [r.status, Number(r.n)]));
      } finally {
        await conn.end();
      }
    },
    async drop() {
      const conn = await mysql.createConnection(mysqlUrl);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** "MariaDB 11.8.3" or "MySQL 8.4.0", for the machine line. */
export async function serverVersion(mysqlUrl: string): Promise<string> {
  const conn = await mysql.createConnection(mysqlUrl);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    const version = String((rows as Array<{ v: string }>)[0]?.v ?? '?');
    return /mariadb/i.test(version) ? `MariaDB ${version.split('-')[0]}` : `MySQL ${version}`;
  } finally {
    await conn.end();
  }
}
