import { createHash } from 'node:crypto';
import { In, Not, Raw, type DataSource } from 'typeorm';
import {
  imapEndpointOf,
  imapServerLabel,
  messageIdForEnvelopeId,
  readBounce,
  scanInbox,
  type AccessTokenProvider,
  type BounceReport,
  type HostPolicy,
  type ImapTimeouts,
  type InboxDecision,
  type InboxMessage,
} from '@maestro/mail-core';
import { hasImapHost, hasSmtpHost, parseAddressList, type SmtpAccount } from '@maestro/settings-schema';
import type { Logger } from '../../common/logger';
import { timeOrderedId } from '../../common/time-ordered-id';
import { CompanionLoop } from '../messages/dispatch/companion-loop';
import { newWorkerId } from '../messages/dispatch/worker-id';
import { applyTransition } from '../messages/lifecycle/apply-transition';
import { RECIPIENT_TRANSITIONS } from '../messages/lifecycle/transitions';
import { MessageRecipientEntity } from '../messages/recipients/message-recipient.entity';
import { ensureRecipientRows } from '../messages/recipients/message-recipients';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';
import type { MessageEvents } from '../messages/message-events';
import { CompanyMessageSettingsEntity } from '../settings/company-message-settings.entity';
import type { SettingsService } from '../settings/settings.service';
import { UserMailSettingsEntity } from '../settings/user-mail-settings.entity';
import { BounceEventEntity, BounceReaderEntity, SuppressedAddressEntity } from './bounce.entities';

export interface BounceReaderOptions {
  workerId?: string;
  /** How often every account's inbox is read. */
  intervalMs: number;
  /** A reader's claim on one account lasts this long; a dead worker's is taken over after it. */
  leaseMs: number;
  /** Notices read per account per round; the next round goes on from there. */
  maxMessagesPerScan?: number;
  /** Larger notices are skipped unread. */
  maxNoticeBytes?: number;
  timeouts?: Partial<ImapTimeouts>;
  accessTokenProvider?: AccessTokenProvider;
  hostPolicy?: HostPolicy;
  now?: () => Date;
}

/** One account whose inbox is read: the company's, or a user's own. */
interface ReadAccount {
  key: string;
  companyId: string;
  account: SmtpAccount;
}

export interface ReaderRun {
  accountKey: string;
  /** NOT_MINE: another worker holds the account's lease. */
  outcome: 'READ' | 'NOT_MINE' | 'FAILED';
  scanned: number;
  recorded: number;
  errorCode?: string;
}

/** What became of one notice; for the log and the tests. */
type NoticeOutcome = 'RECORDED' | 'NO_MATCH' | 'NOT_A_BOUNCE' | 'SKIPPED' | 'ALREADY_RECORDED';

const addressesOf = (lists: readonly string[][]): string[] =>
  lists.flat().flatMap((text) => {
    const parsed = parseAddressList(text);
    return parsed.ok ? parsed.addresses.map((a) => a.address.toLowerCase()) : [];
  });

/**
 * Reads bounce notices from the mailbox each account signs in as (the envelope sender, where bounces
 * arrive), on a schedule: one reader per account at a time across workers (a lease in `bounce_reader`,
 * which also keeps the place in the inbox). Each new message goes through mail-core's readBounce; a
 * bounce is matched to a message of the account's own company only — by the ENVID we sent, else the
 * Message-ID in the returned headers — and recorded per recipient: BOUNCED (permanent, with the remote
 * server's reply; the address is suppressed) or DELAYED. A message all of whose recipients bounced
 * becomes FAILED. A notice that matches nothing is left untouched; a malformed or hostile one is
 * skipped with a log line; neither stops the reader.
 */
