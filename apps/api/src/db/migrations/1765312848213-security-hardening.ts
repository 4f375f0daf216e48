import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/**
 * Issue 12 (security):
 * - `app_user.tokenVersion` (a password change, reset, role change, deactivation or logout raises it,
 *   ending every session token issued before) is UserTokenVersion1765153820419's, which runs first:
 *   a database that already has the column migrates on from there.
 * - `user_mail_settings.senderConfirmed`: only an admin sets a user's sender address and name. Every
 *   address stored so far was typed by its user, so all existing ones start unconfirmed: those users
 *   send as the company until an admin confirms their address in the user list.
 * - `attachment.inline`: whether the file's inert type was recognised from its bytes. Files stored
 *   before were typed by what the client declared, so none of them opens in the browser.
 */
export class SecurityHardening1765312848213 implements MigrationInterface {
  name = 'SecurityHardening1765312848213';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('user_mail_settings', new TableColumn(col.bool('senderConfirmed', false)));
    await q.addColumn('attachment', new TableColumn(col.bool('inline', false)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('attachment', 'inline');
    await q.dropColumn('user_mail_settings', 'senderConfirmed');
  }
}
