import { z } from 'zod';
import { GATEWAY_PASSWORD_PLACEMENTS, PHONE_NUMBER_PLACEMENTS, SMS_TEMPLATE_MODES } from '../enums';
import { field } from '../fields/field-meta';
import { boundedText, hostname, issueParams, optionalAddress, singleLine, wholeNumber } from '../fields/common-fields';
import { parseAddressList } from '../addresses/address-list';
import { normalizeHostname } from '../addresses/hostname';
import { parseGatewayAddress } from '../sms/gateway-address';
import {
  NUMBER_PLACEHOLDERS,
  SMS_TEMPLATE_PLACEHOLDERS,
  fillGatewayTemplate,
  isKnownPlaceholder,
  sampleTemplateValues,
  simpleGatewayTemplates,
  templatePlaceholders,
  templatesUsePassword,
  withDomain,
  type SmsGatewayTemplates,
} from '../sms/gateway-templates';
import { defaultSmtpAccount, hasImapHost, smtpAccountSchema } from './smtp-account';

export { parseGatewayAddress } from '../sms/gateway-address';

const PLACEHOLDER_HELP = {
  fi: 'Paikkamerkit: {number} (358401234567), {number_plus} (+358401234567), {number_national} (0401234567), {password} (Sms-palvelun salasana), {sender} (Sms lähettäjän email).',
  en: 'Placeholders: {number} (358401234567), {number_plus} (+358401234567), {number_national} (0401234567), {password} (the gateway password), {sender} (the SMS sender e-mail).',
};

/**
 * What a stored gateway password is bound to. It travels inside the e-mail to the gateway, over the SMS
 * account: whatever decides where that e-mail goes, where in it the password sits or whose mailbox it
 * leaves from (which keeps a copy in its Sent folder) must not change with the stored password kept —
 * the gateway e-mail and the placements (the simple form), the address, subject and first-line
 * templates (the advanced form; the API compares them filled in from the simple form, so choosing a
 * form that gives the same e-mail is no change), the UCS-2 domain (where texts outside GSM-7 go), the
 * SMS sender e-mail (a template may build the address from `{sender}`), and the SMS account's server
 * and the mailbox it signs in as.
 */
export const GATEWAY_PASSWORD_BINDING = [
  'gatewayAddress',
  'phoneNumberPlacement',
  'gatewayPasswordPlacement',
  'addressTemplate',
  'subjectTemplate',
  'firstLineTemplate',
  'ucs2Domain',
  'senderEmail',
  'smtp.host',
  'smtp.port',
  'smtp.encryption',
  'smtp.username',
  'smtp.authMethod',
  'smtp.oauthUser',
] as const;

const smsSettingsShape = {
  senderEmail: field(optionalAddress(), { labelFi: 'Sms lähettäjän email', labelEn: 'SMS sender e-mail' }),
  smtp: smtpAccountSchema,
  gatewayAddress: field(
    singleLine(320).superRefine((value, ctx) => {
      // A line break is already reported by singleLine; one problem per mistake.
      if (value.trim() !== '' && !/[\r\n]/.test(value) && parseGatewayAddress(value) === null) {
        ctx.addIssue({ code: 'custom', message: 'INVALID_GATEWAY', params: issueParams('INVALID_GATEWAY') });
      }
    }),
    { labelFi: 'Sms-palvelun email', labelEn: 'SMS gateway e-mail', helpFi: 'Esim. @smsmail.labyrintti.com', helpEn: 'E.g. @smsmail.labyrintti.com' },
  ),
  gatewayPassword: field(singleLine(200).nullable(), {
    labelFi: 'Sms-palvelun salasana',
    labelEn: 'SMS gateway password',
    secret: true,
    boundTo: GATEWAY_PASSWORD_BINDING,
  }),
  phoneNumberPlacement: field(z.enum(PHONE_NUMBER_PLACEMENTS), { labelFi: 'Puhelinnumeron paikka', labelEn: 'Phone number placement' }),
  gatewayPasswordPlacement: field(z.enum(GATEWAY_PASSWORD_PLACEMENTS), {
    labelFi: 'Sms-palvelun salasanan paikka',
    labelEn: 'Gateway password placement',
  }),
  maxSegments: field(wholeNumber(1, 20), {
    labelFi: 'Viestin osia enintään',
    labelEn: 'Message parts at most',
    helpFi: 'Pidempi teksti lähtee useana osana ja maksaa jokaisesta.',
    helpEn: 'A longer text goes in several parts, each one charged.',
  }),
  templateMode: field(z.enum(SMS_TEMPLATE_MODES), {
    labelFi: 'Sähköpostin muoto',
    labelEn: 'Gateway e-mail format',
    helpFi: 'Yksinkertainen: yllä olevat kentät. Lisäasetukset: osoitteen, otsikon ja ensimmäisen rivin pohjat.',
    helpEn: 'Simple: the fields above. Advanced: templates for the address, the subject and the first line.',
  }),
  addressTemplate: field(singleLine(320), {
    labelFi: 'Osoitepohja',
    labelEn: 'Address template',
    helpFi: `Esim. {number}@smsmail.labyrintti.com. ${PLACEHOLDER_HELP.fi}`,
    helpEn: `E.g. {number}@smsmail.labyrintti.com. ${PLACEHOLDER_HELP.en}`,
  }),
  subjectTemplate: field(singleLine(320), { labelFi: 'Otsikkopohja', labelEn: 'Subject template', helpFi: 'Esim. {password}', helpEn: 'E.g. {password}' }),
  firstLineTemplate: field(boundedText(500), {
    labelFi: 'Ensimmäisen rivin pohja',
    labelEn: 'First line template',
    helpFi: 'Teksti viestin alkuun omalle rivilleen, esim. Pass:{password}. Tyhjä: ei mitään.',
    helpEn: 'Text put on a line of its own before the message, e.g. Pass:{password}. Empty: nothing.',
  }),
  ucs2Domain: field(hostname('INVALID_DOMAIN'), {
    labelFi: 'Verkkotunnus Unicode-viesteille (UCS-2)',
    labelEn: 'Domain for Unicode (UCS-2) texts',
    helpFi: 'Vain jos palvelu ottaa GSM-merkistöön mahtumattomat viestit (esim. emojit) vastaan eri verkkotunnuksessa.',
    helpEn: 'Only when the gateway takes texts outside the GSM alphabet (e.g. emoji) at another domain.',
  }),
};

