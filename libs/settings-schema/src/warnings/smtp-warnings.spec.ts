import { defaultCompanyMessageSettings } from '../records/company-message-settings';
import { defaultSmsSettings } from '../records/sms-settings';
import { defaultSmtpAccount, type SmtpAccount } from '../records/smtp-account';
import { defaultUserMailSettings } from '../records/user-mail-settings';
import {
  SMTP_WARNING_CODES,
  companyMessageSettingsWarnings,
  senderMailboxWarning,
  smsSettingsWarnings,
  smtpAccountWarnings,
  userMailSettingsWarnings,
  type SettingsWarningCode,
} from './smtp-warnings';

/** Today, as the tests see it: expiry dates are counted from here. */
const NOW = new Date('2027-01-15T09:00:00Z');

/** A Microsoft 365 OAuth2 account with a client secret that expires on the given day. */
function microsoft(expiresAt: string, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return account({
    host: 'smtp.office365.com',
    authMethod: 'OAUTH2_MICROSOFT',
    username: '',
    password: null,
    oauthTenantId: 'yritys.onmicrosoft.com',
    oauthClientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10',
    oauthClientSecret: 'Q~8xv-salainen',
    oauthClientSecretExpiresAt: expiresAt,
    oauthUser: 'myynti@yritys.fi',
    ...overrides,
  });
}

