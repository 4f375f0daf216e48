import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/** The one-row table /readyz writes to (its write probe). */
export class DbHeartbeat1765600000000 implements MigrationInterface {
  name = 'DbHeartbeat1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'db_heartbeat',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'beats', type: 'bigint', default: 0 }, col.datetime('beatAt', true)],
      }),
    );
    await q.query('INSERT INTO db_heartbeat (id, beats) VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('db_heartbeat');
  }
}
