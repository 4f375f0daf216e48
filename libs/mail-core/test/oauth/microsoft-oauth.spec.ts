import { createServer, type AddressInfo, type Socket } from 'node:net';
import { type RunningSmtpServer } from '@maestro/dev-mailbox';
import {
  makeSelfSignedCertificate,
  startIdentityProvider,
  type MicrosoftAppRegistration,
  type RunningIdentityProvider,
  type SelfSignedCertificate,
} from '@maestro/test-support';
import { createSmtpDispatcher, verifySmtpAccount, type SendFailure, type SmtpDispatcher } from '../../src/dispatch';
import { createAccessTokenProvider, type AccessTokenProviderOptions } from '../../src/oauth';
import { ManualClock, TEST_TIMEOUTS, orderConfirmation } from '../dispatch/dispatch-fixtures';
import { CLIENT_ID, CLIENT_SECRET, MAILBOX, TENANT, microsoftAccount, oauthSmtpServer } from './oauth-fixtures';

let certificate: SelfSignedCertificate;
let idp: RunningIdentityProvider;
let app: MicrosoftAppRegistration;
let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

beforeEach(async () => {
  app = { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, mailboxes: [MAILBOX] };
  idp = await startIdentityProvider({ tls: certificate, microsoft: [app] });
});

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  await idp.close();
  dispatcher = undefined;
  server = undefined;
});

/** The provider as production builds it, pointed at the stand-in (https, trusting its certificate). */
function provider(options: AccessTokenProviderOptions = {}) {
  return createAccessTokenProvider({ microsoft: { authorityHost: idp.origin, ca: certificate.cert }, timeoutMs: 3000, ...options });
}

/** For the tests that only ask for tokens: an account whose SMTP server is never dialled. */
function tokenOnlyAccount() {
  return microsoftAccount({ host: 'smtp.office365.com', port: 587 } as RunningSmtpServer, certificate);
}

async function sendOnce(options: AccessTokenProviderOptions = {}, overrides: Parameters<typeof microsoftAccount>[2] = {}) {
  server ??= await oauthSmtpServer(idp, certificate);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: provider(options) });
  return dispatcher.send(microsoftAccount(server, certificate, overrides), orderConfirmation());
}

it('sends with an app-only token from Entra ID, logged in as the mailbox of the settings', async () => {
  await expect(sendOnce()).resolves.toMatchObject({ ok: true });
  const [mail] = await server!.waitFor(1);
  expect(mail!.session).toMatchObject({ user: MAILBOX, secure: true });
  expect(idp.tokenRequests).toBe(1);
});

it('keeps the token for later connections instead of asking Entra ID again', async () => {
  server = await oauthSmtpServer(idp, certificate);
  const accessTokenProvider = provider();
  for (let i = 0; i < 3; i++) {
    await expect(verifySmtpAccount(microsoftAccount(server, certificate), { timeouts: TEST_TIMEOUTS, accessTokenProvider })).resolves.toMatchObject({ ok: true });
  }
  expect(server.authAttempts).toBe(3);
  expect(idp.tokenRequests).toBe(1);
});

it('asks for a new token once the cached one is within five minutes of expiring', async () => {
  idp.expiresInSeconds = 3600;
  const clock = new ManualClock();
  const accessTokenProvider = provider({ clock });
  const account = tokenOnlyAccount();
  const first = await accessTokenProvider(account, { renew: false });
  clock.advance(54 * 60_000);
  await expect(accessTokenProvider(account, { renew: false })).resolves.toBe(first);
  // MSAL keeps the expiry in whole seconds: step past the boundary rather than onto it.
  clock.advance(2 * 60_000);
  const second = await accessTokenProvider(account, { renew: false });
  expect(second).not.toBe(first);
  expect(idp.tokenRequests).toBe(2);
  expect(idp.acceptsToken(MAILBOX, second)).toBe(true);
});

it('shares one token request among connections asking at the same time', async () => {
  const accessTokenProvider = provider();
  const account = tokenOnlyAccount();
  const tokens = await Promise.all(Array.from({ length: 5 }, () => accessTokenProvider(account, { renew: false })));
  expect(new Set(tokens).size).toBe(1);
  expect(idp.tokenRequests).toBe(1);
});