const isBlank = (value: string | null) => value === null || value.trim() === '';

type TemplateField = 'addressTemplate' | 'subjectTemplate' | 'firstLineTemplate';
const TEMPLATE_FIELDS: ReadonlyArray<[TemplateField, keyof SmsGatewayTemplates]> = [
  ['addressTemplate', 'address'],
  ['subjectTemplate', 'subject'],
  ['firstLineTemplate', 'firstLine'],
];

/** One bare address with a domain that has a dot, as a gateway address must be. */
function isSingleAddress(text: string): boolean {
  const parsed = parseAddressList(text);
  return parsed.ok && parsed.addresses.length === 1 && parsed.addresses[0]?.address === text;
}

type Settings = z.infer<z.ZodObject<typeof smsSettingsShape>>;

/**
 * Whether the gateway is set up at all: SIMPLE by its e-mail, ADVANCED by its address template.
 * Until then there is nothing to check (the SMS channel's own rule asks for it when SMS is on).
 */
function gatewayInUse(s: Settings): boolean {
  return s.templateMode === 'ADVANCED' ? s.addressTemplate.trim() !== '' : s.gatewayAddress.trim() !== '';
}

/**
 * Checks that the gateway e-mail can be built for every message: the simple fields fit each other,
 * the templates use only known placeholders and carry the number, the address they give (also with
 * the UCS-2 domain) is a valid address, and the password they ask for is there. A setting that
 * cannot work is refused on save rather than found out by every SMS, which would wait and retry.
 */
