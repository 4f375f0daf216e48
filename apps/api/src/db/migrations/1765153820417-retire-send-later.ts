import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seed retires "send later": every stored policy still holding it becomes ASK (Kysy lähetystapa),
 * and the row is flagged `migratedFromSendLater` so the admin is told and confirms it. Only the rows it
 * changes are flagged; undoing it turns exactly those back.
 */
export class RetireSendLater1765153820417 implements MigrationInterface {
  name = 'RetireSendLater1765153820417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE module_send_policy SET sendMode = 'ASK', migratedFromSendLater = ? WHERE sendMode = 'SEND_LATER'`, [true]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE module_send_policy SET sendMode = 'SEND_LATER', migratedFromSendLater = ? WHERE sendMode = 'ASK' AND migratedFromSendLater = ?`, [false, true]);
  }
}