it('does not hand a cached token to an account with the same tenant and client id but another secret', async () => {
  const accessTokenProvider = provider();
  const account = tokenOnlyAccount();
  await accessTokenProvider(account, { renew: false });
  await expect(accessTokenProvider({ ...account, oauthClientSecret: 'arvattu-salaisuus' }, { renew: false })).rejects.toMatchObject({ reason: 'CLIENT_SECRET_INVALID' });
  expect(idp.tokenRequests).toBe(2);
});

it('gets a fresh token when the server refuses the cached one, and sends', async () => {
  server = await oauthSmtpServer(idp, certificate);
  const accessTokenProvider = provider();
  const account = microsoftAccount(server, certificate);
  await accessTokenProvider(account, { renew: false });
  idp.clear(); // Entra ID revokes the issued tokens; the cache still holds one
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider });
  await expect(dispatcher.send(account, orderConfirmation())).resolves.toMatchObject({ ok: true });
  expect(idp.tokenRequests).toBe(1);
});

it('reports a revoked client secret as OAUTH_TOKEN_FAILED saying to create a new secret, and tries no login', async () => {
  idp.revokeClientSecret(CLIENT_ID);
  const outcome = (await sendOnce()) as SendFailure;
  expect(outcome).toMatchObject({ ok: false, error: { code: 'OAUTH_TOKEN_FAILED', permanent: false, settingsProblem: true } });
  expect(outcome.error.message.fi).toContain('Certificates & secrets');
  expect(outcome.error.message.en).toContain('expired or revoked');
  expect(outcome.error.detail).toContain('AADSTS7000215');
  expect(server!.authAttempts).toBe(0);
});

it('reports an expired client secret (AADSTS7000222) as expired, saying to save the new one with its expiry date', async () => {
  idp.expireClientSecret(CLIENT_ID);
  const outcome = (await sendOnce()) as SendFailure;
  expect(outcome).toMatchObject({ ok: false, error: { code: 'OAUTH_TOKEN_FAILED', permanent: false, settingsProblem: true } });
  expect(outcome.error.message.en).toContain('The client secret has expired');
  expect(outcome.error.message.en).toContain('expiry date');
  expect(outcome.error.detail).toContain('AADSTS7000222');
});

it('reports an unknown tenant as OAUTH_TOKEN_FAILED saying to check the tenant id', async () => {
  const outcome = (await sendOnce({}, { oauthTenantId: 'vaara.onmicrosoft.com' })) as SendFailure;
  expect(outcome.error.code).toBe('OAUTH_TOKEN_FAILED');
  expect(outcome.error.message.en).toContain('check the Tenant ID');
  expect(outcome.error.detail).toContain('AADSTS90002');
});

it('reports an unknown client id as OAUTH_TOKEN_FAILED saying to check the app registration', async () => {
  const outcome = (await sendOnce({}, { oauthClientId: '00000000-0000-0000-0000-000000000000' })) as SendFailure;
  expect(outcome.error.code).toBe('OAUTH_TOKEN_FAILED');
  expect(outcome.error.message.en).toContain('check the Client ID');
  expect(outcome.error.detail).toContain('AADSTS700016');
});

it('reports an unreachable Entra ID as OAUTH_TOKEN_FAILED naming the host and port to open', async () => {
  const closed = await startIdentityProvider({ tls: certificate });
  await closed.close();
  server = await oauthSmtpServer(idp, certificate);
  dispatcher = createSmtpDispatcher({
    timeouts: TEST_TIMEOUTS,
    accessTokenProvider: createAccessTokenProvider({ microsoft: { authorityHost: closed.origin, ca: certificate.cert }, timeoutMs: 2000 }),
  });
  const outcome = (await dispatcher.send(microsoftAccount(server, certificate), orderConfirmation())) as SendFailure;
  expect(outcome.error).toMatchObject({ code: 'OAUTH_TOKEN_FAILED', permanent: false });
  expect(outcome.error.message.fi).toContain('login.microsoftonline.com');
  expect(outcome.error.message.en).toContain('port 443');
});

