import nodemailer from 'nodemailer';
import { effectiveMaxConnections, type SmtpAccount } from '@maestro/settings-schema';
import type Mail from 'nodemailer/lib/mailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo } from 'nodemailer/lib/smtp-pool';
import { toMailOptions } from '../mime/to-mail-options';
import type { OutgoingMessage } from '../types';
import { classifySmtpError, makeClassifiedError, sanitizeDetail, type ClassifiedError } from './classify-smtp-error';
import { OPEN_HOST_POLICY, connectChecked, type HostPolicy } from './host-policy';
import { systemClock, type Clock } from './clock';
import { settleRecipients, type RecipientResult } from './recipient-results';
import { nonAsciiLocalParts, offersSmtpUtf8 } from './smtputf8';
import {
  DEFAULT_SMTP_TIMEOUTS,
  accountIdentity,
  accountSecrets,
  ehloNameFor,
  isOAuth2,
  oauthUser,
  provisionCallback,
  serverLabel,
  signInLogin,
  smtpConnectionOptions,
  transportKey,
  type AccessTokenProvider,
  type SmtpTimeouts,
} from './smtp-settings';

/** A recipient the server refused while others were accepted (or all were). */
export interface RecipientRejection {
  address: string;
  error: ClassifiedError;
}

/**
 * The message went out: the server accepted it for `accepted`. `rejected` lists the recipients it
 * refused in the same transaction — permanent ones (5xx) will never get it; transient ones (4xx) may
 * be sent a copy later.
 */
export interface SendSuccess {
  ok: true;
  messageId: string;
  /** The server's final reply to DATA, e.g. "250 2.0.0 Ok: queued as 4F1A2". */
  response: string;
  accepted: string[];
  rejected: RecipientRejection[];
  /** Every envelope recipient of this transaction, accepted, deferred or refused, with the server's reply. */
  recipients: RecipientResult[];
  /** The id the server gave the message when it replaces the Message-ID header (Microsoft 365, SES). */
  serverMessageId?: string;
}

/** The message did not go out; `error` says why and whether a retry can help. */
export interface SendFailure {
  ok: false;
  messageId: string;
  error: ClassifiedError;
  /** Per-recipient reasons when every recipient was refused. */
  rejected: RecipientRejection[];
}

export type SendOutcome = SendSuccess | SendFailure;

export interface DispatcherOptions {
  /** Close an account's transport after this long without a send. Default 5 minutes. */
  idleMs?: number;
  timeouts?: Partial<SmtpTimeouts>;
  /**
   * The name to greet servers with (EHLO) when an account names none: MAESTRO_EHLO_NAME or the
   * machine's full name. Without it, the sender's domain.
   */
  clientName?: string | null;
  /** Needed for accounts whose authMethod is OAUTH2_*. */
  accessTokenProvider?: AccessTokenProvider;
  clock?: Clock;
  /** Which hosts may be connected to (hosted installations refuse internal addresses). */
  hostPolicy?: HostPolicy;
}

interface PoolEntry {
  key: string;
  identity: string;
  transport: Mail<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  inFlight: number;
  lastUsed: number;
  /** Evicted or replaced by newer settings: no new sends; closed once nothing is in flight. */
  retired: boolean;
  /** How often nodemailer asked for a renewed token (after the server refused one). */
  tokenRenewals: { count: number };
  /** Whether the server offers SMTPUTF8, asked once when a message first needs it. */
  smtpUtf8?: Promise<boolean | ClassifiedError>;
}

/** What a failure message may name about the account: its server, its mailbox, the EHLO name. */
interface FailureContext {
  secrets: string[];
  server: string;
  mailbox: string;
  ehloName?: string;
}

const DEFAULT_IDLE_MS = 5 * 60_000;

/**
 * Sends messages over nodemailer, one pooled transport per distinct SMTP account. Never throws for a
 * failed send: every outcome, good or bad, comes back as a SendOutcome with a classified error.
 */
