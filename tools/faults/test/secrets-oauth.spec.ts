import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, startIdentityProvider, type RunningIdentityProvider } from '@maestro/test-support';
import { createAccessTokenProvider } from '@maestro/mail-core';
import { bootstrap, listen, shutdown, type Runtime } from '../../../apps/api/src/app/bootstrap';
import { createLogger } from '../../../apps/api/src/common/logger';
import { loadConfig } from '../../../apps/api/src/config/env';
import { createTestDatabase, type TestDatabase } from '../../../apps/api/test/support/test-databases';
import { DATABASE_KINDS } from '../src/support/deployment';
import { GraphqlClient } from '../src/support/graphql-client';
import { dumpMysql, dumpSqlite } from '../src/support/raw-dump';
import { findLeaks } from '../src/support/secret-search';

const TENANT = 'vika-oy.onmicrosoft.com';
const CLIENT_ID = '0b6f2c1e-7a3d-4e55-9c0e-5d7e1f8a4b20';
const CLIENT_SECRET = 'Q~Vika.Oy-asiakassalaisuus-5e8f1a';
const MAILBOX = 'myynti@vika-oy.fi';
const ADMIN_PASSWORD = 'Vika-admin-salasana-88';

// The built API asks Entra ID itself for tokens; to use the client secret without leaving the machine,
// this run builds the same API in-process with the provider pointed at a local identity provider.
describe.each(DATABASE_KINDS)('the OAuth2 client secret and tokens after sending through Microsoft 365 OAuth2, on %s', (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  let runtime: Runtime;
  let server: Server;
  let idp: RunningIdentityProvider;
  let smtp: RunningSmtpServer;
  const logs: string[] = [];
  /** Every access token the SMTP server was shown: secrets as much as the client secret. */
  const tokens: string[] = [];
  const client = new GraphqlClient('');
  let dump = '';

  beforeAll(async () => {
    const certificate = await makeSelfSignedCertificate();
    idp = await startIdentityProvider({ tls: certificate, microsoft: [{ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, mailboxes: [MAILBOX] }] });
    smtp = await startSmtpServer({
      tls: certificate,
      auth: {
        users: {},
        methods: ['XOAUTH2'],
        xoauth2Validate: (user, token) => {
          tokens.push(token);
          return idp.acceptsToken(user, token);
        },
      },
    });

    db = await createTestDatabase(kind);
    dataDir = mkdtempSync(path.join(tmpdir(), 'maestro-faults-oauth-'));
    const config = loadConfig({
      MAESTRO_DATA_DIR: dataDir,
      MAESTRO_SECRET_KEY: randomBytes(32).toString('base64'),
      MAESTRO_DEV_MAILBOX: 'false',
      MAESTRO_SEED_DEMO: 'false',
      MAESTRO_SMTP_TIMEOUT_SECONDS: '5',
      LOG_LEVEL: 'trace',
      ...(db.target.kind === 'mysql' ? { DATABASE_URL: db.target.url } : {}),
    });
    if (db.target.kind === 'sqlite') config.database = db.target;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const accessTokenProvider = createAccessTokenProvider({ microsoft: { authorityHost: idp.origin, ca: certificate.cert }, timeoutMs: 5000 });
    runtime = await bootstrap(config, createLogger('trace', sink), {}, { accessTokenProvider });
    const listening = await listen(runtime, 0, '127.0.0.1');
    server = listening.server;
    client.baseUrl = listening.url;
    const company = await runtime.services.companies.create('Vika Oy');
    await runtime.services.users.create(company.id, { username: 'vika-admin', password: ADMIN_PASSWORD, role: 'ADMIN' });
    await client.login('vika-admin', ADMIN_PASSWORD);

    await client.expectData('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { smtp { authMethod oauthClientSecretSet } } }', {
      i: {
        enabledChannels: 'EMAIL',
        companyEmail: MAILBOX,
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          encryption: 'TLS',
          caCertificate: certificate.cert,
          authEnabled: true,
          authMethod: 'OAUTH2_MICROSOFT',
          oauthTenantId: TENANT,
          oauthClientId: CLIENT_ID,
          oauthClientSecret: CLIENT_SECRET,
          oauthUser: MAILBOX,
        },
      },
    });
    await client.request('mutation { testSmtpConnection(account: COMPANY) { ok stage code message reply } }');
    // A wrong secret must not be echoed either, in the connection test's answer or its logs.
    await client.request('mutation($c: SmtpAccountInput) { testSmtpConnection(account: COMPANY, changes: $c) { ok stage code message reply } }', { c: { oauthClientSecret: `${CLIENT_SECRET}-vaara` } });
    await client.expectData('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status smtpResponse lastError { code message } } }', {
      i: { source: 'QUOTE', to: ['asiakas@asiakas.example'], subject: 'OAuth2', body: 'Lähetetty OAuth2-tunnuksella.' },
    });
    // One dispatcher round, as the API's background loop would run it.
    await runtime.services.createDispatcher().runOnce();
    await client.expectData('{ companyMessageSettings { smtp { oauthClientId oauthClientSecretSet oauthUser } } messages { nodes { status smtpResponse lastError { message } } } }');
    dump = db.target.kind === 'sqlite' ? dumpSqlite(db.target.file) : await dumpMysql(db.target.url);
  });

  afterAll(async () => {
    if (runtime) await shutdown(runtime, server);
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await smtp?.close();
    await idp?.close();
  });

  const secrets = () => ({
    clientSecret: { value: CLIENT_SECRET },
    wrongClientSecret: { value: `${CLIENT_SECRET}-vaara` },
    ...Object.fromEntries(tokens.map((token, i) => [`accessToken${i}`, { value: token }])),
  });

  it('the secret was used: a token was issued and the mail went out with it', async () => {
    expect(idp.issuedTokens).toBeGreaterThan(0);
    expect(tokens.length).toBeGreaterThan(0);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.session).toMatchObject({ user: MAILBOX, secure: true });
  });

  it('neither the client secret nor a token is in the database, in clear or in base64', () => {
    expect(dump).toContain(CLIENT_ID);
    expect(findLeaks(dump, secrets(), 'database')).toEqual([]);
  });

  it('neither the client secret nor a token is in the logs (trace level)', () => {
    expect(logs.join('')).toContain('"msg":"request"');
    expect(findLeaks(logs.join(''), secrets(), 'logs')).toEqual([]);
  });

  it('neither the client secret nor a token is in any API answer', () => {
    const answers = client.answers.join('\n');
    expect(answers).toContain('"oauthClientSecretSet":true');
    expect(findLeaks(answers, secrets(), 'answers')).toEqual([]);
  });
});
