import { gatewayTemplatesOf, withFilledTemplates, type SmsSettings } from '../records/sms-settings';
import type { LocalizedText } from '../validation/problem';

export const SMS_GATEWAY_PRESET_IDS = ['LABYRINTTI', 'GATEWAYAPI', 'LINK_MOBILITY', 'PUZZEL'] as const;
export type SmsGatewayPresetId = (typeof SMS_GATEWAY_PRESET_IDS)[number];

/** The SMS settings a gateway preset decides: how the e-mail to the gateway is shaped, and its length. */
export type SmsGatewayPresetSettings = Pick<
  SmsSettings,
  'gatewayAddress' | 'phoneNumberPlacement' | 'gatewayPasswordPlacement' | 'templateMode' | 'addressTemplate' | 'subjectTemplate' | 'firstLineTemplate' | 'ucs2Domain'
> &
  Partial<Pick<SmsSettings, 'maxSegments'>>;

export interface SmsGatewayPreset {
  id: SmsGatewayPresetId;
  label: LocalizedText;
  /** Shown when the preset is chosen: how the gateway reads the e-mail, and what is left to fill in. */
  explanation: LocalizedText;
  settings: SmsGatewayPresetSettings;
  /** The fields the admin still fills in, in form order (the SMS settings' own SMTP block besides). */
  toFill: ReadonlyArray<keyof SmsSettings>;
}

const NO_TEMPLATES = { addressTemplate: '', subjectTemplate: '', firstLineTemplate: '', ucs2Domain: '' } as const;

/**
 * E-mail-to-SMS gateways. Where the simple fields can say what the gateway wants, the preset uses
 * them (the templates follow); LINK Mobility's separate UCS-2 domain and Puzzel's service id in the
 * address need the templates.
 */
