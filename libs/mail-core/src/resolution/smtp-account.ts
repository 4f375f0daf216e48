import { hasSmtpHost, type CompanyMessageSettings, type SmtpAccount, type UserMailSettings } from '@maestro/settings-schema';

export type SmtpAccountOwner = 'USER' | 'COMPANY';

export interface ResolvedSmtpAccount {
  owner: SmtpAccountOwner;
  /** Holds the password: for the dispatcher only, never for a client or a log line. */
  account: SmtpAccount;
}

/**
 * The seed: a user's SMTP server is used for that user when one is entered. The user's block is taken
 * whole, never mixed with the company's: a user host with the company's password would send the
 * company's credentials to a server the user chose.
 */
export function resolveSmtpAccount(company: Pick<CompanyMessageSettings, 'smtp'>, user: Pick<UserMailSettings, 'smtp'> | null): ResolvedSmtpAccount {
  if (user && hasSmtpHost(user.smtp)) return { owner: 'USER', account: user.smtp };
  return { owner: 'COMPANY', account: company.smtp };
}