export class SmtpDispatcher {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly byIdentity = new Map<string, string>();
  private readonly idleMs: number;
  private readonly timeouts: SmtpTimeouts;
  private readonly clock: Clock;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: DispatcherOptions = {}) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
    this.clock = options.clock ?? systemClock;
    this.sweeper = setInterval(() => this.evictIdle(), Math.max(1000, Math.min(this.idleMs, 60_000)));
    this.sweeper.unref();
  }

  /** Open transports (one per account in use). */
  get transportCount(): number {
    return this.entries.size;
  }

  async send(account: SmtpAccount, message: OutgoingMessage): Promise<SendOutcome> {
    const messageId = message.messageId;
    const ehloName = ehloNameFor(account, message.from.address, this.options.clientName);
    const context: FailureContext = { secrets: accountSecrets(account), server: serverLabel(account), mailbox: signInLogin(account), ehloName };
    if (this.closed) return failure(messageId, makeClassifiedError('UNKNOWN', { detail: 'dispatcher closed' }));

    const missing = this.missingCredentials(account);
    if (missing) return failure(messageId, missing);

    const international = nonAsciiLocalParts(message);
    if (international.length > 0) {
      const refused = await this.refuseWithoutSmtpUtf8(account, ehloName, international, context);
      if (refused) return failure(messageId, refused);
    }

    const outcome = await this.attempt(account, message, ehloName, context);
    if (outcome.ok || outcome.error.code !== 'OAUTH_TOKEN_REFUSED' || outcome.renewed) return outcome.result;
    // A server that refuses a bearer token at once (Microsoft: 535 5.7.3) gets no renewal from
    // nodemailer, which renews only after a 334 challenge (Google). Renew here, once, then report.
    try {
      await (this.options.accessTokenProvider as AccessTokenProvider)(account, { renew: true });
    } catch (err) {
      return failure(messageId, classifySmtpError(err, context));
    }
    return (await this.attempt(account, message, ehloName, context)).result;
  }

  /**
   * A message with a UTF-8 local part (RFC 6531) may go only to a server that offers SMTPUTF8;
   * nodemailer would otherwise send the address raw. Asked once per transport, on a connection of
   * its own (EHLO only, no sign-in), and refused clearly when the server does not offer it.
   */
  private async refuseWithoutSmtpUtf8(account: SmtpAccount, ehloName: string | undefined, addresses: string[], context: FailureContext): Promise<ClassifiedError | null> {
    const entry = this.transportFor(account, ehloName);
    entry.smtpUtf8 ??= this.probeOptions(account, ehloName)
      .then(offersSmtpUtf8)
      .catch((err: unknown) => classifySmtpError(err, context));
    const offered = await entry.smtpUtf8;
    if (offered === true) return null;
    // A probe that could not connect is asked again next time; its error is this send's.
    if (offered !== false) {
      entry.smtpUtf8 = undefined;
      return offered;
    }
    return makeClassifiedError('SMTPUTF8_NOT_SUPPORTED', { server: context.server, recipient: addresses.join(', '), detail: 'the server does not offer SMTPUTF8' });
  }

  /**
   * The probe's own connection, under the same host policy as the pool's: in a hosted installation it
   * goes to the address checked at that moment, and an internal one is refused before connecting.
   */
  private async probeOptions(account: SmtpAccount, ehloName: string | undefined): Promise<ReturnType<typeof smtpConnectionOptions>> {
    const options = smtpConnectionOptions(account, this.timeouts, ehloName);
    const policy = this.options.hostPolicy ?? OPEN_HOST_POLICY;
    if (policy.refuseInternal) options.connection = await connectChecked(account.host, account.port, policy, this.timeouts.connectionMs);
    return options;
  }

  /** One try on the account's transport; `renewed` tells whether a refused token was already renewed in it. */
  private async attempt(
    account: SmtpAccount,
    message: OutgoingMessage,
    ehloName: string | undefined,
    context: FailureContext,
  ): Promise<{ ok: true; result: SendOutcome } | { ok: false; result: SendFailure; error: ClassifiedError; renewed: boolean }> {
    const messageId = message.messageId;
    const entry = this.transportFor(account, ehloName);
    const renewalsBefore = entry.tokenRenewals.count;
    entry.inFlight += 1;
    try {
      const info = await entry.transport.sendMail(toMailOptions(message));
      const response = sanitizeDetail(info.response, context.secrets);
      const accepted = info.accepted.map(String);
      const rejected = (info.rejectedErrors ?? []).map((err) => rejection(err, context));
      const result: SendSuccess = {
        ok: true,
        messageId,
        response,
        accepted,
        rejected,
        recipients: settleRecipients(envelopeRecipients(message), accepted, rejected, response),
        ...(info.serverMessageId ? { serverMessageId: info.serverMessageId } : {}),
      };
      return { ok: true, result };
    } catch (err) {
      const rejectedErrors = (err as { rejectedErrors?: unknown[] }).rejectedErrors ?? [];
      const error = classifySmtpError(err, context);
      const result = failure(
        messageId,
        error,
        rejectedErrors.map((e) => rejection(e, context)),
      );
      return { ok: false, result, error, renewed: entry.tokenRenewals.count > renewalsBefore };
    } finally {
      entry.inFlight -= 1;
      entry.lastUsed = this.clock.now();
      if (entry.retired && entry.inFlight === 0) entry.transport.close();
    }
  }

  /** Closes the transports idle for longer than idleMs; runs on a timer too. Returns how many closed. */
  evictIdle(): number {
    const cutoff = this.clock.now() - this.idleMs;
    let closed = 0;
    for (const entry of [...this.entries.values()]) {
      if (entry.inFlight === 0 && entry.lastUsed <= cutoff) {
        this.retire(entry);
        closed += 1;
      }
    }
    return closed;
  }

  /** Closes every transport; a send in flight finishes first. Later sends fail. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const entry of [...this.entries.values()]) this.retire(entry);
  }

  private missingCredentials(account: SmtpAccount): ClassifiedError | null {
    if (!account.authEnabled) return null;
    if (isOAuth2(account)) {
      if (!this.options.accessTokenProvider) {
        return makeClassifiedError('OAUTH_TOKEN_FAILED', { detail: 'no OAuth2 access token provider is configured' });
      }
      return oauthUser(account) ? null : makeClassifiedError('CREDENTIALS_MISSING');
    }
    return account.username.trim() && account.password ? null : makeClassifiedError('CREDENTIALS_MISSING');
  }

  private transportFor(account: SmtpAccount, ehloName: string | undefined): PoolEntry {
    const key = transportKey(account, ehloName);
    const existing = this.entries.get(key);
    if (existing) return existing;

    // One transport per account and EHLO name (the name comes from the sender's domain when nothing
    // else gives one, and senders of two domains must not keep replacing each other's transport).
    const identity = `${accountIdentity(account)}|${ehloName ?? ''}`;
    const previousKey = this.byIdentity.get(identity);
    const previous = previousKey ? this.entries.get(previousKey) : undefined;
    // The account's settings changed: new sends use the new transport, the old one goes.
    if (previous) this.retire(previous);

    const tokenRenewals = { count: 0 };
    const transport = nodemailer.createTransport(this.poolOptions(account, ehloName, tokenRenewals));
    // Failures reach the send that hit them; a stray transport-level 'error' must not crash the worker.
    transport.on('error', () => undefined);
    const entry: PoolEntry = {
      key,
      identity,
      transport,
      inFlight: 0,
      lastUsed: this.clock.now(),
      retired: false,
      tokenRenewals,
    };
    this.entries.set(key, entry);
    this.byIdentity.set(identity, key);
    return entry;
  }

  private poolOptions(account: SmtpAccount, ehloName: string | undefined, tokenRenewals: { count: number }): SMTPPoolOptions & { pool: true } {
    const base = smtpConnectionOptions(account, this.timeouts, ehloName);
    const options: SMTPPoolOptions & { pool: true } = {
      ...base,
      pool: true,
      // The account's own setting, never above its provider's cap (Microsoft 365: 3 per mailbox).
      // Per process: the outbox's claim keeps the total across workers.
      maxConnections: effectiveMaxConnections(account),
      // nodemailer closes a pooled connection after 100 messages by default; the new connection's
      // greeting then stalls every hundredth message. Idle eviction closes connections instead.
      maxMessages: Infinity,
      idleTimeout: this.idleMs,
      // Attachments arrive as bytes; nothing in a message may make the transport read a file or URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    };
    const policy = this.options.hostPolicy ?? OPEN_HOST_POLICY;
    if (policy.refuseInternal) {
      // Every new pooled connection goes to an address checked at that moment (DNS may change).
      options.getSocket = (_opts, callback) => {
        connectChecked(account.host, account.port, policy, this.timeouts.connectionMs).then(
          (socket) => callback(null, { connection: socket }),
          (err: Error) => callback(err, undefined as never),
        );
      };
    }
    if (!account.authEnabled) return options;
    // With authentication on, log in even if the server does not advertise AUTH (and fail clearly),
    // rather than silently sending unauthenticated.
    options.forceAuth = true;
    if (isOAuth2(account)) {
      const provider = this.options.accessTokenProvider as AccessTokenProvider;
      const counting: AccessTokenProvider = (a, o) => {
        if (o.renew) tokenRenewals.count += 1;
        return provider(a, o);
      };
      options.auth = { type: 'OAuth2', user: oauthUser(account), provisionCallback: provisionCallback(account, counting) };
    } else {
      options.auth = { user: account.username.trim(), pass: account.password ?? '' };
    }
    return options;
  }

  /** Forgets the transport now; closes it now, or when its last send in flight finishes. */
  private retire(entry: PoolEntry): void {
    if (entry.retired) return;
    entry.retired = true;
    this.entries.delete(entry.key);
    if (this.byIdentity.get(entry.identity) === entry.key) this.byIdentity.delete(entry.identity);
    if (entry.inFlight === 0) entry.transport.close();
  }
}

/** Who the transaction goes to: the follow-up's recipients, else everyone in To, Cc and Bcc. */
function envelopeRecipients(message: OutgoingMessage): string[] {
  return message.envelopeTo ? [...message.envelopeTo] : [...message.to, ...message.cc, ...message.bcc].map((m) => m.address);
}

function rejection(err: unknown, context: FailureContext): RecipientRejection {
  const address = String((err as { recipient?: unknown }).recipient ?? '');
  return { address, error: classifySmtpError(err, { ...context, recipient: address }) };
}

function failure(messageId: string, error: ClassifiedError, rejected: RecipientRejection[] = []): SendFailure {
  return { ok: false, messageId, error, rejected };
}

/** A dispatcher with its own pools; call close() when done. */
export function createSmtpDispatcher(options: DispatcherOptions = {}): SmtpDispatcher {
  return new SmtpDispatcher(options);
}
