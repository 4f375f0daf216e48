import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Room for the lifecycle's longer statuses (PARTIALLY_SENT) in `outbound_message.status`. */
export class MessageStatusRoom1765000000011 implements MigrationInterface {
  name = 'MessageStatusRoom1765000000011';

  async up(q: QueryRunner): Promise<void> {
    await widen(q, 16);
  }

  async down(q: QueryRunner): Promise<void> {
    await widen(q, 12);
  }
}

/**
 * TypeORM's changeColumn drops and re-adds a MySQL column whose length changes, losing every row's
 * status: MySQL gets a MODIFY in place. SQLite's changeColumn copies the table, rows included.
 */
async function widen(q: QueryRunner, length: number): Promise<void> {
  if (q.connection.options.type === 'better-sqlite3') {
    await q.changeColumn('outbound_message', 'status', new TableColumn({ name: 'status', type: 'varchar', length: String(length) }));
  } else {
    await q.query(`ALTER TABLE \`outbound_message\` MODIFY \`status\` varchar(${length}) NOT NULL`);
  }
}
