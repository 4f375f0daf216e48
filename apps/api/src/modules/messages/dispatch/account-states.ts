import { In, IsNull, Not, type DataSource } from 'typeorm';
import type { ClassifiedError, SmtpErrorCode } from '@maestro/mail-core';
import { effectiveMaxConnections, type SmtpAccount } from '@maestro/settings-schema';
import { ShortCache } from '../../../common/short-cache';
import { transaction } from '../../../db/transaction';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { SendingAccountEntity } from './sending-account.entity';

/**
 * Failures that say the account's server cannot be reached at all (no TCP, no greeting, no answer), as
 * opposed to anything the server said about a message or a recipient.
 */
export const CONNECTION_FAILURES: ReadonlySet<SmtpErrorCode> = new Set<SmtpErrorCode>(['NO_GREETING', 'CONNECTION_REFUSED', 'TIMEOUT', 'NETWORK_UNREACHABLE']);

export interface ParkingOptions {
  /** Connection failures in a row that park an account (default 3). */
  failuresToPark: number;
  /** The first park's length; each failed probe doubles it (default 1 min). */
  firstParkMs: number;
  /** The longest park (default 30 min). */
  maxParkMs: number;
}

export const DEFAULT_PARKING: ParkingOptions = { failuresToPark: 3, firstParkMs: 60_000, maxParkMs: 30 * 60_000 };

/**
 * Parking is a shared wait for the account's messages, so it never lasts longer than one message's own
 * retry backoff may (MAESTRO_RETRY_MAX_DELAY_SECONDS): a deployment that retries every few seconds does
 * not leave a returned server unused for a minute.
 */
export function parkingWithin(maxRetryDelayMs: number, base: ParkingOptions = DEFAULT_PARKING): ParkingOptions {
  return { ...base, firstParkMs: Math.min(base.firstParkMs, maxRetryDelayMs), maxParkMs: Math.min(base.maxParkMs, maxRetryDelayMs) };
}

/** Why a message waits while its account is parked (the presenter's WAIT_MESSAGES has its text). */
export const ACCOUNT_UNREACHABLE = 'ACCOUNT_UNREACHABLE';

/** How long the park is after `failures` connection failures in a row (Postfix's dead destination, doubling). */
export function parkLengthMs(failures: number, options: ParkingOptions): number {
  const doublings = Math.max(0, failures - options.failuresToPark);
  return Math.min(options.maxParkMs, options.firstParkMs * 2 ** Math.min(doublings, 20));
}

/** What the admins are shown of an account: its mailbox and server, never a secret. */
export function accountLabel(account: SmtpAccount): string {
  const mailbox = (account.authMethod === 'PASSWORD' ? account.username : account.oauthUser || account.username).trim();
  const server = `${account.host.trim()}:${account.port}`;
  return mailbox ? `${mailbox} @ ${server}` : server;
}

/**
 * The sending accounts' shared state (sending_account): each account's cap as its settings say, and
 * parking. An account whose connections fail `failuresToPark` times in a row is parked: its due messages
 * wait aside with waitReason ACCOUNT_UNREACHABLE and the claim gives it no slot; after the park the
 * claim lets one message through as a probe; a connection that works unparks it.
 */
export class AccountStates {
  /** What this process last wrote per account ("cap|label"), so a steady account costs no write per message. */
  private readonly noted = new Map<string, string>();
  /** The parked accounts of each company, read at most every 2 s (the archive asks on every read). */
  private readonly parkedCache = new ShortCache(2000);

  constructor(
    private readonly db: DataSource,
    private readonly options: ParkingOptions = DEFAULT_PARKING,
  ) {}

  /** Keep the account's row in step with its settings: its cap and its label. */
  async note(companyId: string, accountKey: string, account: SmtpAccount, now: Date): Promise<void> {
    const id = `${companyId}/${accountKey}`;
    const maxConnections = effectiveMaxConnections(account);
    const label = accountLabel(account).slice(0, 600);
    const value = `${maxConnections}|${label}`;
    if (this.noted.get(id) === value) return;
    const repo = this.db.getRepository(SendingAccountEntity);
    await repo.createQueryBuilder().insert().into(SendingAccountEntity).values({ companyId, accountKey, label, maxConnections, connectionFailures: 0, updatedAt: now }).orIgnore().execute();
    await repo.update({ companyId, accountKey }, { label, maxConnections, updatedAt: now });
    this.noted.set(id, value);
  }

