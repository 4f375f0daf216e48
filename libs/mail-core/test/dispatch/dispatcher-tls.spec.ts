import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';
import { createSmtpDispatcher, type SmtpDispatcher } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

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

describe('TLS (STARTTLS) chosen, the server offers no STARTTLS', () => {
  const tlsAccount = (s: RunningSmtpServer) =>
    accountFor(s, { encryption: 'TLS', caCertificate: certificate.cert, authEnabled: true, username: 'myynti@yritys.fi', password: 'salainen' });

  beforeEach(async () => {
    server = await startSmtpServer({ starttls: false, auth: { users: { 'myynti@yritys.fi': 'salainen' } } });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  });

  it('fails with STARTTLS_UNAVAILABLE', async () => {
    const outcome = await dispatcher!.send(tlsAccount(server!), orderConfirmation());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'STARTTLS_UNAVAILABLE', permanent: false, settingsProblem: true } });
  });

  it('sends no message in clear', async () => {
    await dispatcher!.send(tlsAccount(server!), orderConfirmation());
    expect(server!.count).toBe(0);
  });

  it('sends no password in clear', async () => {
    await dispatcher!.send(tlsAccount(server!), orderConfirmation());
    expect(server!.authAttempts).toBe(0);
  });
});

it('refuses a server whose certificate is not trusted (STARTTLS)', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'TLS' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED', permanent: false } });
  expect(server.count).toBe(0);
});

it('refuses a server whose certificate is not trusted (implicit TLS)', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'SSL' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED' } });
  expect(server.count).toBe(0);
});

it('trusts a server certificate through the account CA certificate', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'SSL', caCertificate: certificate.cert }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: true });
});

it('refuses a trusted certificate made for another host name', async () => {
  const other = await makeSelfSignedCertificate(['mail.muualla.test']);
  server = await startSmtpServer({ secure: true, tls: other });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'SSL', caCertificate: other.cert }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'CERT_HOSTNAME_MISMATCH' } });
});

it('reports SSL against a plain SMTP port as WRONG_ENCRYPTION', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'SSL' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'WRONG_ENCRYPTION', settingsProblem: true } });
});

it('reports plain SMTP against an implicit TLS port as NO_GREETING with the hint to choose SSL', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  dispatcher = createSmtpDispatcher({ timeouts: { ...TEST_TIMEOUTS, greetingMs: 300 } });
  const outcome = await dispatcher.send(accountFor(server, { encryption: 'NONE' }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_GREETING', permanent: false } });
  expect(outcome.ok === false && outcome.error.message.fi).toContain('valitse salaustavaksi SSL');
});
