/**
 * Enumerations of the domain. Each is a const array (the source of truth) plus its union type, so
 * zod schemas, GraphQL enums and form pickers all derive from the same list.
 */

/** Palvelu käytössä */
export const CHANNEL_SETS = ['NONE', 'EMAIL', 'SMS', 'EMAIL_AND_SMS'] as const;
export type ChannelSet = (typeof CHANNEL_SETS)[number];

/** Salaustapa: SSL = implicit TLS (usually 465), TLS = STARTTLS (usually 587). */
export const SMTP_ENCRYPTIONS = ['NONE', 'SSL', 'TLS'] as const;
export type SmtpEncryption = (typeof SMTP_ENCRYPTIONS)[number];

/**
 * Salaustapa of the IMAP block (the Sent copy and the bounce reader): SSL = implicit TLS (993),
 * TLS = STARTTLS (143). No plain IMAP: the account's secret would cross in clear to a second server.
 */
export const IMAP_ENCRYPTIONS = ['SSL', 'TLS'] as const;
export type ImapEncryption = (typeof IMAP_ENCRYPTIONS)[number];

/** How the SMTP login is done: a password, or an OAuth2 token from the provider. */
export const SMTP_AUTH_METHODS = ['PASSWORD', 'OAUTH2_MICROSOFT', 'OAUTH2_GOOGLE'] as const;
export type SmtpAuthMethod = (typeof SMTP_AUTH_METHODS)[number];

/** What happens to a message with more recipients than the account allows per message. */
export const RECIPIENT_LIMIT_ACTIONS = ['SPLIT', 'REFUSE'] as const;
export type RecipientLimitAction = (typeof RECIPIENT_LIMIT_ACTIONS)[number];

/** Puhelinnumeron paikka */
export const PHONE_NUMBER_PLACEMENTS = ['ADDRESS', 'SUBJECT', 'BODY'] as const;
export type PhoneNumberPlacement = (typeof PHONE_NUMBER_PLACEMENTS)[number];

/** Where the SMS gateway's password goes in the e-mail to the gateway. */
export const GATEWAY_PASSWORD_PLACEMENTS = ['SUBJECT', 'BODY_FIRST_LINE', 'NONE'] as const;
export type GatewayPasswordPlacement = (typeof GATEWAY_PASSWORD_PLACEMENTS)[number];

/**
 * How the e-mail to the SMS gateway is shaped: SIMPLE by the seed's fields (gateway e-mail, the
 * number's and the password's place), ADVANCED by templates for the address, subject and first line.
 */
export const SMS_TEMPLATE_MODES = ['SIMPLE', 'ADVANCED'] as const;
export type SmsTemplateMode = (typeof SMS_TEMPLATE_MODES)[number];

/**
 * Lähetä heti / Avaa muokattavaksi / Kysy lähetystapa. The old "send later" is retired: a migration
 * turned stored data holding it into ASK (flagged), and validation refuses it (RETIRED_SEND_MODE).
 */
export const SEND_MODES = ['SEND_NOW', 'OPEN_FOR_EDIT', 'ASK'] as const;
export type SendMode = (typeof SEND_MODES)[number];
export const RETIRED_SEND_MODE = 'SEND_LATER';

/**
 * Where the company's default recipients (Vakio vastaanottaja) go on every message: To, as the seed
 * has it, or Cc / Bcc so that customers need not see the company's own copy addresses.
 */
export const DEFAULT_RECIPIENT_FIELDS = ['TO', 'CC', 'BCC'] as const;
export type DefaultRecipientField = (typeof DEFAULT_RECIPIENT_FIELDS)[number];

/** Tulostustapa: paperille vai sähköpostina. */
export const OUTPUT_KINDS = ['PAPER', 'EMAIL'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const LANGUAGES = ['FI', 'SV', 'EN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['ADMIN', 'USER'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['EMAIL', 'SMS'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Which account a "test connection" checks. COMPANY and SMS: the company's accounts; MINE: the caller's own; USER: another user's (admins, with a userId). */
export const SMTP_ACCOUNT_KINDS = ['COMPANY', 'SMS', 'MINE', 'USER'] as const;
export type SmtpAccountKind = (typeof SMTP_ACCOUNT_KINDS)[number];

export function channelSetAllows(set: ChannelSet, channel: Channel): boolean {
  return set === 'EMAIL_AND_SMS' || set === channel;
}
