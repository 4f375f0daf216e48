import type { DataSource } from 'typeorm';
import { entitiesFrom, rowsMatched, rowsOf, selectAll, statementOf, tableSql } from '../../../db/hot-path-sql';
import type { AttachmentEntity } from '../../attachments/attachment.entity';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { SendingAccountEntity } from './sending-account.entity';
import type { MessageRecipientEntity } from '../recipients/message-recipient.entity';

/** A message read ahead, with what its send needs besides the row. */
export interface InLine {
  message: OutboundMessageEntity;
  attachments: AttachmentEntity[];
  /** Its stored recipients (undefined: none, its first attempt). */
  recipients: MessageRecipientEntity[] | undefined;
}

export interface LineAccount {
  companyId: string;
  /** Null for messages stored before messages named their account. */
  accountKey: string | null;
}

export interface NextInLineOptions {
  workerId: string;
  /** Loads what the sends of these messages need besides their rows (attachments, stored recipients). */
  load(messages: OutboundMessageEntity[]): Promise<InLine[]>;
  onError(err: unknown, what: string): void;
}

/**
 * How long a take waits for its account's read under way. A read is a statement or two; one that takes
 * longer (a stalled connection) must not hold the slot and the outcome before it: a round takes over.
 */
const READ_WAIT_MS = 1000;

/** Only new messages stand in line: a retry or a take-over goes through a claim round, as it always has. */
const QUEUED = MESSAGE_TRANSITIONS.claim.from[0];

/**
 * The next queued messages of each busy account, read while its sends are under way, so that when one
 * of its sends is through, the slot goes to the next message at the cost of one UPDATE instead of a
 * claim round. While a round ran (five statements and more), every slot of the account stood idle: 28 %
 * of a drain, with the worker in a process of its own (issue 13).
 *
 * Reading them ahead claims nothing: they stay QUEUED, any worker may claim them, a person may cancel
 * them. Taking one (take) is the table's claim, and it is written only if the row is still as it was
 * read: same status, same updatedAt (every move of a message sets it), still due. A row changed since
 * is passed over, never sent from a stale copy.
 */
