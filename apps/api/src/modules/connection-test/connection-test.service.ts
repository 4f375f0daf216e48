import {
  checkSenderDomain,
  imapEndpointOf,
  resolveSender,
  verifyImapAccount,
  verifySmtpAccount,
  type ImapVerifyResult,
  type AccessTokenProvider,
  type DnsResolve,
  type HostPolicy,
  type SenderDomainCheck,
  type VerifyResult,
} from '@maestro/mail-core';
import { hasSmtpHost, smtpAccountSchema, validateSmtpAccount, type SmtpAccount, type SmtpAccountKind } from '@maestro/settings-schema';
import { callerKey, type Caller } from '../../common/caller';
import { SlidingWindowLimit } from '../../common/sliding-window-limit';
import { badInput, forbidden } from '../../common/user-facing-error';
import { keptSecretProblems, mergeSettingsInput } from '../settings/settings-input-merge';
import type { SettingsService } from '../settings/settings.service';
import type { UsersService } from '../users/users.service';
import { CONNECTION_TEST_TEXTS, savedAccountOnly, tooManyTests } from './connection-test.errors';

/**
 * Names under the TLDs reserved for examples and tests (RFC 2606, 6761) have no public records: the
 * demo company's `demo-oy.example` is not asked about.
 */
function isPublicDomain(address: string): boolean {
  return !/\.(example|test|invalid|localhost|local)$/i.test(address.slice(address.lastIndexOf('@') + 1).replace(/\.$/, ''));
}

export interface ConnectionTestOutcome extends VerifyResult {
  /** The sender's domain as receivers will see it (SPF, DKIM, DMARC); null without a sender address or a host. */
  senderDomain: SenderDomainCheck | null;
  /** The IMAP half (connect, TLS, sign-in, Sent folder) with the same sign-in; null when the account has no IMAP server. */
  imap: ImapVerifyResult | null;
}

export interface ConnectionTestOptions {
  timeoutMs: number;
  accessTokenProvider?: AccessTokenProvider;
  /** As the dispatcher's EHLO name: MAESTRO_EHLO_NAME or the machine's full name. */
  clientName?: string | null;
  /** Where the sender domain's SPF, DKIM and DMARC records are looked up. */
  dnsResolver: DnsResolve;
  /** Which hosts may be connected to (a hosted installation refuses internal addresses). */
  hostPolicy?: HostPolicy;
  /** Connection tests per caller per minute. */
  perMinute?: number;
}

/**
 * "Testaa yhteys": connect, TLS, AUTH, QUIT against a stored account, optionally with unsaved
 * changes, and beside it a DNS look at the sender's domain (SPF, DKIM, DMARC) for the same server,
 * and the account's IMAP server (connect, TLS, sign-in, the Sent folder) when it has one.
 * A user tests only their own saved account; trying other hosts and ports is an admin's (a user could
 * otherwise map the network behind the server). A stored secret goes only with the details it was
 * saved with, and tests are limited per caller.
 */
export class ConnectionTestService {
  private readonly limit: SlidingWindowLimit;

  constructor(
    private readonly settings: SettingsService,
    private readonly users: UsersService,
    private readonly options: ConnectionTestOptions,
  ) {
    this.limit = new SlidingWindowLimit(options.perMinute ?? 10, 60_000);
  }

  async test(caller: Caller, kind: SmtpAccountKind, changes: object | null, userId: string | null = null): Promise<ConnectionTestOutcome> {
    const isAdmin = caller.kind === 'USER' && caller.role === 'ADMIN';
    if (changes && !isAdmin) throw savedAccountOnly();
    const { account: stored, sender } = await this.storedAccount(caller, kind, userId);
    // Unsaved form values are tried as they would be saved: an omitted password keeps the stored one,
    // but only while the details it is bound to are unchanged.
    const account = changes ? mergeSettingsInput(smtpAccountSchema, stored, changes) : stored;
    const checked = validateSmtpAccount(account);
    const invalid = checked.ok ? [] : checked.problems;
    const kept = changes ? keptSecretProblems(smtpAccountSchema, stored, account, changes, invalid) : [];
    if (kept.length || !checked.ok) throw badInput([...invalid, ...kept], 'smtp');
    const waitMs = this.limit.take(callerKey(caller));
    if (waitMs > 0) throw tooManyTests(waitMs);
    const t = this.options.timeoutMs;
    const imapEndpoint = imapEndpointOf(checked.value);
    const [verified, senderDomain, imap] = await Promise.all([
      verifySmtpAccount(checked.value, {
        timeouts: { connectionMs: t, greetingMs: t, socketMs: t, dnsMs: t },
        accessTokenProvider: this.options.accessTokenProvider,
        clientName: this.options.clientName,
        senderAddress: sender,
        hostPolicy: this.options.hostPolicy,
      }),
      sender && hasSmtpHost(checked.value) && isPublicDomain(sender) ? checkSenderDomain({ senderAddress: sender, smtpHost: checked.value.host, resolver: this.options.dnsResolver }) : Promise.resolve(null),
      imapEndpoint
        ? verifyImapAccount(imapEndpoint, checked.value, {
            timeouts: { connectionMs: t, greetingMs: t, socketMs: t },
            accessTokenProvider: this.options.accessTokenProvider,
            hostPolicy: this.options.hostPolicy,
            sentFolder: checked.value.imapSentFolder,
          })
        : Promise.resolve(null),
    ]);
    // A host this installation does not connect to gets the refusal and nothing else said about it.
    return { ...verified, senderDomain: verified.error?.code === 'HOST_NOT_ALLOWED' ? null : senderDomain, imap };
  }

  /** The stored account and the address its messages go out from (the sender the DNS check is about). */
  private async storedAccount(caller: Caller, kind: SmtpAccountKind, userId: string | null): Promise<{ account: SmtpAccount; sender: string | null }> {
    if (kind === 'MINE') {
      if (caller.kind !== 'USER') throw forbidden();
      return this.userAccount(caller.companyId, caller.userId);
    }
    if (caller.kind !== 'USER' || caller.role !== 'ADMIN') throw forbidden();
    if (kind === 'USER') {
      if (!userId) throw badInput([{ path: 'userId', code: 'REQUIRED', message: CONNECTION_TEST_TEXTS.userIdRequired() }]);
      await this.users.get(caller.companyId, userId);
      return this.userAccount(caller.companyId, userId);
    }
    if (kind === 'COMPANY') {
      const company = await this.settings.companySettings(caller.companyId);
      return { account: company.smtp, sender: company.companyEmail.trim() || null };
    }
    const sms = await this.settings.smsSettings(caller.companyId);
    return { account: sms.smtp, sender: sms.senderEmail.trim() || null };
  }

  /** A user's account and the address their messages go out from, as the sending resolution decides it. */
  private async userAccount(companyId: string, userId: string): Promise<{ account: SmtpAccount; sender: string | null }> {
    const [user, company] = await Promise.all([this.settings.sendingUser(companyId, userId), this.settings.companySettings(companyId)]);
    return { account: user.smtp, sender: resolveSender(company, user)?.address ?? null };
  }
}