function checkGateway(s: Settings, ctx: z.RefinementCtx): void {
  // A line break is the field's own problem (LINE_BREAK); one problem per mistake.
  if (!gatewayInUse(s) || /[\r\n]/.test(s.gatewayAddress)) return;
  let templates: SmsGatewayTemplates;
  if (s.templateMode === 'SIMPLE') {
    const simple = simpleGatewayTemplates(s);
    if (!simple.ok) {
      // An unreadable gateway e-mail is INVALID_GATEWAY already; a placement that does not fit it is said here.
      if (simple.code !== 'SMS_GATEWAY_MISSING') {
        ctx.addIssue({ code: 'custom', path: ['phoneNumberPlacement'], message: simple.code, params: issueParams(simple.code, { gateway: s.gatewayAddress.trim(), placement: s.phoneNumberPlacement }) });
      }
      return;
    }
    templates = simple.templates;
  } else {
    templates = { address: s.addressTemplate.trim(), subject: s.subjectTemplate, firstLine: s.firstLineTemplate };
    let unknown = false;
    for (const [path, key] of TEMPLATE_FIELDS) {
      for (const name of templatePlaceholders(templates[key]).filter((n) => !isKnownPlaceholder(n))) {
        unknown = true;
        ctx.addIssue({ code: 'custom', path: [path], message: 'SMS_TEMPLATE_UNKNOWN_PLACEHOLDER', params: issueParams('SMS_TEMPLATE_UNKNOWN_PLACEHOLDER', { name, allowed: SMS_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ') }) });
      }
    }
    if (unknown) return;
    if (!TEMPLATE_FIELDS.some(([, key]) => templatePlaceholders(templates[key]).some((n) => (NUMBER_PLACEHOLDERS as readonly string[]).includes(n)))) {
      ctx.addIssue({ code: 'custom', path: ['addressTemplate'], message: 'SMS_TEMPLATE_NO_NUMBER', params: issueParams('SMS_TEMPLATE_NO_NUMBER') });
    }
    const marker = /<[^<>]*>/.exec(templates.address)?.[0];
    if (marker) {
      ctx.addIssue({ code: 'custom', path: ['addressTemplate'], message: 'SMS_TEMPLATE_FILL_IN', params: issueParams('SMS_TEMPLATE_FILL_IN', { marker }) });
      return;
    }
  }
  const sample = fillGatewayTemplate(templates.address, sampleTemplateValues(undefined, s.senderEmail.trim() || undefined));
  // A UCS-2 domain that is no domain is the field's own problem (INVALID_DOMAIN).
  const ucs2 = normalizeHostname(s.ucs2Domain);
  for (const example of [sample, ...(ucs2 !== null && ucs2.includes('.') ? [withDomain(sample, ucs2)] : [])]) {
    if (!isSingleAddress(example)) {
      const path = s.templateMode === 'SIMPLE' ? 'gatewayAddress' : example === sample ? 'addressTemplate' : 'ucs2Domain';
      ctx.addIssue({ code: 'custom', path: [path], message: 'SMS_TEMPLATE_INVALID_ADDRESS', params: issueParams('SMS_TEMPLATE_INVALID_ADDRESS', { example }) });
      return;
    }
  }
  if (templatesUsePassword(templates) && isBlank(s.gatewayPassword)) {
    ctx.addIssue({ code: 'custom', path: ['gatewayPassword'], message: 'SMS_GATEWAY_PASSWORD_MISSING', params: issueParams('SMS_GATEWAY_PASSWORD_MISSING') });
  }
}

/**
 * Viestiasetukset, tab "Tekstiviesti lähetykset": SMS always travels as an e-mail to the gateway.
 * The seed's fields are the simple form; the templates are the advanced one (see gateway-templates).
 * The gateway password is checked as stored: the API validates after merging, so a kept one counts.
 */
export const smsSettingsSchema = z
  .object(smsSettingsShape)
  .superRefine(checkGateway)
  .superRefine((s, ctx) => {
    // The gateway's e-mails are no one's sent mail, and its mailbox reads no bounces of ours.
    if (hasImapHost(s.smtp)) ctx.addIssue({ code: 'custom', path: ['smtp', 'imapHost'], message: 'IMAP_NOT_FOR_SMS', params: issueParams('IMAP_NOT_FOR_SMS') });
  });

export type SmsSettings = z.infer<typeof smsSettingsSchema>;

export function defaultSmsSettings(): SmsSettings {
  return {
    senderEmail: '',
    smtp: defaultSmtpAccount(),
    gatewayAddress: '',
    gatewayPassword: null,
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'SUBJECT',
    maxSegments: 6,
    templateMode: 'SIMPLE',
    addressTemplate: '',
    subjectTemplate: '',
    firstLineTemplate: '',
    ucs2Domain: '',
  };
}

/**
 * The templates the gateway e-mail is built from: the stored ones in ADVANCED mode, else those the
 * simple fields stand for (null when those do not fit together: nothing can be sent).
 */
export function gatewayTemplatesOf(s: SmsSettings): SmsGatewayTemplates | null {
  if (s.templateMode === 'ADVANCED') return { address: s.addressTemplate.trim(), subject: s.subjectTemplate, firstLine: s.firstLineTemplate };
  const simple = simpleGatewayTemplates(s);
  return simple.ok ? simple.templates : null;
}

/**
 * The record as stored: in SIMPLE mode the template fields hold what the simple fields stand for,
 * so switching to ADVANCED starts from what is in use.
 */
export function withFilledTemplates(s: SmsSettings): SmsSettings {
  if (s.templateMode === 'ADVANCED') return s;
  const simple = simpleGatewayTemplates(s);
  if (!simple.ok) return s;
  return { ...s, addressTemplate: simple.templates.address, subjectTemplate: simple.templates.subject, firstLineTemplate: simple.templates.firstLine };
}
