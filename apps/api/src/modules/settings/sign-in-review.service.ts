import { MICROSOFT_BASIC_AUTH_TIMELINE, hasSmtpHost, signInAttention, usesPasswordOnMicrosoft, type LocalizedText, type SignInAttentionReason, type SmtpAccount, type SmtpAccountKind } from '@maestro/settings-schema';
import type { UsersService } from '../users/users.service';
import type { SettingsService } from './settings.service';

export interface SignInReviewEntry {
  kind: SmtpAccountKind;
  userId: string | null;
  userName: string | null;
  host: string;
  login: string;
  authMethod: SmtpAccount['authMethod'];
  clientSecretExpiresAt: string;
  canSwitchToOAuth: boolean;
  attention: Array<{ reason: SignInAttentionReason; message: LocalizedText }>;
}

/**
 * "Moving off passwords": every account of the company — its own, the SMS account and each user's —
 * whose sign-in needs the admin: a password on a Microsoft host, or a client secret that has expired,
 * expires within 30 days or has no date. The same rules as the settings warnings.
 */
export class SignInReviewService {
  constructor(
    private readonly settings: SettingsService,
    private readonly users: UsersService,
  ) {}

  async review(companyId: string, now: Date = new Date()): Promise<SignInReviewEntry[]> {
    const [company, sms, userSettings, users] = await Promise.all([
      this.settings.companySettings(companyId),
      this.settings.smsSettings(companyId),
      this.settings.allUserSettings(companyId),
      this.users.list(companyId),
    ]);
    const names = new Map(users.map((u) => [u.id, u.displayName || u.username]));
    const accounts: Array<{ kind: SmtpAccountKind; userId: string | null; account: SmtpAccount }> = [
      { kind: 'COMPANY', userId: null, account: company.smtp },
      { kind: 'SMS', userId: null, account: sms.smtp },
      // A user's block counts only with a host (the seed); users no longer in the company are left out.
      ...userSettings.filter((u) => names.has(u.userId) && hasSmtpHost(u.record.smtp)).map((u) => ({ kind: 'USER' as const, userId: u.userId, account: u.record.smtp })),
    ];
    return accounts.flatMap(({ kind, userId, account }) => {
      const attention = signInAttention(account, now);
      if (attention.length === 0) return [];
      return [
        {
          kind,
          userId,
          userName: userId ? (names.get(userId) ?? null) : null,
          host: account.host.trim(),
          login: account.authMethod === 'PASSWORD' ? account.username : account.oauthUser || account.username,
          authMethod: account.authMethod,
          clientSecretExpiresAt: account.oauthClientSecretExpiresAt,
          canSwitchToOAuth: usesPasswordOnMicrosoft(account),
          attention,
        },
      ];
    });
  }
}

export const BASIC_AUTH_TIMELINE = MICROSOFT_BASIC_AUTH_TIMELINE;
