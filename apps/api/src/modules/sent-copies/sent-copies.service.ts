import { IsNull, LessThan, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import {
  appendToSentFolder,
  buildSentCopy,
  imapEndpointOf,
  makeClassifiedImapError,
  type AccessTokenProvider,
  type ClassifiedImapError,
  type HostPolicy,
  type ImapTimeouts,
} from '@maestro/mail-core';
import { hasImapHost, type SmtpAccount } from '@maestro/settings-schema';
import type { Logger } from '../../common/logger';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { SettingsService } from '../settings/settings.service';
import { CompanionLoop } from '../messages/dispatch/companion-loop';
import { newWorkerId } from '../messages/dispatch/worker-id';
import { nextAttempt, type RetryPolicyOptions } from '../messages/dispatch/retry-policy';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';
import { toDispatchable } from '../messages/to-outgoing';
import { SentCopyEntity } from './sent-copy.entity';
import { isDatabaseUnavailable } from '../../db/database-unavailable';

export interface SentCopiesOptions {
  workerId?: string;
  /** Copies filed at once by this process. */
  concurrency: number;
  /** How often an idle worker looks for copies due. */
  pollMs: number;
  /** A claim lasts this long; a dead worker's copies are taken over after it. */
  leaseMs: number;
  /** Backoff between attempts (the outbox's policy). */
  retry: RetryPolicyOptions;
  /** A copy that keeps failing for a transient reason is given up after this long. */
  giveUpAfterMs: number;
  timeouts?: Partial<ImapTimeouts>;
  accessTokenProvider?: AccessTokenProvider;
  hostPolicy?: HostPolicy;
  now?: () => Date;
}

/** Whether an account files a copy of what it sends: an IMAP server and the switch on. */
export function filesSentCopies(account: SmtpAccount): boolean {
  return hasImapHost(account) && account.imapAppendToSent;
}

/**
 * The Sent-folder copy, a step of its own after the SMTP server accepted a message: `queue` writes it
 * with the dispatcher's outcome (onFirstAcceptance); `runOnce` claims due copies (a lease, so several workers share
 * the table), rebuilds each from the stored message (same Message-ID and Date, plus Bcc) and APPENDs
 * it with \Seen through mail-core. A transient failure is retried with the outbox's backoff; nothing
 * here can send the mail again — it only ever talks IMAP.
 */
export class SentCopies {
  readonly workerId: string;
  private readonly loop: CompanionLoop;
  private readonly now: () => Date;

  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly attachments: AttachmentStore,
    private readonly log: Logger,
    private readonly options: SentCopiesOptions,
  ) {
    this.workerId = options.workerId ?? newWorkerId('copy');
    this.now = options.now ?? (() => new Date());
    // A round that filed copies goes again at once: more may be due.
    this.loop = new CompanionLoop(async () => ((await this.runOnce()).length > 0 ? 'more' : 'idle'), { name: 'the Sent-folder copy worker', pauseMs: options.pollMs, log });
  }

  /**
   * The dispatcher's onFirstAcceptance: a PENDING copy when the account files copies, written in the
   * transaction that records the message accepted, so the copy is queued with SENT or not at all. A
   * second call for the same message adds nothing (a message accepted again after a takeover keeps its
   * one copy row). A database that is away fails the whole outcome, which is then kept and written
   * later with its copy; any other failure here is logged and the outcome goes on without a copy — a
   * failed statement leaves the transaction open on both databases — because failing the outcome
   * would send the message again.
   */
  async queue(manager: EntityManager, message: Pick<OutboundMessageEntity, 'id' | 'companyId' | 'channel'>, account: SmtpAccount): Promise<void> {
    if (!this.queues(message, account)) return;
    try {
      await this.insertCopy(manager, message);
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      this.log.error({ err, messageId: message.id }, 'could not queue the Sent-folder copy of a sent message');
    }
  }

  private async insertCopy(manager: EntityManager, message: Pick<OutboundMessageEntity, 'id' | 'companyId'>): Promise<void> {
    const now = this.now();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SentCopyEntity)
      .values({
        messageId: message.id,
        companyId: message.companyId,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: now,
        giveUpAt: new Date(now.getTime() + this.options.giveUpAfterMs),
        lockedBy: null,
        lockedUntil: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        folder: null,
        createdAt: now,
        doneAt: null,
      })
      .orIgnore()
      .execute();
  }

  /** Whether a message sent through this account gets a copy: an e-mail, through an account that files them. */
  queues(message: Pick<OutboundMessageEntity, 'channel'>, account: SmtpAccount): boolean {
    return message.channel === 'EMAIL' && filesSentCopies(account);
  }

  /** A copy was queued with the outcome: file it now rather than after the pause (and only then). */
  written(message: Pick<OutboundMessageEntity, 'channel'>, account: SmtpAccount): void {
    if (this.queues(message, account)) this.loop.wake();
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Claim the copies due now and file them; returns the ids handled. For tests and the loop. */
  async runOnce(limit = this.options.concurrency): Promise<Array<{ messageId: string; status: SentCopyEntity['status'] }>> {
    const claimed = await this.claim(limit);
    return Promise.all(claimed.map((copy) => this.file(copy)));
  }

  /** Due copies, each taken with a conditional update so that two workers never file the same one at once. */
  private async claim(limit: number): Promise<SentCopyEntity[]> {
    const now = this.now();
    const repo = this.db.getRepository(SentCopyEntity);
    const due = await repo.find({
      where: [
        { status: 'PENDING', nextAttemptAt: LessThanOrEqual(now), lockedUntil: IsNull() },
        { status: 'PENDING', nextAttemptAt: LessThanOrEqual(now), lockedUntil: LessThan(now) },
      ],
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
    const until = new Date(now.getTime() + this.options.leaseMs);
    const claimed: SentCopyEntity[] = [];
    for (const copy of due) {
      const result = await this.db
        .createQueryBuilder()
        .update(SentCopyEntity)
        .set({ lockedBy: this.workerId, lockedUntil: until })
        .where('messageId = :id AND status = :pending AND (lockedUntil IS NULL OR lockedUntil < :now)', { id: copy.messageId, pending: 'PENDING', now })
        .execute();
      if (result.affected === 1) claimed.push({ ...copy, lockedBy: this.workerId, lockedUntil: until });
    }
    return claimed;
  }

  private async file(copy: SentCopyEntity): Promise<{ messageId: string; status: SentCopyEntity['status'] }> {
    try {
      const message = await this.db.getRepository(OutboundMessageEntity).findOneBy({ id: copy.messageId, companyId: copy.companyId });
      if (!message || !message.sentAt) return await this.finish(copy, 'FAILED', { error: makeClassifiedImapError('UNKNOWN', { detail: 'the message is gone' }) });
      const attachments = (await this.attachments.forMessages([message.id])).get(message.id) ?? [];
      // The account as it is now (a password typed again after a failure counts at the next attempt).
      const resolved = await toDispatchable(message, attachments, this.settings, this.attachments);
      if (!resolved.ok) return await this.finish(copy, 'FAILED', { error: makeClassifiedImapError('IMAP_NOT_CONFIGURED', { detail: resolved.refusal.code }) });
      const endpoint = imapEndpointOf(resolved.account);
      if (!endpoint || !resolved.account.imapAppendToSent) {
        return await this.finish(copy, 'FAILED', { error: makeClassifiedImapError('IMAP_NOT_CONFIGURED', { detail: 'the copy was switched off after sending' }) });
      }
      // The Date it went out with is the one it was accepted into the outbox with (see toDispatchable).
      const raw = await buildSentCopy(resolved.message, message.createdAt);
      const outcome = await appendToSentFolder(endpoint, resolved.account, raw, {
        internalDate: message.sentAt,
        sentFolder: resolved.account.imapSentFolder,
        accessTokenProvider: this.options.accessTokenProvider,
        hostPolicy: this.options.hostPolicy,
        timeouts: this.options.timeouts,
      });
      if (outcome.ok) return await this.finish(copy, 'DONE', { folder: outcome.path });
      return await this.failed(copy, outcome.error);
    } catch (err) {
      this.log.error({ err, messageId: copy.messageId }, 'filing a Sent-folder copy failed unexpectedly');
      return this.failed(copy, makeClassifiedImapError('UNKNOWN', { detail: err instanceof Error ? err.name : 'error' }));
    }
  }

  /** A failed APPEND: given up when permanent or past its time, else tried again after the backoff. */
  private async failed(copy: SentCopyEntity, error: ClassifiedImapError): Promise<{ messageId: string; status: SentCopyEntity['status'] }> {
    const attempts = copy.attempts + 1;
    if (error.permanent) return this.finish(copy, 'FAILED', { error, attempts });
    const decision = nextAttempt(attempts, this.now(), copy.giveUpAt, this.options.retry, Math.random, error.retryAfterMs ?? 0);
    if (decision.kind === 'give-up') return this.finish(copy, 'FAILED', { error, attempts });
    return this.finish(copy, 'PENDING', { error, attempts, nextAttemptAt: decision.at });
  }

  /** Writes the outcome while this worker still holds the copy. */
  private async finish(
    copy: SentCopyEntity,
    status: SentCopyEntity['status'],
    fields: { error?: ClassifiedImapError; attempts?: number; folder?: string; nextAttemptAt?: Date },
  ): Promise<{ messageId: string; status: SentCopyEntity['status'] }> {
    const now = this.now();
    const { error } = fields;
    const changes: Partial<SentCopyEntity> = {
      status,
      attempts: fields.attempts ?? copy.attempts + 1,
      lockedBy: null,
      lockedUntil: null,
      lastErrorCode: error ? error.code : null,
      lastErrorMessage: error ? error.message : null,
      ...(fields.folder ? { folder: fields.folder } : {}),
      ...(status === 'DONE' ? { doneAt: now } : {}),
      ...(fields.nextAttemptAt ? { nextAttemptAt: fields.nextAttemptAt } : {}),
    };
    const result = await this.db.getRepository(SentCopyEntity).update({ messageId: copy.messageId, lockedBy: this.workerId }, changes);
    if (result.affected !== 1) {
      this.log.warn({ messageId: copy.messageId }, 'a Sent-folder copy was taken over before its outcome was written');
      return { messageId: copy.messageId, status: 'PENDING' };
    }
    if (error) this.log.warn({ messageId: copy.messageId, code: error.code, status }, 'a Sent-folder copy was not filed');
    return { messageId: copy.messageId, status };
  }

  /** The copy of a message the caller may see (the archive's "kopioitu Lähetetyt-kansioon"). */
  async forMessage(messageId: string): Promise<SentCopyEntity | null> {
    return this.db.getRepository(SentCopyEntity).findOneBy({ messageId });
  }
}
