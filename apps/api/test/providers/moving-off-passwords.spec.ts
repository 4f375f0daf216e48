import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const REVIEW = `{ signInReview { basicAuthOffByDefault basicAuthOffByDefaultText basicAuthFinalRemovalText
  accounts { kind userId userName host login authMethod canSwitchToOAuth attention { reason message } } } }`;
const SWITCH = `mutation($k: SmtpAccountKind!, $u: ID, $i: MicrosoftOAuthSwitchInput!) { switchToMicrosoftOAuth(account: $k, userId: $u, input: $i) {
  accounts { kind userId } } }`;

interface Review {
  basicAuthOffByDefault: string;
  basicAuthOffByDefaultText: string;
  basicAuthFinalRemovalText: string;
  accounts: Array<{ kind: string; userId: string | null; userName: string | null; host: string; login: string; authMethod: string; canSwitchToOAuth: boolean; attention: Array<{ reason: string; message: string }> }>;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const SWITCH_INPUT = { oauthTenantId: 'yritys.onmicrosoft.com', oauthClientId: 'client-id', oauthClientSecret: 'Q~salainen', oauthClientSecretExpiresAt: inDays(500), oauthUser: '' };

describe.each(DATABASE_KINDS)('moving off passwords on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  // Every test starts from the same accounts: password sign-in everywhere.
  beforeEach(async () => {
    const s = api.runtime.services.settings;
    // A client secret an earlier test's switch stored is bound to OAuth2 sign-in: cleared with the change back.
    const password = { host: 'smtp.office365.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', password: 'Salasana-1', oauthClientSecret: '', caCertificate: '' };
    await s.updateCompanySettings(api.a.id, { enabledChannels: 'EMAIL_AND_SMS', companyEmail: 'yritys@yritys.fi', smtp: { ...password, username: 'yritys@yritys.fi', messagesPerMinute: 10 } });
    await s.updateSmsSettings(api.a.id, { senderEmail: 'sms@yritys.fi', gatewayAddress: '', gatewayPassword: '', smtp: { ...password, host: 'smtp-legacy.office365.com', username: 'sms@yritys.fi' } });
    await s.updateUserSettings(api.a.id, api.a.user.id, { email: 'user@yritys.fi', smtp: { ...password, port: 587, username: 'user@yritys.fi' } });
    // Nothing to do about a password elsewhere, or about company B's accounts.
    await s.updateUserSettings(api.a.id, api.a.admin.id, { smtp: { ...password, host: 'smtp.webhotelli.fi', username: 'admin@yritys.fi' } });
    await s.updateCompanySettings(api.b.id, { companyEmail: 'b@yritys-b.fi', smtp: { ...password, username: 'b@yritys-b.fi' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  const review = async (token = api.a.admin.token, language = 'en') => (await api.gql<{ signInReview: Review }>(REVIEW, {}, { token, headers: { 'accept-language': language } }));

  it('lists every password account on a Microsoft host — company, SMS and each user’s — with the dates', async () => {
    const result = (await review()).data!.signInReview;
    expect(result.basicAuthOffByDefault).toBe('2026-12-31');
    expect(result.basicAuthOffByDefaultText).toBe('at the end of December 2026');
    expect(result.basicAuthFinalRemovalText).toContain('second half of 2027');
    expect(result.accounts.map((a) => [a.kind, a.userId, a.userName, a.host, a.login, a.canSwitchToOAuth])).toEqual([
      ['COMPANY', null, null, 'smtp.office365.com', 'yritys@yritys.fi', true],
      ['SMS', null, null, 'smtp-legacy.office365.com', 'sms@yritys.fi', true],
      ['USER', api.a.user.id, 'Yritys A Oy user', 'smtp.office365.com', 'user@yritys.fi', true],
    ]);
    expect(result.accounts[0]?.attention).toEqual([{ reason: 'PASSWORD_ON_MICROSOFT', message: expect.stringContaining('December 2026') }]);
  });

  it('answers in Finnish by default', async () => {
    expect((await review(api.a.admin.token, 'fi')).data?.signInReview.basicAuthOffByDefaultText).toBe('joulukuun 2026 lopussa');
  });

  it('is for admins only', async () => {
    expect((await review(api.a.user.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('switches an account to the Microsoft 365 OAuth2 preset keeping its other fields, and takes it off the list', async () => {
    const result = await api.gql<{ switchToMicrosoftOAuth: Review }>(SWITCH, { k: 'COMPANY', i: SWITCH_INPUT }, { token: api.a.admin.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.switchToMicrosoftOAuth.accounts.map((a) => a.kind)).toEqual(['SMS', 'USER']);
    const smtp = (await api.runtime.services.settings.companySettings(api.a.id)).smtp;
    expect(smtp).toMatchObject({
      host: 'smtp.office365.com',
      authMethod: 'OAUTH2_MICROSOFT',
      oauthTenantId: 'yritys.onmicrosoft.com',
      oauthClientSecret: 'Q~salainen',
      oauthClientSecretExpiresAt: inDays(500),
      oauthUser: 'yritys@yritys.fi',
      username: 'yritys@yritys.fi',
      messagesPerMinute: 10,
      maxConnections: 3,
    });
  });

  it("switches a user's account, and the legacy host to smtp.office365.com", async () => {
    await api.gql(SWITCH, { k: 'SMS', i: { ...SWITCH_INPUT, oauthUser: 'sms-laatikko@yritys.fi' } }, { token: api.a.admin.token });
    expect((await api.runtime.services.settings.smsSettings(api.a.id)).smtp).toMatchObject({ host: 'smtp.office365.com', oauthUser: 'sms-laatikko@yritys.fi' });
    const result = await api.gql<{ switchToMicrosoftOAuth: Review }>(SWITCH, { k: 'USER', u: api.a.user.id, i: SWITCH_INPUT }, { token: api.a.admin.token });
    expect(result.data?.switchToMicrosoftOAuth.accounts.map((a) => a.kind)).toEqual(['COMPANY']);
  });

  it('drops the password the account signed in with, and keeps the new client secret usable', async () => {
    await api.gql(SWITCH, { k: 'COMPANY', i: SWITCH_INPUT }, { token: api.a.admin.token });
    const smtp = (await api.runtime.services.settings.companySettings(api.a.id)).smtp;
    expect(smtp.password).toBeNull();
    expect(smtp.oauthClientSecret).toBe('Q~salainen');
    // A later save that keeps the secret (leaves it out) is no change to what it is bound to.
    const saved = await api.gql('mutation { updateCompanyMessageSettings(input: { senderName: "Yritys" }) { senderName } }', {}, { token: api.a.admin.token });
    expect(saved.errors).toBeUndefined();
    expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp.oauthClientSecret).toBe('Q~salainen');
  });

  describe('the SMS account, whose gateway password is bound to its server and mailbox', () => {
    const gateway = { gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'SUBJECT', gatewayPassword: 'Gw-salasana-1' };

    it('keeps the gateway password when the switch keeps the mailbox', async () => {
      await api.runtime.services.settings.updateSmsSettings(api.a.id, gateway);
      const result = await api.gql(SWITCH, { k: 'SMS', i: SWITCH_INPUT }, { token: api.a.admin.token });
      expect(result.errors).toBeUndefined();
      expect(await api.runtime.services.settings.smsSettings(api.a.id)).toMatchObject({
        gatewayPassword: 'Gw-salasana-1',
        smtp: { host: 'smtp.office365.com', authMethod: 'OAUTH2_MICROSOFT', oauthUser: 'sms@yritys.fi', password: null },
      });
    });

    it('asks for the gateway password again when the switch signs in as another mailbox, and changes nothing', async () => {
      await api.runtime.services.settings.updateSmsSettings(api.a.id, gateway);
      const before = await api.runtime.services.settings.smsSettings(api.a.id);
      const result = await api.gql(SWITCH, { k: 'SMS', i: { ...SWITCH_INPUT, oauthUser: 'toinen@toinen-tenantti.fi' } }, { token: api.a.admin.token });
      expect((result.errors?.[0]?.extensions?.fields ?? []).map((f) => [f.field, f.code])).toEqual([['gatewayPassword', 'SECRET_REQUIRED_AGAIN']]);
      expect(await api.runtime.services.settings.smsSettings(api.a.id)).toEqual(before);
    });
  });

  it('refuses an incomplete switch with every problem, and changes nothing', async () => {
    // A new server: the password is bound to the old one, so it is given again.
    await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.admin.id, { smtp: { host: 'smtp.office365.com', password: 'Salasana-1' } });
    const before = await api.runtime.services.settings.userSettings(api.a.id, api.a.admin.id);
    const result = await api.gql(SWITCH, { k: 'USER', u: api.a.admin.id, i: { ...SWITCH_INPUT, oauthTenantId: ' ', oauthClientSecretExpiresAt: '31.12.2028' } }, { token: api.a.admin.token });
    expect((result.errors?.[0]?.extensions?.fields ?? []).map((f) => [f.field, f.code])).toEqual([
      ['smtp.oauthClientSecretExpiresAt', 'INVALID_DATE'],
      ['smtp.oauthTenantId', 'OAUTH_FIELD_REQUIRED'],
    ]);
    expect(await api.runtime.services.settings.userSettings(api.a.id, api.a.admin.id)).toEqual(before);
  });

  it('refuses the switch to a normal user, and for MINE', async () => {
    expect((await api.gql(SWITCH, { k: 'COMPANY', i: SWITCH_INPUT }, { token: api.a.user.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(SWITCH, { k: 'MINE', i: SWITCH_INPUT }, { token: api.a.admin.token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists an OAuth2 account whose client secret expires within 30 days', async () => {
    await api.runtime.services.settings.switchToMicrosoftOAuth(api.a.id, 'COMPANY', null, { ...SWITCH_INPUT, oauthClientSecretExpiresAt: inDays(10) });
    const accounts = (await review()).data!.signInReview.accounts;
    expect(accounts.map((a) => [a.kind, a.attention.map((x) => x.reason), a.canSwitchToOAuth])).toEqual([
      ['COMPANY', ['CLIENT_SECRET_EXPIRES_SOON'], false],
      ['SMS', ['PASSWORD_ON_MICROSOFT'], true],
      ['USER', ['PASSWORD_ON_MICROSOFT'], true],
    ]);
  });
});
