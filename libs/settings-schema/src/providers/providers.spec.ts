import { defaultSmtpAccount, type SmtpAccount } from '../records/smtp-account';
import { validateSmtpAccount } from '../validation/record-validators';
import type { Problem } from '../validation/problem';
import { connectionCapOf, effectiveMaxConnections, isMicrosoftHost, smtpProviderOf } from './provider-hosts';
import { microsoftOAuthSwitch, signInAttention, usesPasswordOnMicrosoft } from './sign-in-review';

const NOW = new Date('2027-01-15T09:00:00Z');
const problems = (r: { ok: true } | { ok: false; problems: Problem[] }) => (r.ok ? [] : r.problems.map((p) => [p.path, p.code]));

function passwordAccount(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return { ...defaultSmtpAccount(), host: 'smtp.office365.com', username: 'yritys.tunnus@yritys.fi', password: 'salasana', ...overrides };
}

describe('provider hosts', () => {
  it.each([
    ['smtp.office365.com', 'MICROSOFT'],
    ['smtp-legacy.office365.com', 'MICROSOFT'],
    ['SMTP-Mail.Outlook.com.', 'MICROSOFT'],
    ['yritys-fi.mail.protection.outlook.com', 'MICROSOFT'],
    ['smtp.gmail.com', 'GOOGLE'],
    ['smtp-relay.gmail.com', 'GOOGLE'],
    ['smtp.yritys.fi', null],
    ['outlook.com.evil.example', null],
  ] as const)('knows who runs %s (%s)', (host, provider) => {
    expect(smtpProviderOf(host)).toBe(provider);
  });

  it('caps Microsoft hosts at 3 connections and leaves others to the account', () => {
    expect(connectionCapOf('smtp-legacy.office365.com')).toBe(3);
    expect(connectionCapOf('smtp.yritys.fi')).toBeNull();
    expect(effectiveMaxConnections({ host: 'smtp.office365.com', maxConnections: 10 })).toBe(3);
    expect(effectiveMaxConnections({ host: 'smtp.office365.com', maxConnections: 2 })).toBe(2);
    expect(effectiveMaxConnections({ host: 'smtp.yritys.fi', maxConnections: 10 })).toBe(10);
  });
});

describe('SMTP account: connections and client host name', () => {
  it('starts with 3 connections and no client host name of its own', () => {
    expect(defaultSmtpAccount()).toMatchObject({ maxConnections: 3, ehloName: '', oauthClientSecretExpiresAt: '' });
  });

  it.each([0, 21, 2.5])('refuses %s connections with INVALID_NUMBER (1–20)', (maxConnections) => {
    expect(problems(validateSmtpAccount({ ...defaultSmtpAccount(), maxConnections }))).toEqual([['maxConnections', 'INVALID_NUMBER']]);
  });

  it.each(['smtp.office365.com', 'smtp-legacy.office365.com', 'smtp-mail.outlook.com'])('refuses more than 3 connections on %s with MAX_CONNECTIONS_PROVIDER', (host) => {
    const result = validateSmtpAccount(passwordAccount({ host, maxConnections: 4 }));
    expect(problems(result)).toEqual([['maxConnections', 'MAX_CONNECTIONS_PROVIDER']]);
    expect(result.ok ? '' : result.problems[0]?.message.en).toContain('432 4.3.2');
  });

  it('allows 20 connections on a server of its own', () => {
    expect(validateSmtpAccount(passwordAccount({ host: 'smtp.yritys.fi', maxConnections: 20 })).ok).toBe(true);
  });

  it.each(['erp.yritys.fi', 'palvelin.pörssi.fi', ''])('accepts the client host name "%s"', (ehloName) => {
    expect(validateSmtpAccount({ ...defaultSmtpAccount(), ehloName }).ok).toBe(true);
  });

  it.each(['localhost', 'erp', '127.0.0.1', '[192.0.2.1]', 'erp yritys.fi'])('refuses the client host name "%s" with INVALID_EHLO_NAME', (ehloName) => {
    expect(problems(validateSmtpAccount({ ...defaultSmtpAccount(), ehloName }))).toEqual([['ehloName', 'INVALID_EHLO_NAME']]);
  });

  it('refuses a client host name with a line break with LINE_BREAK only', () => {
    expect(problems(validateSmtpAccount({ ...defaultSmtpAccount(), ehloName: 'erp.yritys.fi\r\nMAIL FROM:<x@y.fi>' }))).toEqual([['ehloName', 'LINE_BREAK']]);
  });

  it.each(['2027-02-30', '31.1.2028', '2028-1-31'])('refuses the expiry date "%s" with INVALID_DATE', (oauthClientSecretExpiresAt) => {
    expect(problems(validateSmtpAccount({ ...defaultSmtpAccount(), oauthClientSecretExpiresAt }))).toEqual([['oauthClientSecretExpiresAt', 'INVALID_DATE']]);
  });
});

