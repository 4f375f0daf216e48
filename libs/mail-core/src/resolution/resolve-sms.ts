import type { CompanyMessageSettings, MessageSource, SmsSettings } from '@maestro/settings-schema';
import type { Refusal } from '../refusals';
import { buildSmsEnvelope } from '../sms/sms-envelope';
import type { Mailbox } from '../types';
import { checkChannel } from './channel';

export interface SmsInput {
  source: MessageSource;
  company: Pick<CompanyMessageSettings, 'enabledChannels'>;
  sms: SmsSettings;
  /** In E.164, checked and de-duplicated by the caller. */
  phoneNumbers: readonly string[];
  text: string;
}

/** What is stored for each number: the sender and the text as the recipient reads it. Holds no secret. */
export type SmsResolution = { ok: true; from: Mailbox; text: string } | { ok: false; refusal: Refusal };

/** Only to check the envelope can be built; the real one (with its Message-ID) is built at send time. */
const CHECK_MESSAGE_ID = '<check@maestro.invalid>';

/**
 * A text message, resolved for `sendSms`: the program and the company must allow SMS, and the e-mail to
 * the gateway must be buildable for every number (settings, length) — refused now rather than failing
 * later. The envelope holds the gateway password, so it is built again at send time and never stored.
 */
export function resolveSms(input: SmsInput): SmsResolution {
  const channelRefusal = checkChannel(input.company.enabledChannels, input.source, 'SMS');
  if (channelRefusal) return { ok: false, refusal: channelRefusal };
  let from: Mailbox | null = null;
  for (const phoneNumber of input.phoneNumbers) {
    const built = buildSmsEnvelope({ settings: input.sms, phoneNumber, text: input.text, messageId: CHECK_MESSAGE_ID });
    if (!built.ok) return built;
    from ??= built.envelope.message.from;
  }
  return { ok: true, from: from ?? { name: '', address: input.sms.senderEmail.trim() }, text: input.text.normalize('NFC') };
}
