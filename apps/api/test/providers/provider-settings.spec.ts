import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const COMPANY = `mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) {
  companyEmail smtp { host maxConnections ehloName oauthClientSecretSet oauthClientSecretExpiresAt } warnings { field code message } } }`;
const SMS = `mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) {
  templateMode gatewayAddress addressTemplate subjectTemplate firstLineTemplate ucs2Domain warnings { code } } }`;
const USER = 'mutation($u: ID!, $i: UserMailSettingsInput!) { updateUserMailSettings(userId: $u, input: $i) { email warnings { field code message } } }';

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
      // The stored client secret is bound to the server it was saved for (issue 12): asked for again.
      ['smtp.oauthClientSecret', 'SECRET_REQUIRED_AGAIN'],
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

  it('refuses a bad expiry date even for an account without a client secret, rather than clearing it away', async () => {
    const sms = 'mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) { senderEmail } }';
    for (const bad of ['\r\n', '31.12.2028']) {
      const result = await api.gql(sms, { i: { smtp: { oauthClientSecretExpiresAt: bad } } }, { token: api.a.admin.token });
      expect(fieldsOf(result)).toEqual([['smtp.oauthClientSecretExpiresAt', bad === '\r\n' ? 'LINE_BREAK' : 'INVALID_DATE']]);
    }
  });

  it('warns 30 days before the client secret expires', async () => {
    const result = await company({ smtp: { ...MICROSOFT_OAUTH, oauthClientSecretExpiresAt: inDays(20) } }, { 'accept-language': 'en' });
    const warning = result.data?.updateCompanyMessageSettings.warnings.find((w) => w.code === 'CLIENT_SECRET_EXPIRES_SOON');
    expect(warning).toMatchObject({ field: 'smtp.oauthClientSecretExpiresAt' });
    expect(warning?.message).toContain('in 20 days');
  });

  it("warns the admin who gives a user an address that goes out through the company's mailbox login, with the Send As command", async () => {
    await company({ companyEmail: 'myynti@yritys.fi', smtp: { ...MICROSOFT_OAUTH, oauthClientSecretExpiresAt: inDays(300) } });
    // Only an admin sets a user's sender address (issue 12).
    const result = await api.gql<{ updateUserMailSettings: { warnings: Array<{ field: string; code: string; message: string }> } }>(
      USER,
      { u: api.a.user.id, i: { email: 'matti@yritys.fi' } },
      { token: api.a.admin.token, headers: { 'accept-language': 'en' } },
    );
    expect(result.data?.updateUserMailSettings.warnings).toEqual([
      expect.objectContaining({ field: 'email', code: 'SENDER_NOT_MAILBOX', message: expect.stringContaining('Add-RecipientPermission -Identity matti@yritys.fi -Trustee myynti@yritys.fi') }),
    ]);
  });

  it('lets a user replace the client secret of their own OAuth2 mailbox with its expiry date, and no other provider setting', async () => {
    await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { ...MICROSOFT_OAUTH, oauthUser: 'matti@yritys.fi', oauthClientSecretExpiresAt: inDays(20) } });
    const OWN = 'mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { smtp { oauthClientSecretSet oauthClientSecretExpiresAt maxConnections } } }';
    const own = (i: Record<string, unknown>) => api.gql<{ updateMyMailSettings: { smtp: Record<string, unknown> } }>(OWN, { i }, { token: api.a.user.token });

    const dated = await own({ smtp: { oauthClientSecret: 'Q~oma-uusi', oauthClientSecretExpiresAt: inDays(600) } });
    expect(dated.errors).toBeUndefined();
    expect(dated.data?.updateMyMailSettings.smtp).toEqual({ oauthClientSecretSet: true, oauthClientSecretExpiresAt: inDays(600), maxConnections: 3 });
    // A new secret without a date forgets the old one's date, as for an admin.
    const undated = await own({ smtp: { oauthClientSecret: 'Q~oma-uusin' } });
    expect(undated.errors).toBeUndefined();
    expect(undated.data?.updateMyMailSettings.smtp.oauthClientSecretExpiresAt).toBe('');
    expect((await api.runtime.services.settings.userSettings(api.a.id, api.a.user.id)).smtp.oauthClientSecret).toBe('Q~oma-uusin');

    const refused = await own({ smtp: { maxConnections: 1, ehloName: 'oma.yritys.fi' } });
    expect(fieldsOf(refused)).toEqual([
      ['smtp.maxConnections', 'ADMIN_ONLY'],
      ['smtp.ehloName', 'ADMIN_ONLY'],
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
