import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/**
 * One row per recipient of a message, with what became of it (issue 13): accepted, deferred and tried
 * again in a follow-up, refused. Messages stored before have no rows; their recipients are read from
 * the message's lists as before, so nothing needs copying.
 */
export class MessageRecipients1796600000000 implements MigrationInterface {
  name = 'MessageRecipients1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'message_recipient',
        columns: [
          { ...col.ref('outboundMessageId'), isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          col.ref('companyId'),
          col.varchar('kind', 3),
          col.varchar('address', 320),
          col.varchar('outcome', 12),
          { ...col.varchar('lastReply', 1000), isNullable: true },
          { ...col.varchar('lastErrorCode', 40), isNullable: true },
          col.text('lastErrorMessage'),
          col.int('attempts', 0),
          col.datetime('updatedAt'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('message_recipient');
  }
}
