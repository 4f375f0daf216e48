import { LessThan, type DataSource, type EntityManager } from 'typeorm';
import { makeClassifiedError, sendingQuotaKey, type ClassifiedError, type RecipientRejection, type SendOutcome, type SendSuccess, type SmtpDispatcher } from '@maestro/mail-core';
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
import { MESSAGE_TRANSITIONS, deriveMessageStatus } from '../lifecycle/transitions';
import type { AcceptedFor, MessageEvents } from '../message-events';
import { OutboundMessageEntity } from '../outbound-message.entity';
import type { MessageRecipientEntity } from '../recipients/message-recipient.entity';
import { recipientsOf, stateOf, writeRecipients } from '../recipients/message-recipients';
import { afterAttempt, isOpen, recipientsFromLists, type AttemptResult, type RecipientState } from '../recipients/recipient-states';
import { toDispatchable } from '../to-outgoing';
import { AccountStates, CONNECTION_FAILURES, parkingWithin, type ParkingOptions } from './account-states';
import { accountId, claimBatch, claimDueMessages, companyShare, type CapBound } from './claim-due-messages';
import { NextInLine, type InLine } from './next-in-line';
import { SendPace } from './send-pace';
import { newWorkerId } from './worker-id';
import { OutcomeWriter, type AfterMove } from './outcome-writer';
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
  /** When an account whose connections keep failing is parked, and for how long. */
  parking?: ParkingOptions;
  now?: () => Date;
  /**
   * A send that returns within this is quick (SendPace; default QUICK_SEND_MS). Tests that count claim
   * rounds set it high, so that a loaded machine's slow sends do not change what they count.
   */
  quickSendMs?: number;
  /**
   * What the outcome that first records a message accepted (SENT or PARTIALLY_SENT) writes with it, in
   * its transaction, given the account it went through: the Sent-folder copy is queued together with
   * that outcome or not at all (written after it, a crash in between lost the copy). `written` is told
   * once such an outcome is stored. `queues` says whether there is anything to queue: when not (the
   * account files no copies), the outcome is its one UPDATE, without a transaction around it.
   */
  onFirstAcceptance?: {
    queues(message: OutboundMessageEntity, account: SmtpAccount): boolean;
    queue(manager: EntityManager, message: OutboundMessageEntity, account: SmtpAccount): Promise<void>;
    written(message: OutboundMessageEntity, account: SmtpAccount): void;
  };
  /** Loops that run beside this dispatcher and start and stop with it (the Sent-folder copies, the bounce reader). */
  companions?: ReadonlyArray<{ start(): void; stop(): Promise<void> }>;
}

/** What a dispatcher may record after an attempt: the table's moves that only a claim holder makes. */
type OutcomeEvent = 'delivered' | 'partlyDelivered' | 'transientFailure' | 'permanentFailure' | 'quotaWait';

export interface DispatchResult {
  id: string;
  status: MessageStatus;
}

/** A message's recipients going into an attempt: as stored, or (first attempt) read from its lists. */
interface Recipients {
  states: RecipientState[];
  /** Rows exist and are replaced when the outcome is written. */
  stored: boolean;
}

const NO_TROUBLE: ReadonlySet<string> = new Set();

