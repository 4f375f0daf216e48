import { In, type DataSource } from 'typeorm';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';
import { transaction } from '../../db/transaction';

export interface ClaimRequest {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

const DUE = "((m.status IN ('QUEUED', 'RETRYING') AND m.nextAttemptAt <= :now) OR (m.status = 'SENDING' AND m.lockedUntil < :now))";

/**
 * Take up to `limit` due messages for this worker: queued or retrying ones whose time has come, and
 * those whose previous worker's lease ran out (it died mid-send). Each claim bumps `attempts` and
 * sets a lease; no two workers can hold the same message.
 */
export async function claimDueMessages(db: DataSource, request: ClaimRequest): Promise<OutboundMessageEntity[]> {
  const lockedUntil = new Date(request.now.getTime() + request.leaseMs);
  const ids = db.options.type === 'better-sqlite3' ? await claimOnSqlite(db, request, lockedUntil) : await claimOnMysql(db, request, lockedUntil);
  if (ids.length === 0) return [];
  const claimed = await db.getRepository(OutboundMessageEntity).findBy({ id: In(ids), lockedBy: request.workerId });
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/** MySQL/MariaDB: rows another worker is claiming right now are skipped, not waited for. */
async function claimOnMysql(db: DataSource, request: ClaimRequest, lockedUntil: Date): Promise<string[]> {
  return transaction(db, async (manager) => {
    const rows: Array<{ id: string }> = await manager
      .getRepository(OutboundMessageEntity)
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where(DUE, { now: request.now })
      .orderBy('m.nextAttemptAt', 'ASC')
      .limit(request.limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getRawMany();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    await manager
      .createQueryBuilder()
      .update(OutboundMessageEntity)
      .set({ status: 'SENDING', lockedBy: request.workerId, lockedUntil, attempts: () => 'attempts + 1', waitReason: null, updatedAt: request.now })
      .where('id IN (:...ids)', { ids })
      .execute();
    return ids;
  });
}

/** SQLite: one statement picks and marks, so it is atomic without a transaction of our own. */
async function claimOnSqlite(db: DataSource, request: ClaimRequest, lockedUntil: Date): Promise<string[]> {
  const column = (name: string) => db.getMetadata(OutboundMessageEntity).findColumnWithPropertyName(name)!;
  const at = (date: Date, name: string) => db.driver.preparePersistentValue(date, column(name));
  const now = at(request.now, 'nextAttemptAt');
  const rows: Array<{ id: string }> = await db.query(
    `UPDATE outbound_message
        SET status = 'SENDING', lockedBy = ?, lockedUntil = ?, attempts = attempts + 1, waitReason = NULL, updatedAt = ?
      WHERE id IN (SELECT id FROM outbound_message m
                    WHERE (m.status IN ('QUEUED', 'RETRYING') AND m.nextAttemptAt <= ?) OR (m.status = 'SENDING' AND m.lockedUntil < ?)
                    ORDER BY m.nextAttemptAt LIMIT ?)
      RETURNING id`,
    [request.workerId, at(lockedUntil, 'lockedUntil'), at(request.now, 'updatedAt'), now, now, request.limit],
  );
  return rows.map((r) => r.id);
}
