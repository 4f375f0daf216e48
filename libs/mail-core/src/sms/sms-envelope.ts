import {
  countSmsSegments,
  fillGatewayTemplate,
  gatewayTemplatesOf,
  hasSmtpHost,
  nationalDigits,
  normalizePhoneNumber,
  parseAddressList,
  simpleGatewayTemplates,
  templatesUsePassword,
  withDomain,
  type SmsSegmentCount,
  type SmsSettings,
  type SmsTemplateValues,
} from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import type { OutgoingMessage } from '../types';

declare const gatewayPassword: unique symbol;

/**
 * An OutgoingMessage to the SMS gateway. Its subject or first body line may hold the gateway password
 * in clear (see `containsGatewayPassword`): hand it to the dispatcher and nothing else. Never log it,
 * never store it in a readable outbox column, never return it through the API.
 */
export type GatewayMessage = OutgoingMessage & { readonly [gatewayPassword]: 'may hold the SMS gateway password' };

export interface SmsEnvelope {
  /** SECRET-BEARING: may hold the gateway password. Never log, never return to a client. */
  message: GatewayMessage;
  containsGatewayPassword: boolean;
  /** The recipient in E.164 (`+358401234567`): safe to show and log. */
  recipient: string;
  /** Of the text the recipient reads (not of the number or password lines). */
  segments: SmsSegmentCount;
}

export type SmsEnvelopeResult = { ok: true; envelope: SmsEnvelope } | { ok: false; refusal: Refusal };

export interface SmsEnvelopeInput {
  settings: SmsSettings;
  /** As typed: `040 123 4567`, `+358 40 1234567`, `00358401234567`. */
  phoneNumber: string;
  text: string;
  /** Chosen once when the message is stored (see generateMessageId), so a retry re-sends the same id. */
  messageId: string;
}

function refused(code: Parameters<typeof refusal>[0], params?: Parameters<typeof refusal>[1]): SmsEnvelopeResult {
  return { ok: false, refusal: refusal(code, params) };
}

/**
 * The e-mail that carries one text message to the gateway (the seed: SMS always travels as e-mail).
 *
 * Its address, subject and first line come from the gateway templates (settings-schema's
 * `gatewayTemplatesOf`): the stored ones in ADVANCED mode, else those the seed's fields stand for —
 * - number in the ADDRESS: `{number}@domain`, the E.164 digits without `+` as the local part
 *   (`358401234567@smsmail.labyrintti.com`); the gateway address must then be just `@domain`;
 * - number in the SUBJECT / BODY: `{number_plus}` there, and the mail goes to the gateway's own
 *   mailbox (`sms@gateway.fi`);
 * - password in the SUBJECT after the number (one space), on the first body line (a number in the
 *   body follows on the next), or nowhere.
 * A text outside the GSM alphabet goes to the UCS-2 domain when one is set (LINK Mobility).
 *
 * The text is sent as plain text only (no HTML part, no signature), in Unicode NFC, and refused when it
 * would take more parts than `maxSegments`.
 */
export function buildSmsEnvelope(input: SmsEnvelopeInput): SmsEnvelopeResult {
  const { settings } = input;
  const sender = parseAddressList(settings.senderEmail);
  const senderAddress = sender.ok ? sender.addresses[0]?.address : undefined;
  if (senderAddress === undefined) return refused('SMS_SENDER_MISSING');
  if (!hasSmtpHost(settings.smtp)) return refused('SMS_SMTP_NOT_CONFIGURED');

  const templates = gatewayTemplatesOf(settings);
  if (templates === null || templates.address === '') {
    const simple = settings.templateMode === 'SIMPLE' ? simpleGatewayTemplates(settings) : null;
    const code = simple && !simple.ok ? simple.code : 'SMS_GATEWAY_MISSING';
    return refused(code, { gateway: settings.gatewayAddress.trim(), placement: settings.phoneNumberPlacement });
  }

  const password = settings.gatewayPassword ?? '';
  const usesPassword = templatesUsePassword(templates);
  if (usesPassword && password.trim() === '') return refused('SMS_GATEWAY_PASSWORD_MISSING');

  const piece = input.phoneNumber.trim();
  if (piece === '') return refused('SMS_NO_PHONE');
  const phone = normalizePhoneNumber(piece, 'FI');
  if (!phone.ok) return refused('SMS_INVALID_PHONE', { piece });
  // null means the numbering plan cannot tell (some ranges are fixed-or-mobile): let the gateway try.
  if (phone.mobile === false) return refused('SMS_NOT_MOBILE', { piece: phone.e164 });

  const text = input.text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return refused('SMS_EMPTY_TEXT');
  const segments = countSmsSegments(text);
  if (segments.segments > settings.maxSegments) {
    return refused('SMS_TOO_LONG', { segments: segments.segments, max: settings.maxSegments, units: segments.units, encoding: segments.encoding });
  }

  const values: SmsTemplateValues = {
    number: phone.e164.slice(1),
    number_plus: phone.e164,
    number_national: nationalDigits(phone.e164) ?? phone.e164,
    password,
    sender: senderAddress,
  };
  const filled = fillGatewayTemplate(templates.address, values).trim();
  const address = segments.encoding === 'UCS-2' && settings.ucs2Domain.trim() ? withDomain(filled, settings.ucs2Domain) : filled;
  const parsed = parseAddressList(address);
  // The template is named, never the filled address: it may hold the password.
  if (!parsed.ok || parsed.addresses.length !== 1 || parsed.addresses[0]?.address !== address) {
    return refused('SMS_GATEWAY_ADDRESS_INVALID', { template: templates.address, phone: phone.e164 });
  }
  const firstLine = fillGatewayTemplate(templates.firstLine, values).replace(/\r\n?/g, '\n');

  const plain: OutgoingMessage = {
    channel: 'SMS',
    messageId: input.messageId,
    from: { name: '', address: senderAddress },
    to: [{ name: '', address }],
    cc: [],
    bcc: [],
    // One line: a password or sender with a line break must not open a header of its own.
    subject: fillGatewayTemplate(templates.subject, values).replace(/[\r\n]+/g, ' '),
    text: firstLine.trim() === '' ? text : `${firstLine}\n${text}`,
    attachments: [],
  };
  const message = plain as GatewayMessage;
  return { ok: true, envelope: { message, containsGatewayPassword: usesPassword, recipient: phone.e164, segments } };
}
