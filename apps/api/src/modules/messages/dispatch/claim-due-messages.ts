import { In, type DataSource } from 'typeorm';
import { transaction } from '../../../db/transaction';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import { OutboundMessageEntity } from '../outbound-message.entity';

export interface ClaimRequest {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * What is due, one status at a time so that each scan walks the (status, nextAttemptAt) index in
 * order and stops at LIMIT: the statuses the table lets a dispatcher claim (queued first, then retries),
 * then messages whose worker died mid-send (lease expired). A single OR over all of them made MariaDB
 * sort — and lock — the whole backlog. The statuses are the table's, written as literals (they are
 * constants, not input) so each scan is one plain index range.
 */
const DUE_CLAUSES = [
  ...MESSAGE_TRANSITIONS.claim.from.map((status) => ({ where: `m.status = '${status}' AND m.nextAttemptAt <= :now`, order: 'm.nextAttemptAt' })),
  ...MESSAGE_TRANSITIONS.takeOver.from.map((status) => ({ where: `m.status = '${status}' AND m.lockedUntil < :now`, order: 'm.lockedUntil' })),
];

/**
 * Take up to `limit` due messages for this worker. Each claim bumps `attempts` and sets a lease; no
 * two workers can hold the same message.
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
    const ids: string[] = [];
    for (const clause of DUE_CLAUSES) {
      if (ids.length >= request.limit) break;
      const rows: Array<{ id: string }> = await manager
        .getRepository(OutboundMessageEntity)
        .createQueryBuilder('m')
        .select('m.id', 'id')
        .where(clause.where, { now: request.now })
        .orderBy(clause.order, 'ASC')
        .limit(request.limit - ids.length)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getRawMany();
      ids.push(...rows.map((r) => r.id));
    }
    if (ids.length === 0) return [];
    await manager
      .createQueryBuilder()
      .update(OutboundMessageEntity)
      // The claim and take-over both end in the table's SENDING.
      .set({ status: MESSAGE_TRANSITIONS.claim.to, lockedBy: request.workerId, lockedUntil, attempts: () => 'attempts + 1', waitReason: null, updatedAt: request.now })
      .where('id IN (:...ids)', { ids })
      .execute();
    return ids;
  });
}

/** SQLite: one statement per status picks and marks, atomic without a transaction of our own. */
async function claimOnSqlite(db: DataSource, request: ClaimRequest, lockedUntil: Date): Promise<string[]> {
  const column = (name: string) => db.getMetadata(OutboundMessageEntity).findColumnWithPropertyName(name)!;
  const at = (date: Date, name: string) => db.driver.preparePersistentValue(date, column(name));
  const now = at(request.now, 'nextAttemptAt');
  const ids: string[] = [];
  for (const clause of DUE_CLAUSES) {
    if (ids.length >= request.limit) break;
    const where = clause.where.replace(/:now/g, '?');
    const rows: Array<{ id: string }> = await db.query(
      `UPDATE outbound_message
          SET status = '${MESSAGE_TRANSITIONS.claim.to}', lockedBy = ?, lockedUntil = ?, attempts = attempts + 1, waitReason = NULL, updatedAt = ?
        WHERE id IN (SELECT m.id FROM outbound_message m WHERE ${where} ORDER BY ${clause.order} LIMIT ?)
        RETURNING id`,
      [request.workerId, at(lockedUntil, 'lockedUntil'), at(request.now, 'updatedAt'), now, request.limit - ids.length],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
