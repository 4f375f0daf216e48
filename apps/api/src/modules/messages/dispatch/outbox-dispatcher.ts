import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { LessThan, type DataSource } from 'typeorm';
import { makeClassifiedError, sendingQuotaKey, type ClassifiedError, type SendOutcome, type SmtpDispatcher } from '@maestro/mail-core';
import { hasSmtpHost, type SmtpAccount } from '@maestro/settings-schema';
import type { Logger } from '../../../common/logger';
import { isDatabaseUnavailable } from '../../../db/database-unavailable';
import { isLockConflict } from '../../../db/transaction';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { AttachmentEntity } from '../../attachments/attachment.entity';
import type { OutboxMetrics } from '../../metrics/outbox-metrics';
import type { SettingsService } from '../../settings/settings.service';
import { IdempotencyRecordEntity } from '../intake/idempotency-record.entity';
import type { TransitionRequest } from '../lifecycle/apply-transition';
import type { MessageStatus } from '../lifecycle/message-states';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import type { MessageEvents } from '../message-events';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { toDispatchable } from '../to-outgoing';
import { claimDueMessages } from './claim-due-messages';
import { OutcomeWriter } from './outcome-writer';
import { nextAttempt, type RetryPolicyOptions } from './retry-policy';
import type { SendQuotas } from './send-quotas';

export interface OutboxDispatcherOptions {
  workerId?: string;
  /** Messages in flight at once (across all accounts). */
  concurrency: number;
  /** How often an idle dispatcher looks for due messages (it is also woken when one is accepted). */
  pollMs: number;
  /** A claim lasts this long unless renewed; a dead worker's claims are taken over after it. */
  leaseMs: number;
  retry: RetryPolicyOptions;
  /** Remove uploads no message uses after this long. */
  orphanAttachmentMs: number;
  /** Pauses between the tries of an outcome write before it is kept in memory (default 0.1, 0.3, 0.9 s). */
  outcomeRetryPausesMs?: readonly number[];
  now?: () => Date;
  /**
   * Called once the SMTP server accepted a message and SENT was recorded, with the account it went
   * through (the Sent-folder copy is queued here). Its failure never changes the message's outcome.
   */
  afterAccepted?: (message: OutboundMessageEntity, account: SmtpAccount) => Promise<void>;
  /** Loops that run beside this dispatcher and start and stop with it (the Sent-folder copies, the bounce reader). */
  companions?: ReadonlyArray<{ start(): void; stop(): Promise<void> }>;
}

/** What a dispatcher may record after an attempt: the table's moves that only a claim holder makes. */
type OutcomeEvent = 'delivered' | 'partlyDelivered' | 'transientFailure' | 'permanentFailure' | 'quotaWait';

export interface DispatchResult {
  id: string;
  status: MessageStatus;
}

/**
 * The outbox worker: claims due messages, sends each through mail-core with the settings current at
 * send time, and records SENT with the server's reply, a retry with backoff, or FAILED with a reason a
 * person can act on. Runs in the API process by default and as `npm run worker`; any number of
 * workers may share one MySQL database.
 */