/** The table's move that records a derived status (a dispatcher's outcome always starts from SENDING). */
const EVENT_FOR: Record<ReturnType<typeof deriveMessageStatus>, OutcomeEvent> = {
  SENT: 'delivered',
  PARTIALLY_SENT: 'partlyDelivered',
  RETRYING: 'transientFailure',
  FAILED: 'permanentFailure',
  // Nobody tried yet cannot follow an attempt; should it, the message is tried again.
  QUEUED: 'transientFailure',
};

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
  /** This worker's sends in flight per company: no company holds more than companyShare of the slots. */
  private readonly heldByCompany = new Map<string, number>();
  private wakeUp: (() => void) | null = null;
  /**
   * Counts the moments new work may have become due (a message accepted, a poll interval that ran out);
   * a finished send is not one, it only frees a slot. `lookedFor` is the count when the last claim
   * began: while they differ, the loop claims into whatever slots are free.
   */
  private announced = 0;
  private lookedFor = 0;
  /**
   * What the last claim left due, and why: accounts waiting only for their own cap (their slots free
   * and their cap), or messages left for want of this worker's slots. A finished send calls for a
   * claim round only when it can take something: a round that finds every account at its cap costs
   * two statements and takes nothing.
   */
  private capBound = new Map<string, Omit<CapBound, 'countedAt'>>();
  /** This worker's sends finished so far: a finish's number says whether a claim's count saw it. */
  private finishedSends = 0;
  /**
   * The numbers of the sends finished per account since the last round began. Those after the round
   * counted the account's sends in flight add to its free slots: without them its cap-bound accounts
   * would wait for a poll interval. Those before were counted already: added again, they made a
   * round start early and another find the account at its cap (a third of all rounds, on MariaDB).
   */
  private finishedDuringRound = new Map<string, number[]>();
  /** Accounts whose accepted messages started no round since the last round began (`accepted`). */
  private quietlyAccepted = new Set<string>();
  /** This worker's sends under way, per account. */
  private readonly heldByAccount = new Map<string, number>();
  /** The accounts the last round left waiting for this worker's slots or their company's share. */
  private leftWaiting: ReadonlySet<string> = new Set();
  /**
   * A round can take something: a finished send gave a cap-bound account its batch of free slots, or
   * freed one of an account the last round found nothing more of (new work may have come meanwhile,
   * from this process or another).
   */
  private roomMade = false;
  private readonly pace: SendPace;
  private unsubscribe: (() => void) | null = null;
  private lastHousekeeping = 0;
  private readonly now: () => Date;
  private readonly outcomes: OutcomeWriter;
  private readonly line: NextInLine;
  readonly accounts: AccountStates;

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
    this.workerId = options.workerId ?? newWorkerId();
    this.now = options.now ?? (() => new Date());
    this.pace = new SendPace(undefined, options.quickSendMs);
    this.accounts = new AccountStates(db, options.parking ?? parkingWithin(options.retry.maxDelayMs));
    this.line = new NextInLine(db, {
      workerId: this.workerId,
      // Read ahead, not claimed yet: a message with attempts has had one (a quota wait, a person's retry).
      load: (messages) => this.readyToSend(messages, 0),
      onError: (err, what) => this.log.warn({ err }, `${what} failed; claim rounds serve the account`),
    });
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
    this.unsubscribe = this.events.onAccepted((accounts) => this.accepted(accounts));
    // The first round looks for whatever is due already.
    this.announced += 1;
    this.loop = this.run();
    for (const companion of this.options.companions ?? []) companion.start();
  }

  /** Stop claiming, let the messages in flight finish, then return. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeUp?.();
    await this.loop;
    this.line.drop();
    await Promise.allSettled([...this.inFlight, ...(this.options.companions ?? []).map((c) => c.stop())]);
    await this.outcomes.flush();
    const abandoned = this.outcomes.abandoned();
    if (abandoned.length) this.log.warn({ messageIds: abandoned }, 'stopping with outcomes the database did not take: these messages are sent again after their lease');
  }

  /** Claim one batch and send it to the end: for tests and for tools that drain the outbox. */
  async runOnce(limit = this.options.concurrency): Promise<DispatchResult[]> {
    if (!(await this.outcomes.flush())) return [];
    const { messages: claimed, troubled } = await claimDueMessages(this.db, { workerId: this.workerId, now: this.now(), leaseMs: this.options.leaseMs, limit });
    const ready = await this.readyToSend(claimed, 1);
    return Promise.all(ready.map(({ message, attachments, recipients }) => this.process(message, attachments, recipients, troubled)));
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
        if (free <= 0 || !this.worthARound(free)) {
          await this.sleep(pollMs);
          continue;
        }
        this.lookedFor = this.announced;
        this.roomMade = false;
        this.finishedDuringRound.clear();
        this.quietlyAccepted.clear();
        const share = companyShare(concurrency);
        const {
          messages: claimed,
          troubled,
          capBound,
          leftWaiting,
          changedSinceScan,
          interruptedBy,
        } = await claimDueMessages(this.db, {
          workerId: this.workerId,
          now: this.now(),
          leaseMs: this.options.leaseMs,
          limit: free,
          roomOf: (companyId) => share - (this.heldByCompany.get(companyId) ?? 0),
          quickSends: (account) => this.pace.quick(account),
          finishedSends: () => this.finishedSends,
        });
        this.metrics?.claimRounds.inc({ took: claimed.length ? 'some' : 'none' });
        if (interruptedBy) this.log.warn({ err: interruptedBy, claimed: claimed.length }, 'a claim round stopped part-way; the messages it claimed are sent, the rest wait for the next round');
        const finishedSince = (account: string, countedAt: number) => (this.finishedDuringRound.get(account) ?? []).filter((n) => n > countedAt).length;
        this.capBound = new Map([...capBound].map(([account, wait]) => [account, { free: wait.free + finishedSince(account, wait.countedAt), cap: wait.cap }]));
        this.leftWaiting = leftWaiting;
        // What happened while the round ran, against the new picture: sends that finished before it was
        // taken (of an account it shows with its batch free, or with nothing more due, where new work may
        // have come meanwhile), and messages accepted for an account it no longer shows at its cap.
        this.roomMade =
          [...this.capBound.keys()].some((account) => this.hasBatch(account)) ||
          [...this.finishedDuringRound.keys()].some((account) => !this.capBound.has(account)) ||
          [...this.quietlyAccepted].some((account) => !this.atCap(account));
        if (changedSinceScan) this.announceWork();
        this.line.forget(claimed.map((message) => message.id));
        for (const ready of await this.readyToSend(claimed, 1)) {
          const { message } = ready;
          const account = accountId(message.companyId, message.accountKey);
          this.fillLine(message, account);
          this.heldByCompany.set(message.companyId, (this.heldByCompany.get(message.companyId) ?? 0) + 1);
          this.heldByAccount.set(account, (this.heldByAccount.get(account) ?? 0) + 1);
          const task: Promise<void> = this.sendInTurn(ready, troubled)
            // process() records every failure itself; this only guards the worker's life.
            .catch((err: unknown) => this.log.error({ err, messageId: message.id }, 'a dispatch task failed'))
            .finally(() => {
              this.inFlight.delete(task);
              const held = (this.heldByCompany.get(message.companyId) ?? 1) - 1;
              if (held > 0) this.heldByCompany.set(message.companyId, held);
              else this.heldByCompany.delete(message.companyId);
              const heldHere = (this.heldByAccount.get(account) ?? 1) - 1;
              if (heldHere > 0) this.heldByAccount.set(account, heldHere);
              else this.heldByAccount.delete(account);
              this.finishedSends += 1;
              const finished = this.finishedDuringRound.get(account) ?? [];
              finished.push(this.finishedSends);
              this.finishedDuringRound.set(account, finished);
              const waiting = this.capBound.get(account);
              if (waiting) waiting.free += 1;
              if (!waiting || this.hasBatch(account)) this.roomMade = true;
              this.wakeUp?.();
            });
          this.inFlight.add(task);
        }
        // Whether to claim again at once is decided at the top: sends may have finished, or work been
        // announced, while this round ran, and nothing would wake a sleep for them.
      } catch (err) {
        // A lock conflict that outlived the retries is load, not a fault: the next round claims again.
        if (isLockConflict(err)) this.log.warn({ err }, 'claiming messages met a lock conflict; trying again');
        else if (isDatabaseUnavailable(err)) this.log.warn({ err }, 'the database is unavailable; the dispatcher tries again');
        else this.log.error({ err }, 'outbox dispatcher loop failed; trying again');
        await this.sleep(pollMs);
      }
    }
  }

  /**
   * What the sends of a batch need besides their rows: their attachments in one query (most messages
   * have none), and their stored recipients in one more. Rows are written with an attempt's outcome, so a
   * message with no attempt before `attemptsNow` (1 once claimed, 0 read ahead) has none: no query.
   */
  private async readyToSend(messages: OutboundMessageEntity[], attemptsNow: 0 | 1): Promise<InLine[]> {
    if (messages.length === 0) return [];
    const attachments = await this.attachments.forMessages(messages.map((m) => m.id));
    const tried = messages.filter((m) => m.attempts > attemptsNow).map((m) => m.id);
    const recipients = tried.length ? await recipientsOf(this.db, tried) : new Map<string, MessageRecipientEntity[]>();
    return messages.map((message) => ({ message, attachments: attachments.get(message.id) ?? [], recipients: recipients.get(message.id) }));
  }

  /**
   * Whether a claim round now can take anything: new work was announced, a cap-bound account has its
   * batch of free slots, or messages left for want of slots find enough of them. Claiming into freed
   * slots waits until half are free, rather than once per message; new work is claimed into whatever
   * slots are free: sends hanging on a server that never answers may hold more than half of them for
   * as long as the SMTP timeout, and another account's message must not wait that long (issue 13).
   */
  private worthARound(free: number): boolean {
    if (this.announced !== this.lookedFor || this.roomMade) return true;
    // Only a send that finished since can have freed a slot or a company's share: without one, a round
    // would find what the last one found (with 2 slots, a company at its share made the loop spin).
    if (this.leftWaiting.size === 0 || this.finishedDuringRound.size === 0) return false;
    return this.inFlight.size === 0 || free >= Math.ceil(this.options.concurrency / 2);
  }

  /** The cap-bound account has the batch of free slots it waits for (the batch as its pace is now). */
  private hasBatch(account: string): boolean {
    const waiting = this.capBound.get(account);
    return waiting !== undefined && waiting.free >= claimBatch(waiting.cap, this.pace.quick(account));
  }

  /**
   * The account is at its cap, and sends of this worker's will make it room: they wake the loop when
   * they finish. Another worker's sends would not.
   */
  private atCap(account: string): boolean {
    const waiting = this.capBound.get(account);
    if (!waiting || this.hasBatch(account)) return false;
    return (this.heldByAccount.get(account) ?? 0) >= claimBatch(waiting.cap, this.pace.quick(account)) - waiting.free;
  }

  /** Messages were accepted. Those of an account at its cap (atCap) start no round now. */
  private accepted(accounts: readonly AcceptedFor[] | undefined): void {
    const ids = (accounts ?? []).map((a) => accountId(a.companyId, a.accountKey));
    if (ids.length && ids.every((account) => this.atCap(account))) {
      // A round under way may take the picture these were judged by away: it looks at them when it ends.
      for (const account of ids) this.quietlyAccepted.add(account);
      return;
    }
    this.announceWork();
  }

  /** New work may be due: the next round claims it, at once if the loop is asleep. */
  private announceWork(): void {
    this.announced += 1;
    this.wakeUp?.();
  }

  private sleep(ms: number): Promise<void> {
    // Stopped while a round ran (no sleep to cut short then): end now, not after a poll interval.
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      // A poll interval that ran out looks for work that became due meanwhile (a retry, a dead lease).
      const timer = setTimeout(() => {
        this.announced += 1;
        done();
      }, ms);
      this.wakeUp = done;
    });
  }

  /**
   * Send a claimed message in its slot, and then, for as long as its account has messages read ahead
   * (NextInLine) and the slot is not wanted elsewhere, the next ones: each is claimed once the send
   * before it is through, before that send's outcome is written, so the account's sends in flight are
   * never counted fewer than they are, and its send begins while the outcome before it is written.
   */
  private async sendInTurn(first: InLine, troubled: ReadonlySet<string>): Promise<void> {
    const writing = new Set<Promise<unknown>>();
    let current: InLine | undefined = first;
    let troubledNow = troubled;
    while (current) {
      const { message } = current;
      let handOver: (next: InLine | undefined) => void = () => undefined;
      const handedOver = new Promise<InLine | undefined>((resolve) => (handOver = resolve));
      const afterSend = async (outcome: SendOutcome) => handOver(outcome.ok ? await this.nextInTurn(message) : undefined);
      const outcome: Promise<void> = this.process(message, current.attachments, current.recipients, troubledNow, afterSend)
        // process() records every failure itself; this only guards the worker's life. Caught here, at
        // once: the loop below waits only for the outcomes still being written.
        .then(
          () => undefined,
          (err: unknown) => this.log.error({ err, messageId: message.id }, 'a dispatch task failed'),
        )
        .finally(() => {
          handOver(undefined);
          writing.delete(outcome);
        });
      writing.add(outcome);
      current = await handedOver;
      // The turns end: the account's line is read again from its start when its turns begin again.
      if (!current) this.line.drop(accountId(message.companyId, message.accountKey));
      // The send before reached the server: whatever trouble was on record, its outcome clears.
      troubledNow = NO_TROUBLE;
    }
    await Promise.all(writing);
  }

  /**
   * The account's next message read ahead, claimed, when the slot may stay with the account: the worker
   * runs, the account's sends are quick (a slow one gives its slot back to the round-robin at once), no
   * outcome waits for the database, and no other account waits for this worker's slots.
   */
  private async nextInTurn(message: OutboundMessageEntity): Promise<InLine | undefined> {
    const account = accountId(message.companyId, message.accountKey);
    if (!this.running || this.outcomes.size > 0 || !this.pace.quick(account)) return undefined;
    const othersWait = this.leftWaiting.size > 0 || this.announced !== this.lookedFor;
    if (othersWait && this.inFlight.size >= this.options.concurrency) return undefined;
    // Another account of the same company waits for the company's share of the slots, which this one's
    // turns hold: the round-robin gives it the slot.
    if (this.anotherOfCompanyWaits(message.companyId, account)) return undefined;
    try {
      const next = await this.line.take(account, this.now, this.options.leaseMs);
      if (next) this.fillLine(message, account);
      return next;
    } catch (err) {
      this.log.warn({ err, messageId: message.id }, 'could not claim the next message of an account in turn; a claim round takes it');
      return undefined;
    }
  }

  /** The last round left an account of this company other than `account` waiting (leftWaiting). */
  private anotherOfCompanyWaits(companyId: string, account: string): boolean {
    const prefix = accountId(companyId, '');
    for (const other of this.leftWaiting) if (other !== account && other.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Read an account's next messages ahead (NextInLine): three caps' worth, read again when one cap's
   * worth is left, so each read brings two sends for each of its slots and a read is under way long
   * before the line runs out.
   */
  private fillLine(message: Pick<OutboundMessageEntity, 'companyId' | 'accountKey'>, account: string): void {
    const cap = this.capBound.get(account)?.cap;
    if (cap === undefined || !this.pace.quick(account)) return;
    this.line.fill(account, message, 3 * cap, this.now());
  }

  /**
   * `troubled`: the accounts of this claim whose connection failures were on record (Claim.troubled).
   * `afterSend`: told what the server said, before the outcome is written (sendInTurn); it must not throw.
   */
  private async process(
    message: OutboundMessageEntity,
    attachments: AttachmentEntity[],
    rows: MessageRecipientEntity[] | undefined,
    troubled: ReadonlySet<string>,
    afterSend?: (outcome: SendOutcome) => Promise<void>,
  ): Promise<DispatchResult> {
    const renew = setInterval(() => void this.renewLease(message.id), Math.max(1000, this.options.leaseMs / 3));
    const recipients: Recipients = rows?.length ? { states: rows.map(stateOf), stored: true } : { states: recipientsFromLists(message), stored: false };
    try {
      const open = recipients.states.filter(isOpen);
      // Every recipient settled already (an outcome written, its status not): record what they say.
      if (recipients.stored && open.length === 0) return await this.settle(message, recipients, recipients.states, {});
      const outgoing = await toDispatchable(message, attachments, this.settings, this.attachments);
      if (!outgoing.ok) {
        return await this.recordFailure(message, recipients, makeClassifiedError('SMTP_NOT_CONFIGURED', { detail: outgoing.refusal.code }), { text: outgoing.refusal.message });
      }
      if (!hasSmtpHost(outgoing.account)) return await this.recordFailure(message, recipients, makeClassifiedError('SMTP_NOT_CONFIGURED', { detail: 'no SMTP host' }));
      const accountKey = message.accountKey ?? '';
      await this.accounts.note(message.companyId, accountKey, outgoing.account, this.now());
      const quota = await this.quotas.take(sendingQuotaKey(outgoing.account), outgoing.account, message.channel === 'SMS' ? outgoing.recipients : open.length, this.now());
      if (!quota.ok) return await this.waitForQuota(message, quota.until, quota.reason);
      // The open recipients, in their order: on a follow-up only those the server deferred.
      if (message.channel === 'EMAIL') outgoing.message.envelopeTo = open.map((r) => r.address);
      const stopTimer = this.metrics?.sendDuration.startTimer({ channel: message.channel });
      const paced = accountId(message.companyId, message.accountKey);
      const started = this.pace.started(paced);
      const outcome = await this.smtp.send(outgoing.account, outgoing.message).finally(() => this.pace.finished(paced, started));
      await afterSend?.(outcome);
      await this.noteReachability(message, accountKey, outcome, troubled.has(accountId(message.companyId, message.accountKey)));
      const result = outcome.ok
        ? await this.recordTransaction(message, recipients, outcome, outgoing.account)
        : await this.recordFailure(message, recipients, outcome.error, { rejected: outcome.rejected, tried: true });
      stopTimer?.({ outcome: result.status === 'SENT' ? 'sent' : result.status === 'FAILED' ? 'failed' : 'retry' });
      return result;
    } catch (err) {
      if (isDatabaseUnavailable(err)) this.log.warn({ err, messageId: message.id }, 'the database failed before the message was sent; it is tried again');
      else this.log.error({ err, messageId: message.id }, 'sending a message failed unexpectedly');
      return this.recordFailure(message, recipients, makeClassifiedError('UNKNOWN', { detail: err instanceof Error ? err.name : 'error' }));
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Connection-level failures count towards parking the account; anything the server said clears them.
   * Clearing is written only for an account whose failures were on record when its message was claimed:
   * a healthy account costs no write per message, and failures another worker records after the claim
   * are cleared by the next message claimed.
   */
  private async noteReachability(message: OutboundMessageEntity, accountKey: string, outcome: SendOutcome, failuresOnRecord: boolean): Promise<void> {
    try {
      if (!outcome.ok && CONNECTION_FAILURES.has(outcome.error.code)) {
        const parkedUntil = await this.accounts.connectionFailed(message.companyId, accountKey, outcome.error, this.now());
        if (parkedUntil) this.log.warn({ companyId: message.companyId, accountKey, code: outcome.error.code, parkedUntil }, 'a sending account is unreachable: its messages wait until it is probed again');
      } else if (failuresOnRecord) {
        await this.accounts.reached(message.companyId, accountKey, this.now());
      }
    } catch (err) {
      // Parking is an optimisation of waiting: the outcome itself is what must be written.
      this.log.warn({ err, messageId: message.id }, 'could not record whether the sending account was reachable');
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

  /**
   * The server took the message for some recipients at least: each recipient's result by the table.
   * Those deferred are tried again in a follow-up of the same message (same Message-ID, to them
   * only) after the usual backoff, or at once when the server only limited recipients per transaction.
   */
  private async recordTransaction(message: OutboundMessageEntity, recipients: Recipients, outcome: SendSuccess, account: SmtpAccount): Promise<DispatchResult> {
    const now = this.now();
    const states = afterAttempt(recipients.states, { kind: 'transaction', results: outcome.recipients }, now);
    const deferrals = outcome.recipients.filter((r) => r.delivery === 'DEFERRED');
    const changes: Partial<OutboundMessageEntity> = {
      sentAt: message.sentAt ?? (outcome.recipients.some((r) => r.delivery === 'ACCEPTED') ? now : null),
      smtpResponse: outcome.response.slice(0, 1000),
      lastErrorCode: null,
      lastErrorMessage: null,
      lastErrorPermanent: null,
      nextAttemptAt: now,
    };
    if (!states.some(isOpen)) return this.settle(message, recipients, states, changes, account);
    const first = deferrals[0]?.error;
    if (first) Object.assign(changes, { lastErrorCode: first.code, lastErrorMessage: first.message, lastErrorPermanent: false });
    // RFC 5321 4.5.3.1.10: a server that takes only so many recipients per transaction gets the rest in
    // the next one at once; anything else deferred waits for the backoff.
    const splitOnly = deferrals.length > 0 && deferrals.every((r) => r.error?.code === 'TOO_MANY_RECIPIENTS') && outcome.recipients.some((r) => r.delivery === 'ACCEPTED');
    if (splitOnly) return this.settle(message, recipients, states, changes, account);
    const waitAtLeast = Math.max(0, ...deferrals.map((r) => r.error?.retryAfterMs ?? 0));
    const decision = nextAttempt(message.attempts, now, message.giveUpAt, this.options.retry, Math.random, waitAtLeast);
    if (decision.kind === 'give-up') return this.settle(message, recipients, afterAttempt(states, { kind: 'giveUp', error: this.giveUpError(message, first ?? makeClassifiedError('RECIPIENT_DEFERRED')) }, now), changes, account);
    return this.settle(message, recipients, states, { ...changes, nextAttemptAt: decision.at }, account);
  }

  private async recordFailure(
    message: OutboundMessageEntity,
    recipients: Recipients,
    error: ClassifiedError,
    options: { text?: { fi: string; en: string }; rejected?: RecipientRejection[]; tried?: boolean } = {},
  ): Promise<DispatchResult> {
    const now = this.now();
    const text = options.text ?? error.message;
    this.metrics?.failures.inc({ code: error.code, permanent: String(error.permanent) });
    const base: Partial<OutboundMessageEntity> = { lastErrorCode: error.code, lastErrorMessage: text, lastErrorPermanent: error.permanent, smtpResponse: error.detail ? error.detail.slice(0, 1000) : null };
    const failed: AttemptResult = { kind: 'failure', error: { ...error, message: text }, rejected: options.rejected ?? [] };
    if (error.permanent) return this.settle(message, recipients, afterAttempt(recipients.states, failed, now), base);
    const decision = nextAttempt(message.attempts, now, message.giveUpAt, this.options.retry, Math.random, error.retryAfterMs ?? 0);
    if (decision.kind === 'give-up') {
      const gaveUp = this.giveUpError(message, { ...error, message: text });
      return this.settle(message, recipients, afterAttempt(recipients.states, { kind: 'giveUp', error: gaveUp }, now), { ...base, lastErrorPermanent: true, lastErrorMessage: gaveUp.message });
    }
    return this.settle(message, recipients, afterAttempt(recipients.states, failed, now), { ...base, nextAttemptAt: decision.at });
  }

  /** "Not sent after n attempts over h hours", with the last reason. */
  private giveUpError(message: OutboundMessageEntity, last: Pick<ClassifiedError, 'code' | 'message' | 'detail'>): Pick<ClassifiedError, 'code' | 'message' | 'detail'> {
    const hours = Math.round((message.giveUpAt.getTime() - message.createdAt.getTime()) / 3600_000);
    return {
      code: last.code,
      detail: last.detail,
      message: {
        fi: `Lähetys ei onnistunut ${message.attempts} yrityksellä ${hours} tunnin aikana. Viimeisin syy: ${last.message.fi}`,
        en: `Not sent after ${message.attempts} attempts over ${hours} hours. Last reason: ${last.message.en}`,
      },
    };
  }

  /**
   * The message's status follows from its recipients (the lifecycle's deriveMessageStatus). A message
   * every recipient accepted at its first attempt writes no recipient rows: the message's own outcome
   * says theirs (recipientsByMessage), and the one UPDATE of the usual case needs no transaction. Rows
   * are written once a recipient's result differs from the message's (and by the bounce reader).
   * `account`: the account a transaction just went through (the server accepted someone or deferred).
   */
  private async settle(message: OutboundMessageEntity, recipients: Recipients, states: RecipientState[], changes: Partial<OutboundMessageEntity>, account?: SmtpAccount): Promise<DispatchResult> {
    const status = deriveMessageStatus(states.map((s) => s.outcome));
    const refused = states.filter((s) => s.outcome !== 'ACCEPTED' && s.lastErrorCode && s.lastErrorMessage);
    const allAcceptedFirstTime = !recipients.stored && states.every((s) => s.outcome === 'ACCEPTED');
    // Once, when the message first went to someone: a follow-up to deferred recipients is the same message.
    const firstAcceptance = account && !message.sentAt && (status === 'SENT' || status === 'PARTIALLY_SENT') ? account : undefined;
    return this.finish(
      message,
      EVENT_FOR[status],
      {
        ...changes,
        // The first hundred are enough to act on, and keep the row within its column.
        recipientErrors: refused.length ? refused.slice(0, 100).map((s) => ({ address: s.address, code: s.lastErrorCode as string, message: s.lastErrorMessage as { fi: string; en: string } })) : null,
      },
      { recipients: allAcceptedFirstTime ? undefined : { states, stored: recipients.stored }, firstAcceptance },
    );
  }

  /** Over an account's limit: not a failure. Give the attempt back and wait for the window. */
  private async waitForQuota(message: OutboundMessageEntity, until: Date, reason: string): Promise<DispatchResult> {
    this.metrics?.quotaWaits.inc({ reason });
    return this.finish(message, 'quotaWait', { nextAttemptAt: until, waitReason: `QUOTA_${reason}`, attempts: Math.max(0, message.attempts - 1) });
  }

  /**
   * Write the outcome, but only while this worker still holds the message: the status and the
   * recipients in one transaction, so a worker whose claim was taken over writes neither. A database
   * that refuses the write does not lose it: it is kept and written when the database returns
   * (OutcomeWriter). `also`: the recipients' rows, and what the first acceptance queues
   * (onFirstAcceptance), written in the same transaction.
   */
  private async finish(
    message: OutboundMessageEntity,
    event: OutcomeEvent,
    changes: Partial<OutboundMessageEntity>,
    also: { recipients?: Recipients; firstAcceptance?: SmtpAccount } = {},
  ): Promise<DispatchResult> {
    const status = MESSAGE_TRANSITIONS[event].to;
    const now = this.now();
    // The company scope changes nothing for the holder of the claim; it names whom to tell afterwards.
    const request = { event, id: message.id, companyId: message.companyId, claimHolder: this.workerId, changes, now };
    const { recipients, firstAcceptance } = also;
    const onAcceptance = firstAcceptance && this.options.onFirstAcceptance?.queues(message, firstAcceptance) ? this.options.onFirstAcceptance : undefined;
    const writes: AfterMove[] = [];
    if (recipients) writes.push((manager) => writeRecipients(manager, message, recipients.states, recipients.stored, now));
    if (onAcceptance && firstAcceptance) writes.push((manager) => onAcceptance.queue(manager, message, firstAcceptance));
    const afterMove: AfterMove | undefined = writes.length
      ? async (manager) => {
          for (const write of writes) await write(manager);
        }
      : undefined;
    const written = await this.outcomes.write(request, afterMove);
    if (written === 'kept') return { id: message.id, status: 'SENDING' };
    if (written === 'not-moved') {
      this.log.warn({ messageId: message.id, status }, 'a message was taken over before its outcome was written');
      return { id: message.id, status: 'SENDING' };
    }
    this.afterOutcome(request);
    if (firstAcceptance) onAcceptance?.written(message, firstAcceptance);
    return { id: message.id, status };
  }

  /** Tell the waiting callers (sendMessage wait: true, the web's updates) once an outcome is stored. */
  private afterOutcome(request: TransitionRequest): void {
    const status = MESSAGE_TRANSITIONS[request.event].to;
    // A follow-up due at once (the server took only so many recipients): no other event would claim it.
    const dueAgain = request.changes?.nextAttemptAt;
    if ((status === 'RETRYING' || status === 'PARTIALLY_SENT') && dueAgain && dueAgain <= this.now()) this.announceWork();
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
