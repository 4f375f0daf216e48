import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import {
  makeSelfSignedCertificate,
  startDovecot,
  startIdentityProvider,
  type MicrosoftAppRegistration,
  type RunningDovecot,
  type RunningIdentityProvider,
} from '@maestro/test-support';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

// OAuth2 end to end: the same Microsoft token signs in to SMTP (the send) and to IMAP (the copy).
// Dovecot checks each XOAUTH2 token with its oauth2 passdb against the identity-provider stand-in.
jest.setTimeout(60_000);

const MAILBOX = 'myynti@yritys.fi';
const CLIENT_SECRET = 'Q~8xv.Yrityksen-Sovellussalaisuus-2026';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id messageId } }';
const READ = 'query($id: ID!) { message(id: $id) { status sentCopy { status code message } } }';

describe.each(DATABASE_KINDS)('the Sent-folder copy with Microsoft 365 OAuth2 on %s', (kind) => {
  let api: TestApi;
  let idp: RunningIdentityProvider;
  let smtp: RunningSmtpServer;
  let dovecot: RunningDovecot;
  let app: MicrosoftAppRegistration;
  let settings: Record<string, unknown>;

  beforeAll(async () => {
    const cert = await makeSelfSignedCertificate(['localhost', '127.0.0.1']);
    app = { tenantId: 'yritys.onmicrosoft.com', clientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10', clientSecret: CLIENT_SECRET, mailboxes: [MAILBOX] };
    idp = await startIdentityProvider({ tls: cert, microsoft: [app] });
    smtp = await startSmtpServer({ tls: cert, auth: { users: {}, methods: ['XOAUTH2'], xoauth2Validate: (user, token) => idp.acceptsToken(user, token) } });
    dovecot = await startDovecot({ tls: cert, users: { [MAILBOX]: 'ei-kaytossa' }, xoauth2: { tokenInfoUrl: (mailbox) => idp.tokenInfoUrl(mailbox), ca: cert.cert } });
    api = await startTestApi(kind, { oauth: { microsoft: { authorityHost: idp.origin, ca: cert.cert } } });
    const oauth = {
      encryption: 'TLS',
      caCertificate: cert.cert,
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      oauthTenantId: app.tenantId,
      oauthClientId: app.clientId,
      oauthClientSecret: CLIENT_SECRET,
      oauthUser: MAILBOX,
    };
    await api.useSmtpServer(api.a.id, smtp, oauth);
    settings = { ...oauth, host: '127.0.0.1', port: smtp.port, imapHost: '127.0.0.1', imapPort: dovecot.tlsPort, imapEncryption: 'SSL', imapAppendToSent: true };
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtp: settings });
  });
  afterAll(async () => {
    await api?.close();
    await dovecot?.stop();
    await smtp?.close();
    await idp?.close();
  });

  it('signs in to IMAP with XOAUTH2 and the same token the send used, and files the copy', async () => {
    const sent = await api.gql<{ sendMessage: { id: string; messageId: string } }>(SEND, { input: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'Tarjous 17', body: 'Hei' } }, { token: api.a.admin.token });
    const { id, messageId } = sent.data!.sendMessage;
    await api.drain();
    expect(smtp.count).toBe(1);
    expect(await api.runtime.services.sentCopies.runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);
    const filed = (await dovecot.messages(MAILBOX, 'Sent')).filter((m) => m.text.includes(`Message-ID: ${messageId}`));
    expect(filed).toHaveLength(1);
    // One token served both: the identity provider issued no second one for IMAP.
    expect(idp.issuedTokens).toBe(1);
    const read = await api.gql<{ message: { status: string; sentCopy: { status: string } } }>(READ, { id }, { token: api.a.admin.token });
    expect(read.data?.message).toMatchObject({ status: 'SENT', sentCopy: { status: 'DONE' } });
  });

  it('keeps the copy waiting, without a second send, while Dovecot refuses the app (the mailbox not granted)', async () => {
    app.mailboxes.splice(0);
    try {
      const sent = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'Tarjous 18', body: 'Hei' } }, { token: api.a.admin.token });
      const { id } = sent.data!.sendMessage;
      // Sending needs the grant too: give it back for the send only, then take it away again.
      app.mailboxes.push(MAILBOX);
      await api.drain();
      app.mailboxes.splice(0);
      const before = smtp.count;
      expect(await api.runtime.services.sentCopies.runOnce()).toEqual([{ messageId: id, status: 'PENDING' }]);
      const read = await api.gql<{ message: { sentCopy: { status: string; code: string; message: string } } }>(READ, { id }, { token: api.a.admin.token });
      expect(read.data?.message.sentCopy).toMatchObject({ status: 'PENDING', code: 'OAUTH_TOKEN_REFUSED' });
      expect(smtp.count).toBe(before);
    } finally {
      if (!app.mailboxes.includes(MAILBOX)) app.mailboxes.push(MAILBOX);
    }
  });
});
