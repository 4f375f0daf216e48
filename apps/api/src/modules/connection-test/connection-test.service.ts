import { checkSenderDomain, verifySmtpAccount, type AccessTokenProvider, type DnsResolve, type SenderDomainCheck, type VerifyResult } from '@maestro/mail-core';
import { hasSmtpHost, smtpAccountSchema, validateSmtpAccount, type SmtpAccount, type SmtpAccountKind } from '@maestro/settings-schema';
import type { Caller } from '../../common/caller';
import { badInput, forbidden } from '../../common/user-facing-error';
import { mergeSettingsInput } from '../settings/settings-input-merge';
import type { SettingsService } from '../settings/settings.service';
import type { UsersService } from '../users/users.service';

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
}

/**
 * "Testaa yhteys": connect, TLS, AUTH, QUIT against a stored account, optionally with unsaved
 * changes, and beside it a DNS look at the sender's domain (SPF, DKIM, DMARC) for the same server.
 */
export class ConnectionTestService {
  constructor(
    private readonly settings: SettingsService,
    private readonly users: UsersService,
    private readonly options: { timeoutMs: number; accessTokenProvider?: AccessTokenProvider; clientName?: string | null; dnsResolver: DnsResolve },
  ) {}

  async test(caller: Caller, kind: SmtpAccountKind, changes: object | null, userId: string | null = null): Promise<ConnectionTestOutcome> {
    const stored = await this.storedAccount(caller, kind, userId);
    // Unsaved form values are tried as they would be saved: an omitted password keeps the stored one.
    const account = changes ? mergeSettingsInput(smtpAccountSchema, stored.account, changes) : stored.account;
    const checked = validateSmtpAccount(account);
    if (!checked.ok) throw badInput(checked.problems, 'smtp');
    const t = this.options.timeoutMs;
    const [verified, senderDomain] = await Promise.all([
      verifySmtpAccount(checked.value, {
        timeouts: { connectionMs: t, greetingMs: t, socketMs: t, dnsMs: t },
        accessTokenProvider: this.options.accessTokenProvider,
        clientName: this.options.clientName,
        senderAddress: stored.sender,
      }),
      stored.sender && hasSmtpHost(checked.value) && isPublicDomain(stored.sender) ? checkSenderDomain({ senderAddress: stored.sender, smtpHost: checked.value.host, resolver: this.options.dnsResolver }) : Promise.resolve(null),
    ]);
    return { ...verified, senderDomain };
  }

  /** The stored account and the address its messages go out from (the sender the DNS check is about). */
  private async storedAccount(caller: Caller, kind: SmtpAccountKind, userId: string | null): Promise<{ account: SmtpAccount; sender: string | null }> {
    if (kind === 'MINE') {
      if (caller.kind !== 'USER') throw forbidden();
      return this.userAccount(caller.companyId, caller.userId);
    }
    if (caller.kind !== 'USER' || caller.role !== 'ADMIN') throw forbidden();
    if (kind === 'USER') {
      if (!userId) {
        throw badInput([{ path: 'userId', code: 'REQUIRED', message: { fi: 'Anna käyttäjä, jonka tiliä testataan.', en: 'Give the user whose account to test.' } }]);
      }
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

  /** A user's account; their messages go out from their own address, else the company's (the seed). */
  private async userAccount(companyId: string, userId: string): Promise<{ account: SmtpAccount; sender: string | null }> {
    const [user, company] = await Promise.all([this.settings.userSettings(companyId, userId), this.settings.companySettings(companyId)]);
    return { account: user.smtp, sender: user.email.trim() || company.companyEmail.trim() || null };
  }
}
