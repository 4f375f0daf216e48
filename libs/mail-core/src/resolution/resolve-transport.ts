import { hasSmtpHost, type CompanyMessageSettings, type SmsSettings, type SmtpAccount, type UserMailSettings } from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import { buildSmsEnvelope } from '../sms/sms-envelope';
import type { OutgoingMessage } from '../types';
import { resolveSmtpAccount } from './smtp-account';

export type TransportInput =
  | { channel: 'EMAIL'; company: Pick<CompanyMessageSettings, 'smtp'>; user: Pick<UserMailSettings, 'smtp'> | null; message: OutgoingMessage }
  | { channel: 'SMS'; sms: SmsSettings; phoneNumber: string; text: string; messageId: string };

/** `account` and, for SMS, `message` hold secrets: for the dispatcher only, never a log line or a client. */
export type TransportResult = { ok: true; account: SmtpAccount; message: OutgoingMessage } | { ok: false; refusal: Refusal };

/**
 * What a stored message is sent through, with the settings as they are at send time (a password fixed
 * after a failure counts at the next attempt): an e-mail through the sender user's SMTP account, else
 * the company's; a text message as the e-mail to the SMS gateway through the SMS account.
 */
export function resolveTransport(input: TransportInput): TransportResult {
  if (input.channel === 'SMS') {
    const built = buildSmsEnvelope({ settings: input.sms, phoneNumber: input.phoneNumber, text: input.text, messageId: input.messageId });
    return built.ok ? { ok: true, account: input.sms.smtp, message: built.envelope.message } : built;
  }
  const { account } = resolveSmtpAccount(input.company, input.user);
  if (!hasSmtpHost(account)) return { ok: false, refusal: refusal('SMTP_NOT_CONFIGURED') };
  return { ok: true, account, message: input.message };
}
