import { z } from 'zod';
import { field } from '../fields/field-meta';
import { optionalAddress, singleLine } from '../fields/common-fields';
import { defaultSmtpAccount, smtpAccountSchema } from './smtp-account';

/** Allekirjoitus: the seed's dialog has eight lines. */
export const SIGNATURE_LINE_COUNT = 8;

/** Sähköposti määrittely: per user, every field optional; the smtp block counts only with a host. */
export const userMailSettingsSchema = z.object({
  email: field(optionalAddress(), { labelFi: 'Sähköposti', labelEn: 'E-mail' }),
  senderName: field(singleLine(200), { labelFi: 'Lähettäjän nimi', labelEn: 'Sender name' }),
  smtp: smtpAccountSchema,
  signatureLines: field(z.array(singleLine(200)).max(SIGNATURE_LINE_COUNT), { labelFi: 'Allekirjoitus', labelEn: 'Signature' }),
  defaultRecipient: field(optionalAddress(), { labelFi: 'Vastaanottaja', labelEn: 'Default recipient' }),
});

export type UserMailSettings = z.infer<typeof userMailSettingsSchema>;

export function defaultUserMailSettings(): UserMailSettings {
  return {
    email: '',
    senderName: '',
    smtp: defaultSmtpAccount(),
    signatureLines: Array.from({ length: SIGNATURE_LINE_COUNT }, () => ''),
    defaultRecipient: '',
  };
}
