import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import {
  makeSelfSignedCertificate,
  startIdentityProvider,
  type MicrosoftAppRegistration,
  type RunningIdentityProvider,
} from '@maestro/test-support';
import { dumpDatabase } from '../support/database-dump';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status } }';
const MESSAGE = 'query($id: ID!) { message(id: $id) { id status attempts lastError { code message permanent } } }';

const MAILBOX = 'myynti@yritys.fi';
const CLIENT_SECRET = 'Q~8xv.Yrityksen-Sovellussalaisuus-2026';

interface Read {
  id: string;
  status: string;
  attempts: number;
  lastError: { code: string; message: string; permanent: boolean } | null;
}

const base = { source: 'SALES_ORDER', documentRef: 'MT-2001', to: ['matti@asiakas.fi'], subject: 'Tilausvahvistus 2001', body: 'Hei,\n\nliitteenä tilausvahvistus.' };

describe.each(DATABASE_KINDS)('sending through Microsoft 365 with OAuth2 on %s', (kind) => {
  let api: TestApi;
  let idp: RunningIdentityProvider;
  let smtp: RunningSmtpServer;
  let app: MicrosoftAppRegistration;
  /** Company A's SMTP block: Microsoft 365 with OAuth2 against the stand-ins. */
  let oauthSettings: Record<string, unknown>;
  /** Every bearer token the SMTP server was shown. */
  const tokensSeen: string[] = [];

  beforeAll(async () => {
    const cert = await makeSelfSignedCertificate(['localhost', '127.0.0.1']);
    app = { tenantId: 'yritys.onmicrosoft.com', clientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10', clientSecret: CLIENT_SECRET, mailboxes: [MAILBOX] };
    idp = await startIdentityProvider({ tls: cert, microsoft: [app] });
    smtp = await startSmtpServer({
      tls: cert,
      auth: {
        users: {},
        methods: ['XOAUTH2'],
        xoauth2Validate: (user, token) => {
          tokensSeen.push(token);
          return idp.acceptsToken(user, token);
        },
        xoauth2Refusal: { code: 535, message: '5.7.3 Authentication unsuccessful' },
      },
    });
    api = await startTestApi(kind, { oauth: { microsoft: { authorityHost: idp.origin, ca: cert.cert } } });
    oauthSettings = {
      encryption: 'TLS',
      caCertificate: cert.cert,
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      oauthTenantId: app.tenantId,
      oauthClientId: app.clientId,
      oauthClientSecret: CLIENT_SECRET,
      oauthUser: MAILBOX,
    };
    await api.useSmtpServer(api.a.id, smtp, oauthSettings);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
    await idp?.close();
  });

  const sendAndDrain = async (company = api.a): Promise<Read> => {
    const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: base }, { token: company.user.token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    await api.drain();
    const read = await api.gql<{ message: Read }>(MESSAGE, { id: result.data.sendMessage.id }, { token: company.admin.token });
    return read.data!.message;
  };

  it('sends a message with an app-only token from Entra ID, logged in as the mailbox to send as', async () => {
    const before = smtp.count;
    await expect(sendAndDrain()).resolves.toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    const mails = await smtp.waitFor(before + 1);
    expect(mails.at(-1)!.session).toMatchObject({ user: MAILBOX, secure: true });
    expect(idp.issuedTokens).toBeGreaterThan(0);
  });

  it('keeps the message for a retry with the admin’s advice when Entra ID refuses the client secret', async () => {
    // Company B has the same app registration with a revoked secret.
    await api.useSmtpServer(api.b.id, smtp, { ...oauthSettings, oauthClientSecret: 'Q~vanha.poistettu-salaisuus' });
    const message = await sendAndDrain(api.b);
    expect(message).toMatchObject({ status: 'RETRYING', attempts: 1, lastError: { code: 'OAUTH_TOKEN_FAILED', permanent: false } });
    expect(message.lastError?.message).toContain('Certificates & secrets');
  });

  it('keeps the client secret and every access token out of the database and the logs', async () => {
    await sendAndDrain();
    expect(tokensSeen.length).toBeGreaterThan(0);
    const dump = await dumpDatabase(api.runtime.db, api.db.target);
    const logs = api.logs.join('');
    expect(dump).toContain(app.tenantId);
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [CLIENT_SECRET, 'Q~vanha.poistettu-salaisuus', ...tokensSeen]) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
