import { listFields } from '../fields/field-list';
import type { Problem } from '../validation/problem';
import { validateCompanyMessageSettings, validateSmtpAccount, validateUserMailSettings } from '../validation/record-validators';
import { defaultCompanyMessageSettings } from './company-message-settings';
import { defaultSmtpAccount, looksLikeServiceAccountKey, smtpAccountSchema, type SmtpAccount } from './smtp-account';
import { defaultUserMailSettings } from './user-mail-settings';

const KEY_FILE = JSON.stringify({
  type: 'service_account',
  client_email: 'maestro-smtp@yritys-oy.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n',
});

function microsoft(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    ...defaultSmtpAccount(),
    host: 'smtp.office365.com',
    authMethod: 'OAUTH2_MICROSOFT',
    oauthTenantId: 'yritys.onmicrosoft.com',
    oauthClientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10',
    oauthClientSecret: 'Q~8xv-salainen',
    oauthUser: 'myynti@yritys.fi',
    ...overrides,
  };
}

function google(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return { ...defaultSmtpAccount(), host: 'smtp.gmail.com', authMethod: 'OAUTH2_GOOGLE', oauthServiceAccountKey: KEY_FILE, oauthUser: 'myynti@yritys.fi', ...overrides };
}

const problemsOf = (result: { ok: true } | { ok: false; problems: Problem[] }): Problem[] => (result.ok ? [] : result.problems);
const pathsAndCodes = (result: { ok: true } | { ok: false; problems: Problem[] }) => problemsOf(result).map((p) => [p.path, p.code]);

describe('OAuth2 for Microsoft 365', () => {
  it('accepts an account with tenant, client id, client secret and mailbox', () => {
    expect(validateSmtpAccount(microsoft()).ok).toBe(true);
  });

  it.each([
    ['oauthTenantId', { oauthTenantId: '' }, 'Vuokraajan tunnus (Tenant ID)', 'Tenant ID'],
    ['oauthClientId', { oauthClientId: '  ' }, 'Sovelluksen tunnus (Client ID)', 'Client ID'],
    ['oauthClientSecret', { oauthClientSecret: null }, 'Sovelluksen salaisuus (Client secret)', 'Client secret'],
    ['oauthUser', { oauthUser: '' }, 'Postilaatikko, jonka nimissä lähetetään', 'Mailbox to send as'],
  ] as const)('requires %s with OAUTH_FIELD_REQUIRED, naming the field by its label', (path, overrides, labelFi, labelEn) => {
    const [p, ...rest] = problemsOf(validateSmtpAccount(microsoft(overrides)));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path, code: 'OAUTH_FIELD_REQUIRED' });
    expect(p?.message.fi).toBe(`OAuth2-kirjautuminen tarvitsee tiedon: ${labelFi}.`);
    expect(p?.message.en).toBe(`OAuth2 sign-in needs: ${labelEn}.`);
  });

  it('counts a client secret cleared to "" as missing', () => {
    expect(pathsAndCodes(validateSmtpAccount(microsoft({ oauthClientSecret: '' })))).toEqual([['oauthClientSecret', 'OAUTH_FIELD_REQUIRED']]);
  });

  it('reports every missing field at once, under the record path', () => {
    const settings = { ...defaultCompanyMessageSettings(), smtp: microsoft({ oauthTenantId: '', oauthClientId: '', oauthClientSecret: null, oauthUser: '' }) };
    expect(pathsAndCodes(validateCompanyMessageSettings(settings))).toEqual([
      ['smtp.oauthTenantId', 'OAUTH_FIELD_REQUIRED'],
      ['smtp.oauthClientId', 'OAUTH_FIELD_REQUIRED'],
      ['smtp.oauthClientSecret', 'OAUTH_FIELD_REQUIRED'],
      ['smtp.oauthUser', 'OAUTH_FIELD_REQUIRED'],
    ]);
  });

  it('does not ask for the Google service account key', () => {
    expect(validateSmtpAccount(microsoft({ oauthServiceAccountKey: null })).ok).toBe(true);
  });
});

describe('OAuth2 for Google Workspace', () => {
  it('accepts an account with a service account key and the user to impersonate', () => {
    expect(validateSmtpAccount(google()).ok).toBe(true);
  });

  it('requires the service account key and the mailbox, not the Microsoft fields', () => {
    expect(pathsAndCodes(validateSmtpAccount(google({ oauthServiceAccountKey: null, oauthUser: '' })))).toEqual([
      ['oauthServiceAccountKey', 'OAUTH_FIELD_REQUIRED'],
      ['oauthUser', 'OAUTH_FIELD_REQUIRED'],
    ]);
  });

  it.each([
    ['text that is not JSON', 'avain.json'],
    ['JSON without private_key', JSON.stringify({ type: 'service_account', client_email: 'a@b.iam.gserviceaccount.com' })],
    ['JSON without client_email', JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----' })],
    ['a JSON list', '[1,2]'],
  ])('refuses %s as the key with SERVICE_ACCOUNT_KEY_INVALID', (_label, oauthServiceAccountKey) => {
    const [p, ...rest] = problemsOf(validateSmtpAccount(google({ oauthServiceAccountKey })));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path: 'oauthServiceAccountKey', code: 'SERVICE_ACCOUNT_KEY_INVALID' });
    expect(p?.message.en).toContain('client_email and private_key');
  });

  it('checks only the shape of the key file, not the key', () => {
    expect(looksLikeServiceAccountKey(KEY_FILE)).toBe(true);
  });
});

describe('when the OAuth2 fields are not needed', () => {
  it('asks for nothing when authentication is off', () => {
    expect(validateSmtpAccount(microsoft({ authEnabled: false, oauthClientSecret: null, oauthTenantId: '' })).ok).toBe(true);
  });

  it('asks for nothing with password sign-in', () => {
    expect(validateSmtpAccount({ ...defaultSmtpAccount(), host: 'smtp.yritys.fi', authMethod: 'PASSWORD' }).ok).toBe(true);
  });

  it("asks for nothing in a user's SMTP block without a host, since it is not used", () => {
    const settings = { ...defaultUserMailSettings(), smtp: microsoft({ host: '', oauthClientSecret: null }) };
    expect(validateUserMailSettings(settings).ok).toBe(true);
  });
});

it('still lists every SMTP field, the secrets flagged, with the record-level check added', () => {
  const fields = listFields(smtpAccountSchema);
  expect(fields.map((f) => f.path)).toEqual(Object.keys(defaultSmtpAccount()));
  expect(fields.filter((f) => f.secret).map((f) => f.path)).toEqual(['password', 'oauthClientSecret', 'oauthServiceAccountKey']);
});
