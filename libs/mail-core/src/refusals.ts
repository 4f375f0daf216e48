import { PROBLEM_MESSAGES, type LocalizedText } from '@maestro/settings-schema';

/**
 * Why mail-core will not resolve a draft or build a message. Consumers branch on the code; the
 * message tells a person what is wrong and what to do, Finnish first.
 */
export const REFUSAL_CODES = [
  'CHANNELS_DISABLED',
  'EMAIL_DISABLED',
  'SMS_DISABLED',
  'SOURCE_CANNOT_USE_CHANNEL',
  'NO_SENDER_ADDRESS',
  'SMTP_NOT_CONFIGURED',
  'INVALID_RECIPIENTS',
  'TEMPLATE_SYNTAX',
  'TEMPLATE_UNSUPPORTED_TAG',
  'SMS_SENDER_MISSING',
  'SMS_SMTP_NOT_CONFIGURED',
  'SMS_GATEWAY_MISSING',
  'SMS_GATEWAY_NEEDS_MAILBOX',
  'SMS_GATEWAY_HAS_MAILBOX',
  'SMS_GATEWAY_PASSWORD_MISSING',
  'SMS_GATEWAY_ADDRESS_INVALID',
  'SMS_NO_PHONE',
  'SMS_INVALID_PHONE',
  'SMS_NOT_MOBILE',
  'SMS_EMPTY_TEXT',
  'SMS_TOO_LONG',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type RefusalParams = Record<string, string | number>;

/** One refusal: a stable code, the message, and the offending pieces of input when there are any. */
export interface Refusal {
  code: RefusalCode;
  message: LocalizedText;
  /** Every bad piece at once (e.g. each invalid address), so the user fixes them in one go. */
  pieces?: string[];
}

const PART_NAMES: Record<string, LocalizedText> = {
  subject: { fi: 'Otsikon', en: 'subject' },
  body: { fi: 'Sisällön', en: 'body' },
};

function partName(part: string | number | undefined): LocalizedText {
  return PART_NAMES[String(part)] ?? { fi: 'Vakiotekstin', en: 'standard text' };
}

const REFUSAL_MESSAGES = {
  CHANNELS_DISABLED: () => ({
    fi: 'Viestien lähetys ei ole käytössä tällä yrityksellä: valitse Viestiasetuksissa "Palvelu käytössä" -kohtaan sähköposti tai tekstiviesti.',
    en: 'Message sending is turned off for this company: choose e-mail or SMS under Message settings, "Service enabled".',
  }),
  EMAIL_DISABLED: () => ({
    fi: 'Sähköpostilähetys ei ole käytössä tällä yrityksellä: lisää sähköposti Viestiasetusten "Palvelu käytössä" -kohtaan.',
    en: 'E-mail sending is turned off for this company: add e-mail under Message settings, "Service enabled".',
  }),
  SMS_DISABLED: () => ({
    fi: 'Tekstiviestilähetys ei ole käytössä tällä yrityksellä: lisää tekstiviesti Viestiasetusten "Palvelu käytössä" -kohtaan.',
    en: 'SMS sending is turned off for this company: add SMS under Message settings, "Service enabled".',
  }),
  SOURCE_CANNOT_USE_CHANNEL: (p) => ({
    fi: `Ohjelma "${p.sourceFi}" ei lähetä ${p.channel === 'SMS' ? 'tekstiviestejä' : 'sähköpostia'}: valitse toinen lähetystapa.`,
    en: `"${p.sourceEn}" does not send ${p.channel === 'SMS' ? 'text messages' : 'e-mail'}: choose another way to send.`,
  }),
  NO_SENDER_ADDRESS: () => ({
    fi: 'Lähettäjän osoite puuttuu: anna Yrityksen email Viestiasetuksissa tai oma sähköpostiosoite käyttäjän sähköpostimäärittelyssä.',
    en: "The sender address is missing: set the company e-mail in Message settings or your own e-mail in the user's mail settings.",
  }),
  SMTP_NOT_CONFIGURED: () => ({
    fi: 'SMTP-palvelinta ei ole määritetty: anna SMTP-palvelin Viestiasetuksissa tai käyttäjän sähköpostimäärittelyssä, tai valitse yrityksen yleistiedoissa SMTP sähköpostilähetys "Ei".',
    en: "No SMTP server is set: give one in Message settings or in the user's mail settings, or set SMTP e-mail sending to No in the company's general info.",
  }),
  INVALID_RECIPIENTS: (p) => ({
    fi: `Virheellinen vastaanottaja: ${p.pieces}. Korjaa osoitteet muotoon nimi@yritys.fi ja erota ne puolipisteellä (;) tai pilkulla (,).`,
    en: `Invalid recipient: ${p.pieces}. Write addresses as name@example.com, separated by a semicolon (;) or a comma (,).`,
  }),
  TEMPLATE_SYNTAX: (p) => ({
    fi: `${partName(p.part).fi} vakioteksti on virheellinen merkin ${p.position} kohdalla: tarkista, että jokainen paikkamerkki on muotoa {{nimi}} ja jokainen {{#osio}} suljetaan {{/osio}}-merkinnällä.`,
    en: `The ${partName(p.part).en} template is malformed at character ${p.position} (${p.detail}): write each placeholder as {{name}} and close each {{#section}} with {{/section}}.`,
  }),
  TEMPLATE_UNSUPPORTED_TAG: (p) => ({
    fi: `${partName(p.part).fi} vakiotekstissä on paikkamerkki "${p.tag}", jota ei voi käyttää: käytä vain muotoa {{nimi}}, jossa nimi on kirjaimia, numeroita tai alaviivoja.`,
    en: `The ${partName(p.part).en} template has the placeholder "${p.tag}", which cannot be used: use only {{name}} with letters, digits or underscores.`,
  }),
  SMS_SENDER_MISSING: () => ({
    fi: 'Tekstiviestin lähettäjän osoite puuttuu: anna Sms lähettäjän email tekstiviestiasetuksissa.',
    en: 'The SMS sender address is missing: set the SMS sender e-mail in the SMS settings.',
  }),
  SMS_SMTP_NOT_CONFIGURED: () => ({
    fi: 'Tekstiviestien SMTP-palvelinta ei ole määritetty: anna SMTP-palvelin tekstiviestiasetuksissa.',
    en: 'No SMTP server is set for text messages: give one in the SMS settings.',
  }),
  SMS_GATEWAY_MISSING: () => ({
    fi: 'Sms-palvelun email puuttuu tai on virheellinen: anna se tekstiviestiasetuksissa, esim. @smsmail.labyrintti.com.',
    en: 'The SMS gateway e-mail is missing or invalid: set it in the SMS settings, e.g. @smsmail.labyrintti.com.',
  }),
  // The same words as the settings form says of the same settings.
  SMS_GATEWAY_NEEDS_MAILBOX: PROBLEM_MESSAGES.SMS_GATEWAY_NEEDS_MAILBOX,
  SMS_GATEWAY_HAS_MAILBOX: PROBLEM_MESSAGES.SMS_GATEWAY_HAS_MAILBOX,
  SMS_GATEWAY_PASSWORD_MISSING: PROBLEM_MESSAGES.SMS_GATEWAY_PASSWORD_MISSING,
  SMS_GATEWAY_ADDRESS_INVALID: (p) => ({
    fi: `Tekstiviestin osoitepohja "${p.template}" ei tuota numerolle ${p.phone} kelvollista sähköpostiosoitetta: korjaa osoitepohja tekstiviestiasetuksissa.`,
    en: `The SMS address template "${p.template}" gives no valid e-mail address for ${p.phone}: correct the address template in the SMS settings.`,
  }),
  SMS_NO_PHONE: () => ({
    fi: 'Puhelinnumero puuttuu: anna vastaanottajan matkapuhelinnumero.',
    en: "The phone number is missing: give the recipient's mobile number.",
  }),
  // The same words as the settings form says of the same number.
  SMS_INVALID_PHONE: PROBLEM_MESSAGES.INVALID_PHONE,
  SMS_NOT_MOBILE: PROBLEM_MESSAGES.NOT_MOBILE,
  SMS_EMPTY_TEXT: () => ({
    fi: 'Tekstiviesti on tyhjä: kirjoita viesti.',
    en: 'The text message is empty: write the message.',
  }),
  SMS_TOO_LONG: (p) => ({
    fi: `Tekstiviesti on liian pitkä: ${p.segments} osaa, enintään ${p.max} sallittu. Lyhennä viestiä (nyt ${p.units} merkkiä, ${p.encoding}).`,
    en: `The text message is too long: ${p.segments} parts, at most ${p.max} allowed. Shorten it (now ${p.units} characters, ${p.encoding}).`,
  }),
} satisfies Record<RefusalCode, (params: RefusalParams) => LocalizedText>;

export function refusal(code: RefusalCode, params: RefusalParams = {}, pieces?: string[]): Refusal {
  const message = REFUSAL_MESSAGES[code](params);
  return pieces ? { code, message, pieces } : { code, message };
}

