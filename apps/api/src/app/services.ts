import { Resolver } from 'node:dns/promises';
import { createSmtpDispatcher, type AccessTokenProvider, type DnsResolve } from '@maestro/mail-core';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import type { Logger } from '../common/logger';
import { AttachmentStore } from '../modules/attachments/attachment-store';
import { AuthService } from '../modules/auth/auth.service';
import { SessionTokens } from '../modules/auth/session-token';
import { CompaniesService } from '../modules/companies/companies.service';
import { ComposeService } from '../modules/compose/compose.service';
import { ConnectionTestService } from '../modules/connection-test/connection-test.service';
import { MessageArchive } from '../modules/messages/archive/message-archive.service';
import { MessageDrafts } from '../modules/messages/drafts/message-drafts.service';
import { AccountStates } from '../modules/messages/dispatch/account-states';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../modules/messages/dispatch/outbox-dispatcher';
import { SentCopies } from '../modules/sent-copies/sent-copies.service';
import { BounceReader } from '../modules/bounces/bounce-reader.service';
import { Suppressions } from '../modules/bounces/suppressions.service';
import { SendQuotas } from '../modules/messages/dispatch/send-quotas';
import { MessageIntake } from '../modules/messages/intake/message-intake.service';
import { MessageLifecycle } from '../modules/messages/lifecycle/message-lifecycle.service';
import { MessageEvents } from '../modules/messages/message-events';
import { OutboxMetrics } from '../modules/metrics/outbox-metrics';
import type { SecretBox } from '../modules/secrets/secret-box';
import { SendPoliciesService } from '../modules/send-policies/send-policies.service';
import { ServiceKeysService } from '../modules/service-keys/service-keys.service';
import { SettingsService } from '../modules/settings/settings.service';
import { SignInReviewService } from '../modules/settings/sign-in-review.service';
import { StandardTextsService } from '../modules/standard-texts/standard-texts.service';
import { UsersService } from '../modules/users/users.service';
import { WriteProbe } from '../db/write-probe';

export interface ServiceDeps {
  db: DataSource;
  box: SecretBox;
  config: AppConfig;
  log: Logger;
  /** OAuth2 tokens for Microsoft 365 / Google accounts. */
  accessTokenProvider?: AccessTokenProvider;
  /**
   * The name to greet SMTP servers with when an account names none: MAESTRO_EHLO_NAME, or the
   * machine's full name found at start (main and the worker look it up); else the sender's domain.
   */
  clientName?: string | null;
  /** DNS for the connection test's SPF/DKIM/DMARC look; the system's resolver unless given (tests: one on loopback). */
  dnsResolver?: DnsResolve;
}

/** The system's resolver, with short limits: the connection test waits for it. */
function systemResolver(): DnsResolve {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  return (name, rrtype) => resolver.resolve(name, rrtype);
}

