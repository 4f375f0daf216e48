import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Resolver } from 'node:dns/promises';
import { startDnsServer, type DnsZone, type RunningDnsServer } from '@maestro/test-support';
import { createAccessTokenProvider, type AccessTokenProviderOptions } from '@maestro/mail-core';
import { bootstrap, listen, shutdown, type Runtime } from '../../src/app/bootstrap';
import { createLogger } from '../../src/common/logger';
import type { OutboxDispatcher } from '../../src/modules/messages/dispatch/outbox-dispatcher';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { createTestDatabase, type TestDatabase } from './test-databases';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string; fields?: Array<{ field: string; code: string; message: string }> } }>;
}

export interface TestCompany {
  id: string;
  name: string;
  admin: { id: string; token: string };
  user: { id: string; token: string };
}

export interface TestApi {
  url: string;
  runtime: Runtime;
  config: AppConfig;
  db: TestDatabase;
  /** Every log line written, as text: for the tests that look for leaked secrets. */
  logs: string[];
  /** The DNS server on loopback that the connection test's SPF/DKIM/DMARC look asks (never the network). */
  dns: RunningDnsServer;
  a: TestCompany;
  b: TestCompany;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GqlResult<T>>;
  login(username: string, password: string): Promise<string>;
  /** Point a company's e-mail (and SMS) settings at a test SMTP server. */
  useSmtpServer(companyId: string, server: { port: number }, smtp?: Record<string, unknown>): Promise<void>;
  /** Run a dispatcher until nothing is due (or `rounds` batches), as the background loop would. */
  drain(dispatcher?: OutboxDispatcher, rounds?: number): Promise<void>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Salasana-1234';

export interface TestApiOptions {
  env?: Record<string, string>;
  /** Where OAuth2 tokens come from: the tests point them at an identity-provider stand-in. */
  oauth?: AccessTokenProviderOptions;
  /** The DNS records the sender-domain check finds; none by default (every name NXDOMAIN). */
  dnsZone?: DnsZone;
}

/** The real API, in-process on a free port, on a fresh database with two companies (A and B). */
export async function startTestApi(kind: 'sqlite' | 'mysql', options: TestApiOptions = {}): Promise<TestApi> {
  const db = await createTestDatabase(kind);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maestro-data-'));
  const config = loadConfig({
    MAESTRO_DATA_DIR: dataDir,
    MAESTRO_SECRET_KEY: randomBytes(32).toString('base64'),
    MAESTRO_DEV_MAILBOX: 'false',
    MAESTRO_SEED_DEMO: 'false',
    MAESTRO_SMTP_TIMEOUT_SECONDS: '5',
    MAESTRO_RETRY_BASE_SECONDS: '1',
    LOG_LEVEL: 'info',
    ...(db.target.kind === 'mysql' ? { DATABASE_URL: db.target.url } : {}),
    ...options.env,
  });
  if (db.target.kind === 'sqlite') config.database = db.target;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const dns = await startDnsServer(options.dnsZone ?? {});
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([dns.address]);
  const runtime = await bootstrap(config, createLogger('debug', sink), {}, {
    accessTokenProvider: createAccessTokenProvider({ timeoutMs: 5000, ...options.oauth }),
    dnsResolver: (name, rrtype) => resolver.resolve(name, rrtype),
  });
  const { server, url } = await listen(runtime, 0, '127.0.0.1');

  const gql: TestApi['gql'] = async (query, variables, opts = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GqlResult, 'status'>;
    return { status: response.status, ...body } as GqlResult<never>;
  };
  const login = async (username: string, password: string) => {
    const result = await gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
    if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  };
  const makeCompany = async (name: string, prefix: string): Promise<TestCompany> => {
    const company = await runtime.services.companies.create(name);
    const admin = await runtime.services.users.create(company.id, { username: `${prefix}-admin`, password: TEST_PASSWORD, role: 'ADMIN', displayName: `${name} admin` });
    const user = await runtime.services.users.create(company.id, { username: `${prefix}-user`, password: TEST_PASSWORD, role: 'USER', displayName: `${name} user` });
    return {
      id: company.id,
      name,
      admin: { id: admin.id, token: await login(admin.username, TEST_PASSWORD) },
      user: { id: user.id, token: await login(user.username, TEST_PASSWORD) },
    };
  };
  const a = await makeCompany('Yritys A Oy', 'a');
  const b = await makeCompany('Yritys B Oy', 'b');

  const useSmtpServer: TestApi['useSmtpServer'] = async (companyId, server, smtp = {}) => {
    // A stored password is bound to the server it was saved for: re-pointing the account clears it
    // unless the test gives one again.
    const account = { host: '127.0.0.1', port: server.port, encryption: 'NONE', authEnabled: false, password: '', ...smtp };
    await runtime.services.settings.updateCompanySettings(companyId, { enabledChannels: 'EMAIL_AND_SMS', smtpSendingEnabled: true, companyEmail: 'myynti@yritys.fi', senderName: 'Yritys Oy', smtp: account });
    await runtime.services.settings.updateSmsSettings(companyId, { senderEmail: 'sms@yritys.fi', smtp: account, gatewayAddress: '@smsmail.labyrintti.com', gatewayPassword: 'gw-salasana', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'SUBJECT' });
  };
  let defaultDispatcher: OutboxDispatcher | undefined;
  const drain: TestApi['drain'] = async (dispatcher, rounds = 50) => {
    const d = dispatcher ?? (defaultDispatcher ??= runtime.services.createDispatcher());
    for (let i = 0; i < rounds; i++) if ((await d.runOnce(50)).length === 0) return;
  };

  return {
    url,
    runtime,
    useSmtpServer,
    drain,
    config,
    db,
    logs,
    dns,
    a,
    b,
    gql,
    login,
    close: async () => {
      await shutdown(runtime, server as Server);
      await dns.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
