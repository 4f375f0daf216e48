import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/** A cell as searchable text: buffers both as UTF-8 and as Latin-1 (every byte one character). */
function cellText(value: unknown): string {
  if (Buffer.isBuffer(value)) return `${value.toString('utf8')} ${value.toString('latin1')}`;
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value);
}

function rowsText(table: string, rows: Array<Record<string, unknown>>): string {
  return `# ${table}\n${rows.map((row) => Object.values(row).map(cellText).join('\t')).join('\n')}`;
}

/**
 * Everything a SQLite database holds, read without the API: every row of every table (read-only
 * connection, so the WAL's committed pages count), plus the raw bytes of the file, its WAL and shm.
 */
export function dumpSqlite(file: string): string {
  const parts: string[] = [];
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    parts.push(bytes.toString('latin1'), bytes.toString('utf8'));
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    for (const { name } of tables) parts.push(rowsText(name, db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Array<Record<string, unknown>>));
  } finally {
    db.close();
  }
  return parts.join('\n');
}

/** Every row of every table of a MySQL/MariaDB database. */
export async function dumpMysql(url: string): Promise<string> {
  const conn = await createConnection({ uri: url });
  try {
    const [tables] = await conn.query('SHOW TABLES');
    const parts: string[] = [];
    for (const row of tables as Array<Record<string, string>>) {
      const name = Object.values(row)[0] as string;
      const [rows] = await conn.query(`SELECT * FROM \`${name.replace(/`/g, '``')}\``);
      parts.push(rowsText(name, rows as Array<Record<string, unknown>>));
    }
    return parts.join('\n');
  } finally {
    await conn.end();
  }
}
