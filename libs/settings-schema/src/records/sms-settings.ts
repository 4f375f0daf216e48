import { z } from 'zod';
import { GATEWAY_PASSWORD_PLACEMENTS, PHONE_NUMBER_PLACEMENTS } from '../enums';
import { field } from '../fields/field-meta';
import { issueParams, optionalAddress, singleLine, wholeNumber } from '../fields/common-fields';
import { normalizeHostname } from '../addresses/hostname';
import { defaultSmtpAccount, smtpAccountSchema } from './smtp-account';

/** A gateway is `@domain` (the number goes in front, or elsewhere by placement) or `user@domain`. */
export function parseGatewayAddress(text: string): { localPart: string; domain: string } | null {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return null;
  const localPart = trimmed.slice(0, at);
  const domain = normalizeHostname(trimmed.slice(at + 1));
  if (domain === null || !domain.includes('.') || /[\s<>",;]/.test(localPart)) return null;
  return { localPart, domain };
}

/** Viestiasetukset, tab "Tekstiviesti lähetykset": SMS always travels as an e-mail to the gateway. */
export const smsSettingsSchema = z.object({
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
  gatewayPassword: field(singleLine(200).nullable(), { labelFi: 'Sms-palvelun salasana', labelEn: 'SMS gateway password', secret: true }),
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
  };
}
