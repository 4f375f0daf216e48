import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Read syscalls this process has made so far (Linux /proc/self/io). */
function readCalls(): number {
  const match = /^syscr: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  if (!match) throw new Error('/proc/self/io has no syscr line');
  return Number(match[1]);
}

/**
 * How many pages of a SQLite file one statement reads: run on a read-only connection of its own with an
 * empty page cache, where each page it touches is one read from the file (or its WAL). SQLite has no
 * count of rows read, as MariaDB's ANALYZE has; pages read is what a scan through a backlog shows as.
 * The schema is loaded first, so its pages are not counted.
 */
export function pagesReadBy(file: string, sql: string, ...params: unknown[]): number {
  const other = new Database(file, { readonly: true });
  try {
    other.prepare('SELECT count(*) FROM sqlite_master').get();
    const statement = other.prepare(sql);
    const before = readCalls();
    statement.all(...params);
    return readCalls() - before;
  } finally {
    other.close();
  }
}

/** The pages an index (or table) of a SQLite file takes, by its name. */
export function pagesOf(file: string, name: string): number {
  const other = new Database(file, { readonly: true });
  try {
    return (other.prepare('SELECT count(*) AS n FROM dbstat WHERE name = ?').get(name) as { n: number }).n;
  } finally {
    other.close();
  }
}
