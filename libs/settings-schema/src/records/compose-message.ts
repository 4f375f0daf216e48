import { z } from 'zod';
import { field } from '../fields/field-meta';
import { parseAddressList } from '../addresses/address-list';
import { addressListText, boundedText, issueParams, singleLine } from '../fields/common-fields';

/** More than this many recipients in one message is a mailing list, not a customer message. */
export const MAX_RECIPIENTS = 1000;

/**
 * Lähetä viesti: what the compose dialog sends. The same rules check the form in the browser and the
 * request on the server. Each recipient entry may hold several addresses separated by ; or ,.
 */
export const composeMessageSchema = z
  .object({
    to: field(z.array(addressListText()).max(500), { labelFi: 'Vastaanottaja', labelEn: 'To' }),
    cc: field(z.array(addressListText()).max(500), { labelFi: 'Kopio', labelEn: 'Cc' }),
    bcc: field(z.array(addressListText()).max(500), { labelFi: 'Piilokopio', labelEn: 'Bcc' }),
    subject: field(singleLine(998), { labelFi: 'Otsikko', labelEn: 'Subject' }),
    body: field(boundedText(), { labelFi: 'Sisältö', labelEn: 'Body' }),
  })
  .superRefine((message, ctx) => {
    const any = [...message.to, ...message.cc, ...message.bcc].some((entry) => entry.trim().replace(/[;,\s]/g, '') !== '');
    if (!any) ctx.addIssue({ code: 'custom', path: ['to'], message: 'NO_RECIPIENTS', params: issueParams('NO_RECIPIENTS') });
    const count = [...message.to, ...message.cc, ...message.bcc].reduce((sum, entry) => {
      const parsed = parseAddressList(entry);
      return sum + (parsed.ok ? parsed.addresses.length : 0);
    }, 0);
    if (count > MAX_RECIPIENTS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'TOO_MANY', params: issueParams('TOO_MANY', { max: MAX_RECIPIENTS }) });
  });

export type ComposeMessage = z.infer<typeof composeMessageSchema>;

/** Tekstiviesti: the numbers (each entry may hold several) and the text. */
export const smsMessageSchema = z.object({
  to: field(z.array(singleLine(2000)).min(1).max(100), { labelFi: 'Puhelinnumero', labelEn: 'Phone number' }),
  text: field(z.string().min(1).max(2000), { labelFi: 'Viesti', labelEn: 'Text' }),
});

export type SmsMessage = z.infer<typeof smsMessageSchema>;