export class OutboxDispatcher {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastHousekeeping = 0;
  private readonly now: () => Date;
  private readonly outcomes: OutcomeWriter;

  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly attachments: AttachmentStore,
    private readonly quotas: SendQuotas,
    private readonly events: MessageEvents,
    private readonly smtp: SmtpDispatcher,
    private readonly log: Logger,
    private readonly options: OutboxDispatcherOptions,
    private readonly metrics?: OutboxMetrics,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.now = options.now ?? (() => new Date());
    this.outcomes = new OutcomeWriter(db, log, {
      retryPausesMs: options.outcomeRetryPausesMs ?? [100, 300, 900],
      maxFlushPauseMs: Math.max(1000, options.pollMs * 5),
      leaseMs: options.leaseMs,
      onLateWrite: (request, moved) => {
        if (moved) this.afterOutcome(request);
      },
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.events.onAccepted(() => this.wakeUp?.());
    this.loop = this.run();
    for (const companion of this.options.companions ?? []) companion.start();
  }

  /** Stop claiming, let the messages in flight finish, then return. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeUp?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight, ...(this.options.companions ?? []).map((c) => c.stop())]);
    await this.outcomes.flush();
    const abandoned = this.outcomes.abandoned();
    if (abandoned.length) this.log.warn({ messageIds: abandoned }, 'stopping with outcomes the database did not take: these messages are sent again after their lease');
  }

  /** Claim one batch and send it to the end: for tests and for tools that drain the outbox. */
  async runOnce(limit = this.options.concurrency): Promise<DispatchResult[]> {
    if (!(await this.outcomes.flush())) return [];
    const claimed = await claimDueMessages(this.db, { workerId: this.workerId, now: this.now(), leaseMs: this.options.leaseMs, limit });
    const attachments = await this.attachmentsOf(claimed);
    return Promise.all(claimed.map((message) => this.process(message, attachments.get(message.id) ?? [])));
  }

  private async run(): Promise<void> {
    const { concurrency, pollMs } = this.options;
    while (this.running) {
      try {
        // Outcomes the database refused are written first: until they are, nothing new is claimed
        // (the database is away anyway), and this worker never takes its own kept message again.
        if (!(await this.outcomes.flush())) {
          await this.sleep(pollMs);
          continue;
        }
        await this.housekeeping();
        const free = concurrency - this.inFlight.size;
        // Claim in batches: wait until half the slots are free rather than one claim per message.
        if (this.inFlight.size > 0 && free < Math.ceil(concurrency / 2)) {
          await this.sleep(pollMs);
          continue;
        }
        const claimed = await claimDueMessages(this.db, { workerId: this.workerId, now: this.now(), leaseMs: this.options.leaseMs, limit: free });
        const attachments = await this.attachmentsOf(claimed);
        for (const message of claimed) {
          const task: Promise<void> = this.process(message, attachments.get(message.id) ?? [])
            .then(() => undefined)
            // process() records every failure itself; this only guards the worker's life.
            .catch((err: unknown) => this.log.error({ err, messageId: message.id }, 'a dispatch task failed'))
            .finally(() => {
              this.inFlight.delete(task);
              this.wakeUp?.();
            });
          this.inFlight.add(task);
        }
        // A full batch means more may be due: go round again (and wait there for free slots).
        if (claimed.length > 0 && claimed.length === free) continue;
        await this.sleep(pollMs);
      } catch (err) {
        // A lock conflict that outlived the retries is load, not a fault: the next round claims again.
        if (isLockConflict(err)) this.log.warn({ err }, 'claiming messages met a lock conflict; trying again');
        else if (isDatabaseUnavailable(err)) this.log.warn({ err }, 'the database is unavailable; the dispatcher tries again');
        else this.log.error({ err }, 'outbox dispatcher loop failed; trying again');
        await this.sleep(pollMs);
      }
    }
  }

  /** One query for the attachments of a whole claimed batch (most messages have none). */
  private async attachmentsOf(messages: OutboundMessageEntity[]): Promise<Map<string, AttachmentEntity[]>> {
    return messages.length ? this.attachments.forMessages(messages.map((m) => m.id)) : new Map();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async process(message: OutboundMessageEntity, attachments: AttachmentEntity[]): Promise<DispatchResult> {
    const renew = setInterval(() => void this.renewLease(message.id), Math.max(1000, this.options.leaseMs / 3));
    try {
      const outgoing = await toDispatchable(message, attachments, this.settings, this.attachments);
      if (!outgoing.ok) {
        return await this.recordFailure(message, makeClassifiedError('SMTP_NOT_CONFIGURED', { detail: outgoing.refusal.code }), outgoing.refusal.message);
      }
      if (!hasSmtpHost(outgoing.account)) return await this.recordFailure(message, makeClassifiedError('SMTP_NOT_CONFIGURED', { detail: 'no SMTP host' }));
      const quota = await this.quotas.take(sendingQuotaKey(outgoing.account), outgoing.account, outgoing.recipients, this.now());
      if (!quota.ok) return await this.waitForQuota(message, quota.until, quota.reason);
      const stopTimer = this.metrics?.sendDuration.startTimer({ channel: message.channel });
      const outcome = await this.smtp.send(outgoing.account, outgoing.message);
      const result = await this.record(message, outcome);
      stopTimer?.({ outcome: result.status === 'SENT' ? 'sent' : result.status === 'RETRYING' ? 'retry' : 'failed' });
      if (outcome.ok && result.status === 'SENT') await this.options.afterAccepted?.(message, outgoing.account).catch((err: unknown) => this.log.error({ err, messageId: message.id }, 'the step after acceptance failed'));
      return result;
    } catch (err) {
      if (isDatabaseUnavailable(err)) this.log.warn({ err, messageId: message.id }, 'the database failed before the message was sent; it is tried again');
      else this.log.error({ err, messageId: message.id }, 'sending a message failed unexpectedly');
      return this.recordFailure(message, makeClassifiedError('UNKNOWN', { detail: err instanceof Error ? err.name : 'error' }));
    } finally {
      clearInterval(renew);
    }
  }

  private async renewLease(id: string): Promise<void> {
    try {
      await this.db
        .getRepository(OutboundMessageEntity)
        .update({ id, lockedBy: this.workerId, status: 'SENDING' }, { lockedUntil: new Date(this.now().getTime() + this.options.leaseMs) });
    } catch (err) {
      this.log.warn({ err, messageId: id }, 'could not renew a lease');
    }
  }

  private async record(message: OutboundMessageEntity, outcome: SendOutcome): Promise<DispatchResult> {
    if (!outcome.ok) return this.recordFailure(message, outcome.error);
    const now = this.now();
    return this.finish(message, 'delivered', {
      sentAt: now,
      smtpResponse: outcome.response.slice(0, 1000),
      // The first hundred are enough to act on, and keep the row within its column.
      recipientErrors: outcome.rejected.length ? outcome.rejected.slice(0, 100).map((r) => ({ address: r.address, code: r.error.code, message: r.error.message })) : null,
      lastErrorCode: null,
      lastErrorMessage: null,
      lastErrorPermanent: null,
      nextAttemptAt: now,
    });
  }

  private async recordFailure(message: OutboundMessageEntity, error: ClassifiedError, messageOverride?: { fi: string; en: string }): Promise<DispatchResult> {
    const now = this.now();
    const text = messageOverride ?? error.message;
    this.metrics?.failures.inc({ code: error.code, permanent: String(error.permanent) });
    const base = { lastErrorCode: error.code, lastErrorMessage: text, lastErrorPermanent: error.permanent, smtpResponse: error.detail ? error.detail.slice(0, 1000) : null };
    if (error.permanent) return this.finish(message, 'permanentFailure', base);
    const decision = nextAttempt(message.attempts, now, message.giveUpAt, this.options.retry, Math.random, error.retryAfterMs ?? 0);
    if (decision.kind === 'give-up') {
      const hours = Math.round((message.giveUpAt.getTime() - message.createdAt.getTime()) / 3600_000);
      return this.finish(message, 'permanentFailure', {
        ...base,
        lastErrorPermanent: true,
        lastErrorMessage: {
          fi: `Lähetys ei onnistunut ${message.attempts} yrityksellä ${hours} tunnin aikana. Viimeisin syy: ${text.fi}`,
          en: `Not sent after ${message.attempts} attempts over ${hours} hours. Last reason: ${text.en}`,
        },
      });
    }
    return this.finish(message, 'transientFailure', { ...base, nextAttemptAt: decision.at });
  }

  /** Over an account's limit: not a failure. Give the attempt back and wait for the window. */
  private async waitForQuota(message: OutboundMessageEntity, until: Date, reason: string): Promise<DispatchResult> {
    this.metrics?.quotaWaits.inc({ reason });
    return this.finish(message, 'quotaWait', { nextAttemptAt: until, waitReason: `QUOTA_${reason}`, attempts: Math.max(0, message.attempts - 1) });
  }

  /**
   * Write the outcome, but only while this worker still holds the message. A database that refuses
   * the write does not lose it: it is kept and written when the database returns (OutcomeWriter).
   */
  private async finish(message: OutboundMessageEntity, event: OutcomeEvent, changes: Partial<OutboundMessageEntity>): Promise<DispatchResult> {
    const status = MESSAGE_TRANSITIONS[event].to;
    // The company scope changes nothing for the holder of the claim; it names whom to tell afterwards.
    const request = { event, id: message.id, companyId: message.companyId, claimHolder: this.workerId, changes, now: this.now() };
    const written = await this.outcomes.write(request);
    if (written === 'kept') return { id: message.id, status: 'SENDING' };
    if (written === 'not-moved') {
      this.log.warn({ messageId: message.id, status }, 'a message was taken over before its outcome was written');
      return { id: message.id, status: 'SENDING' };
    }
    this.afterOutcome(request);
    return { id: message.id, status };
  }

  /** Tell the waiting callers (sendMessage wait: true, the web's updates) once an outcome is stored. */
  private afterOutcome(request: TransitionRequest): void {
    const status = MESSAGE_TRANSITIONS[request.event].to;
    if (request.companyId) this.events.emit({ id: request.id, companyId: request.companyId, status });
    if (status === 'FAILED') this.log.warn({ messageId: request.id, code: request.changes?.lastErrorCode }, 'message failed');
  }

  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastHousekeeping < 10 * 60_000) return;
    this.lastHousekeeping = now.getTime();
    const removed = await this.attachments.removeUnreferenced(new Date(now.getTime() - this.options.orphanAttachmentMs));
    await this.quotas.prune(now);
    await this.db.getRepository(IdempotencyRecordEntity).delete({ createdAt: LessThan(new Date(now.getTime() - 7 * 24 * 3600_000)) });
    if (removed) this.log.info({ removed }, 'removed unused attachments');
  }
}
