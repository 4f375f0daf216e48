import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/**
 * Issue 13, isolation between accounts: each outbox row names its sending account (null for rows stored
 * before: they count as one account of their company), and the accounts' shared state lives in
 * sending_account (cap, parking, round-robin position).
 */
export class SendingAccounts1796700000000 implements MigrationInterface {
  name = 'SendingAccounts1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbound_message', new TableColumn({ ...col.varchar('accountKey', 64), isNullable: true }));
    await q.createIndex('outbound_message', new TableIndex({ columnNames: ['accountKey', 'status'] }));
    await q.createTable(
      new Table({
        name: 'sending_account',
        columns: [
          { ...col.ref('companyId'), isPrimary: true },
          { ...col.varchar('accountKey', 64), isPrimary: true },
          col.varchar('label', 600, ''),
          col.int('maxConnections', 3),
          col.int('connectionFailures', 0),
          col.datetime('parkedUntil', true),
          { ...col.varchar('parkReason', 40), isNullable: true },
          col.text('parkMessage'),
          col.datetime('lastClaimedAt', true),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['parkedUntil'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sending_account');
    const table = await q.getTable('outbound_message');
    const index = table?.indices.find((i) => i.columnNames.length === 2 && i.columnNames[0] === 'accountKey');
    if (index) await q.dropIndex('outbound_message', index);
    await q.dropColumn('outbound_message', 'accountKey');
  }
}
