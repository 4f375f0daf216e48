import type { DataSource, EntityManager } from 'typeorm';
import { SendQuotaEntity } from './send-quota.entity';
import { transaction } from '../../../db/transaction';

const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface AccountLimits {
  messagesPerMinute: number | null;
  recipientsPerDay: number | null;
}

export type QuotaDecision = { ok: true } | { ok: false; until: Date; reason: 'MESSAGES_PER_MINUTE' | 'RECIPIENTS_PER_DAY' };

/**
 * Per-account sending limits shared by every worker through the database. A message over a limit
 * is not failed: it waits until the window allows it.
 */
export class SendQuotas {
  /** Accounts whose lock row this process has made sure of: `prune` never deletes lock rows. */
  private readonly lockRows = new Set<string>();

  constructor(private readonly db: DataSource) {}

  /**
   * Take one message with `recipients` recipients from the account's quotas, or say until when to wait.
   * Counting and checking happen in one transaction with row locks, so two workers cannot both take the
   * last place.
   */
  async take(accountKey: string, limits: AccountLimits, recipients: number, now: Date): Promise<QuotaDecision> {
    if (!limits.messagesPerMinute && !limits.recipientsPerDay) return { ok: true };
    // One lock row per account serialises the check-and-count of every worker. Locking the (possibly
    // missing) window rows themselves would take gap locks, which do not exclude each other in InnoDB.
    if (!this.lockRows.has(accountKey)) {
      await this.ensureRow(accountKey, 'LOCK', 0);
      this.lockRows.add(accountKey);
    }
    return transaction(this.db, async (manager) => {
      if (!(await this.lockAccount(manager, accountKey))) {
        // The row went (removed by hand): make it again inside this transaction, which then holds it.
        await this.ensureRow(accountKey, 'LOCK', 0, manager);
        await this.lockAccount(manager, accountKey);
      }
      if (limits.recipientsPerDay) {
        const hour = Math.floor(now.getTime() / HOUR) * HOUR;
        const since = hour - 23 * HOUR;
        const buckets = await this.locked(manager, accountKey, 'HOUR', since);
        const used = buckets.reduce((sum, b) => sum + b.used, 0);
        if (used + recipients > limits.recipientsPerDay && used > 0) {
          // Wait until the oldest bucket that holds anything falls out of the rolling day.
          const oldest = Math.min(...buckets.filter((b) => b.used > 0).map((b) => Number(b.windowStart)));
          return { ok: false, until: new Date(oldest + 24 * HOUR), reason: 'RECIPIENTS_PER_DAY' };
        }
      }
      if (limits.messagesPerMinute) {
        const minute = Math.floor(now.getTime() / MINUTE) * MINUTE;
        const [current] = await this.locked(manager, accountKey, 'MINUTE', minute);
        if ((current?.used ?? 0) >= limits.messagesPerMinute) return { ok: false, until: new Date(minute + MINUTE), reason: 'MESSAGES_PER_MINUTE' };
        await this.add(manager, accountKey, 'MINUTE', minute, 1);
      }
      if (limits.recipientsPerDay) await this.add(manager, accountKey, 'HOUR', Math.floor(now.getTime() / HOUR) * HOUR, recipients);
      return { ok: true };
    });
  }

  /** Windows older than two days count for nothing (the lock rows, window 0, are kept). */
  async prune(now: Date): Promise<void> {
    await this.db
      .getRepository(SendQuotaEntity)
      .createQueryBuilder()
      .delete()
      .where("kind <> 'LOCK' AND windowStart < :before", { before: String(now.getTime() - 48 * HOUR) })
      .execute();
  }

  private async ensureRow(accountKey: string, kind: SendQuotaEntity['kind'], windowStart: number, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.createQueryBuilder().insert().into(SendQuotaEntity).values({ accountKey, kind, windowStart: String(windowStart), used: 0 }).orIgnore().execute();
  }

  private async lockAccount(manager: EntityManager, accountKey: string): Promise<boolean> {
    // The whole primary key: InnoDB then locks that one record, with no gap lock that an insert could
    // collide with.
    const qb = manager.getRepository(SendQuotaEntity).createQueryBuilder('q').where("q.accountKey = :accountKey AND q.kind = 'LOCK' AND q.windowStart = 0", { accountKey });
    // SQLite has one writer at a time already (and our access to it is serialised).
    if (manager.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    return (await qb.getOne()) !== null;
  }

  private locked(manager: EntityManager, accountKey: string, kind: 'MINUTE' | 'HOUR', from: number): Promise<SendQuotaEntity[]> {
    return manager
      .getRepository(SendQuotaEntity)
      .createQueryBuilder('q')
      .where('q.accountKey = :accountKey AND q.kind = :kind AND q.windowStart >= :from', { accountKey, kind, from: String(from) })
      .getMany();
  }

  private async add(manager: EntityManager, accountKey: string, kind: 'MINUTE' | 'HOUR', windowStart: number, amount: number): Promise<void> {
    await this.ensureRow(accountKey, kind, windowStart, manager);
    await manager.getRepository(SendQuotaEntity).increment({ accountKey, kind, windowStart: String(windowStart) }, 'used', amount);
  }
}
