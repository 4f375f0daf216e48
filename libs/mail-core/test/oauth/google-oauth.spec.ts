import { type RunningSmtpServer } from '@maestro/dev-mailbox';
import {
  makeSelfSignedCertificate,
  makeServiceAccountKey,
  startIdentityProvider,
  type GoogleServiceAccountRegistration,
  type RunningIdentityProvider,
  type SelfSignedCertificate,
  type ServiceAccountKey,
} from '@maestro/test-support';
import { createSmtpDispatcher, verifySmtpAccount, type SendFailure, type SmtpDispatcher } from '../../src/dispatch';
import { GOOGLE_MAIL_SCOPE, GOOGLE_TOKEN_URL, createAccessTokenProvider } from '../../src/oauth';
import { ManualClock, TEST_TIMEOUTS, orderConfirmation } from '../dispatch/dispatch-fixtures';
import { MAILBOX, googleAccount, oauthSmtpServer } from './oauth-fixtures';

let certificate: SelfSignedCertificate;
let key: ServiceAccountKey;
let serviceAccount: GoogleServiceAccountRegistration;
let idp: RunningIdentityProvider;
let server: RunningSmtpServer;
let dispatcher: SmtpDispatcher | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
  key = makeServiceAccountKey('maestro-smtp@yritys-oy.iam.gserviceaccount.com');
});

beforeEach(async () => {
  serviceAccount = { clientEmail: key.clientEmail, publicKey: key.publicKey, delegatedScopes: [GOOGLE_MAIL_SCOPE], users: [MAILBOX, 'toimitus@yritys.fi'] };
  idp = await startIdentityProvider({ tls: certificate, google: [serviceAccount] });
  server = await oauthSmtpServer(idp, certificate);
});

afterEach(async () => {
  await dispatcher?.close();
  await server.close();
  await idp.close();
  dispatcher = undefined;
});

function dispatcherWithGoogle(): SmtpDispatcher {
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: createAccessTokenProvider({ google: { tokenUrl: idp.googleTokenUrl, ca: certificate.cert }, timeoutMs: 3000 }) });
  return dispatcher;
}

it('sends as the impersonated user with a token for the service account', async () => {
  await expect(dispatcherWithGoogle().send(googleAccount(server, certificate, key.json), orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.user).toBe(MAILBOX);
  expect(idp.tokenRequests).toBe(1);
});

it('signs an assertion for the mailbox (sub), the scope https://mail.google.com/ and Google’s token endpoint (aud)', async () => {
  await dispatcherWithGoogle().send(googleAccount(server, certificate, key.json, { oauthUser: 'toimitus@yritys.fi' }), orderConfirmation());
  expect(idp.lastGoogleAssertion?.header).toMatchObject({ alg: 'RS256' });
  expect(idp.lastGoogleAssertion?.claims).toMatchObject({
    iss: key.clientEmail,
    sub: 'toimitus@yritys.fi',
    scope: 'https://mail.google.com/',
    aud: GOOGLE_TOKEN_URL,
  });
});

it('asks Google again once a short-lived token has expired', async () => {
  idp.expiresInSeconds = 60;
  const clock = new ManualClock();
  const accessTokenProvider = createAccessTokenProvider({ google: { tokenUrl: idp.googleTokenUrl, ca: certificate.cert }, timeoutMs: 3000, clock });
  const verify = () => verifySmtpAccount(googleAccount(server, certificate, key.json), { timeouts: TEST_TIMEOUTS, accessTokenProvider });
  await expect(verify()).resolves.toMatchObject({ ok: true });
  await expect(verify()).resolves.toMatchObject({ ok: true });
  expect(idp.tokenRequests).toBe(1);
  clock.advance(60_000);
  await expect(verify()).resolves.toMatchObject({ ok: true });
  expect(idp.tokenRequests).toBe(2);
});

it('reports a service account without domain-wide delegation as OAUTH_TOKEN_FAILED saying where to add the scope', async () => {
  serviceAccount.delegatedScopes = ['https://www.googleapis.com/auth/gmail.send'];
  const outcome = (await dispatcherWithGoogle().send(googleAccount(server, certificate, key.json), orderConfirmation())) as SendFailure;
  expect(outcome.error).toMatchObject({ code: 'OAUTH_TOKEN_FAILED', settingsProblem: true });
  expect(outcome.error.message.en).toContain('Domain-wide delegation');
  expect(outcome.error.message.en).toContain('https://mail.google.com/');
  expect(outcome.error.detail).toContain('unauthorized_client');
});

it('reports a mailbox Google does not know as OAUTH_TOKEN_FAILED saying to check the address', async () => {
  const outcome = (await dispatcherWithGoogle().send(googleAccount(server, certificate, key.json, { oauthUser: 'lopettanut@yritys.fi' }), orderConfirmation())) as SendFailure;
  expect(outcome.error.code).toBe('OAUTH_TOKEN_FAILED');
  expect(outcome.error.message.en).toContain('does not know the mailbox');
});

it('reports a deleted key (Google no longer knows its public half) as OAUTH_TOKEN_FAILED saying to create a new key', async () => {
  serviceAccount.publicKey = makeServiceAccountKey(key.clientEmail).publicKey;
  const outcome = (await dispatcherWithGoogle().send(googleAccount(server, certificate, key.json), orderConfirmation())) as SendFailure;
  expect(outcome.error.code).toBe('OAUTH_TOKEN_FAILED');
  expect(outcome.error.message.en).toContain('Create a new JSON key');
  expect(outcome.error.detail).toContain('Invalid JWT Signature');
});

it('reports a key that is no key file without asking Google', async () => {
  const outcome = (await dispatcherWithGoogle().send(googleAccount(server, certificate, '{"type":"service_account"}'), orderConfirmation())) as SendFailure;
  expect(outcome.error.code).toBe('OAUTH_TOKEN_FAILED');
  expect(outcome.error.message.en).toContain('the whole JSON key file, with client_email and private_key');
  expect(idp.tokenRequests).toBe(0);
});

it('never puts the private key or a token into what it reports', async () => {
  serviceAccount.delegatedScopes = [];
  const failed = await dispatcherWithGoogle().send(googleAccount(server, certificate, key.json), orderConfirmation());
  const privateKey = (JSON.parse(key.json) as { private_key: string }).private_key;
  const text = JSON.stringify(failed);
  expect(text).toContain('OAUTH_TOKEN_FAILED');
  expect(text).not.toContain(privateKey.split('\n')[1]);
  expect(text).not.toContain('ya29.');
});
