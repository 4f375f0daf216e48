import type { GatewayPasswordPlacement, PhoneNumberPlacement } from '../enums';
import { parseGatewayAddress } from './gateway-address';

/**
 * What an e-mail to an SMS gateway may carry, written `{name}` in the templates:
 * `{number}` the international digits (358401234567), `{number_plus}` the same with + (+358401234567),
 * `{number_national}` the national form (0401234567), `{password}` the gateway password, `{sender}` the
 * SMS sender e-mail.
 */
export const SMS_TEMPLATE_PLACEHOLDERS = ['number', 'number_plus', 'number_national', 'password', 'sender'] as const;
export type SmsTemplatePlaceholder = (typeof SMS_TEMPLATE_PLACEHOLDERS)[number];
export type SmsTemplateValues = Readonly<Record<SmsTemplatePlaceholder, string>>;

/** The placeholders that carry the recipient's number: at least one template must hold one. */
export const NUMBER_PLACEHOLDERS: readonly SmsTemplatePlaceholder[] = ['number', 'number_plus', 'number_national'];

/** The e-mail to the gateway: its address, its subject and the line(s) before the text. */
export interface SmsGatewayTemplates {
  address: string;
  subject: string;
  /** Put before the text, on a line of its own; may hold more than one line (the seed's password-then-number). */
  firstLine: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Every `{name}` in a template, in order, each once. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

export const isKnownPlaceholder = (name: string): name is SmsTemplatePlaceholder => (SMS_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);

/** The template with each known placeholder replaced; anything else stays as written (validation refuses it). */
export function fillGatewayTemplate(template: string, values: SmsTemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isKnownPlaceholder(name) ? values[name] : whole));
}

/** The values of a message to +358401234567, for checking templates without a real number. */
export function sampleTemplateValues(password = 'Salasana123', sender = 'sms@yritys.fi'): SmsTemplateValues {
  return { number: '358401234567', number_plus: '+358401234567', number_national: '0401234567', password, sender };
}

export type SimpleTemplatesResult =
  | { ok: true; templates: SmsGatewayTemplates }
  | { ok: false; code: 'SMS_GATEWAY_MISSING' | 'SMS_GATEWAY_HAS_MAILBOX' | 'SMS_GATEWAY_NEEDS_MAILBOX' };

/**
 * The templates the seed's simple fields stand for (Sms-palvelun email, Puhelinnumeron paikka and
 * the password's place): number in the address → `{number}@domain`; in the subject or body →
 * `{number_plus}` there and the gateway's own mailbox as the address. The password goes after the
 * number in the subject, or on the first body line with a number placed in the body on the next.
 */
export function simpleGatewayTemplates(s: {
  gatewayAddress: string;
  phoneNumberPlacement: PhoneNumberPlacement;
  gatewayPasswordPlacement: GatewayPasswordPlacement;
}): SimpleTemplatesResult {
  const gateway = parseGatewayAddress(s.gatewayAddress);
  if (gateway === null) return { ok: false, code: 'SMS_GATEWAY_MISSING' };
  const inAddress = s.phoneNumberPlacement === 'ADDRESS';
  if (inAddress && gateway.localPart !== '') return { ok: false, code: 'SMS_GATEWAY_HAS_MAILBOX' };
  if (!inAddress && gateway.localPart === '') return { ok: false, code: 'SMS_GATEWAY_NEEDS_MAILBOX' };
  const subject = [s.phoneNumberPlacement === 'SUBJECT' ? '{number_plus}' : '', s.gatewayPasswordPlacement === 'SUBJECT' ? '{password}' : ''];
  const firstLine = [s.gatewayPasswordPlacement === 'BODY_FIRST_LINE' ? '{password}' : '', s.phoneNumberPlacement === 'BODY' ? '{number_plus}' : ''];
  return {
    ok: true,
    templates: {
      address: `${inAddress ? '{number}' : gateway.localPart}@${gateway.domain}`,
      subject: subject.filter(Boolean).join(' '),
      firstLine: firstLine.filter(Boolean).join('\n'),
    },
  };
}

/** Whether any template asks for the gateway password. */
export function templatesUsePassword(t: SmsGatewayTemplates): boolean {
  return [t.address, t.subject, t.firstLine].some((template) => templatePlaceholders(template).includes('password'));
}

/** The address with its domain swapped for the UCS-2 one, when the gateway takes such texts elsewhere. */
export function withDomain(address: string, domain: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 || domain.trim() === '' ? address : `${address.slice(0, at)}@${domain.trim()}`;
}
