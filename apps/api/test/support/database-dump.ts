import { existsSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../../src/db/data-source';

/** Every row of every table as text, plus (SQLite) the raw database and WAL files. */
export async function dumpDatabase(db: DataSource, target: DatabaseTarget): Promise<string> {
  const parts: string[] = [];
  for (const meta of db.entityMetadatas) {
    const rows = await db.query(`SELECT * FROM ${db.driver.escape(meta.tableName)}`);
    parts.push(JSON.stringify(rows));
  }
  if (target.kind === 'sqlite') {
    for (const file of [target.file, `${target.file}-wal`]) if (existsSync(file)) parts.push(readFileSync(file).toString('latin1'), readFileSync(file).toString('utf8'));
  }
  return parts.join('\n');
}
