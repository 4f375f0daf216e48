import { SMTP_PRESETS } from '../presets/smtp-presets';
import { hasSmtpHost, type SmtpAccount } from '../records/smtp-account';
import type { LocalizedText } from '../validation/problem';
import { smtpAccountWarnings, type SmtpWarningCode } from '../warnings/smtp-warnings';
import { isMicrosoftHost, PROVIDER_CONNECTION_CAP } from './provider-hosts';

/**
 * Why an account's sign-in needs the admin before it stops working: a password on a Microsoft host
 * (Basic authentication goes away), or a Microsoft client secret that has expired, expires within 30
 * days or has no expiry date on record.
 */
export const SIGN_IN_ATTENTION_REASONS = ['PASSWORD_ON_MICROSOFT', 'CLIENT_SECRET_EXPIRED', 'CLIENT_SECRET_EXPIRES_SOON', 'CLIENT_SECRET_EXPIRY_MISSING'] as const;
export type SignInAttentionReason = (typeof SIGN_IN_ATTENTION_REASONS)[number];

const WARNING_OF_REASON: Readonly<Record<SignInAttentionReason, SmtpWarningCode>> = {
  PASSWORD_ON_MICROSOFT: 'OFFICE365_BASIC_AUTH',
  CLIENT_SECRET_EXPIRED: 'CLIENT_SECRET_EXPIRED',
  CLIENT_SECRET_EXPIRES_SOON: 'CLIENT_SECRET_EXPIRES_SOON',
  CLIENT_SECRET_EXPIRY_MISSING: 'CLIENT_SECRET_EXPIRY_MISSING',
};

export interface SignInAttention {
  reason: SignInAttentionReason;
  /** The same words the settings form shows for the account. */
  message: LocalizedText;
}

/**
 * What an account in use needs done about its sign-in, most urgent first (the same rules as the
 * settings warnings, so the list and the form never disagree); empty when nothing.
 */
export function signInAttention(account: SmtpAccount, now: Date = new Date()): SignInAttention[] {
  if (!hasSmtpHost(account)) return [];
  const warnings = smtpAccountWarnings(account, '', { now });
  return SIGN_IN_ATTENTION_REASONS.flatMap((reason) => {
    const warning = warnings.find((w) => w.code === WARNING_OF_REASON[reason]);
    return warning ? [{ reason, message: warning.message }] : [];
  });
}

/** What the admin types for the switch from a password to Microsoft 365's OAuth2. */
export interface MicrosoftOAuthDetails {
  oauthTenantId: string;
  oauthClientId: string;
  oauthClientSecret: string;
  oauthClientSecretExpiresAt: string;
  /** The mailbox to send as; empty takes the password account's username. */
  oauthUser: string;
}

/**
 * The guided switch from a password to the Microsoft 365 (OAuth2) preset: the preset's server, port,
 * encryption and sign-in, the OAuth2 details typed for it, and everything else kept — the username
 * (the mailbox, when none is given), the CA, and the sending limits the admin set (a limit left
 * empty takes the preset's). Connections stay within Microsoft's 3. Returns the account's changed
 * fields, to be saved through the usual settings update (validated whole, or not saved at all).
 */
/**
 * Spaces and tabs around a pasted value are dropped; a line break or another control character is
 * left for validation to refuse (trimmed away, `"tenant\r\n"` would pass as if typed right).
 */
const blanksTrimmed = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, '');

export function microsoftOAuthSwitch(account: SmtpAccount, details: MicrosoftOAuthDetails): Partial<SmtpAccount> {
  const preset = SMTP_PRESETS.MICROSOFT_365.settings;
  const cap = PROVIDER_CONNECTION_CAP.MICROSOFT ?? preset.maxConnections;
  const keep = <K extends 'messagesPerMinute' | 'recipientsPerMessage' | 'recipientsPerDay'>(key: K) => account[key] ?? preset[key];
  return {
    host: preset.host,
    port: preset.port,
    encryption: preset.encryption,
    authEnabled: true,
    authMethod: 'OAUTH2_MICROSOFT',
    messagesPerMinute: keep('messagesPerMinute'),
    recipientsPerMessage: keep('recipientsPerMessage'),
    recipientsPerDay: keep('recipientsPerDay'),
    maxConnections: Math.min(account.maxConnections, cap),
    oauthTenantId: blanksTrimmed(details.oauthTenantId),
    oauthClientId: blanksTrimmed(details.oauthClientId),
    oauthClientSecret: details.oauthClientSecret,
    oauthClientSecretExpiresAt: blanksTrimmed(details.oauthClientSecretExpiresAt),
    oauthUser: blanksTrimmed(details.oauthUser) || account.username.trim(),
  };
}

/** Whether the guided switch applies: an account in use that signs in with a password on a Microsoft host. */
export function usesPasswordOnMicrosoft(account: SmtpAccount): boolean {
  return hasSmtpHost(account) && account.authEnabled && account.authMethod === 'PASSWORD' && isMicrosoftHost(account.host);
}
