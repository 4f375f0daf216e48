import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

const SMTP_TABLES = ['company_message_settings', 'sms_settings', 'user_mail_settings'];

/** The SMTP account's new columns, under the embedded account's `smtp` prefix. */
const smtpColumns = () => [col.int('smtpMaxConnections', 3), col.varchar('smtpEhloName', 253, ''), col.varchar('smtpOauthClientSecretExpiresAt', 10, '')];

/** The SMS gateway templates (the advanced form) and the separate domain for UCS-2 texts. */
const smsColumns = () => [
  col.varchar('templateMode', 8, 'SIMPLE'),
  col.varchar('addressTemplate', 320, ''),
  col.varchar('subjectTemplate', 320, ''),
  col.varchar('firstLineTemplate', 500, ''),
  col.varchar('ucs2Domain', 253, ''),
];

/**
 * Providers, January 2027: connections per account (default 3, Exchange Online's limit per mailbox),
 * the client host name for EHLO, the Entra client secret's expiry date, and the SMS gateway templates.
 * Existing rows get the defaults, which keep them working as before.
 */
export class ProviderSettings1765384119527 implements MigrationInterface {
  name = 'ProviderSettings1765384119527';

  async up(q: QueryRunner): Promise<void> {
    for (const table of SMTP_TABLES) await q.addColumns(table, smtpColumns().map((c) => new TableColumn(c)));
    await q.addColumns('sms_settings', smsColumns().map((c) => new TableColumn(c)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('sms_settings', smsColumns().map((c) => c.name));
    for (const table of SMTP_TABLES) await q.dropColumns(table, smtpColumns().map((c) => c.name));
  }
}
