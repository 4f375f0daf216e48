import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';
import type { SmtpAccount } from '@maestro/settings-schema';
import { createSmtpDispatcher, type AccessTokenProvider, type SendFailure, type SmtpDispatcher } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

const PASSWORD = 'Kesä-2026!salainen';

let certificate: SelfSignedCertificate;
let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

async function authServer(methods: Array<'PLAIN' | 'LOGIN' | 'XOAUTH2'>, extra: Parameters<typeof startSmtpServer>[0] = {}): Promise<RunningSmtpServer> {
  return startSmtpServer({ tls: certificate, starttls: true, auth: { users: { 'myynti@yritys.fi': PASSWORD }, methods }, ...extra });
}

function login(s: RunningSmtpServer, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return accountFor(s, {
    encryption: 'TLS',
    caCertificate: certificate.cert,
    authEnabled: true,
    username: 'myynti@yritys.fi',
    password: PASSWORD,
    ...overrides,
  });
}

it('logs in with AUTH PLAIN and sends', async () => {
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await expect(dispatcher.send(login(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.user).toBe('myynti@yritys.fi');
});

it('logs in with AUTH LOGIN and sends', async () => {
  server = await authServer(['LOGIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await expect(dispatcher.send(login(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.user).toBe('myynti@yritys.fi');
});

it('reports a wrong password over AUTH PLAIN as a permanent AUTH_FAILED in Finnish and English', async () => {
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = (await dispatcher.send(login(server, { password: 'väärä-salasana' }), orderConfirmation())) as SendFailure;
  expect(outcome.ok).toBe(false);
  expect(outcome.error).toMatchObject({
    code: 'AUTH_FAILED',
    permanent: true,
    responseCode: 535,
    message: {
      fi: 'Kirjautuminen epäonnistui (535): tarkista käyttäjätunnus ja salasana',
      en: 'Login failed (535): check the username and password',
    },
  });
});

it('reports a wrong password over AUTH LOGIN as a permanent AUTH_FAILED', async () => {
  server = await authServer(['LOGIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(login(server, { password: 'väärä-salasana' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', permanent: true, responseCode: 535 } });
});

it('sends nothing when the login fails', async () => {
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await dispatcher.send(login(server, { password: 'väärä-salasana' }), orderConfirmation());
  expect(server.count).toBe(0);
});

it('never puts the password in the failure it reports', async () => {
  const wrong = 'väärä-salasana-123';
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(login(server, { password: wrong }), orderConfirmation());
  const text = JSON.stringify(outcome);
  expect(text).not.toContain(wrong);
  expect(text).not.toContain(Buffer.from(`\u0000myynti@yritys.fi\u0000${wrong}`).toString('base64'));
});

it('refuses to send when authentication is on but the password is not set, without connecting', async () => {
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(login(server, { password: null }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_MISSING', permanent: true } });
  expect(server.connectionCount).toBe(0);
});

it('does not log in when authentication is off', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await expect(dispatcher.send(accountFor(server, { username: 'x', password: 'y' }), orderConfirmation())).resolves.toMatchObject({ ok: true });
  expect(server.authAttempts).toBe(0);
});

it('reports a server that does not offer AUTH as AUTH_NOT_OFFERED instead of sending unauthenticated', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { authEnabled: true, username: 'u', password: 'p' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'AUTH_NOT_OFFERED', permanent: true } });
  expect(server.count).toBe(0);
});

it('reports a server that requires login from an account without authentication as AUTH_REQUIRED', async () => {
  server = await authServer(['PLAIN']);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(login(server, { authEnabled: false }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', permanent: true, responseCode: 530 } });
});

describe('OAuth2 seam', () => {
  const oauthAccount = (s: RunningSmtpServer): SmtpAccount =>
    login(s, { authMethod: 'OAUTH2_MICROSOFT', password: null, oauthUser: 'myynti@yritys.fi', oauthClientId: 'client', oauthClientSecret: 'client-secret' });

  it('logs in with XOAUTH2 using the token from the access-token provider', async () => {
    server = await authServer(['XOAUTH2'], {
      auth: { users: {}, methods: ['XOAUTH2'], xoauth2Validate: (user, token) => user === 'myynti@yritys.fi' && token === 'token-1' },
    });
    const provider: AccessTokenProvider = jest.fn(async () => 'token-1');
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: provider });
    await expect(dispatcher.send(oauthAccount(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
    const [mail] = await server.waitFor(1);
    expect(mail!.session.user).toBe('myynti@yritys.fi');
  });

  it('reports a failing access-token provider as OAUTH_TOKEN_FAILED', async () => {
    server = await authServer(['XOAUTH2'], { auth: { users: {}, methods: ['XOAUTH2'], xoauth2Validate: () => true } });
    dispatcher = createSmtpDispatcher({
      timeouts: TEST_TIMEOUTS,
      accessTokenProvider: async () => {
        throw new Error('AADSTS7000215: Invalid client secret provided');
      },
    });
    const outcome = await dispatcher.send(oauthAccount(server), orderConfirmation());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'OAUTH_TOKEN_FAILED', permanent: false, settingsProblem: true } });
  });

  it('refuses an OAuth2 account when no access-token provider is configured, without connecting', async () => {
    server = await authServer(['XOAUTH2']);
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const outcome = await dispatcher.send(oauthAccount(server), orderConfirmation());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'OAUTH_TOKEN_FAILED' } });
    expect(server.connectionCount).toBe(0);
  });
});