it('gives up on an identity provider that accepts the connection but never answers, after the timeout', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = silent.address() as AddressInfo;
    const accessTokenProvider = createAccessTokenProvider({ microsoft: { authorityHost: `https://127.0.0.1:${port}`, ca: certificate.cert }, timeoutMs: 300 });
    const account = tokenOnlyAccount();
    await expect(accessTokenProvider(account, { renew: false })).rejects.toMatchObject({ reason: 'PROVIDER_UNREACHABLE' });
  } finally {
    silent.close();
    for (const socket of sockets) socket.destroy();
  }
});

it('renews a token the server refuses at once (Exchange Online: 535 5.7.3) once, then reports OAUTH_TOKEN_REFUSED', async () => {
  server = await oauthSmtpServer(idp, certificate, { code: 535, message: '5.7.3 Authentication unsuccessful' });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: provider() });
  // The service principal has rights on myynti@ only.
  const outcome = (await dispatcher.send(microsoftAccount(server, certificate, { oauthUser: 'toimitus@yritys.fi' }), orderConfirmation())) as SendFailure;
  expect(outcome.error).toMatchObject({ code: 'OAUTH_TOKEN_REFUSED', responseCode: 535, settingsProblem: true });
  expect(outcome.error.message.en).toContain('SMTP.SendAsApp');
  expect(outcome.error.message.en).toContain('Application SMTP.SendAsApp scoped to the mailbox');
  expect(outcome.error.message.en).toContain("service principal's FullAccess on the mailbox");
  expect(idp.tokenRequests).toBe(2);
  expect(server.authAttempts).toBe(2);
  expect(server.count).toBe(0);
});

it('renews a token refused after a challenge (334, then 535) once, then reports OAUTH_TOKEN_REFUSED', async () => {
  server = await oauthSmtpServer(idp, certificate);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: provider() });
  const outcome = (await dispatcher.send(microsoftAccount(server, certificate, { oauthUser: 'toimitus@yritys.fi' }), orderConfirmation())) as SendFailure;
  expect(outcome.error).toMatchObject({ code: 'OAUTH_TOKEN_REFUSED', responseCode: 535 });
  expect(idp.tokenRequests).toBe(2);
});

it('renews once in the connection test too, and stops at AUTH with OAUTH_TOKEN_REFUSED', async () => {
  server = await oauthSmtpServer(idp, certificate, { code: 535, message: '5.7.3 Authentication unsuccessful' });
  const result = await verifySmtpAccount(microsoftAccount(server, certificate, { oauthUser: 'toimitus@yritys.fi' }), { timeouts: TEST_TIMEOUTS, accessTokenProvider: provider() });
  expect(result).toMatchObject({ ok: false, stage: 'AUTH', error: { code: 'OAUTH_TOKEN_REFUSED' } });
  expect(idp.tokenRequests).toBe(2);
});

it('never puts the client secret or a token into what it reports', async () => {
  const tokens: string[] = [];
  const accessTokenProvider = provider();
  server = await oauthSmtpServer(idp, certificate);
  dispatcher = createSmtpDispatcher({
    timeouts: TEST_TIMEOUTS,
    accessTokenProvider: async (account, options) => {
      const token = await accessTokenProvider(account, options);
      tokens.push(token);
      return token;
    },
  });
  const refused = await dispatcher.send(microsoftAccount(server, certificate, { oauthUser: 'toimitus@yritys.fi' }), orderConfirmation());
  idp.revokeClientSecret(CLIENT_ID);
  const failed = await dispatcher.send(microsoftAccount(server, certificate, { oauthUser: 'laskutus@yritys.fi' }), orderConfirmation());
  expect(tokens.length).toBeGreaterThan(0);
  const text = JSON.stringify([refused, failed]);
  expect(text).toContain('OAUTH_TOKEN_FAILED');
  for (const secret of [CLIENT_SECRET, ...tokens]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));
  }
});
