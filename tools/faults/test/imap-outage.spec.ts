import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { startTcpRelay, type RunningTcpRelay } from '@maestro/test-support';
import { makeSelfSignedCertificate, startDovecot, type RunningDovecot } from '@maestro/test-support';
import { killAllApiProcesses } from '../src/support/api-process';
import { createDeployment, type Deployment } from '../src/support/deployment';
import { SEND_MESSAGE, UPDATE_COMPANY_SETTINGS, companySmtpSettings } from '../src/support/graphql-client';
import { waitFor } from '../src/support/wait';

const MAILBOX = 'myynti@vika-oy.fi';
const PASSWORD = 'Vika-postilaatikko-2026';
const READ = 'query($id: ID!) { message(id: $id) { status attempts sentCopy { status code attempts } } }';

interface Read {
  status: string;
  attempts: number;
  sentCopy: { status: string; code: string | null; attempts: number } | null;
}

describe('the IMAP server down when a message is sent, then back on the same port', () => {
  let deployment: Deployment | undefined;
  let smtp: RunningSmtpServer | undefined;
  let dovecot: RunningDovecot | undefined;
  let relay: RunningTcpRelay | undefined;

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await relay?.close();
    await smtp?.close();
    await dovecot?.stop();
  });

  it('sends the mail once, keeps the copy waiting visibly, and files it when the server returns', async () => {
    const certificate = await makeSelfSignedCertificate();
    smtp = await startSmtpServer({ tls: certificate, auth: { users: { [MAILBOX]: PASSWORD } } });
    dovecot = await startDovecot({ tls: certificate, users: { [MAILBOX]: PASSWORD } });
    relay = await startTcpRelay(dovecot.tlsPort);
    deployment = await createDeployment('sqlite', {
      env: { MAESTRO_RETRY_BASE_SECONDS: '1', MAESTRO_RETRY_MAX_DELAY_SECONDS: '2', MAESTRO_DISPATCH_POLL_MS: '100', MAESTRO_SMTP_TIMEOUT_SECONDS: '5' },
    });
    const api = await deployment.startApi();
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, {
      input: companySmtpSettings(smtp.port, {
        encryption: 'TLS',
        authEnabled: true,
        username: MAILBOX,
        password: PASSWORD,
        caCertificate: certificate.cert,
        imapHost: '127.0.0.1',
        imapPort: relay.port,
        imapEncryption: 'SSL',
        imapAppendToSent: true,
      }),
    });

    await relay.down();
    const sent = await client.expectData<{ sendMessage: { id: string; messageId: string } }>(SEND_MESSAGE, {
      input: { source: 'QUOTE', documentRef: 'IMAP-KATKO', to: ['asiakas@asiakas.example'], subject: 'Tarjous', body: 'Tarjous liitteenä.' },
    });
    const { id, messageId } = sent.sendMessage;
    const read = async () => (await client.expectData<{ message: Read }>(READ, { id })).message;

    // Sent at once; the copy fails and waits, more than once, while the server is down.
    const waiting = await waitFor('the copy to have failed twice while IMAP is down', async () => {
      const m = await read();
      return m.status === 'SENT' && m.sentCopy?.status === 'PENDING' && m.sentCopy.attempts >= 2 ? m : undefined;
    }, 30_000, 200);
    expect(waiting.sentCopy?.code).toBe('CONNECTION_REFUSED');
    expect(smtp.count).toBe(1);

    await relay.up();
    const done = await waitFor('the copy to be filed once IMAP is back', async () => {
      const m = await read();
      return m.sentCopy?.status === 'DONE' ? m : undefined;
    }, 30_000, 200);
    expect(done).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(smtp.count).toBe(1);
    const filed = (await dovecot.messages(MAILBOX, 'Sent')).filter((m) => m.text.includes(`Message-ID: ${messageId}`));
    expect(filed).toHaveLength(1);
  });
});