  /** A send reached the server (whatever it then said about the message): the account is reachable. */
  async reached(companyId: string, accountKey: string, now: Date): Promise<void> {
    // Only a row that says otherwise is written: the usual case costs nothing.
    await this.db
      .getRepository(SendingAccountEntity)
      .createQueryBuilder()
      .update()
      .set({ connectionFailures: 0, parkedUntil: null, parkReason: null, parkMessage: null, updatedAt: now })
      .where('companyId = :companyId AND accountKey = :accountKey AND (connectionFailures > 0 OR parkReason IS NOT NULL)', { companyId, accountKey })
      .execute();
  }

  /**
   * A connection-level failure: count it, and park the account once they repeat. Returns until when it
   * is parked, or null when it is not (yet).
   */
  async connectionFailed(companyId: string, accountKey: string, error: ClassifiedError, now: Date): Promise<Date | null> {
    const mysql = this.db.options.type !== 'better-sqlite3';
    // One worker at a time per account: the failures of messages sent at once are counted one by one.
    const until = await transaction(this.db, async (manager) => {
      const repo = manager.getRepository(SendingAccountEntity);
      const query = repo.createQueryBuilder('a').where('a.companyId = :companyId AND a.accountKey = :accountKey', { companyId, accountKey });
      if (mysql) query.setLock('pessimistic_write');
      const state = await query.getOne();
      if (!state) return null;
      // Messages already in flight when it was parked fail too: they neither extend nor double the park.
      if (state.parkedUntil && state.parkedUntil > now) return 'already' as const;
      const failures = state.connectionFailures + 1;
      if (failures < this.options.failuresToPark) {
        await repo.update({ companyId, accountKey }, { connectionFailures: failures, updatedAt: now });
        return null;
      }
      const parkedUntil = new Date(now.getTime() + parkLengthMs(failures, this.options));
      await repo.update({ companyId, accountKey }, { connectionFailures: failures, parkedUntil, parkReason: error.code, parkMessage: error.message, updatedAt: now });
      return parkedUntil;
    });
    if (until === null || until === 'already') return null;
    // Its waiting messages say why they wait; the claim clears it when one is taken again.
    await this.db
      .getRepository(OutboundMessageEntity)
      .createQueryBuilder()
      .update()
      .set({ waitReason: ACCOUNT_UNREACHABLE })
      .where(`companyId = :companyId AND ${accountKey ? 'accountKey = :accountKey' : 'accountKey IS NULL'} AND status IN (:...statuses)`, {
        companyId,
        accountKey,
        statuses: [...MESSAGE_TRANSITIONS.claim.from],
      })
      .execute();
    return until;
  }

  /**
   * The keys of the company's accounts that are parked or wait for their probe (`parkReason` set until
   * a connection works): their waiting messages wait for that, whenever they were queued.
   */
  async unreachableKeys(companyId: string): Promise<ReadonlySet<string>> {
    return this.parkedCache.get(companyId, async () => {
      const rows = await this.db.getRepository(SendingAccountEntity).find({ select: { accountKey: true }, where: { companyId, parkReason: Not(IsNull()) } });
      return new Set(rows.map((r) => r.accountKey));
    });
  }

  /** The company's accounts for the admins: parked ones first, then those failing, then by name. */
  async ofCompany(companyId: string): Promise<SendingAccountEntity[]> {
    const accounts = await this.db.getRepository(SendingAccountEntity).findBy({ companyId });
    const rank = (a: SendingAccountEntity) => (a.parkReason ? 0 : a.connectionFailures > 0 ? 1 : 2);
    // Rows of messages stored before accounts were named have no label: nothing to show an admin.
    return accounts.filter((a) => a.label !== '').sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
  }

  /** "Kokeile nyt": end the park now; the next claim sends one message as the probe. */
  async probeNow(companyId: string, accountKey: string, now: Date): Promise<SendingAccountEntity | null> {
    const repo = this.db.getRepository(SendingAccountEntity);
    const state = await repo.findOneBy({ companyId, accountKey });
    if (!state) return null;
    if (state.parkedUntil && state.parkedUntil > now) await repo.update({ companyId, accountKey }, { parkedUntil: now, updatedAt: now });
    return repo.findOneBy({ companyId, accountKey });
  }

  /** Accounts by key, for tests and the admin view. */
  async find(companyId: string, accountKeys: string[]): Promise<SendingAccountEntity[]> {
    return this.db.getRepository(SendingAccountEntity).findBy({ companyId, accountKey: In(accountKeys) });
  }
}
