import { z } from 'zod';
import { companyMessageSettingsSchema, defaultCompanyMessageSettings } from '../records/company-message-settings';
import { smsSettingsSchema, defaultSmsSettings } from '../records/sms-settings';
import { smtpAccountSchema } from '../records/smtp-account';
import { userMailSettingsSchema } from '../records/user-mail-settings';
import { moduleSendPolicySchema } from '../records/module-send-policy';
import { standardTextSchema } from '../records/standard-text';
import { field } from './field-meta';
import { listFields, redactSecrets, secretKeys, secretPaths } from './field-list';

const labelOf = (schema: z.ZodType, path: string) => listFields(schema).find((f) => f.path === path)?.labelFi;

describe("the seed's Finnish labels", () => {
  it.each([
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'enabledChannels', 'Palvelu käytössä'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'companyEmail', 'Yrityksen email'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'senderName', 'Lähettäjän nimi'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.host', 'SMTP-palvelin'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.authEnabled', 'Autentikointi'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.port', 'Portti'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.encryption', 'Salaustapa'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.username', 'Käyttäjätunnus'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtp.password', 'Salasana'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'defaultRecipients', 'Vakio vastaanottaja'],
    ['CompanyMessageSettings', companyMessageSettingsSchema, 'smtpSendingEnabled', 'SMTP sähköpostilähetys'],
    ['SmsSettings', smsSettingsSchema, 'senderEmail', 'Sms lähettäjän email'],
    ['SmsSettings', smsSettingsSchema, 'smtp.host', 'SMTP-palvelin'],
    ['SmsSettings', smsSettingsSchema, 'smtp.authEnabled', 'Autentikointi'],
    ['SmsSettings', smsSettingsSchema, 'smtp.port', 'Portti'],
    ['SmsSettings', smsSettingsSchema, 'smtp.encryption', 'Salaustapa'],
    ['SmsSettings', smsSettingsSchema, 'smtp.username', 'Käyttäjätunnus'],
    ['SmsSettings', smsSettingsSchema, 'smtp.password', 'Salasana'],
    ['SmsSettings', smsSettingsSchema, 'gatewayAddress', 'Sms-palvelun email'],
    ['SmsSettings', smsSettingsSchema, 'gatewayPassword', 'Sms-palvelun salasana'],
    ['SmsSettings', smsSettingsSchema, 'phoneNumberPlacement', 'Puhelinnumeron paikka'],
    ['UserMailSettings', userMailSettingsSchema, 'email', 'Sähköposti'],
    ['UserMailSettings', userMailSettingsSchema, 'senderName', 'Lähettäjän nimi'],
    ['UserMailSettings', userMailSettingsSchema, 'smtp.host', 'SMTP-palvelin'],
    ['UserMailSettings', userMailSettingsSchema, 'signatureLines', 'Allekirjoitus'],
    ['UserMailSettings', userMailSettingsSchema, 'defaultRecipient', 'Vastaanottaja'],
  ] as const)('%s.%s is labelled "%s"', (_record, schema, path, label) => {
    expect(labelOf(schema, path)).toBe(label);
  });

  it.each([
    ['CompanyMessageSettings', companyMessageSettingsSchema],
    ['SmsSettings', smsSettingsSchema],
    ['UserMailSettings', userMailSettingsSchema],
    ['ModuleSendPolicy', moduleSendPolicySchema],
    ['StandardText', standardTextSchema],
  ] as const)('every field of %s has a Finnish and an English label', (_record, schema) => {
    const fields = listFields(schema);
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      expect(f.labelFi).toMatch(/\S/);
      expect(f.labelEn).toMatch(/\S/);
    }
  });
});

describe('listFields', () => {
  it('lists nested fields under dotted paths, in declaration order', () => {
    const paths = listFields(companyMessageSettingsSchema).map((f) => f.path);
    expect(paths.slice(0, 7)).toEqual(['enabledChannels', 'smtpSendingEnabled', 'companyEmail', 'senderName', 'smtp.host', 'smtp.authEnabled', 'smtp.port']);
    expect(paths.slice(-2)).toEqual(['defaultRecipients', 'defaultRecipientsField']);
  });

  it('leaves out fields without labels', () => {
    const schema = z.object({ id: z.string(), name: field(z.string(), { labelFi: 'Nimi', labelEn: 'Name' }) });
    expect(listFields(schema).map((f) => f.path)).toEqual(['name']);
  });
});

describe('secrets', () => {
  it('derives the secret paths from the flag on the fields', () => {
    expect(secretPaths(smtpAccountSchema)).toEqual(['password', 'oauthClientSecret', 'oauthServiceAccountKey']);
    expect(secretPaths(companyMessageSettingsSchema)).toEqual(['smtp.password', 'smtp.oauthClientSecret', 'smtp.oauthServiceAccountKey']);
    expect(secretPaths(smsSettingsSchema)).toEqual(['smtp.password', 'smtp.oauthClientSecret', 'smtp.oauthServiceAccountKey', 'gatewayPassword']);
    expect(secretPaths(userMailSettingsSchema)).toEqual(['smtp.password', 'smtp.oauthClientSecret', 'smtp.oauthServiceAccountKey']);
  });

  it('makes a newly flagged field secret without any other list to update', () => {
    const schema = z.object({ apiKey: field(z.string(), { labelFi: 'Avain', labelEn: 'Key', secret: true }), note: field(z.string(), { labelFi: 'Huom', labelEn: 'Note' }) });
    expect(secretPaths(schema)).toEqual(['apiKey']);
  });

  it('gives the last segments of every secret path for redaction by key', () => {
    expect(secretKeys(companyMessageSettingsSchema, smsSettingsSchema)).toEqual(['password', 'oauthClientSecret', 'oauthServiceAccountKey', 'gatewayPassword']);
  });

  it('replaces each secret by whether it is set, and leaves the rest as it was', () => {
    const settings = { ...defaultSmsSettings(), gatewayPassword: 'gw-salasana', smtp: { ...defaultSmsSettings().smtp, host: 'smtp.yritys.fi', password: 'salasana', oauthClientSecret: '' } };
    const redacted = redactSecrets(smsSettingsSchema, settings);
    expect(redacted).toMatchObject({
      gatewayPasswordSet: true,
      smtp: { host: 'smtp.yritys.fi', passwordSet: true, oauthClientSecretSet: false, oauthServiceAccountKeySet: false },
    });
    expect(JSON.stringify(redacted)).not.toContain('salasana');
    expect(redacted).not.toHaveProperty('gatewayPassword');
    expect(redacted).not.toHaveProperty('smtp.password');
  });

  it('does not change the record it redacts', () => {
    const settings = { ...defaultCompanyMessageSettings(), smtp: { ...defaultCompanyMessageSettings().smtp, password: 'salasana' } };
    redactSecrets(companyMessageSettingsSchema, settings);
    expect(settings.smtp.password).toBe('salasana');
  });
});
