import { defaultCompanyMessageSettings } from '../records/company-message-settings';
import { defaultSmsSettings } from '../records/sms-settings';
import { defaultSmtpAccount, type SmtpAccount } from '../records/smtp-account';
import { defaultUserMailSettings } from '../records/user-mail-settings';
import {
  SETTINGS_WARNING_CODES,
  companyMessageSettingsWarnings,
  smsSettingsWarnings,
  smtpAccountWarnings,
  userMailSettingsWarnings,
  type SettingsWarningCode,
} from './smtp-warnings';

/** A sensible account: STARTTLS on 587 with a username and a password, nothing to warn about. */
function account(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    ...defaultSmtpAccount(),
    host: 'smtp.yritys.fi',
    authEnabled: true,
    port: 587,
    encryption: 'TLS',
    username: 'yritys.tunnus@yritys.fi',
    password: 'salasana',
    ...overrides,
  };
}

const codes = (a: SmtpAccount) => smtpAccountWarnings(a).map((w) => w.code);

describe('smtpAccountWarnings', () => {
  it('has nothing to say about STARTTLS on 587 with credentials', () => {
    expect(smtpAccountWarnings(account())).toEqual([]);
  });

  it('has nothing to say about SSL on 465, or no encryption and no authentication on 25', () => {
    expect(codes(account({ encryption: 'SSL', port: 465 }))).toEqual([]);
    expect(codes(account({ encryption: 'NONE', port: 25, authEnabled: false, username: '', password: null }))).toEqual([]);
  });

  it.each([995, 993, 110, 143])('POP_IMAP_PORT: warns that port %i is for fetching mail', (port) => {
    const warnings = smtpAccountWarnings(account({ port, encryption: 'SSL' }));
    expect(warnings).toEqual([expect.objectContaining({ field: 'smtp.port', code: 'POP_IMAP_PORT' })]);
    expect(warnings[0]?.message.fi).toContain(`Portti ${port}`);
    expect(warnings[0]?.message.en).toContain('587');
  });

  it("POP_IMAP_PORT: warns about the seed's own user example (995 with SSL)", () => {
    const seedUser = account({ host: 'smtp.office365.com', port: 995, encryption: 'SSL', username: 'OmaEmailTunnus' });
    expect(codes(seedUser)).toContain('POP_IMAP_PORT');
  });

  it('SSL_ON_STARTTLS_PORT: warns that SSL with port 587 looks swapped', () => {
    expect(smtpAccountWarnings(account({ encryption: 'SSL', port: 587 }))).toEqual([
      expect.objectContaining({ field: 'smtp.encryption', code: 'SSL_ON_STARTTLS_PORT' }),
    ]);
  });

  it('TLS_ON_SSL_PORT: warns that TLS with port 465 looks swapped', () => {
    expect(smtpAccountWarnings(account({ encryption: 'TLS', port: 465 }))).toEqual([
      expect.objectContaining({ field: 'smtp.encryption', code: 'TLS_ON_SSL_PORT' }),
    ]);
  });

  it('AUTH_USERNAME_MISSING: warns when authentication is on without a username', () => {
    expect(smtpAccountWarnings(account({ username: '  ' }))).toEqual([
      expect.objectContaining({ field: 'smtp.username', code: 'AUTH_USERNAME_MISSING' }),
    ]);
  });

  it('AUTH_PASSWORD_MISSING: warns when authentication is on and the password is not set (null or empty)', () => {
    expect(smtpAccountWarnings(account({ password: null }))).toEqual([
      expect.objectContaining({ field: 'smtp.password', code: 'AUTH_PASSWORD_MISSING' }),
    ]);
    expect(codes(account({ password: '' }))).toEqual(['AUTH_PASSWORD_MISSING']);
  });

  it('does not ask for a username or password when authentication is off', () => {
    expect(codes(account({ authEnabled: false, username: '', password: null }))).toEqual([]);
  });

  it('PASSWORD_IN_CLEAR: warns when authentication is on with encryption NONE', () => {
    expect(smtpAccountWarnings(account({ encryption: 'NONE', port: 25 }))).toEqual([
      expect.objectContaining({ field: 'smtp.encryption', code: 'PASSWORD_IN_CLEAR' }),
    ]);
  });

  it('OAUTH_WITHOUT_ENCRYPTION: warns when OAuth2 is chosen with encryption NONE', () => {
    const oauth = account({ authMethod: 'OAUTH2_MICROSOFT', encryption: 'NONE', port: 25, username: '', password: null });
    expect(smtpAccountWarnings(oauth)).toEqual([expect.objectContaining({ field: 'smtp.encryption', code: 'OAUTH_WITHOUT_ENCRYPTION' })]);
  });

  it('does not ask for a password when the login is OAuth2', () => {
    expect(codes(account({ authMethod: 'OAUTH2_GOOGLE', host: 'smtp.gmail.com', username: '', password: null }))).toEqual([]);
  });

  it('KOLUMBUS_RETIRED: warns that Elisa retired smtp.kolumbus.fi, whatever its case', () => {
    const warnings = smtpAccountWarnings(account({ host: 'SMTP.Kolumbus.fi' }));
    expect(warnings).toEqual([expect.objectContaining({ field: 'smtp.host', code: 'KOLUMBUS_RETIRED' })]);
    expect(warnings[0]?.message.fi).toContain('1.5.2016');
    expect(warnings[0]?.message.en).toContain("mail provider's SMTP server");
  });

  it('OFFICE365_BASIC_AUTH: warns that Microsoft 365 password sign-in ends, and says to use OAuth2', () => {
    const warnings = smtpAccountWarnings(account({ host: 'smtp.office365.com' }));
    expect(warnings).toEqual([expect.objectContaining({ field: 'smtp.authMethod', code: 'OFFICE365_BASIC_AUTH' })]);
    expect(warnings[0]?.message.fi).toContain('2026');
    expect(warnings[0]?.message.en).toContain('OAuth2');
  });

  it('OFFICE365_BASIC_AUTH: says nothing once Microsoft 365 uses OAuth2', () => {
    expect(codes(account({ host: 'smtp.office365.com', authMethod: 'OAUTH2_MICROSOFT' }))).toEqual([]);
  });

  it('GMAIL_APP_PASSWORD: warns that smtp.gmail.com takes only an app password with password sign-in, or OAuth2', () => {
    const warnings = smtpAccountWarnings(account({ host: 'SMTP.Gmail.com' }));
    expect(warnings).toEqual([expect.objectContaining({ field: 'smtp.authMethod', code: 'GMAIL_APP_PASSWORD' })]);
    expect(warnings[0]?.message.fi).toContain('sovellussalasana');
    expect(warnings[0]?.message.en).toContain('2-Step Verification');
    expect(warnings[0]?.message.en).toContain('OAuth2');
  });

  it('GMAIL_APP_PASSWORD: says nothing once Google Workspace uses OAuth2', () => {
    expect(codes(account({ host: 'smtp.gmail.com', authMethod: 'OAUTH2_GOOGLE' }))).toEqual([]);
  });

  it('reports every warning that applies, in the order of SETTINGS_WARNING_CODES', () => {
    const bad = account({ host: 'smtp.office365.com', port: 995, encryption: 'NONE', username: '', password: null });
    expect(codes(bad)).toEqual(['POP_IMAP_PORT', 'AUTH_USERNAME_MISSING', 'AUTH_PASSWORD_MISSING', 'PASSWORD_IN_CLEAR', 'OFFICE365_BASIC_AUTH']);
  });

  it('names fields under the given path prefix', () => {
    expect(smtpAccountWarnings(account({ port: 995 }), 'sms.smtp').map((w) => w.field)).toEqual(['sms.smtp.port']);
    expect(smtpAccountWarnings(account({ port: 995 }), '').map((w) => w.field)).toEqual(['port']);
  });

  it('gives every warning a Finnish and an English message', () => {
    const seen = new Set<SettingsWarningCode>();
    const samples = [
      account({ host: 'smtp.kolumbus.fi', port: 995, encryption: 'NONE', username: '', password: null }),
      account({ host: 'smtp.office365.com', encryption: 'SSL', port: 587 }),
      account({ encryption: 'TLS', port: 465 }),
      account({ authMethod: 'OAUTH2_GOOGLE', encryption: 'NONE' }),
      account({ host: 'smtp.gmail.com' }),
    ];
    for (const warning of samples.flatMap((a) => smtpAccountWarnings(a))) {
      seen.add(warning.code);
      expect(warning.message.fi).toMatch(/\S/);
      expect(warning.message.en).toMatch(/\S/);
      expect(warning.message.fi).not.toBe(warning.message.en);
    }
    expect([...seen].sort()).toEqual([...SETTINGS_WARNING_CODES].sort());
  });
});

