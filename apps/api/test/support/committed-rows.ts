import Database from 'better-sqlite3';

/**
 * What another process sees of a SQLite file: committed rows only. Read through a read-only connection
 * of its own, opened and closed for each read, so nothing of the API's connection (a transaction it
 * holds open, a COMMIT still to come) shows.
 */
export function committedRows<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const other = new Database(file, { readonly: true });
  try {
    return other.prepare(sql).all(...params) as T[];
  } finally {
    other.close();
  }
}
