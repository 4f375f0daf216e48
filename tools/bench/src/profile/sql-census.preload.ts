/**
 * Preloaded into the API and workers by `npm run bench -- --profile` (node --require): counts the SQL
 * statements TypeORM runs, by statement text, and writes them as JSON to $BENCH_SQL_CENSUS at exit.
 * A CPU profile shows that time goes into the database layer; this shows which statements and how many
 * per message. Nothing in the API is changed: the query runners' `query` is wrapped from outside.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface SqlCensusEntry {
  sql: string;
  count: number;
  /** From the call to the answer, including waiting for the database (and, on SQLite, other work). */
  totalMs: number;
}

const target = process.env.BENCH_SQL_CENSUS;
const entries = new Map<string, SqlCensusEntry>();

const normalized = new Map<string, string>();

/** The statement without its long column lists, so the WHERE clause stays readable. */
function normalize(sql: string): string {
  let text = normalized.get(sql);
  if (text === undefined) {
    text = sql
      .replace(/\s+/g, ' ')
      .replace(/^SELECT (?:(?!\bFROM\b).){120,}? FROM /, 'SELECT … FROM ')
      .replace(/^(INSERT INTO \S+)\s*\([^)]*\)\s*VALUES.*$/, '$1(…) VALUES (…)')
      .replace(/\((?:\s*\?\s*,)+\s*\?\s*\)/g, '(?…)')
      .trim()
      .slice(0, 400);
    normalized.set(sql, text);
  }
  return text;
}

type QueryFn = (this: unknown, sql: string, ...rest: unknown[]) => Promise<unknown>;

function wrap(runnerModule: string, className: string): void {
  let exported: Record<string, { prototype: { query: QueryFn } }>;
  try {
    // Resolved the way the API resolves it (the repository's node_modules), not from tools/bench.
    const load = createRequire(path.join(process.cwd(), 'apps/api/package.json'));
    exported = load(runnerModule) as typeof exported;
  } catch {
    return;
  }
  const runner = exported[className];
  if (!runner) return;
  const original = runner.prototype.query;
  runner.prototype.query = async function (this: unknown, sql: string, ...rest: unknown[]) {
    const started = performance.now();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      const key = normalize(sql);
      const entry = entries.get(key) ?? { sql: key, count: 0, totalMs: 0 };
      entry.count += 1;
      entry.totalMs += performance.now() - started;
      entries.set(key, entry);
    }
  };
}

if (target) {
  wrap('typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner', 'BetterSqlite3QueryRunner');
  wrap('typeorm/driver/mysql/MysqlQueryRunner', 'MysqlQueryRunner');
  const write = () => writeFileSync(target, JSON.stringify([...entries.values()].sort((a, b) => b.count - a.count), null, 1));
  process.on('exit', write);
  // Also every second: a SIGTERM can end the process without an 'exit' event (Apollo Server's own
  // signal handler re-raises the signal once it has stopped; see BENCHMARKS.md).
  setInterval(write, 1000).unref();
}