export const SMS_GATEWAY_PRESETS: Readonly<Record<SmsGatewayPresetId, SmsGatewayPreset>> = {
  LABYRINTTI: {
    id: 'LABYRINTTI',
    label: { fi: 'Labyrintti / LINK Mobility Suomi (sähköposti tekstiviestiksi)', en: 'Labyrintti / LINK Mobility Finland (e-mail to SMS)' },
    explanation: {
      fi: 'Labyrintti: jokainen tekstiviesti lähtee sähköpostina osoitteeseen, jossa puhelinnumero on ennen @-merkkiä, esim. 358401234567@smsmail.labyrintti.com (Puhelinnumeron paikka: osoite). Anna Sms lähettäjän email, jonka Labyrintti tuntee sopimuksesi lähettäjäksi. Salasanaa ei lähetetä; jos sopimukseesi kuuluu salasana, anna se ja valitse sille paikka sopimuksen ohjeen mukaan. Viesti lähtee Tekstiviesti-välilehden SMTP-asetuksilla.',
      en: 'Labyrintti: each text message goes out as an e-mail to an address with the phone number before the @, e.g. 358401234567@smsmail.labyrintti.com (phone number placement: address). Give the SMS sender e-mail that Labyrintti knows as your contract’s sender. No password is sent; if your contract has one, give it and choose its place as the contract says. The e-mail goes out with the SMTP settings of the SMS tab.',
    },
    settings: { templateMode: 'SIMPLE', gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'NONE', ...NO_TEMPLATES },
    toFill: ['senderEmail'],
  },
  GATEWAYAPI: {
    id: 'GATEWAYAPI',
    label: { fi: 'GatewayAPI (sähköposti tekstiviestiksi)', en: 'GatewayAPI (e-mail to SMS)' },
    explanation: {
      fi: 'GatewayAPI: viesti lähtee osoitteeseen, jossa on kansainvälinen numero ilman plusmerkkiä, esim. 358401234567@smtp.gatewayapi.com, ja API-tunniste (token) on otsikossa: anna se Sms-palvelun salasanaksi. Lisää Sms lähettäjän email GatewayAPI:ssa sallittuihin osoitteisiin (Settings › Email Whitelist). Jos lähettäjän verkkotunnuksen SPF ja DKIM ovat kunnossa (Testaa yhteys kertoo), tunnisteen voi jättää pois: valitse silloin salasanan paikaksi "Ei lähetetä". GatewayAPI lähettää sähköpostista enintään 5 osaa.',
      en: 'GatewayAPI: the message goes to an address with the international number without a plus, e.g. 358401234567@smtp.gatewayapi.com, and the API token goes in the subject: give it as the SMS gateway password. Add the SMS sender e-mail to GatewayAPI’s allowed addresses (Settings › Email Whitelist). If the sender domain passes SPF and has DKIM (the connection test tells), the token can be left out: then choose "Not sent" for the password’s place. GatewayAPI sends at most 5 parts from an e-mail.',
    },
    settings: { templateMode: 'SIMPLE', gatewayAddress: '@smtp.gatewayapi.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'SUBJECT', ...NO_TEMPLATES, maxSegments: 5 },
    toFill: ['senderEmail', 'gatewayPassword'],
  },
  LINK_MOBILITY: {
    id: 'LINK_MOBILITY',
    label: { fi: 'LINK Mobility (email2sms)', en: 'LINK Mobility (email2sms)' },
    explanation: {
      fi: 'LINK Mobility: viesti lähtee osoitteeseen 358401234567@email2sms.linkmobility.eu; GSM-merkistöön mahtumattomat viestit (esim. emojit) osoitteeseen 358401234567@email2sms-ucs.linkmobility.eu. LINK tunnistaa tilin lähettäjän osoitteesta ja otsikosta: anna Sms lähettäjän email, jonka LINKin asiakaspalvelu on liittänyt tiliisi, ja otsikkoon tuleva tunniste (AccountLogin) Sms-palvelun salasanaksi.',
      en: 'LINK Mobility: the message goes to 358401234567@email2sms.linkmobility.eu; texts outside the GSM alphabet (e.g. emoji) to 358401234567@email2sms-ucs.linkmobility.eu. LINK recognises the account by the sender address and the subject: give the SMS sender e-mail that LINK’s customer service linked to your account, and the subject’s authorisation (AccountLogin) as the SMS gateway password.',
    },
    settings: {
      templateMode: 'ADVANCED',
      gatewayAddress: '@email2sms.linkmobility.eu',
      phoneNumberPlacement: 'ADDRESS',
      gatewayPasswordPlacement: 'SUBJECT',
      addressTemplate: '{number}@email2sms.linkmobility.eu',
      subjectTemplate: '{password}',
      firstLineTemplate: '',
      ucs2Domain: 'email2sms-ucs.linkmobility.eu',
    },
    toFill: ['senderEmail', 'gatewayPassword'],
  },
  PUZZEL: {
    id: 'PUZZEL',
    label: { fi: 'Puzzel (sähköposti tekstiviestiksi)', en: 'Puzzel (e-mail to SMS)' },
    explanation: {
      fi: 'Puzzel: viesti lähtee osoitteeseen numero-palvelutunnus@smsmail.intele.com, esim. 358401234567-1234@smsmail.intele.com. Korvaa osoitepohjan <serviceid> Puzzelin antamalla palvelutunnuksella (serviceid). Puzzel ei lue otsikkoa eikä salasanaa; lähettäjän osoite sovitaan Puzzelin kanssa. Viestissä saa olla enintään 918 merkkiä (6 osaa).',
      en: 'Puzzel: the message goes to number-serviceid@smsmail.intele.com, e.g. 358401234567-1234@smsmail.intele.com. Replace <serviceid> in the address template with the service id Puzzel gave you. Puzzel reads neither a subject nor a password; the sender address is agreed with Puzzel. A message holds at most 918 characters (6 parts).',
    },
    settings: {
      templateMode: 'ADVANCED',
      gatewayAddress: '',
      phoneNumberPlacement: 'ADDRESS',
      gatewayPasswordPlacement: 'NONE',
      addressTemplate: '{number}-<serviceid>@smsmail.intele.com',
      subjectTemplate: '',
      firstLineTemplate: '',
      ucs2Domain: '',
      maxSegments: 6,
    },
    toFill: ['addressTemplate', 'senderEmail'],
  },
};

/**
 * The SMS settings with a gateway preset's way of shaping the e-mail; the sender, the gateway
 * password and the SMTP block are kept. In SIMPLE mode the templates follow the simple fields.
 */
export function applySmsGatewayPreset(settings: SmsSettings, presetId: SmsGatewayPresetId): SmsSettings {
  // The id may come from outside the type system (GraphQL, an old stored value).
  if (!Object.hasOwn(SMS_GATEWAY_PRESETS, presetId)) throw new Error(`Unknown SMS gateway preset: ${String(presetId)}`);
  const preset = SMS_GATEWAY_PRESETS[presetId];
  return withFilledTemplates({ ...settings, ...preset.settings });
}

/** A preset's address template as a pattern: its `<...>` marks stand for what the admin filled in. */
function addressPattern(template: string): RegExp {
  const parts = template.split(/<[^<>]*>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^@]+')}$`, 'i');
}

/** The gateway preset the SMS settings use: the same mode, and the address, subject and first line it would give. */
export function matchingSmsGatewayPreset(settings: SmsSettings): SmsGatewayPresetId | null {
  const own = gatewayTemplatesOf(settings);
  if (own === null) return null;
  return (
    SMS_GATEWAY_PRESET_IDS.find((id) => {
      const preset = SMS_GATEWAY_PRESETS[id];
      const theirs = gatewayTemplatesOf(applySmsGatewayPreset(settings, id));
      return (
        theirs !== null &&
        settings.templateMode === preset.settings.templateMode &&
        addressPattern(theirs.address).test(own.address) &&
        (settings.templateMode === 'SIMPLE' || (own.subject === theirs.subject && own.firstLine === theirs.firstLine && settings.ucs2Domain.trim().toLowerCase() === preset.settings.ucs2Domain))
      );
    }) ?? null
  );
}
