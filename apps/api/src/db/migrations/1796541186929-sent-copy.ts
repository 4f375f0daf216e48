import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/** Issue 17: the Sent-folder copy as a step of its own after a message was accepted (see SentCopyEntity). */
export class SentCopy1796541186929 implements MigrationInterface {
  name = 'SentCopy1796541186929';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sent_copy',
        columns: [
          col.id('messageId'),
          col.ref('companyId'),
          col.varchar('status', 8),
          col.int('attempts', 0),
          col.datetime('nextAttemptAt'),
          col.datetime('giveUpAt'),
          { ...col.varchar('lockedBy', 64), isNullable: true },
          col.datetime('lockedUntil', true),
          { ...col.varchar('lastErrorCode', 40), isNullable: true },
          col.text('lastErrorMessage'),
          { ...col.varchar('folder', 500), isNullable: true },
          col.datetime('createdAt'),
          col.datetime('doneAt', true),
        ],
        indices: [{ columnNames: ['status', 'nextAttemptAt'] }, { columnNames: ['companyId'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sent_copy');
  }
}