describe('moving off passwords', () => {
  it('lists a password account on a Microsoft host, with the dates', () => {
    const [attention] = signInAttention(passwordAccount({ host: 'smtp-legacy.office365.com' }), NOW);
    expect(attention?.reason).toBe('PASSWORD_ON_MICROSOFT');
    expect(attention?.message.en).toContain('December 2026');
  });

  it('lists nothing for an account without a host, or with a password elsewhere', () => {
    expect(signInAttention(passwordAccount({ host: '' }), NOW)).toEqual([]);
    expect(signInAttention(passwordAccount({ host: 'smtp.yritys.fi' }), NOW)).toEqual([]);
  });

  it('lists an OAuth2 account whose client secret expires within 30 days', () => {
    const account = passwordAccount({ authMethod: 'OAUTH2_MICROSOFT', oauthTenantId: 't', oauthClientId: 'c', oauthClientSecret: 's', oauthClientSecretExpiresAt: '2027-02-01', oauthUser: 'myynti@yritys.fi' });
    expect(signInAttention(account, NOW).map((a) => a.reason)).toEqual(['CLIENT_SECRET_EXPIRES_SOON']);
  });

  it('switches to the Microsoft 365 OAuth2 preset keeping the other fields', () => {
    const account = passwordAccount({ host: 'smtp-legacy.office365.com', port: 25, encryption: 'TLS', caCertificate: 'PEM', messagesPerMinute: 10, recipientsPerDay: null, maxConnections: 5 });
    const changes = microsoftOAuthSwitch(account, {
      oauthTenantId: ' yritys.onmicrosoft.com ',
      oauthClientId: 'c',
      oauthClientSecret: 's',
      oauthClientSecretExpiresAt: '2028-12-31',
      oauthUser: '',
    });
    expect(changes).toEqual({
      host: 'smtp.office365.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      messagesPerMinute: 10,
      recipientsPerMessage: 500,
      recipientsPerDay: 10000,
      maxConnections: 3,
      oauthTenantId: 'yritys.onmicrosoft.com',
      oauthClientId: 'c',
      oauthClientSecret: 's',
      oauthClientSecretExpiresAt: '2028-12-31',
      oauthUser: 'yritys.tunnus@yritys.fi',
    });
    const switched = { ...account, ...changes };
    expect(switched.caCertificate).toBe('PEM');
    expect(validateSmtpAccount(switched).ok).toBe(true);
    expect(usesPasswordOnMicrosoft(switched)).toBe(false);
  });

  it('leaves a line break typed into the switch for validation to refuse, trimming only blanks', () => {
    const details = { oauthTenantId: 'yritys.onmicrosoft.com\r\n', oauthClientId: '\tc ', oauthClientSecret: 's', oauthClientSecretExpiresAt: '2028-1231\n', oauthUser: '' };
    const switched = { ...passwordAccount(), ...microsoftOAuthSwitch(passwordAccount(), details) };
    expect(switched.oauthClientId).toBe('c');
    expect(problems(validateSmtpAccount(switched))).toEqual([
      ['oauthTenantId', 'LINE_BREAK'],
      ['oauthClientSecretExpiresAt', 'LINE_BREAK'],
    ]);
  });

  it('knows a password account on a Microsoft host needs the switch, and an OAuth2 one does not', () => {
    expect(usesPasswordOnMicrosoft(passwordAccount())).toBe(true);
    expect(isMicrosoftHost('smtp.office365.com')).toBe(true);
    expect(usesPasswordOnMicrosoft(passwordAccount({ authEnabled: false }))).toBe(false);
  });
});
