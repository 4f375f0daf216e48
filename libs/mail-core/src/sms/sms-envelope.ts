import {
  countSmsSegments,
  hasSmtpHost,
  normalizePhoneNumber,
  parseAddressList,
  parseGatewayAddress,
  type SmsSegmentCount,
  type SmsSettings,
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
 * Where the number goes (Puhelinnumeron paikka):
 * - ADDRESS: the E.164 digits without `+` are the local part at the gateway's domain
 *   (`358401234567@smsmail.labyrintti.com`); the gateway address must then be just `@domain`.
 * - SUBJECT / BODY: the number in E.164 with `+` (`+358401234567`), and the mail goes to the gateway
 *   address, which must then name a mailbox (`sms@gateway.fi`).
 *
 * Where the gateway password goes:
 * - SUBJECT: the subject is the number (if it goes there) and the password, in that order, separated by
 *   one space: `+358401234567 salasana`, or just `salasana`.
 * - BODY_FIRST_LINE: the body's first line is the password; a number placed in the body follows on the
 *   next line; then the text.
 * - NONE: no password anywhere.
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

  const gateway = parseGatewayAddress(settings.gatewayAddress);
  if (gateway === null) return refused('SMS_GATEWAY_MISSING');
  const placement = settings.phoneNumberPlacement;
  if (placement === 'ADDRESS' && gateway.localPart !== '') return refused('SMS_GATEWAY_HAS_MAILBOX', { gateway: settings.gatewayAddress.trim() });
  if (placement !== 'ADDRESS' && gateway.localPart === '') return refused('SMS_GATEWAY_NEEDS_MAILBOX', { gateway: settings.gatewayAddress.trim(), placement });

  const passwordPlacement = settings.gatewayPasswordPlacement;
  const password = settings.gatewayPassword ?? '';
  if (passwordPlacement !== 'NONE' && password.trim() === '') return refused('SMS_GATEWAY_PASSWORD_MISSING');

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

  const subjectParts: string[] = [];
  const bodyLines: string[] = [];
  if (placement === 'SUBJECT') subjectParts.push(phone.e164);
  if (passwordPlacement === 'SUBJECT') subjectParts.push(password);
  if (passwordPlacement === 'BODY_FIRST_LINE') bodyLines.push(password);
  if (placement === 'BODY') bodyLines.push(phone.e164);

  const localPart = placement === 'ADDRESS' ? phone.e164.slice(1) : gateway.localPart;
  const plain: OutgoingMessage = {
    channel: 'SMS',
    messageId: input.messageId,
    from: { name: '', address: senderAddress },
    to: [{ name: '', address: `${localPart}@${gateway.domain}` }],
    cc: [],
    bcc: [],
    subject: subjectParts.join(' '),
    text: [...bodyLines, text].join('\n'),
    attachments: [],
  };
  const message = plain as GatewayMessage;
  return { ok: true, envelope: { message, containsGatewayPassword: passwordPlacement !== 'NONE', recipient: phone.e164, segments } };
}
