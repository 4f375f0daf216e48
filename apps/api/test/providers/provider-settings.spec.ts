import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const COMPANY = `mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) {
  companyEmail smtp { host maxConnections ehloName oauthClientSecretSet oauthClientSecretExpiresAt } warnings { field code message } } }`;
const SMS = `mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) {
  templateMode gatewayAddress addressTemplate subjectTemplate firstLineTemplate ucs2Domain warnings { code } } }`;
const USER = 'mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { email warnings { field code message } } }';

/** A day `days` from today, as an admin copies it from Entra ID. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const MICROSOFT_OAUTH = {
  host: 'smtp.office365.com',
  port: 587,
  encryption: 'TLS',
  authEnabled: true,
  authMethod: 'OAUTH2_MICROSOFT',
  oauthTenantId: 'yritys.onmicrosoft.com',
  oauthClientId: 'client-id',
  oauthClientSecret: 'Q~salainen-1',
  oauthUser: 'myynti@yritys.fi',
};

type Fields = Array<{ field: string; code: string }>;
const fieldsOf = (r: { errors?: Array<{ extensions?: { fields?: Fields } }> }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => [f.field, f.code]);

describe.each(DATABASE_KINDS)('provider settings on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  const company = (i: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api.gql<{ updateCompanyMessageSettings: { companyEmail: string; smtp: Record<string, unknown>; warnings: Array<{ field: string; code: string; message: string }> } }>(COMPANY, { i }, { token: api.a.admin.token, headers });

  it('stores the connections, the client host name and the secret’s expiry date', async () => {
    const result = await company({ companyEmail: 'myynti@yritys.fi', smtp: { ...MICROSOFT_OAUTH, maxConnections: 2, ehloName: 'ERP.yritys.fi', oauthClientSecretExpiresAt: inDays(400) } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCompanyMessageSettings.smtp).toEqual({ host: 'smtp.office365.com', maxConnections: 2, ehloName: 'ERP.yritys.fi', oauthClientSecretSet: true, oauthClientSecretExpiresAt: inDays(400) });
    expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp).toMatchObject({ maxConnections: 2, oauthClientSecretExpiresAt: inDays(400) });
  });

  it('refuses more than 3 connections on a Microsoft host, and a client host name without a dot, saving nothing', async () => {
    const before = await api.runtime.services.settings.companySettings(api.a.id);
    const result = await company({ smtp: { host: 'smtp-legacy.office365.com', maxConnections: 4, ehloName: 'erp' } });
    expect(fieldsOf(result)).toEqual([
      ['smtp.ehloName', 'INVALID_EHLO_NAME'],
      ['smtp.maxConnections', 'MAX_CONNECTIONS_PROVIDER'],
    ]);
    expect(await api.runtime.services.settings.companySettings(api.a.id)).toEqual(before);
  });

  it('forgets the expiry date when a new secret comes without one, and when the secret is cleared', async () => {
    await company({ smtp: { ...MICROSOFT_OAUTH, oauthClientSecretExpiresAt: inDays(300) } });
    const replaced = await company({ smtp: { oauthClientSecret: 'Q~uusi-2' } });
    expect(replaced.data?.updateCompanyMessageSettings.smtp.oauthClientSecretExpiresAt).toBe('');
    expect(replaced.data?.updateCompanyMessageSettings.warnings.map((w) => w.code)).toContain('CLIENT_SECRET_EXPIRY_MISSING');
    await company({ smtp: { oauthClientSecret: 'Q~uusi-3', oauthClientSecretExpiresAt: inDays(300) } });
    const kept = await company({ smtp: { maxConnections: 1 } });
    expect(kept.data?.updateCompanyMessageSettings.smtp.oauthClientSecretExpiresAt).toBe(inDays(300));
  });

  it('warns 30 days before the client secret expires', async () => {
    const result = await company({ smtp: { ...MICROSOFT_OAUTH, oauthClientSecretExpiresAt: inDays(20) } }, { 'accept-language': 'en' });
    const warning = result.data?.updateCompanyMessageSettings.warnings.find((w) => w.code === 'CLIENT_SECRET_EXPIRES_SOON');
    expect(warning).toMatchObject({ field: 'smtp.oauthClientSecretExpiresAt' });
    expect(warning?.message).toContain('in 20 days');
  });

  it("warns a user whose own address goes out through the company's mailbox login, with the Send As command", async () => {
    await company({ companyEmail: 'myynti@yritys.fi', smtp: { ...MICROSOFT_OAUTH, oauthClientSecretExpiresAt: inDays(300) } });
    const result = await api.gql<{ updateMyMailSettings: { warnings: Array<{ field: string; code: string; message: string }> } }>(
      USER,
      { i: { email: 'matti@yritys.fi' } },
      { token: api.a.user.token, headers: { 'accept-language': 'en' } },
    );
    expect(result.data?.updateMyMailSettings.warnings).toEqual([
      expect.objectContaining({ field: 'email', code: 'SENDER_NOT_MAILBOX', message: expect.stringContaining('Add-RecipientPermission -Identity matti@yritys.fi -Trustee myynti@yritys.fi') }),
    ]);
  });

  describe('SMS gateway', () => {
    const sms = (i: Record<string, unknown>) => api.gql<{ updateSmsSettings: Record<string, unknown> }>(SMS, { i }, { token: api.a.admin.token });

    it('refuses a number placement that does not fit the gateway e-mail, instead of saving it for every SMS to fail', async () => {
      const result = await sms({ gatewayAddress: 'sms@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'NONE' });
      expect(fieldsOf(result)).toEqual([['phoneNumberPlacement', 'SMS_GATEWAY_HAS_MAILBOX']]);
    });

    it('keeps the templates the simple form stands for', async () => {
      const result = await sms({ templateMode: 'SIMPLE', gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'NONE' });
      expect(result.data?.updateSmsSettings).toMatchObject({ addressTemplate: '{number}@smsmail.labyrintti.com', subjectTemplate: '', firstLineTemplate: '' });
    });

    it('saves the advanced templates and the UCS-2 domain, and refuses a template that cannot give an address', async () => {
      const saved = await sms({ templateMode: 'ADVANCED', addressTemplate: '{number}@email2sms.linkmobility.eu', subjectTemplate: '', firstLineTemplate: 'Pass:{password}', gatewayPassword: 'login', ucs2Domain: 'email2sms-ucs.linkmobility.eu' });
      expect(saved.data?.updateSmsSettings).toMatchObject({ templateMode: 'ADVANCED', firstLineTemplate: 'Pass:{password}', ucs2Domain: 'email2sms-ucs.linkmobility.eu' });
      const refused = await sms({ addressTemplate: '{number} x@email2sms.linkmobility.eu' });
      expect(fieldsOf(refused)).toEqual([['addressTemplate', 'SMS_TEMPLATE_INVALID_ADDRESS']]);
    });
  });
});
