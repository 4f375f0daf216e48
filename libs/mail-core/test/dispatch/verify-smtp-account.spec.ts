import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';
import type { SmtpAccount } from '@maestro/settings-schema';
import { verifySmtpAccount } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor } from './dispatch-fixtures';

const USER = 'myynti@yritys.fi';
const PASSWORD = 'Kesä-2026!salainen';

let certificate: SelfSignedCertificate;
let server: RunningSmtpServer | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const verify = (account: SmtpAccount) => verifySmtpAccount(account, { timeouts: TEST_TIMEOUTS });

function withLogin(s: RunningSmtpServer, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return accountFor(s, { encryption: 'TLS', caCertificate: certificate.cert, authEnabled: true, username: USER, password: PASSWORD, ...overrides });
}

it('passes every step with STARTTLS and a right password', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true, auth: { users: { [USER]: PASSWORD } } });
  await expect(verify(withLogin(server))).resolves.toMatchObject({ ok: true, stage: 'DONE', secure: true, reply: expect.stringMatching(/^235/) });
});

it('passes with implicit TLS and a right password', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate, auth: { users: { [USER]: PASSWORD } } });
  await expect(verify(withLogin(server, { encryption: 'SSL' }))).resolves.toMatchObject({ ok: true, stage: 'DONE', secure: true });
});

it('passes a plain server without authentication, unencrypted', async () => {
  server = await startSmtpServer();
  await expect(verify(accountFor(server))).resolves.toMatchObject({ ok: true, stage: 'DONE', secure: false });
});

it('sends no message while testing', async () => {
  server = await startSmtpServer();
  await verify(accountFor(server));
  expect(server.count).toBe(0);
});

it('stops at CONNECT when the port is closed', async () => {
  const closed = await startSmtpServer();
  const { host, port } = closed;
  await closed.close();
  await expect(verify(accountFor({ host, port }))).resolves.toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'CONNECTION_REFUSED' } });
});

it('stops at CONNECT when the host name is unknown', async () => {
  await expect(verify(accountFor({ host: 'nonexistent.invalid', port: 587 }))).resolves.toMatchObject({
    ok: false,
    stage: 'CONNECT',
    error: { code: 'UNKNOWN_HOST' },
  });
});

it('stops at TLS when the server offers no STARTTLS', async () => {
  server = await startSmtpServer({ starttls: false });
  await expect(verify(withLogin(server))).resolves.toMatchObject({
    ok: false,
    stage: 'TLS',
    secure: false,
    error: { code: 'STARTTLS_UNAVAILABLE' },
    reply: expect.stringMatching(/^5\d\d /),
  });
});

it('stops at TLS when the certificate is not trusted', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true });
  await expect(verify(withLogin(server, { caCertificate: '' }))).resolves.toMatchObject({ ok: false, stage: 'TLS', error: { code: 'CERT_UNTRUSTED' } });
});

it('stops at TLS with WRONG_ENCRYPTION when SSL is chosen for a plain port', async () => {
  server = await startSmtpServer();
  await expect(verify(withLogin(server, { encryption: 'SSL' }))).resolves.toMatchObject({ ok: false, stage: 'TLS', error: { code: 'WRONG_ENCRYPTION' } });
});

it('stops at CONNECT with NO_GREETING when NONE is chosen for an implicit TLS port', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  const result = await verifySmtpAccount(accountFor(server), { timeouts: { ...TEST_TIMEOUTS, greetingMs: 300 } });
  expect(result).toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'NO_GREETING' } });
});

it('stops at AUTH with a permanent AUTH_FAILED (535) when the password is wrong', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true, auth: { users: { [USER]: PASSWORD } } });
  const result = await verify(withLogin(server, { password: 'väärä' }));
  expect(result).toMatchObject({
    ok: false,
    stage: 'AUTH',
    secure: true,
    reply: expect.stringMatching(/^535 /),
    error: { code: 'AUTH_FAILED', permanent: true, message: { fi: 'Kirjautuminen epäonnistui (535): tarkista käyttäjätunnus ja salasana' } },
  });
});

it('stops at AUTH when the server offers no login', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true });
  await expect(verify(withLogin(server))).resolves.toMatchObject({ ok: false, stage: 'AUTH', error: { code: 'AUTH_NOT_OFFERED' } });
});

it('stops at AUTH without trying a login when the password is not set', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true, auth: { users: { [USER]: PASSWORD } } });
  await expect(verify(withLogin(server, { password: null }))).resolves.toMatchObject({ ok: false, stage: 'AUTH', error: { code: 'CREDENTIALS_MISSING' } });
  expect(server.authAttempts).toBe(0);
});

it('never puts the password in the result', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true, auth: { users: { [USER]: PASSWORD } } });
  const result = await verify(withLogin(server, { password: 'väärä-salasana-789' }));
  expect(JSON.stringify(result)).not.toContain('väärä-salasana-789');
});
