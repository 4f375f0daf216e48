import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, smtpAccountColumns } from './column-helpers';

export class InitialSchema1764000000001 implements MigrationInterface {
  name = 'InitialSchema1764000000001';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'better-sqlite3') {
      // Names, subjects and bodies are Unicode (emoji included): every table must be utf8mb4, whatever
      // the database was created with.
      await q.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
    await q.createTable(
      new Table({
        name: 'company',
        columns: [col.id(), col.varchar('name', 200), col.createdAt()],
        indices: [{ columnNames: ['name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.varchar('username', 100),
          col.varchar('displayName', 200, ''),
          col.varchar('role', 10),
          col.varchar('passwordHash', 255),
          col.bool('active', true),
          col.createdAt(),
        ],
        indices: [{ columnNames: ['companyId'] }, { columnNames: ['username'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'service_key',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.varchar('name', 200),
          col.varchar('module', 50),
          col.ref('defaultUserId', true),
          col.varchar('secretHash', 64),
          col.datetime('revokedAt', true),
          col.datetime('lastUsedAt', true),
          col.createdAt(),
        ],
        indices: [{ columnNames: ['companyId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'company_message_settings',
        columns: [
          col.id('companyId'),
          col.varchar('enabledChannels', 16, 'NONE'),
          col.bool('smtpSendingEnabled', true),
          col.varchar('companyEmail', 320, ''),
          col.varchar('senderName', 200, ''),
          ...smtpAccountColumns('smtp'),
          col.text('defaultRecipients'),
          col.createdAt('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sms_settings',
        columns: [
          col.id('companyId'),
          col.varchar('senderEmail', 320, ''),
          ...smtpAccountColumns('smtp'),
          col.varchar('gatewayAddress', 320, ''),
          col.text('gatewayPasswordSealed'),
          col.varchar('phoneNumberPlacement', 10, 'ADDRESS'),
          col.varchar('gatewayPasswordPlacement', 16, 'SUBJECT'),
          col.int('maxSegments', 6),
          col.createdAt('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'user_mail_settings',
        columns: [
          col.id('userId'),
          col.ref('companyId'),
          col.varchar('email', 320, ''),
          col.varchar('senderName', 200, ''),
          ...smtpAccountColumns('smtp'),
          col.text('signatureLines'),
          col.varchar('defaultRecipient', 320, ''),
          col.createdAt('updatedAt'),
        ],
        indices: [{ columnNames: ['companyId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'module_send_policy',
        columns: [
          col.id('companyId'),
          { ...col.varchar('source', 32), isPrimary: true },
          col.varchar('defaultOutput', 8),
          col.varchar('sendMode', 16),
          col.bool('migratedFromSendLater', false),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'standard_text',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.varchar('source', 32),
          col.varchar('language', 2),
          col.varchar('name', 100),
          col.varchar('subject', 998),
          { name: 'body', type: 'text' },
          col.createdAt('updatedAt'),
        ],
      }),
    );
    await q.createIndex('standard_text', new TableIndex({ columnNames: ['companyId', 'source', 'language', 'name'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['standard_text', 'module_send_policy', 'user_mail_settings', 'sms_settings', 'company_message_settings', 'service_key', 'app_user', 'company']) {
      await q.dropTable(table);
    }
  }
}