describe('warnings per record', () => {
  it('warns about the company SMTP account under smtp.*', () => {
    const settings = { ...defaultCompanyMessageSettings(), smtp: account({ host: 'smtp.kolumbus.fi' }) };
    expect(companyMessageSettingsWarnings(settings)).toEqual([expect.objectContaining({ field: 'smtp.host', code: 'KOLUMBUS_RETIRED' })]);
  });

  it('warns about the SMS settings’ own SMTP account under smtp.*', () => {
    const settings = { ...defaultSmsSettings(), smtp: account({ port: 993 }) };
    expect(smsSettingsWarnings(settings)).toEqual([expect.objectContaining({ field: 'smtp.port', code: 'POP_IMAP_PORT' })]);
  });

  it("warns about the user's SMTP override when its host is set", () => {
    const settings = { ...defaultUserMailSettings(), smtp: account({ host: 'smtp.office365.com', port: 995, encryption: 'SSL' }) };
    expect(userMailSettingsWarnings(settings).map((w) => w.code)).toEqual(['POP_IMAP_PORT', 'OFFICE365_BASIC_AUTH']);
  });

  it("says nothing about the user's SMTP block when no host is set, since it is not used", () => {
    const settings = { ...defaultUserMailSettings(), smtp: account({ host: '', port: 995, password: null }) };
    expect(userMailSettingsWarnings(settings)).toEqual([]);
  });

  it('says nothing about an SMTP account that has no host yet', () => {
    expect(companyMessageSettingsWarnings(defaultCompanyMessageSettings())).toEqual([]);
    expect(smsSettingsWarnings(defaultSmsSettings())).toEqual([]);
  });
});
