import type { SmsSettings } from '../records/sms-settings';
import type { LocalizedText } from '../validation/problem';

export const SMS_GATEWAY_PRESET_IDS = ['LABYRINTTI'] as const;
export type SmsGatewayPresetId = (typeof SMS_GATEWAY_PRESET_IDS)[number];

export interface SmsGatewayPreset {
  id: SmsGatewayPresetId;
  label: LocalizedText;
  /** Shown when the preset is chosen: how the gateway reads the e-mail, and what is left to fill in. */
  explanation: LocalizedText;
  settings: Pick<SmsSettings, 'gatewayAddress' | 'phoneNumberPlacement'>;
  /** The fields the admin still fills in, in form order (the SMS settings' own SMTP block besides). */
  toFill: ReadonlyArray<keyof SmsSettings>;
}

/** E-mail-to-SMS gateways: the number goes where the gateway looks for it. */
export const SMS_GATEWAY_PRESETS: Readonly<Record<SmsGatewayPresetId, SmsGatewayPreset>> = {
  LABYRINTTI: {
    id: 'LABYRINTTI',
    label: { fi: 'Labyrintti (sähköposti tekstiviestiksi)', en: 'Labyrintti (e-mail to SMS)' },
    explanation: {
      fi: 'Labyrintti: jokainen tekstiviesti lähtee sähköpostina osoitteeseen, jossa puhelinnumero on ennen @-merkkiä, esim. 358401234567@smsmail.labyrintti.com (Puhelinnumeron paikka: osoite). Anna Sms lähettäjän email, jonka Labyrintti tuntee sopimuksesi lähettäjäksi, sekä palvelun salasana, jos sopimus sitä edellyttää. Viesti lähtee Tekstiviesti-välilehden SMTP-asetuksilla.',
      en: 'Labyrintti: each text message goes out as an e-mail to an address with the phone number before the @, e.g. 358401234567@smsmail.labyrintti.com (phone number placement: address). Give the SMS sender e-mail that Labyrintti knows as your contract’s sender, and the gateway password if your contract requires one. The e-mail goes out with the SMTP settings of the SMS tab.',
    },
    settings: { gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS' },
    toFill: ['senderEmail', 'gatewayPassword'],
  },
};

/** The SMS settings with the gateway's address and number placement; everything else kept. */
export function applySmsGatewayPreset(settings: SmsSettings, presetId: SmsGatewayPresetId): SmsSettings {
  const preset = SMS_GATEWAY_PRESETS[presetId];
  if (!preset) throw new Error(`Unknown SMS gateway preset: ${String(presetId)}`);
  return { ...settings, ...preset.settings };
}
