import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate } from '@maestro/test-support';
import { startTestApi, type TestApi } from '../../../apps/api/test/support/test-api';
import { startPlainSmtpRecorder, type PlainSmtpRecorder } from '../src/support/plain-smtp-recorder';
import { findLeaks } from '../src/support/secret-search';

const USERNAME = 'tls-tunnus';
const PASSWORD = 'Ei-koskaan-selvakielisena-42';

const UPDATE = 'mutation($input: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $input) { smtp { encryption caCertificate passwordSet } } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }';
const MESSAGE = 'query($id: ID!) { message(id: $id) { status smtpResponse lastError { code message permanent } } }';

interface MessageState {
  status: string;
  smtpResponse: string | null;
  lastError: { code: string; message: string; permanent: boolean } | null;
}

describe('TLS: nothing in clear, and only trusted certificates', () => {
  let api: TestApi;
  const servers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await api?.close();
  });

  const admin = () => api.a.admin.token;
  const useAccount = async (smtp: Record<string, unknown>) => {
    const result = await api.gql(UPDATE, { input: { enabledChannels: 'EMAIL', smtpSendingEnabled: true, companyEmail: 'tls@yritys-a.fi', smtp: { host: '127.0.0.1', ...smtp } } }, { token: admin() });
    expect(result.errors).toBeUndefined();
  };
  const send = async (subject: string) => {
    const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: { source: 'QUOTE', to: ['asiakas@asiakas.example'], subject, body: 'Salainen tarjous.' } }, { token: admin() });
    expect(result.errors).toBeUndefined();
    return result.data!.sendMessage.id;
  };
  const state = async (id: string) => (await api.gql<{ message: MessageState }>(MESSAGE, { id }, { token: admin() })).data!.message;

  /** Everything the client sent in clear, command verbs only. */
  const verbs = (recorder: PlainSmtpRecorder) => [...new Set(recorder.commands.map((line) => line.split(' ')[0]!.toUpperCase()))].sort();

  it.each([
    ['offers no STARTTLS', false],
    ['offers STARTTLS but refuses to start it', true],
  ])('with STARTTLS chosen and a server that %s, sends no AUTH, no MAIL FROM and no DATA', async (_behaviour, advertiseStarttls) => {
    const recorder = await startPlainSmtpRecorder({ advertiseStarttls });
    servers.push(recorder);
    await useAccount({ port: recorder.port, encryption: 'TLS', authEnabled: true, username: USERNAME, password: PASSWORD });
    const id = await send('Ei selväkielisenä');
    await api.drain();

    // The client did talk to the server (or this proves nothing), but only to greet it and ask for TLS.
    expect(recorder.connections).toBeGreaterThan(0);
    expect(verbs(recorder).filter((verb) => !['EHLO', 'HELO', 'STARTTLS', 'QUIT'].includes(verb))).toEqual([]);
    expect(recorder.transcript).not.toMatch(/^(AUTH|MAIL FROM|RCPT TO|DATA)\b/im);
    expect(findLeaks(recorder.transcript, { password: { value: PASSWORD, username: USERNAME } }, 'the plain-text session')).toEqual([]);
    expect(recorder.transcript).not.toContain('Salainen tarjous');
    const after = await state(id);
    expect(after.status).not.toBe('SENT');
    expect(after.lastError?.code).toBe('STARTTLS_UNAVAILABLE');
  });

  it("the connection test with STARTTLS against a server that offers none stops at TLS and sends no password", async () => {
    const recorder = await startPlainSmtpRecorder();
    servers.push(recorder);
    await useAccount({ port: recorder.port, encryption: 'TLS', authEnabled: true, username: USERNAME, password: PASSWORD });
    const result = await api.gql<{ testSmtpConnection: { ok: boolean; stage: string; code: string | null; secure: boolean } }>(
      'mutation { testSmtpConnection(account: COMPANY) { ok stage code secure } }',
      {},
      { token: admin() },
    );
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: false, stage: 'TLS', secure: false });
    expect(recorder.connections).toBeGreaterThan(0);
    expect(verbs(recorder).filter((verb) => !['EHLO', 'HELO', 'STARTTLS', 'QUIT'].includes(verb))).toEqual([]);
    expect(findLeaks(recorder.transcript, { password: { value: PASSWORD, username: USERNAME } }, 'the plain-text session')).toEqual([]);
  });

  it.each([
    ['TLS', 'STARTTLS'],
    ['SSL', 'implicit TLS'],
  ] as const)('with %s (%s), refuses a self-signed certificate until its own CA is given, then sends', async (encryption, _how) => {
    const certificate = await makeSelfSignedCertificate();
    const stranger = await makeSelfSignedCertificate();
    const server: RunningSmtpServer = await startSmtpServer({ tls: certificate, secure: encryption === 'SSL', auth: { users: { [USERNAME]: PASSWORD } } });
    servers.push(server);
    await useAccount({ port: server.port, encryption, authEnabled: true, username: USERNAME, password: PASSWORD, caCertificate: '' });
    const id = await send(`Varmenne ${encryption}`);
    await api.drain();
    const refused = await state(id);
    expect(refused.status).not.toBe('SENT');
    expect(refused.lastError?.code).toBe('CERT_UNTRUSTED');
    expect(server.count).toBe(0);
    expect(server.authAttempts).toBe(0);

    // Another certificate's CA does not make this one trusted.
    await useAccount({ caCertificate: stranger.cert });
    await api.gql('mutation($id: ID!) { retryMessage(id: $id) { status } }', { id }, { token: admin() });
    await api.drain();
    expect((await state(id)).lastError?.code).toBe('CERT_UNTRUSTED');
    expect(server.count).toBe(0);
    expect(server.authAttempts).toBe(0);

    await useAccount({ caCertificate: certificate.cert });
    const retried = await api.gql<{ retryMessage: { status: string } }>('mutation($id: ID!) { retryMessage(id: $id) { status } }', { id }, { token: admin() });
    expect(retried.errors).toBeUndefined();
    await api.drain();
    expect((await state(id)).status).toBe('SENT');
    const [mail] = await server.waitFor(1);
    expect(mail!.session).toMatchObject({ secure: true, user: USERNAME });
  });
});
