import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { killAllApiProcesses, type ApiProcess } from '../src/support/api-process';
import { ADMIN, DATABASE_KINDS, createDeployment, type Deployment } from '../src/support/deployment';
import { GraphqlClient } from '../src/support/graphql-client';
import { dumpMysql, dumpSqlite } from '../src/support/raw-dump';
import { findLeaks } from '../src/support/secret-search';
import { waitFor } from '../src/support/wait';

const LOGINS = {
  company: 'yritys-smtp-tunnus',
  sms: 'sms-smtp-tunnus',
  own: 'oma-smtp-tunnus',
};

/** Every password the run sets and uses, with the SMTP user it logs in as (for the AUTH PLAIN form). */
const SECRETS: Record<string, { value: string; username?: string }> = {
  companySmtpPassword: { value: 'Yritys-SMTP-salasana-8c1f', username: LOGINS.company },
  smsSmtpPassword: { value: 'Sms-SMTP-salasana-4d2e', username: LOGINS.sms },
  gatewayPassword: { value: 'Sms-palvelu-salasana-7b3a' },
  userSmtpPassword: { value: 'Oma-SMTP-salasana-9e4b', username: LOGINS.own },
  wrongUserSmtpPassword: { value: 'Vaara-SMTP-salasana-2a5c', username: LOGINS.own },
  oauthClientSecret: { value: 'oauth-asiakassalaisuus-6f7d' },
  userLoginPassword: { value: 'Myyjan-kirjautuminen-3c8e' },
  changedLoginPassword: { value: 'Uusi-kirjautuminen-1b9f' },
  adminLoginPassword: { value: ADMIN.password },
};

const SMTP_ACCOUNT = (port: number, username: string, password: string) => ({ host: '127.0.0.1', port, encryption: 'NONE', authEnabled: true, username, password });