const codesAt = (a: SmtpAccount, now = NOW) => smtpAccountWarnings(a, 'smtp', { now }).map((w) => w.code);

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

  it.each(['smtp-legacy.office365.com', 'smtp-mail.outlook.com', 'SMTP.Office365.com.'])('OFFICE365_BASIC_AUTH: counts %s as a Microsoft host too', (host) => {
    expect(codes(account({ host }))).toEqual(['OFFICE365_BASIC_AUTH']);
  });

  it('OFFICE365_BASIC_AUTH: tells both dates, off by default at the end of December 2026 and removed in the second half of 2027', () => {
    const [warning] = smtpAccountWarnings(account({ host: 'smtp.office365.com' }));
    expect(warning?.message.en).toContain('at the end of December 2026');
    expect(warning?.message.en).toContain('second half of 2027');
    expect(warning?.message.fi).toContain('joulukuun 2026 lopussa');
    expect(warning?.message.fi).toContain('2027 jälkipuoliskolla');
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

  it('CLIENT_SECRET_EXPIRES_SOON: warns 30 days before the client secret expires, and says how many days are left', () => {
    const warnings = smtpAccountWarnings(microsoft('2027-02-14'), 'smtp', { now: NOW });
    expect(warnings).toEqual([expect.objectContaining({ field: 'smtp.oauthClientSecretExpiresAt', code: 'CLIENT_SECRET_EXPIRES_SOON' })]);
    expect(warnings[0]?.message.en).toContain('in 30 days');
    expect(warnings[0]?.message.fi).toContain('Certificates & secrets');
  });

  it('CLIENT_SECRET_EXPIRES_SOON: says nothing 31 days before', () => {
    expect(codesAt(microsoft('2027-02-15'))).toEqual([]);
  });

  it('CLIENT_SECRET_EXPIRES_SOON: still warns on the last day', () => {
    expect(codesAt(microsoft('2027-01-15'))).toEqual(['CLIENT_SECRET_EXPIRES_SOON']);
  });

  it('CLIENT_SECRET_EXPIRED: says no message goes out once the day has passed', () => {
    const warnings = smtpAccountWarnings(microsoft('2027-01-14'), 'smtp', { now: NOW });
    expect(warnings.map((w) => w.code)).toEqual(['CLIENT_SECRET_EXPIRED']);
    expect(warnings[0]?.message.en).toContain('no message goes out');
  });

  it('CLIENT_SECRET_EXPIRY_MISSING: asks for the expiry date of a client secret in use', () => {
    expect(codesAt(microsoft(''))).toEqual(['CLIENT_SECRET_EXPIRY_MISSING']);
  });

  it('CLIENT_SECRET_EXPIRY_TOO_FAR: doubts a date more than 24 months ahead, as Entra ID issues no longer secrets', () => {
    expect(codesAt(microsoft('2029-01-16'))).toEqual(['CLIENT_SECRET_EXPIRY_TOO_FAR']);
    expect(codesAt(microsoft('2029-01-15'))).toEqual([]);
  });

  it('says nothing about the expiry of a secret that is not used (password sign-in, or no secret)', () => {
    expect(codesAt(microsoft('2027-01-01', { authMethod: 'PASSWORD', username: 'myynti@yritys.fi', password: 'x', host: 'smtp.yritys.fi' }))).toEqual([]);
    expect(codesAt(microsoft('2027-01-01', { oauthClientSecret: null }))).toEqual([]);
  });

  it('reports every warning that applies, in the order of SMTP_WARNING_CODES', () => {
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
      microsoft('2027-01-01'),
      microsoft('2027-01-20'),
      microsoft(''),
      microsoft('2030-01-01'),
    ];
    for (const warning of samples.flatMap((a) => smtpAccountWarnings(a, 'smtp', { now: NOW }))) {
      seen.add(warning.code);
      expect(warning.message.fi).toMatch(/\S/);
      expect(warning.message.en).toMatch(/\S/);
      expect(warning.message.fi).not.toBe(warning.message.en);
    }
    expect([...seen].sort()).toEqual([...SMTP_WARNING_CODES].sort());
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

describe('sender and mailbox', () => {
  const company = (smtp: SmtpAccount, companyEmail = 'toimisto@yritys.fi') => ({ ...defaultCompanyMessageSettings(), companyEmail, smtp });

  it('SENDER_NOT_MAILBOX: on Microsoft 365, names the Send As permission and the Add-RecipientPermission command for the two addresses', () => {
    const [warning] = companyMessageSettingsWarnings(company(microsoft('2027-06-01'))).filter((w) => w.code === 'SENDER_NOT_MAILBOX');
    expect(warning).toMatchObject({ field: 'companyEmail', code: 'SENDER_NOT_MAILBOX' });
    expect(warning?.message.en).toContain('Add-RecipientPermission -Identity toimisto@yritys.fi -Trustee myynti@yritys.fi -AccessRights SendAs');
    expect(warning?.message.fi).toContain('Send As');
  });

  it('SENDER_NOT_MAILBOX: on Gmail, says the address must be a "Send mail as" alias of the signed-in user', () => {
    const google = account({ host: 'smtp.gmail.com', authMethod: 'OAUTH2_GOOGLE', username: '', password: null, oauthUser: 'myynti@yritys.fi' });
    const warning = senderMailboxWarning('toimisto@yritys.fi', google, 'companyEmail');
    expect(warning?.message.en).toContain('"Send mail as" alias of myynti@yritys.fi');
    expect(warning?.message.fi).toContain('Send mail as');
  });

  it('SENDER_NOT_MAILBOX: elsewhere, says the server may refuse or rewrite the sender', () => {
    const warning = senderMailboxWarning('toimisto@yritys.fi', account({ username: 'myynti@yritys.fi' }), 'companyEmail');
    expect(warning?.message.en).toContain('refuse the message or replace the sender');
  });

  it('says nothing when the sender is the mailbox, whatever its case', () => {
    expect(senderMailboxWarning('Myynti@Yritys.FI', account({ username: 'myynti@yritys.fi' }), 'companyEmail')).toBeNull();
  });

  it('says nothing when the login is no address, or there is no login, or the Google relay sends for the whole domain', () => {
    expect(senderMailboxWarning('toimisto@yritys.fi', account({ username: 'OmaEmailTunnus' }), 'companyEmail')).toBeNull();
    expect(senderMailboxWarning('toimisto@yritys.fi', account({ authEnabled: false }), 'companyEmail')).toBeNull();
    expect(senderMailboxWarning('toimisto@yritys.fi', account({ host: 'smtp-relay.gmail.com', username: 'myynti@yritys.fi' }), 'companyEmail')).toBeNull();
  });

  it("warns about a user's own address that goes out through the company account", () => {
    const user = { ...defaultUserMailSettings(), email: 'matti@yritys.fi' };
    const warnings = userMailSettingsWarnings(user, { companySmtp: account({ host: 'smtp.office365.com', username: 'myynti@yritys.fi' }) });
    expect(warnings.map((w) => [w.field, w.code])).toEqual([['email', 'SENDER_NOT_MAILBOX']]);
    expect(warnings[0]?.message.en).toContain('-Identity matti@yritys.fi -Trustee myynti@yritys.fi');
  });

  it("compares a user's address with the user's own account when it has a host", () => {
    const user = { ...defaultUserMailSettings(), email: 'matti@yritys.fi', smtp: account({ username: 'matti@yritys.fi' }) };
    expect(userMailSettingsWarnings(user, { companySmtp: account({ username: 'myynti@yritys.fi' }) })).toEqual([]);
  });

  it('warns about the SMS sender address against the SMS account', () => {
    const sms = { ...defaultSmsSettings(), senderEmail: 'sms@yritys.fi', smtp: account({ username: 'myynti@yritys.fi' }) };
    expect(smsSettingsWarnings(sms).map((w) => [w.field, w.code])).toEqual([['senderEmail', 'SENDER_NOT_MAILBOX']]);
  });
});