export class BounceReader {
  readonly workerId: string;
  private readonly loop: CompanionLoop;
  private readonly now: () => Date;

  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly events: MessageEvents,
    private readonly log: Logger,
    private readonly options: BounceReaderOptions,
  ) {
    this.workerId = options.workerId ?? newWorkerId('bounce');
    this.now = options.now ?? (() => new Date());
    this.loop = new CompanionLoop(
      async () => {
        await this.runOnce();
        return 'idle';
      },
      { name: 'the bounce reader', pauseMs: options.intervalMs, log },
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: every account with an IMAP server whose lease this worker gets. */
  async runOnce(): Promise<ReaderRun[]> {
    const runs: ReaderRun[] = [];
    for (const account of await this.accounts()) runs.push(await this.readAccount(account));
    return runs;
  }

  /** The accounts to read: each company's and each user's own, where an IMAP server is set. */
  private async accounts(): Promise<ReadAccount[]> {
    const companies = await this.db.getRepository(CompanyMessageSettingsEntity).find({ where: { smtp: { imapHost: Not('') } }, select: { companyId: true } });
    const users = await this.db.getRepository(UserMailSettingsEntity).find({ where: { smtp: { imapHost: Not(''), host: Not('') } }, select: { companyId: true, userId: true } });
    const out: ReadAccount[] = [];
    for (const { companyId } of companies) {
      const account = (await this.settings.companySettings(companyId)).smtp;
      if (hasSmtpHost(account) && hasImapHost(account)) out.push({ key: `company:${companyId}`, companyId, account });
    }
    for (const { companyId, userId } of users) {
      const account = (await this.settings.userSettings(companyId, userId)).smtp;
      if (hasSmtpHost(account) && hasImapHost(account)) out.push({ key: `user:${userId}`, companyId, account });
    }
    return out;
  }

  /** Takes the account's lease (creating its row on first use); false when another worker holds it. */
  private async lease(account: ReadAccount): Promise<BounceReaderEntity | null> {
    const now = this.now();
    await this.db
      .createQueryBuilder()
      .insert()
      .into(BounceReaderEntity)
      .values({ accountKey: account.key, companyId: account.companyId, lockedBy: null, lockedUntil: null, uidValidity: null, lastUid: 0, server: '', lastRunAt: null, lastErrorCode: null })
      .orIgnore()
      .execute();
    const taken = await this.db
      .createQueryBuilder()
      .update(BounceReaderEntity)
      .set({ lockedBy: this.workerId, lockedUntil: new Date(now.getTime() + this.options.leaseMs) })
      .where('accountKey = :key AND (lockedUntil IS NULL OR lockedUntil < :now)', { key: account.key, now })
      .execute();
    if (taken.affected !== 1) return null;
    return this.db.getRepository(BounceReaderEntity).findOneBy({ accountKey: account.key });
  }

  private async readAccount(read: ReadAccount): Promise<ReaderRun> {
    const state = await this.lease(read);
    if (!state) return { accountKey: read.key, outcome: 'NOT_MINE', scanned: 0, recorded: 0 };
    const endpoint = imapEndpointOf(read.account);
    let recorded = 0;
    try {
      if (!endpoint) {
        await this.release(read, { lastErrorCode: 'IMAP_NOT_CONFIGURED' });
        return { accountKey: read.key, outcome: 'FAILED', scanned: 0, recorded: 0, errorCode: 'IMAP_NOT_CONFIGURED' };
      }
      const server = `${imapServerLabel(endpoint)} ${read.account.username || read.account.oauthUser}`;
      const samePlace = state.server === server;
      const moveTo = read.account.imapBounceFolder.trim();
      const outcome = await scanInbox(endpoint, read.account, {
        ...(samePlace && state.uidValidity ? { uidValidity: state.uidValidity, afterUid: state.lastUid } : {}),
        maxMessages: this.options.maxMessagesPerScan ?? 200,
        maxBytes: this.options.maxNoticeBytes ?? 10 * 1024 * 1024,
        ...(moveTo ? { moveTo } : {}),
        accessTokenProvider: this.options.accessTokenProvider,
        hostPolicy: this.options.hostPolicy,
        timeouts: this.options.timeouts,
        handle: async (message) => {
          const handled = await this.handleNotice(read, message);
          if (handled === 'RECORDED') recorded += 1;
          // Only a notice that was ours is moved out of the way; anything else stays as it came.
          return handled === 'RECORDED' || handled === 'ALREADY_RECORDED' ? 'MOVE' : ('KEEP' satisfies InboxDecision);
        },
      });
      if (!outcome.ok) {
        this.log.warn({ account: read.key, stage: outcome.stage, code: outcome.error.code }, 'could not read the bounce mailbox');
        await this.release(read, { lastErrorCode: outcome.error.code });
        return { accountKey: read.key, outcome: 'FAILED', scanned: 0, recorded, errorCode: outcome.error.code };
      }
      await this.release(read, { uidValidity: outcome.uidValidity, lastUid: outcome.lastUid, server, lastErrorCode: null });
      return { accountKey: read.key, outcome: 'READ', scanned: outcome.scanned, recorded };
    } catch (err) {
      this.log.error({ err, account: read.key }, 'reading the bounce mailbox failed unexpectedly');
      await this.release(read, { lastErrorCode: 'UNKNOWN' });
      return { accountKey: read.key, outcome: 'FAILED', scanned: 0, recorded, errorCode: 'UNKNOWN' };
    }
  }

  private async release(read: ReadAccount, changes: Partial<BounceReaderEntity>): Promise<void> {
    await this.db.getRepository(BounceReaderEntity).update({ accountKey: read.key, lockedBy: this.workerId }, { ...changes, lockedBy: null, lockedUntil: null, lastRunAt: this.now() });
  }

  /** Reads one message of the inbox; never throws (a hostile notice is skipped with a log line). */
  private async handleNotice(read: ReadAccount, message: InboxMessage): Promise<NoticeOutcome> {
    try {
      if (!message.raw) {
        this.log.warn({ account: read.key, uid: message.uid, size: message.size }, 'skipped a notice too large to read');
        return 'SKIPPED';
      }
      const reading = await readBounce(message.raw, { maxBytes: this.options.maxNoticeBytes });
      if (reading.kind === 'NOT_A_BOUNCE') return 'NOT_A_BOUNCE';
      if (reading.kind === 'SKIPPED') {
        this.log.warn({ account: read.key, uid: message.uid, reason: reading.reason, detail: reading.detail }, 'skipped an unreadable notice');
        return 'SKIPPED';
      }
      const noticeKey = reading.report.noticeMessageId ?? `sha256:${createHash('sha256').update(message.raw).digest('hex')}`;
      return await this.record(read.companyId, reading.report, noticeKey.slice(0, 250));
    } catch (err) {
      this.log.warn({ err, account: read.key, uid: message.uid }, 'skipped a notice that could not be handled');
      return 'SKIPPED';
    }
  }

  /**
   * The message a notice is about, in the account's company only (a notice naming another company's
   * Message-ID matches nothing): by the ENVID we sent (it is the Message-ID), else the Message-ID in
   * the returned headers or the quoted original.
   */
  private async match(companyId: string, report: BounceReport): Promise<OutboundMessageEntity[]> {
    const ids = [report.envelopeId ? messageIdForEnvelopeId(report.envelopeId) : null, report.originalMessageId ?? null].filter((id): id is string => !!id);
    if (ids.length === 0) return [];
    return this.db.getRepository(OutboundMessageEntity).find({ where: { companyId, channel: 'EMAIL', messageId: In([...new Set(ids)]), status: In(['SENT', 'PARTIALLY_SENT', 'FAILED']) } });
  }

  private async record(companyId: string, report: BounceReport, noticeKey: string): Promise<NoticeOutcome> {
    const messages = await this.match(companyId, report);
    if (messages.length === 0) return 'NO_MATCH';
    let recorded = 0;
    let known = 0;
    for (const message of messages) {
      const recipients = new Set(addressesOf([message.toList, message.ccList, message.bccList]));
      for (const r of report.recipients) {
        const address = [r.address, r.originalRecipient].map((a) => a?.toLowerCase()).find((a) => a && recipients.has(a));
        if (!address) continue;
        const action = r.action === 'FAILED' ? 'BOUNCED' : 'DELAYED';
        const repo = this.db.getRepository(BounceEventEntity);
        if (await repo.existsBy({ outboundMessageId: message.id, address, noticeKey })) {
          known += 1;
          continue;
        }
        const now = this.now();
        await repo.insert({
          id: timeOrderedId(),
          companyId,
          outboundMessageId: message.id,
          address,
          action,
          status: r.status ?? null,
          reply: r.diagnostic?.slice(0, 1000) ?? null,
          remoteMta: r.remoteMta?.slice(0, 253) ?? null,
          noticeKey,
          reportedAt: now,
        });
        recorded += 1;
        await ensureRecipientRows(this.db, message, now);
        await this.moveRecipient(message.id, address, action === 'BOUNCED' ? 'bounced' : 'delayed', r.diagnostic?.slice(0, 1000) ?? null, now);
        // A 4.x.x a server gave up on (a rate limit, a full mailbox) says nothing lasting about the address.
        if (action === 'BOUNCED' && (!r.status || r.status.startsWith('5'))) {
          await this.db
            .createQueryBuilder()
            .insert()
            .into(SuppressedAddressEntity)
            .values({ companyId, address, status: r.status ?? null, reply: r.diagnostic?.slice(0, 1000) ?? null, outboundMessageId: message.id, createdAt: now })
            .orIgnore()
            .execute();
        }
        this.log.info({ messageId: message.id, action, status: r.status }, 'a delivery status notification was recorded');
      }
      await this.settleMessage(message, recipients);
    }
    if (recorded > 0) return 'RECORDED';
    return known > 0 ? 'ALREADY_RECORDED' : 'NO_MATCH';
  }

  /**
   * The recipient's own result follows the notice, by the transition table: only a recipient the server
   * accepted (or one already delayed) can bounce or be delayed, so a notice about one refused at RCPT, or
   * a late delay notice after a bounce, changes nothing. Addresses are compared without case, as the
   * notice may spell them differently from the message.
   */
  private async moveRecipient(messageId: string, address: string, event: 'bounced' | 'delayed', reply: string | null, now: Date): Promise<void> {
    const move = RECIPIENT_TRANSITIONS[event];
    await this.db.getRepository(MessageRecipientEntity).update(
      { outboundMessageId: messageId, address: Raw((column) => `LOWER(${column}) = :address`, { address }), outcome: In([...move.from]) },
      { outcome: move.to, lastReply: reply, updatedAt: now },
    );
  }

  /** Every recipient bounced: the message did not reach anyone, it is FAILED with the remote server's reply. */
  private async settleMessage(message: OutboundMessageEntity, recipients: Set<string>): Promise<void> {
    if (message.status === 'FAILED' || recipients.size === 0) return;
    const bounced = await this.db.getRepository(BounceEventEntity).find({ where: { outboundMessageId: message.id, action: 'BOUNCED' } });
    const addresses = new Set(bounced.map((b) => b.address));
    if (![...recipients].every((a) => addresses.has(a))) return;
    const reply = bounced.find((b) => b.reply)?.reply ?? '';
    const now = this.now();
    const moved = await applyTransition(this.db.manager, {
      event: 'bounced',
      id: message.id,
      companyId: message.companyId,
      now,
      changes: {
        lastErrorCode: 'BOUNCED',
        lastErrorPermanent: true,
        lastErrorMessage: {
          fi: `Viesti palautui: vastaanottajan palvelin hylkäsi sen lähetyksen jälkeen${reply ? ` (${reply})` : ''}. Tarkista osoite.`,
          en: `The message bounced: the recipient's server refused it after it was sent${reply ? ` (${reply})` : ''}. Check the address.`,
        },
      },
    });
    if (moved) this.events.emit({ id: message.id, companyId: message.companyId, status: 'FAILED' });
  }

  /** The notices recorded for a message (the archive's per-recipient result). */
  forMessage(messageId: string): Promise<BounceEventEntity[]> {
    return this.db.getRepository(BounceEventEntity).find({ where: { outboundMessageId: messageId }, order: { reportedAt: 'ASC' } });
  }
}
