import { z } from 'zod';
import { CHANNEL_SETS, DEFAULT_RECIPIENT_FIELDS, channelSetAllows } from '../enums';
import { field } from '../fields/field-meta';
import { addressListText, issueParams, optionalAddress, singleLine } from '../fields/common-fields';
import { defaultSmtpAccount, hasSmtpHost, smtpAccountSchema } from './smtp-account';

/** Viestiasetukset, tab "Sähköposti lähetykset", plus the company's "SMTP sähköpostilähetys" choice. */
export const companyMessageSettingsSchema = z
  .object({
    enabledChannels: field(z.enum(CHANNEL_SETS), { labelFi: 'Palvelu käytössä', labelEn: 'Service enabled' }),
    smtpSendingEnabled: field(z.boolean(), {
      labelFi: 'SMTP sähköpostilähetys',
      labelEn: 'SMTP e-mail sending',
      helpFi: 'Ei: viesti avataan käyttäjän omassa sähköpostiohjelmassa lähettämättömänä luonnoksena.',
      helpEn: "No: the message opens as an unsent draft in the user's own mail program.",
    }),
    companyEmail: field(optionalAddress(), { labelFi: 'Yrityksen email', labelEn: 'Company e-mail' }),
    senderName: field(singleLine(200), { labelFi: 'Lähettäjän nimi', labelEn: 'Sender name' }),
    smtp: smtpAccountSchema,
    defaultRecipients: field(addressListText(), {
      labelFi: 'Vakio vastaanottaja',
      labelEn: 'Default recipients',
      helpFi: 'Useita osoitteita voi erottaa puolipisteellä (;) tai pilkulla (,).',
      helpEn: 'Separate several addresses with a semicolon (;) or a comma (,).',
    }),
    defaultRecipientsField: field(z.enum(DEFAULT_RECIPIENT_FIELDS), {
      labelFi: 'Vakio vastaanottajan kenttä',
      labelEn: 'Default recipients go in',
      helpFi: 'Kopio tai Piilokopio: asiakas ei näe vakio vastaanottajia vastaanottajien joukossa.',
      helpEn: 'Cc or Bcc: the customer does not see the default recipients among the recipients.',
    }),
  })
  .superRefine((settings, ctx) => {
    if (!channelSetAllows(settings.enabledChannels, 'EMAIL')) return;
    if (settings.companyEmail.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['companyEmail'], message: 'EMAIL_REQUIRED_FOR_CHANNEL', params: issueParams('EMAIL_REQUIRED_FOR_CHANNEL') });
    }
    if (settings.smtpSendingEnabled && !hasSmtpHost(settings.smtp)) {
      ctx.addIssue({ code: 'custom', path: ['smtp', 'host'], message: 'HOST_REQUIRED_FOR_CHANNEL', params: issueParams('HOST_REQUIRED_FOR_CHANNEL') });
    }
  });

export type CompanyMessageSettings = z.infer<typeof companyMessageSettingsSchema>;

export function defaultCompanyMessageSettings(): CompanyMessageSettings {
  return {
    enabledChannels: 'NONE',
    smtpSendingEnabled: true,
    companyEmail: '',
    senderName: '',
    smtp: defaultSmtpAccount(),
    defaultRecipients: '',
    defaultRecipientsField: 'TO',
  };
}
