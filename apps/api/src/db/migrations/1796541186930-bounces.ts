import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/** Issue 17: bounce notices read from the sending mailbox, the suppression list, and each reader's place and lease. */
export class Bounces1796541186930 implements MigrationInterface {
  name = 'Bounces1796541186930';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'bounce_event',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.ref('outboundMessageId'),
          col.varchar('address', 320),
          col.varchar('action', 8),
          { ...col.varchar('status', 16), isNullable: true },
          { ...col.varchar('reply', 1000), isNullable: true },
          { ...col.varchar('remoteMta', 253), isNullable: true },
          col.varchar('noticeKey', 250),
          col.datetime('reportedAt'),
        ],
        indices: [{ columnNames: ['companyId', 'reportedAt'] }, { columnNames: ['outboundMessageId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'suppressed_address',
        columns: [
          col.id('companyId'),
          { ...col.varchar('address', 320), isPrimary: true },
          { ...col.varchar('status', 16), isNullable: true },
          { ...col.varchar('reply', 1000), isNullable: true },
          col.ref('outboundMessageId'),
          col.datetime('createdAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bounce_reader',
        columns: [
          { ...col.varchar('accountKey', 80), isPrimary: true },
          col.ref('companyId'),
          { ...col.varchar('lockedBy', 64), isNullable: true },
          col.datetime('lockedUntil', true),
          { ...col.varchar('uidValidity', 20), isNullable: true },
          col.int('lastUid', 0),
          col.varchar('server', 300, ''),
          col.datetime('lastRunAt', true),
          { ...col.varchar('lastErrorCode', 40), isNullable: true },
        ],
      }),
    );
    for (const table of ['company_message_settings', 'sms_settings', 'user_mail_settings']) {
      await q.addColumn(table, new TableColumn(col.varchar('smtpImapBounceFolder', 200, '')));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['company_message_settings', 'sms_settings', 'user_mail_settings']) await q.dropColumn(table, 'smtpImapBounceFolder');
    await q.dropTable('bounce_reader');
    await q.dropTable('suppressed_address');
    await q.dropTable('bounce_event');
  }
}