export class NextInLine {
  private readonly lines = new Map<string, InLine[]>();
  /** Each account's read under way: settles when it is done, whether it read anything or not. */
  private readonly reading = new Map<string, Promise<void>>();
  /** How often each account's line was dropped: a read that began before a drop is not kept. */
  private readonly drops = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    private readonly options: NextInLineOptions,
  ) {}

  /** Messages waiting in an account's line. */
  length(id: string): number {
    return this.lines.get(id)?.length ?? 0;
  }

  /**
   * Read ahead until the account's line holds `size`, when it holds `size / 3` or fewer: in the
   * background, one read at a time per account. A read that fails leaves the line as it is: claim
   * rounds serve the account then, as they would without it.
   */
  fill(id: string, account: LineAccount, size: number, now: Date): void {
    if (this.reading.has(id) || this.length(id) > size / 3) return;
    const read = this.readAhead(id, account, size, now)
      .catch((err: unknown) => this.options.onError(err, 'reading the next messages of an account ahead'))
      .finally(() => this.reading.delete(id));
    this.reading.set(id, read);
  }

  /**
   * Claim the first message of the account's line that is still as it was read: its send may start.
   * Undefined when the line is empty or the first two tried had changed (another worker claims the same
   * account's messages: its rounds serve them better than a line that keeps losing). The claim's time
   * and lease are read from `clock` once any wait is over, so a lease is never written already short.
   */
  async take(id: string, clock: () => Date, leaseMs: number): Promise<InLine | undefined> {
    // An empty line whose read is under way is waited for, briefly: the read is a statement or two, a
    // claim round that ending the turns would cost is more, and the account's slot waits either way.
    const reading = this.reading.get(id);
    if (!this.length(id) && reading) await settledWithin(reading, READ_WAIT_MS);
    const line = this.lines.get(id);
    for (let tries = 0; line?.length && tries < 2; tries++) {
      const next = line.shift() as InLine;
      const now = clock();
      if (await this.claim(next.message, now, new Date(now.getTime() + leaseMs))) return next;
    }
    return undefined;
  }

  /** Messages a claim round took: they are no longer in any line. */
  forget(messageIds: readonly string[]): void {
    if (messageIds.length === 0 || this.lines.size === 0) return;
    const taken = new Set(messageIds);
    for (const [id, line] of this.lines) this.lines.set(id, line.filter((entry) => !taken.has(entry.message.id)));
  }

  /** The account's line is no longer wanted (its turns ended, the worker stops). */
  drop(id?: string): void {
    for (const each of id === undefined ? [...this.lines.keys(), ...this.reading.keys()] : [id]) {
      this.lines.delete(each);
      // Only a read under way needs to know of the drop: with none, nothing is kept for the account.
      if (this.reading.has(each)) this.drops.set(each, (this.drops.get(each) ?? 0) + 1);
      else this.drops.delete(each);
    }
  }

  private async readAhead(id: string, account: LineAccount, size: number, now: Date): Promise<void> {
    const line = this.lines.get(id) ?? [];
    const drops = this.drops.get(id) ?? 0;
    const table = tableSql(this.db, OutboundMessageEntity);
    const named = account.accountKey !== null;
    const sql = statementOf(this.db, `line read ${named}`, () => {
      const c = (property: string) => `d.${table.column(property)}`;
      const of = `${c('companyId')} = :companyId AND ${c('accountKey')} ${named ? '= :accountKey' : 'IS NULL'}`;
      return `SELECT ${selectAll(this.db, table, 'd')} FROM ${table.table} d WHERE ${c('status')} = '${QUEUED}' AND ${c('nextAttemptAt')} >= :after AND ${c('nextAttemptAt')} <= :now AND ${of} ORDER BY ${c('nextAttemptAt')} ASC LIMIT :limit`;
    });
    // Read on from the line's last message, not from the start: its messages are still queued, and
    // reading them again was most of what a read cost. Those due at the same instant come again. A
    // message queued meanwhile is due from then (accepted, sent again by a person): after the line's
    // last. One due before it (back from a quota wait) is read once the line is read from its start
    // again: a send that met the quota ended its turns, and turns that end drop the line.
    const last = line[line.length - 1]?.message.nextAttemptAt;
    const after = last ?? new Date(0);
    const again = last ? line.filter((entry) => entry.message.nextAttemptAt.getTime() === last.getTime()).length : 0;
    const wanted = size - line.length;
    const rows = await rowsOf<Record<string, unknown>>(this.db.manager, sql, { companyId: account.companyId, accountKey: account.accountKey, now, after, limit: wanted + again });
    const known = new Set(line.map((entry) => entry.message.id));
    const fresh = entitiesFrom(this.db, table, () => new OutboundMessageEntity(), rows).filter((message) => !known.has(message.id));
    if (fresh.length === 0) return;
    const [loaded] = await Promise.all([this.options.load(fresh), this.stampServed(account, now)]);
    // Dropped meanwhile (its turns ended): kept, these would be sent before older messages that the
    // next read from the start finds, and the account's messages go oldest first.
    if ((this.drops.get(id) ?? 0) !== drops) return;
    // The line may have moved on meanwhile: append what it does not hold yet.
    const current = this.lines.get(id) ?? [];
    const holds = new Set(current.map((entry) => entry.message.id));
    this.lines.set(id, [...current, ...loaded.filter((entry) => !holds.has(entry.message.id))]);
  }

  /**
   * The account is being served: the round-robin (shareOut) gives the next freed slot to whoever was
   * served longest ago, and turns claim without a round's stamp. Stamped once a read, not once a
   * message: at most a line's worth of messages stale. A stamp that fails costs fairness, not the read.
   */
  private async stampServed(account: LineAccount, now: Date): Promise<void> {
    const accounts = tableSql(this.db, SendingAccountEntity);
    const sql = statementOf(this.db, 'line stamp', () => `UPDATE ${accounts.table} SET ${accounts.column('lastClaimedAt')} = :now WHERE ${accounts.column('companyId')} = :companyId AND ${accounts.column('accountKey')} = :accountKey`);
    // Messages stored before they named their account count as the company's account ''.
    await rowsMatched(this.db.manager, sql, { now, companyId: account.companyId, accountKey: account.accountKey ?? '' }).catch((err: unknown) => this.options.onError(err, 'stamping an account served'));
  }

  /** The table's claim of one message read ahead, written only if the row is as it was read. */
  private async claim(message: OutboundMessageEntity, now: Date, lockedUntil: Date): Promise<boolean> {
    const table = tableSql(this.db, OutboundMessageEntity);
    const sql = statementOf(this.db, 'line take', () => {
      const c = (property: string) => table.column(property);
      return (
        `UPDATE ${table.table} SET ${c('status')} = '${MESSAGE_TRANSITIONS.claim.to}', ${c('lockedBy')} = :workerId, ${c('lockedUntil')} = :lockedUntil, ${c('waitReason')} = NULL, ${c('updatedAt')} = :now, ${c('attempts')} = ${c('attempts')} + 1` +
        ` WHERE ${c('id')} = :id AND ${c('status')} = '${QUEUED}' AND ${c('updatedAt')} = :readAt AND ${c('nextAttemptAt')} <= :now`
      );
    });
    const updatedAt = this.db.driver.preparePersistentValue(message.updatedAt, table.metadata('updatedAt'));
    const matched = await rowsMatched(this.db.manager, sql, { workerId: this.options.workerId, lockedUntil, now, id: message.id, readAt: updatedAt });
    if (!matched) return false;
    Object.assign(message, { status: MESSAGE_TRANSITIONS.claim.to, lockedBy: this.options.workerId, lockedUntil, waitReason: null, updatedAt: now, attempts: message.attempts + 1 });
    return true;
  }
}

/** Waits for `work` to settle, or `ms`, whichever comes first. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.then(() => undefined, () => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
