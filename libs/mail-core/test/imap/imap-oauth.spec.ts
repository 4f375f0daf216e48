import {
  makeSelfSignedCertificate,
  makeServiceAccountKey,
  startDovecot,
  startIdentityProvider,
  type MicrosoftAppRegistration,
  type RunningDovecot,
  type RunningIdentityProvider,
  type SelfSignedCertificate,
  type ServiceAccountKey,
} from '@maestro/test-support';
import { defaultSmtpAccount, type SmtpAccount } from '@maestro/settings-schema';
import { appendToSentFolder, verifyImapAccount } from '../../src/imap';
import { createAccessTokenProvider } from '../../src/oauth';
import { CLIENT_ID, CLIENT_SECRET, TENANT } from '../oauth/oauth-fixtures';
import { IMAP_TEST_TIMEOUTS, MAILBOX, implicitTls, rawMessage } from './imap-fixtures';

// OAuth2 sign-in against a real IMAP server: Dovecot checks each XOAUTH2 token with its oauth2 passdb,
// asking the identity-provider stand-in (the one the SMTP OAuth2 tests use) whether the token is live
// and for that mailbox — as Exchange Online and Gmail ask Entra ID and Google.
jest.setTimeout(40_000);

const SENT_AT = new Date('2026-02-03T04:05:06.000Z');
let certificate: SelfSignedCertificate;
let idp: RunningIdentityProvider;
let app: MicrosoftAppRegistration;
let googleKey: ServiceAccountKey;
let dovecot: RunningDovecot;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
  googleKey = makeServiceAccountKey();
  app = { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, mailboxes: [MAILBOX] };
  idp = await startIdentityProvider({
    tls: certificate,
    microsoft: [app],
    google: [{ clientEmail: googleKey.clientEmail, publicKey: googleKey.publicKey, delegatedScopes: ['https://mail.google.com/'], users: [MAILBOX, 'muu@yritys.fi'] }],
  });
});

afterAll(async () => {
  await idp.close();
});

beforeEach(async () => {
  idp.clear();
  // One Dovecot per test: its penalty for a refused login would slow the next test's sign-in.
  dovecot = await startDovecot({
    tls: certificate,
    users: { [MAILBOX]: 'ei-kaytossa', 'muu@yritys.fi': 'ei-kaytossa' },
    xoauth2: { tokenInfoUrl: (mailbox) => idp.tokenInfoUrl(mailbox), ca: certificate.cert },
  });
});

afterEach(async () => {
  await dovecot.stop();
});

function provider() {
  return createAccessTokenProvider({ microsoft: { authorityHost: idp.origin, ca: certificate.cert }, google: { tokenUrl: idp.googleTokenUrl, ca: certificate.cert }, timeoutMs: 3000 });
}

function microsoftAccount(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    ...defaultSmtpAccount(),
    host: 'smtp.office365.com',
    port: 587,
    encryption: 'TLS',
    authEnabled: true,
    authMethod: 'OAUTH2_MICROSOFT',
    oauthTenantId: TENANT,
    oauthClientId: CLIENT_ID,
    oauthClientSecret: CLIENT_SECRET,
    oauthUser: MAILBOX,
    ...overrides,
  };
}

it('files the copy with a Microsoft 365 token for the mailbox (XOAUTH2), the same token SMTP uses', async () => {
  const accessTokenProvider = provider();
  const outcome = await appendToSentFolder(implicitTls(dovecot, certificate), microsoftAccount(), rawMessage('OAuth2-kopio'), {
    internalDate: SENT_AT,
    accessTokenProvider,
    timeouts: IMAP_TEST_TIMEOUTS,
  });
  expect(outcome).toMatchObject({ ok: true, path: 'Sent' });
  expect((await dovecot.messages(MAILBOX, 'Sent'))[0]?.text).toContain('Subject: OAuth2-kopio');
  expect(idp.tokenInfoRequests).toBe(1);
  // A second session takes the cached token: no new token request.
  await verifyImapAccount(implicitTls(dovecot, certificate), microsoftAccount(), { accessTokenProvider, timeouts: IMAP_TEST_TIMEOUTS });
  expect(idp.tokenRequests).toBe(1);
});

it('files the copy with a Google Workspace token for the delegated user', async () => {
  const account: SmtpAccount = { ...microsoftAccount(), authMethod: 'OAUTH2_GOOGLE', oauthServiceAccountKey: googleKey.json, oauthTenantId: '', oauthClientId: '', oauthClientSecret: null };
  const outcome = await appendToSentFolder(implicitTls(dovecot, certificate), account, rawMessage('Google-kopio'), {
    internalDate: SENT_AT,
    accessTokenProvider: provider(),
    timeouts: IMAP_TEST_TIMEOUTS,
  });
  expect(outcome).toMatchObject({ ok: true, path: 'Sent' });
  expect(idp.lastGoogleAssertion?.claims).toMatchObject({ sub: MAILBOX, scope: 'https://mail.google.com/' });
});

it('renews a refused token once and files the copy with the fresh one', async () => {
  const accessTokenProvider = provider();
  await verifyImapAccount(implicitTls(dovecot, certificate), microsoftAccount(), { accessTokenProvider, timeouts: IMAP_TEST_TIMEOUTS });
  // Entra ID forgets the cached token (revoked, or expired early): the server refuses it next time.
  idp.clear();
  const outcome = await appendToSentFolder(implicitTls(dovecot, certificate), microsoftAccount(), rawMessage('Uusittu'), {
    internalDate: SENT_AT,
    accessTokenProvider,
    timeouts: IMAP_TEST_TIMEOUTS,
  });
  expect(outcome.ok).toBe(true);
  expect(idp.tokenRequests).toBe(1);
  expect(idp.tokenInfoRequests).toBe(2);
});

it('reports OAUTH_TOKEN_REFUSED with what to check when the app has no rights on the mailbox', async () => {
  const outcome = await verifyImapAccount(implicitTls(dovecot, certificate), microsoftAccount({ oauthUser: 'muu@yritys.fi' }), {
    accessTokenProvider: provider(),
    timeouts: IMAP_TEST_TIMEOUTS,
  });
  expect(outcome).toMatchObject({ ok: false, stage: 'AUTH', secure: true, error: { code: 'OAUTH_TOKEN_REFUSED', permanent: false, settingsProblem: true } });
  expect(outcome.error?.message.en).toMatch(/IMAP\.AccessAsApp/);
  // One renewal, then the answer: not a loop of token requests.
  expect(idp.tokenRequests).toBe(2);
  expect(JSON.stringify(outcome)).not.toContain('eyJ0eXAi.');
});

it('reports the identity provider’s own reason when no token can be had (wrong client secret)', async () => {
  const outcome = await verifyImapAccount(implicitTls(dovecot, certificate), microsoftAccount({ oauthClientSecret: 'vanha-salaisuus' }), {
    accessTokenProvider: provider(),
    timeouts: IMAP_TEST_TIMEOUTS,
  });
  expect(outcome).toMatchObject({ ok: false, stage: 'AUTH', error: { code: 'OAUTH_TOKEN_FAILED' } });
  expect(outcome.error?.detail).toMatch(/7000215/);
  expect(JSON.stringify(outcome)).not.toContain('vanha-salaisuus');
  expect(idp.tokenInfoRequests).toBe(0);
});