describe.each(DATABASE_KINDS)('secrets after a run that sets and uses every password, on %s', (kind) => {
  let deployment: Deployment;
  let api: ApiProcess;
  const sinks: Record<'company' | 'sms' | 'own', RunningSmtpServer> = {} as never;
  const clients: GraphqlClient[] = [];
  let serviceKey = '';
  let dumpWhileRunning = '';
  let dumpAfterStop = '';

  beforeAll(async () => {
    sinks.company = await startSmtpServer({ auth: { users: { [LOGINS.company]: SECRETS.companySmtpPassword!.value }, methods: ['PLAIN'] } });
    sinks.sms = await startSmtpServer({ auth: { users: { [LOGINS.sms]: SECRETS.smsSmtpPassword!.value }, methods: ['LOGIN'] } });
    sinks.own = await startSmtpServer({ auth: { users: { [LOGINS.own]: SECRETS.userSmtpPassword!.value }, methods: ['PLAIN', 'LOGIN'] } });
    // The embedded default's key file on SQLite; a key from the environment on MariaDB, as in production.
    deployment = await createDeployment(kind, { keyFile: kind === 'sqlite', env: { LOG_LEVEL: 'trace', MAESTRO_RETRY_BASE_SECONDS: '1', MAESTRO_SMTP_TIMEOUT_SECONDS: '5' } });
    api = await deployment.startApi();
    const admin = new GraphqlClient(api.url);
    clients.push(admin);
    await admin.login(ADMIN.username, ADMIN.password);

    const created = await admin.expectData<{ createUser: { id: string } }>('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: { username: 'myyja', password: SECRETS.userLoginPassword!.value, role: 'USER', displayName: 'Maija Myyjä' },
    });
    await admin.expectData('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { smtp { passwordSet oauthClientSecretSet } } }', {
      i: {
        enabledChannels: 'EMAIL_AND_SMS',
        companyEmail: 'myynti@vika-oy.fi',
        senderName: 'Vika Oy',
        smtp: { ...SMTP_ACCOUNT(sinks.company.port, LOGINS.company, SECRETS.companySmtpPassword!.value), oauthTenantId: 'vika-tenant', oauthClientId: 'vika-client', oauthClientSecret: SECRETS.oauthClientSecret!.value },
      },
    });
    await admin.expectData('mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) { gatewayPasswordSet smtp { passwordSet } } }', {
      i: {
        senderEmail: 'sms@vika-oy.fi',
        smtp: SMTP_ACCOUNT(sinks.sms.port, LOGINS.sms, SECRETS.smsSmtpPassword!.value),
        gatewayAddress: '@sms.vika.example',
        gatewayPassword: SECRETS.gatewayPassword!.value,
        phoneNumberPlacement: 'ADDRESS',
        gatewayPasswordPlacement: 'SUBJECT',
      },
    });
    // A refused update that carries a password must not echo it either.
    await admin.request('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { senderName } }', { i: { smtp: { port: -1, password: SECRETS.companySmtpPassword!.value } } });

    // The user's own account: first with a wrong password (the server refuses it), then the right one.
    const user = new GraphqlClient(api.url);
    clients.push(user);
    await user.login('myyja', SECRETS.userLoginPassword!.value);
    // The admin sets the user's sender and server; the user gives the password of their own mailbox.
    const { password: _none, ...ownServer } = SMTP_ACCOUNT(sinks.own.port, LOGINS.own, '');
    await admin.expectData('mutation($u: ID!, $i: UserMailSettingsInput!) { updateUserMailSettings(userId: $u, input: $i) { senderConfirmed } }', {
      u: created.createUser.id,
      i: { email: 'maija@vika-oy.fi', senderName: 'Maija Myyjä', smtp: ownServer },
    });
    const own = (password: string) => ({ i: { smtp: { password } } });
    await user.expectData('mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { smtp { passwordSet } } }', own(SECRETS.wrongUserSmtpPassword!.value));
    await user.request('mutation { testSmtpConnection(account: MINE) { ok stage code message reply } }');
    const fromUser = await user.expectData<{ sendMessage: { id: string; status: string } }>(
      'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status smtpResponse lastError { code message } } }',
      { i: { source: 'SALES_ORDER', to: ['asiakas@asiakas.example'], subject: 'Oma tili', body: 'Käyttäjän oma SMTP-tili.', wait: true } },
    );
    await user.expectData('mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { smtp { passwordSet } } }', own(SECRETS.userSmtpPassword!.value));
    await user.request('mutation { testSmtpConnection(account: MINE) { ok stage code message reply } }');
    await user.request('mutation($id: ID!) { retryMessage(id: $id) { status } }', { id: fromUser.sendMessage.id });

    // The company account and the SMS account: connection tests and real sends.
    await admin.request('mutation { testSmtpConnection(account: COMPANY) { ok stage code message reply } }');
    await admin.request('mutation { testSmtpConnection(account: SMS) { ok stage code message reply } }');
    // (The OAuth client secret is only stored here: the built API asks Entra ID itself for tokens, so the
    // secret is used against a local identity provider in the in-process run below.)
    await admin.request('mutation($c: SmtpAccountInput) { testSmtpConnection(account: COMPANY, changes: $c) { ok stage code message reply } }', {
      c: { password: SECRETS.wrongUserSmtpPassword!.value },
    });
    await admin.expectData('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status smtpResponse } }', {
      i: { source: 'QUOTE', to: ['asiakas@asiakas.example'], subject: 'Yrityksen tili', body: 'Yrityksen SMTP-tili.', wait: true },
    });
    await admin.expectData('mutation($i: SendSmsInput!) { sendSms(input: $i) { id status } }', { i: { source: 'CUSTOMER_CARD', to: ['040 123 4567'], text: 'Huolto valmis.' } });

    // Logins and keys are secrets too: change a password, make a service key and call with it.
    await admin.expectData('mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }', { id: created.createUser.id, i: { password: SECRETS.changedLoginPassword!.value } });
    await user.login('myyja', SECRETS.changedLoginPassword!.value);
    const key = await admin.expectData<{ createServiceKey: { key: string } }>('mutation { createServiceKey(input: { name: "Myynti", module: "sales" }) { key } }');
    serviceKey = key.createServiceKey.key;
    const erp = new GraphqlClient(api.url);
    clients.push(erp);
    erp.token = serviceKey;
    await erp.expectData('{ me { companyId serviceKeyModule } }');

    await waitFor(
      'every message SENT',
      async () => {
        const data = await admin.expectData<{ messages: { nodes: Array<{ status: string }> } }>('{ messages(first: 10) { nodes { status } } }');
        return data.messages.nodes.length === 3 && data.messages.nodes.every((m) => m.status === 'SENT');
      },
      30_000,
      200,
    );
    // Read back everything a client can read.
    const everything = `{ companyMessageSettings { smtp { host username passwordSet oauthClientId oauthClientSecretSet oauthTenantId caCertificate } warnings { message } }
      smsSettings { gatewayAddress gatewayPasswordSet smtp { username passwordSet } warnings { message } }
      messages(first: 10) { nodes { id channel status to subject body smtpResponse attempts lastError { code message } from { formatted } sentBy } }
      users { username } serviceKeys { name module } }`;
    await admin.expectData(everything);
    await user.expectData('{ myMailSettings { email smtp { username passwordSet } } messages { nodes { subject smtpResponse lastError { message } } } }');

    dumpWhileRunning = deployment.database.kind === 'sqlite' ? dumpSqlite(deployment.database.file) : await dumpMysql(deployment.database.url);
    await api.stop();
    dumpAfterStop = deployment.database.kind === 'sqlite' ? dumpSqlite(deployment.database.file) : await dumpMysql(deployment.database.url);
  });

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await Promise.all(Object.values(sinks).map((s) => s.close()));
  });

  it('every password was set and used: each SMTP server saw its login and got its mail', () => {
    expect(sinks.company.messages.map((m) => m.session.user)).toEqual([LOGINS.company]);
    expect(sinks.own.messages.map((m) => m.session.user)).toEqual([LOGINS.own]);
    expect(sinks.sms.messages.map((m) => m.session.user)).toEqual([LOGINS.sms]);
    // The gateway password goes to the gateway, as the SMS service asks: that is its one way out.
    expect(sinks.sms.messages[0]!.raw.toString('utf8')).toContain(SECRETS.gatewayPassword!.value);
    expect(sinks.own.authAttempts).toBeGreaterThan(1);
  });

  it('no password is in the database, its files or its WAL, in clear or in base64', () => {
    expect(dumpWhileRunning).toContain(LOGINS.company);
    expect(dumpAfterStop).toContain(LOGINS.sms);
    const all = { ...SECRETS, serviceKey: { value: serviceKey } };
    expect([...findLeaks(dumpWhileRunning, all, 'database (running)'), ...findLeaks(dumpAfterStop, all, 'database (stopped)')]).toEqual([]);
  });

  it("no password is in the API's logs (stdout and stderr, at LOG_LEVEL=trace)", () => {
    const logs = api.output.join('');
    expect(logs).toContain('"msg":"request"');
    expect(findLeaks(logs, { ...SECRETS, serviceKey: { value: serviceKey } }, 'logs')).toEqual([]);
  });

  it('no password is in any API answer, only whether it is set', () => {
    const answers = clients.flatMap((c) => c.answers).join('\n');
    expect(answers).toContain('"passwordSet":true');
    expect(answers).toContain('"gatewayPasswordSet":true');
    expect(answers).toContain('"oauthClientSecretSet":true');
    // The service key is shown once, by design, in the answer that creates it; passwords never.
    expect(findLeaks(answers, SECRETS, 'answers')).toEqual([]);
  });
});
