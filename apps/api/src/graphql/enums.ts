import { registerEnumType } from 'type-graphql';
import { DEFAULT_RECIPIENTS_CHOICES, SIGNATURE_CHOICES } from '@maestro/mail-core';
import {
  CHANNELS,
  CHANNEL_SETS,
  DEFAULT_RECIPIENT_FIELDS,
  GATEWAY_PASSWORD_PLACEMENTS,
  IMAP_ENCRYPTIONS,
  LANGUAGES,
  MESSAGE_SOURCES,
  MESSAGE_SOURCE_INFO,
  OUTPUT_KINDS,
  PHONE_NUMBER_PLACEMENTS,
  RECIPIENT_LIMIT_ACTIONS,
  ROLES,
  SEND_MODES,
  SMTP_ACCOUNT_KINDS,
  SMS_TEMPLATE_MODES,
  SIGN_IN_ATTENTION_REASONS,
  SMTP_AUTH_METHODS,
  SMTP_ENCRYPTIONS,
} from '@maestro/settings-schema';

/** A GraphQL enum object from one of settings-schema's const arrays: the list stays the only truth. */
export function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
}

export const ChannelSetEnum = enumOf(CHANNEL_SETS);
export const ChannelEnum = enumOf(CHANNELS);
export const SmtpEncryptionEnum = enumOf(SMTP_ENCRYPTIONS);
export const ImapEncryptionEnum = enumOf(IMAP_ENCRYPTIONS);
export const SmtpAuthMethodEnum = enumOf(SMTP_AUTH_METHODS);
export const RecipientLimitActionEnum = enumOf(RECIPIENT_LIMIT_ACTIONS);
export const PhoneNumberPlacementEnum = enumOf(PHONE_NUMBER_PLACEMENTS);
export const GatewayPasswordPlacementEnum = enumOf(GATEWAY_PASSWORD_PLACEMENTS);
export const SendModeEnum = enumOf(SEND_MODES);
export const OutputKindEnum = enumOf(OUTPUT_KINDS);
export const LanguageEnum = enumOf(LANGUAGES);
export const RoleEnum = enumOf(ROLES);
export const MessageSourceEnum = enumOf(MESSAGE_SOURCES);
export const SmtpAccountKindEnum = enumOf(SMTP_ACCOUNT_KINDS);
export const DefaultRecipientFieldEnum = enumOf(DEFAULT_RECIPIENT_FIELDS);
export const DefaultRecipientsChoiceEnum = enumOf(DEFAULT_RECIPIENTS_CHOICES);
export const SignatureChoiceEnum = enumOf(SIGNATURE_CHOICES);
export const SmsTemplateModeEnum = enumOf(SMS_TEMPLATE_MODES);
export const SignInAttentionReasonEnum = enumOf(SIGN_IN_ATTENTION_REASONS);

registerEnumType(ChannelSetEnum, { name: 'ChannelSet', description: 'Palvelu käytössä: which channels the company sends on.' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(SmtpEncryptionEnum, {
  name: 'SmtpEncryption',
  description: 'Salaustapa. SSL = implicit TLS (usually port 465); TLS = STARTTLS, required (usually 587).',
});
registerEnumType(ImapEncryptionEnum, {
  name: 'ImapEncryption',
  description: 'IMAP-salaustapa. SSL = implicit TLS (usually port 993); TLS = STARTTLS, required (usually 143). No plain IMAP.',
});
registerEnumType(SmtpAuthMethodEnum, { name: 'SmtpAuthMethod' });
registerEnumType(RecipientLimitActionEnum, { name: 'RecipientLimitAction' });
registerEnumType(PhoneNumberPlacementEnum, { name: 'PhoneNumberPlacement', description: 'Puhelinnumeron paikka.' });
registerEnumType(GatewayPasswordPlacementEnum, { name: 'GatewayPasswordPlacement' });
registerEnumType(SendModeEnum, {
  name: 'SendMode',
  description: 'Lähetä heti / Avaa muokattavaksi / Kysy lähetystapa. The retired "send later" is not accepted.',
});
registerEnumType(OutputKindEnum, { name: 'OutputKind', description: 'Tulostustapa: paperille vai sähköpostina.' });
registerEnumType(LanguageEnum, { name: 'Language' });
registerEnumType(RoleEnum, { name: 'Role', description: 'ADMIN = Järjestelmäasetukset: Saa päivittää.' });
registerEnumType(MessageSourceEnum, {
  name: 'MessageSource',
  description: 'The Maestro program that sends.',
  valuesConfig: Object.fromEntries(MESSAGE_SOURCES.map((s) => [s, { description: MESSAGE_SOURCE_INFO[s].labelFi }])),
});
registerEnumType(SmtpAccountKindEnum, { name: 'SmtpAccountKind' });
registerEnumType(DefaultRecipientFieldEnum, { name: 'DefaultRecipientField', description: 'Where the company\'s default recipients go: To (the seed), Cc or Bcc.' });
registerEnumType(DefaultRecipientsChoiceEnum, {
  name: 'DefaultRecipientsChoice',
  description: 'INCLUDE: the server adds the default recipients. EXCLUDE: a person saw them and kept or removed them; the list given is final.',
});
registerEnumType(SignatureChoiceEnum, {
  name: 'SignatureChoice',
  description: "AUTO: the server appends the sender user's signature. NONE: the body already holds it (the compose dialog showed it).",
});
registerEnumType(SmsTemplateModeEnum, {
  name: 'SmsTemplateMode',
  description: "How the e-mail to the SMS gateway is shaped: SIMPLE by the seed's fields, ADVANCED by the address, subject and first line templates.",
});
registerEnumType(SignInAttentionReasonEnum, {
  name: 'SignInAttentionReason',
  description: 'Why an SMTP sign-in needs the admin: a password on a Microsoft host, or an Entra client secret that expired, expires within 30 days or has no expiry date.',
});
