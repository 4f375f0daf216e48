import { DATABASE_KINDS } from '../support/test-databases';
import { dumpDatabase } from '../support/database-dump';
import { startTestApi, type TestApi } from '../support/test-api';

const SECRETS = {
  company: 'Yritys-SMTP-salasana-1',
  sms: 'Sms-SMTP-salasana-2',
  gateway: 'Sms-palvelu-salasana-3',
  user: 'Oma-SMTP-salasana-4',
  clientSecret: 'oauth-client-secret-5',
};

describe.each(DATABASE_KINDS)('secrets on %s', (kind) => {
  let api: TestApi;
  const answers: string[] = [];
  beforeAll(async () => {
    api = await startTestApi(kind);
    const call = async (query: string, variables: Record<string, unknown>, token: string) => {
      answers.push(JSON.stringify(await api.gql(query, variables, { token })));
    };
    const t = api.a.admin.token;
    await call(
      'mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { smtp { passwordSet oauthClientSecretSet } warnings { message } } }',
      { i: { enabledChannels: 'EMAIL_AND_SMS', companyEmail: 'a@yritys.fi', smtp: { host: 'smtp.yritys.fi', username: 'a', password: SECRETS.company, oauthClientSecret: SECRETS.clientSecret } } },
      t,
    );
    await call(
      'mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) { gatewayPasswordSet smtp { passwordSet } } }',
      { i: { senderEmail: 'sms@yritys.fi', gatewayAddress: '@smsmail.labyrintti.com', gatewayPassword: SECRETS.gateway, smtp: { host: 'smtp.yritys.fi', username: 's', password: SECRETS.sms } } },
      t,
    );
    await call('mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { smtp { passwordSet } } }', { i: { smtp: { host: 'smtp.oma.fi', username: 'o', password: SECRETS.user } } }, api.a.user.token);
    // A failing update that carries a password must not echo it in the error either.
    await call('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { senderName } }', { i: { smtp: { port: -1, password: SECRETS.company } } }, t);
    await call('{ companyMessageSettings { smtp { passwordSet } } smsSettings { gatewayPasswordSet } }', {}, t);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('are stored encrypted: a dump of the database holds none of them', async () => {
    const dump = await dumpDatabase(api.runtime.db, api.db.target);
    expect(dump).toContain('smtp.yritys.fi');
    for (const secret of Object.values(SECRETS)) expect(dump).not.toContain(secret);
  });

  it('are in no log line', () => {
    const logs = api.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of Object.values(SECRETS)) expect(logs).not.toContain(secret);
  });

  it('are in no API answer, but their being set is', () => {
    const all = answers.join('\n');
    expect(all).toContain('"passwordSet":true');
    expect(all).toContain('"gatewayPasswordSet":true');
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
  });

  it('open again with the key they were sealed with', async () => {
    const stored = await api.runtime.services.settings.smsSettings(api.a.id);
    expect(stored.gatewayPassword).toBe(SECRETS.gateway);
    expect(stored.smtp.password).toBe(SECRETS.sms);
  });
});