/** Everything the resolvers and the dispatcher use, built once per process (tests build their own). */
export function createServices(deps: ServiceDeps) {
  const { db, box, config, log } = deps;
  // A hosted installation (many companies) connects to no internal address unless the operator allows it.
  const hostPolicy = { refuseInternal: config.hosted, allowed: config.smtpAllowedHosts };
  const settings = new SettingsService(db, box, { hosted: config.hosted, hostPolicy });
  const sendPolicies = new SendPoliciesService(db);
  const standardTexts = new StandardTextsService(db);
  const auth = new AuthService(
    db,
    new SessionTokens(box.deriveKey('session-token'), { lifetimeSeconds: config.session.accessSeconds }),
    new SessionTokens(box.deriveKey('session-refresh'), { audience: 'refresh', lifetimeSeconds: config.session.refreshSeconds }),
  );
  const users = new UsersService(db, () => auth.forgetCallers());
  const compose = new ComposeService(settings, sendPolicies, standardTexts, users);
  const attachments = new AttachmentStore(db);
  const events = new MessageEvents();
  const metrics = new OutboxMetrics(db);
  const quotas = new SendQuotas(db);
  const clientName = deps.clientName ?? config.ehloName;
  const smtp = createSmtpDispatcher({
    timeouts: config.smtpTimeouts,
    accessTokenProvider: deps.accessTokenProvider,
    // Each account opens its own maxConnections (capped by its provider); see mail-core.
    clientName,
    hostPolicy,
    // Per-minute limits are not the SMTP dispatcher's: they are counted in the database (SendQuotas)
    // so they hold across workers, and a message over the limit waits in the outbox.
  });
  const suppressions = new Suppressions(db);
  const accountStates = new AccountStates(db);
  const messageIntake = new MessageIntake(db, settings, compose, attachments, events, accountStates, {
    messageBytes: config.limits.messageBytes,
    retryMaxAgeMs: config.retry.maxAgeMs,
    // An address that bounced permanently is refused until an admin clears it (issue 17).
    refusals: { problemsFor: (companyId, recipients) => suppressions.problemsFor(companyId, recipients), noneRefused: (companyId, recipients) => suppressions.noneSuppressed(companyId, recipients) },
  });
  const messageDrafts = new MessageDrafts(db, compose, messageIntake, attachments, {
    expiryMs: config.drafts.expiryMs,
    messageBytes: config.limits.messageBytes,
    retryMaxAgeMs: config.retry.maxAgeMs,
  });
  const messageArchive = new MessageArchive(db);
  const messageLifecycle = new MessageLifecycle(db, messageArchive, events, { retryMaxAgeMs: config.retry.maxAgeMs });
  events.subscribeAccepted((channel) => metrics.accepted.inc({ channel }));
  const { connectionMs, greetingMs, socketMs } = config.smtpTimeouts;
  const sentCopies = new SentCopies(db, settings, attachments, log, {
    concurrency: 2,
    pollMs: Math.max(config.dispatcher.pollMs, 100),
    leaseMs: config.dispatcher.leaseMs,
    retry: { baseDelayMs: config.retry.baseDelayMs, maxDelayMs: config.retry.maxDelayMs },
    giveUpAfterMs: config.retry.maxAgeMs,
    timeouts: { connectionMs, greetingMs, socketMs },
    accessTokenProvider: deps.accessTokenProvider,
    hostPolicy,
  });
  const bounceReader = new BounceReader(db, settings, events, log, {
    intervalMs: config.bounceReadMs,
    // Long enough for a slow mailbox's scan; a dead worker's accounts are read by another after it.
    leaseMs: Math.max(config.dispatcher.leaseMs, 5 * 60_000),
    timeouts: { connectionMs, greetingMs, socketMs },
    accessTokenProvider: deps.accessTokenProvider,
    hostPolicy,
  });
  return {
    ...deps,
    auth,
    companies: new CompaniesService(db),
    users,
    serviceKeys: new ServiceKeysService(db, () => auth.forgetCallers()),
    settings,
    sendPolicies,
    standardTexts,
    compose,
    attachments,
    events,
    quotas,
    smtp,
    messageIntake,
    messageArchive,
    messageLifecycle,
    accountStates,
    messageDrafts,
    metrics,
    writeProbe: new WriteProbe(db, config.databaseWaits.readyProbeMs),
    sentCopies,
    suppressions,
    bounceReader,
    signInReview: new SignInReviewService(settings, users),
    connectionTest: new ConnectionTestService(settings, users, {
      timeoutMs: 15_000,
      accessTokenProvider: deps.accessTokenProvider,
      clientName,
      dnsResolver: deps.dnsResolver ?? systemResolver(),
      hostPolicy,
      perMinute: config.connectionTestsPerMinute,
    }),
    /** A dispatcher for this process (the API's own, or `npm run worker`). */
    createDispatcher(overrides: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcher {
      return new OutboxDispatcher(db, settings, attachments, quotas, events, smtp, log, {
        concurrency: config.dispatcher.concurrency,
        pollMs: config.dispatcher.pollMs,
        leaseMs: config.dispatcher.leaseMs,
        retry: { baseDelayMs: config.retry.baseDelayMs, maxDelayMs: config.retry.maxDelayMs },
        orphanAttachmentMs: 24 * 3600_000,
        // The Sent-folder copy: queued with the acceptance, filed by its own loop beside the dispatcher.
        onFirstAcceptance: sentCopies,
        companions: [sentCopies, bounceReader],
        ...overrides,
      }, metrics);
    },
  };
}

export type Services = ReturnType<typeof createServices>;
