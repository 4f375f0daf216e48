import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const TABLE = 'outbound_message';
const BEFORE = ['status', 'nextAttemptAt'];
const AFTER = ['status', 'nextAttemptAt', 'companyId', 'accountKey'];

/**
 * The dispatcher's scan counts the due messages per company and sending account on every claim round.
 * With the index on (status, nextAttemptAt) alone each due row was read from the table for its company
 * and account: with a backlog, the scan was the dearest statement of a round. The index now carries
 * both, so the scan reads the index only; the claim's ordered range over it is the same as before.
 */
export class ClaimScanIndex1796800000000 implements MigrationInterface {
  name = 'ClaimScanIndex1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await replaceIndex(q, BEFORE, AFTER);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceIndex(q, AFTER, BEFORE);
  }
}

async function replaceIndex(q: QueryRunner, from: string[], to: string[]): Promise<void> {
  const table = await q.getTable(TABLE);
  if (!table) return;
  // By the names the naming strategy gives them (what the entity expects), not by their columns' order.
  const named = (columns: string[]) => q.connection.namingStrategy.indexName(table, columns);
  const has = (columns: string[]) => table.indices.find((index) => index.name === named(columns));
  // The new one first: the claim's queries are never without an index on the status. MariaDB's DDL is
  // not transactional, so a run that stopped half-way finds the new index there already.
  if (!has(to)) await q.createIndex(TABLE, new TableIndex({ name: named(to), columnNames: to }));
  const old = has(from);
  if (old) await q.dropIndex(TABLE, old);
}
