import { createServer, type Server } from 'node:net';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate } from '@maestro/test-support';
import { checkSmtpHost, createSmtpDispatcher, isInternalAddress, verifySmtpAccount, type HostPolicy } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

const HOSTED: HostPolicy = { refuseInternal: true, allowed: [] };

let smtp: RunningSmtpServer | undefined;
let banner: Server | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await new Promise<void>((resolve) => (banner ? banner.close(() => resolve()) : resolve()));
  banner = undefined;
});

/** A TCP server on 127.0.0.1 that greets like another protocol and then waits. */
async function bannerServer(greeting: string): Promise<number> {
  banner = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(greeting);
  });
  await new Promise<void>((resolve) => (banner as Server).listen(0, '127.0.0.1', resolve));
  return (banner.address() as { port: number }).port;
}

describe('internal addresses', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe'])(
    'counts %s as internal',
    (address) => {
      expect(isInternalAddress(address)).toBe(true);
    },
  );

  it.each(['52.97.1.1', '142.250.74.1', '2a00:1450:4010:c05::6c'])('counts %s as public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('checking an SMTP host', () => {
  const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name that resolves to a loopback address when internal addresses are refused', async () => {
    await expect(checkSmtpHost('localhost', HOSTED)).resolves.toMatchObject({ ok: false });
  });

  it('refuses a name when any one of its addresses is internal', async () => {
    await expect(checkSmtpHost('smtp.example.test', HOSTED, resolvesTo('52.97.1.1', '10.0.0.8'))).resolves.toEqual({ ok: false, address: '10.0.0.8' });
  });

  it('lets a host named in the allowed list through', async () => {
    await expect(checkSmtpHost('relay.sisaverkko.test', { refuseInternal: true, allowed: ['Relay.Sisaverkko.test'] }, resolvesTo('192.168.1.5'))).resolves.toMatchObject({ ok: true });
  });

  it('lets an address inside an allowed range through', async () => {
    await expect(checkSmtpHost('192.168.7.7', { refuseInternal: true, allowed: ['192.168.7.0/24'] })).resolves.toMatchObject({ ok: true });
    await expect(checkSmtpHost('192.168.8.7', { refuseInternal: true, allowed: ['192.168.7.0/24'] })).resolves.toMatchObject({ ok: false });
  });

  it('allows everything when internal addresses are not refused (on premises)', async () => {
    await expect(checkSmtpHost('192.168.1.10', { refuseInternal: false, allowed: [] })).resolves.toMatchObject({ ok: true });
  });
});

describe('a hosted installation connecting', () => {
  it('stops a connection test to a loopback SMTP server before connecting, as HOST_NOT_ALLOWED', async () => {
    smtp = await startSmtpServer();
    const result = await verifySmtpAccount(accountFor(smtp), { timeouts: TEST_TIMEOUTS, hostPolicy: HOSTED });
    expect(result).toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'HOST_NOT_ALLOWED', permanent: true } });
    expect(smtp.connectionCount).toBe(0);
  });

  it('tests an allowed loopback server through the checked socket', async () => {
    smtp = await startSmtpServer();
    await expect(verifySmtpAccount(accountFor(smtp), { timeouts: TEST_TIMEOUTS, hostPolicy: { refuseInternal: true, allowed: ['127.0.0.1'] } })).resolves.toMatchObject({ ok: true, stage: 'DONE' });
  });

  it('does not send to a loopback SMTP server, and says why', async () => {
    smtp = await startSmtpServer();
    const dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, hostPolicy: HOSTED });
    try {
      const outcome = await dispatcher.send(accountFor(smtp), orderConfirmation());
      expect(outcome).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED', permanent: true } });
      expect(smtp.count).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });

  it('does not ask a loopback server about SMTPUTF8 either (a UTF-8 address checks the server first)', async () => {
    smtp = await startSmtpServer();
    const dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, hostPolicy: HOSTED });
    try {
      const outcome = await dispatcher.send(accountFor(smtp), orderConfirmation({ to: [{ name: '', address: 'pääkäyttäjä@asiakas.fi' }] }));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED', permanent: true } });
      expect(smtp.connectionCount).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });

  it('asks an allowed loopback server about SMTPUTF8 through the checked socket, and sends', async () => {
    smtp = await startSmtpServer();
    const dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, hostPolicy: { refuseInternal: true, allowed: ['127.0.0.1'] } });
    try {
      await expect(dispatcher.send(accountFor(smtp), orderConfirmation({ to: [{ name: '', address: 'pääkäyttäjä@asiakas.fi' }] }))).resolves.toMatchObject({ ok: true });
      expect(smtp.messages[0]?.session.smtpUtf8).toBe(true);
    } finally {
      await dispatcher.close();
    }
  });

  it('sends to an allowed loopback server through the checked socket', async () => {
    smtp = await startSmtpServer();
    const dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, hostPolicy: { refuseInternal: true, allowed: ['127.0.0.0/8'] } });
    try {
      await expect(dispatcher.send(accountFor(smtp), orderConfirmation())).resolves.toMatchObject({ ok: true });
      expect(smtp.count).toBe(1);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('TLS over the checked socket', () => {
  const allowLoopback: HostPolicy = { refuseInternal: true, allowed: ['127.0.0.1'] };

  it.each([
    ['STARTTLS', 'TLS' as const, { starttls: true }],
    ['implicit TLS', 'SSL' as const, { secure: true }],
  ])('verifies the certificate and signs in with %s', async (_name, encryption, mode) => {
    const certificate = await makeSelfSignedCertificate();
    smtp = await startSmtpServer({ tls: certificate, ...mode, auth: { users: { 'myynti@yritys.fi': 'Kesä-2026!salainen' } } });
    const account = accountFor(smtp, { encryption, caCertificate: certificate.cert, authEnabled: true, username: 'myynti@yritys.fi', password: 'Kesä-2026!salainen' });
    await expect(verifySmtpAccount(account, { timeouts: TEST_TIMEOUTS, hostPolicy: allowLoopback })).resolves.toMatchObject({ ok: true, secure: true });
    await expect(verifySmtpAccount({ ...account, caCertificate: '' }, { timeouts: TEST_TIMEOUTS, hostPolicy: allowLoopback })).resolves.toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED' } });
  });
});

describe('a server that is not SMTP', () => {
  it.each([
    ['an IMAP server', '* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n'],
    ['a message bus', 'INFO {"server_id":"NATS-secret-cluster-id","version":"2.10"}\r\n'],
  ])('reports %s as NOT_SMTP_SERVER without passing on what it sent', async (_what, greeting) => {
    const port = await bannerServer(greeting);
    const result = await verifySmtpAccount(accountFor({ host: '127.0.0.1', port }), { timeouts: TEST_TIMEOUTS });
    expect(result).toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'NOT_SMTP_SERVER' } });
    expect(JSON.stringify(result)).not.toMatch(/Dovecot|NATS|IMAP4|server_id/);
  });
});
