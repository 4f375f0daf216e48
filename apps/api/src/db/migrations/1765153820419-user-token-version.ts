import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

/** Each user's token version: raising it (logout, a password change, deactivation) ends their sessions and refresh cookies. */
export class UserTokenVersion1765153820419 implements MigrationInterface {
  name = 'UserTokenVersion1765153820419';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('app_user', new TableColumn(col.int('tokenVersion', 0)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('app_user', 'tokenVersion');
  }
}
