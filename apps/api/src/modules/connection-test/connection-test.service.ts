import { verifySmtpAccount, type AccessTokenProvider, type VerifyResult } from '@maestro/mail-core';
import { smtpAccountSchema, validateSmtpAccount, type SmtpAccount, type SmtpAccountKind } from '@maestro/settings-schema';
import type { Caller } from '../../common/caller';
import { badInput, forbidden } from '../../common/user-facing-error';
import { mergeSettingsInput } from '../settings/settings-input-merge';
import type { SettingsService } from '../settings/settings.service';
import type { UsersService } from '../users/users.service';

/** "Testaa yhteys": connect, TLS, AUTH, QUIT against a stored account, optionally with unsaved changes. */
export class ConnectionTestService {
  constructor(
    private readonly settings: SettingsService,
    private readonly users: UsersService,
    private readonly options: { timeoutMs: number; accessTokenProvider?: AccessTokenProvider },
  ) {}

  async test(caller: Caller, kind: SmtpAccountKind, changes: object | null, userId: string | null = null): Promise<VerifyResult> {
    const stored = await this.storedAccount(caller, kind, userId);
    // Unsaved form values are tried as they would be saved: an omitted password keeps the stored one.
    const account = changes ? mergeSettingsInput(smtpAccountSchema, stored, changes) : stored;
    const checked = validateSmtpAccount(account);
    if (!checked.ok) throw badInput(checked.problems, 'smtp');
    const t = this.options.timeoutMs;
    return verifySmtpAccount(checked.value, { timeouts: { connectionMs: t, greetingMs: t, socketMs: t, dnsMs: t }, accessTokenProvider: this.options.accessTokenProvider });
  }

  private async storedAccount(caller: Caller, kind: SmtpAccountKind, userId: string | null): Promise<SmtpAccount> {
    if (kind === 'MINE') {
      if (caller.kind !== 'USER') throw forbidden();
      return (await this.settings.userSettings(caller.companyId, caller.userId)).smtp;
    }
    if (caller.kind !== 'USER' || caller.role !== 'ADMIN') throw forbidden();
    if (kind === 'USER') {
      if (!userId) {
        throw badInput([{ path: 'userId', code: 'REQUIRED', message: { fi: 'Anna käyttäjä, jonka tiliä testataan.', en: 'Give the user whose account to test.' } }]);
      }
      await this.users.get(caller.companyId, userId);
      return (await this.settings.userSettings(caller.companyId, userId)).smtp;
    }
    return kind === 'COMPANY' ? (await this.settings.companySettings(caller.companyId)).smtp : (await this.settings.smsSettings(caller.companyId)).smtp;
  }
}
