import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { createSmtpDispatcher, transportKey, type SmtpDispatcher } from '../../src/dispatch';
import { ManualClock, TEST_TIMEOUTS, accountFor, eventually, orderConfirmation } from './dispatch-fixtures';

let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

it('reuses one pooled connection for two sends to the same account', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const account = accountFor(server);
  await dispatcher.send(account, orderConfirmation());
  await dispatcher.send({ ...account }, orderConfirmation());
  await server.waitFor(2);
  expect(dispatcher.transportCount).toBe(1);
  expect(server.connectionCount).toBe(1);
});

it('keeps separate transports for different accounts', async () => {
  server = await startSmtpServer();
  const second = await startSmtpServer();
  try {
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await dispatcher.send(accountFor(server), orderConfirmation());
    await dispatcher.send(accountFor(second), orderConfirmation());
    expect(dispatcher.transportCount).toBe(2);
  } finally {
    await dispatcher?.close();
    await second.close();
  }
});

it('replaces the transport when the account settings change, and closes the old connection', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const account = accountFor(server);
  await dispatcher.send(account, orderConfirmation());
  expect(server.openConnections).toBe(1);

  // Same server and login, a changed setting (here the trusted CA): a new transport.
  await dispatcher.send({ ...account, caCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }, orderConfirmation());
  expect(dispatcher.transportCount).toBe(1);
  expect(server.connectionCount).toBe(2);
  await eventually(() => server!.openConnections === 1);
});

it('sends with a corrected password after a refused login, through a fresh transport', async () => {
  server = await startSmtpServer({ auth: { users: { 'myynti@yritys.fi': 'uusi-salasana' } } });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const account = accountFor(server, { authEnabled: true, username: 'myynti@yritys.fi', password: 'vanha-salasana' });
  await expect(dispatcher.send(account, orderConfirmation())).resolves.toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  await expect(dispatcher.send({ ...account, password: 'uusi-salasana' }, orderConfirmation())).resolves.toMatchObject({ ok: true });
  expect(dispatcher.transportCount).toBe(1);
});

it('closes a transport idle longer than the idle time', async () => {
  const clock = new ManualClock();
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, clock, idleMs: 60_000 });
  await dispatcher.send(accountFor(server), orderConfirmation());

  clock.advance(60_001);
  expect(dispatcher.evictIdle()).toBe(1);
  expect(dispatcher.transportCount).toBe(0);
  await eventually(() => server!.openConnections === 0);
});

it('keeps a transport used within the idle time', async () => {
  const clock = new ManualClock();
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, clock, idleMs: 60_000 });
  await dispatcher.send(accountFor(server), orderConfirmation());

  clock.advance(59_000);
  expect(dispatcher.evictIdle()).toBe(0);
  expect(dispatcher.transportCount).toBe(1);
});

it('opens a new connection for a send after idle eviction', async () => {
  const clock = new ManualClock();
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, clock, idleMs: 60_000 });
  await dispatcher.send(accountFor(server), orderConfirmation());
  clock.advance(60_001);
  dispatcher.evictIdle();

  await expect(dispatcher.send(accountFor(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
  expect(server.connectionCount).toBe(2);
});

it('closes every connection on close()', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await dispatcher.send(accountFor(server), orderConfirmation());
  await dispatcher.close();
  expect(dispatcher.transportCount).toBe(0);
  await eventually(() => server!.openConnections === 0);
});

it('keys transports by a hash that never contains the password', () => {
  const account = accountFor({ host: 'smtp.yritys.fi', port: 587 }, { authEnabled: true, username: 'u', password: 'Salasana-123' });
  const key = transportKey(account);
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(key).not.toContain('Salasana-123');
  expect(transportKey({ ...account, password: 'Toinen-456' })).not.toBe(key);
});

it('does not change the transport key when only the sending limits change', () => {
  const account = accountFor({ host: 'smtp.yritys.fi', port: 587 });
  expect(transportKey({ ...account, messagesPerMinute: 30, recipientsPerDay: 10_000 })).toBe(transportKey(account));
});
