import { defaultSmtpAccount, secretPaths, smtpAccountSchema, type SmtpAccount } from '@maestro/settings-schema';
import { accountSecrets } from '../../src/dispatch/smtp-settings';

describe('accountSecrets', () => {
  it('holds the value of every field settings-schema flags secret, and of no other field', () => {
    const fields = secretPaths(smtpAccountSchema);
    const account = { ...defaultSmtpAccount(), username: 'myynti@yritys.fi' } as SmtpAccount & Record<string, unknown>;
    for (const field of fields) account[field] = `salaisuus-${field}`;
    const secrets = accountSecrets(account);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(secrets).toContain(`salaisuus-${field}`);
    expect(secrets).not.toContain('myynti@yritys.fi');
  });

  it("also holds AUTH PLAIN's user-and-password string, which a server may echo in base64", () => {
    const account: SmtpAccount = { ...defaultSmtpAccount(), username: 'myynti@yritys.fi', password: 'salasana' };
    expect(accountSecrets(account)).toContain('\u0000myynti@yritys.fi\u0000salasana');
  });
});
