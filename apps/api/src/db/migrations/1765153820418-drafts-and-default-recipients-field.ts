import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/** Drafts kept for their user (outbound_message in status DRAFT), and where the company's default recipients go. */
export class DraftsAndDefaultRecipientsField1765153820418 implements MigrationInterface {
  name = 'DraftsAndDefaultRecipientsField1765153820418';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbound_message', new TableColumn(col.datetime('draftExpiresAt', true)));
    await q.addColumn('outbound_message', new TableColumn(col.text('draftInfo')));
    await q.addColumn('company_message_settings', new TableColumn(col.varchar('defaultRecipientsField', 3, 'TO')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('company_message_settings', 'defaultRecipientsField');
    await q.dropColumn('outbound_message', 'draftInfo');
    await q.dropColumn('outbound_message', 'draftExpiresAt');
  }
}
