import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

const SMTP_TABLES = ['company_message_settings', 'sms_settings', 'user_mail_settings'];

/** The SMTP account's IMAP block, under the embedded account's `smtp` prefix (the SMS account's stays empty). */
const imapColumns = () => [
  col.varchar('smtpImapHost', 253, ''),
  col.int('smtpImapPort', 993),
  col.varchar('smtpImapEncryption', 8, 'SSL'),
  col.bool('smtpImapAppendToSent', true),
  col.varchar('smtpImapSentFolder', 200, ''),
];

/**
 * Issue 17: the sending mailbox's IMAP server (the Sent copy, the bounce reader). Existing rows get no
 * IMAP server, so nothing changes for them; a password sealed before keeps working (its stored binding
 * does not name the IMAP fields, which count as empty until an IMAP server is set).
 */
export class ImapSettings1796541186928 implements MigrationInterface {
  name = 'ImapSettings1796541186928';

  async up(q: QueryRunner): Promise<void> {
    for (const table of SMTP_TABLES) await q.addColumns(table, imapColumns().map((c) => new TableColumn(c)));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SMTP_TABLES) await q.dropColumns(table, imapColumns().map((c) => c.name));
  }
}
