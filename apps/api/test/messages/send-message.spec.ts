import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate } from '@maestro/test-support';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) {
  id status from { address name } to subject attempts messageId smtpResponse sentAt nextAttemptAt waitReason
  lastError { code message permanent } handOff { emlUrl mailtoUrl } } }`;
const MESSAGE = 'query($id: ID!) { message(id: $id) { id status attempts smtpResponse nextAttemptAt lastError { code message permanent } sentAt } }';

interface Sent {
  id: string;
  status: string;
  from: { address: string; name: string };
  to: string[];
  attempts: number;
  messageId: string;
  smtpResponse: string | null;
  nextAttemptAt: string | null;
  waitReason: string | null;
  lastError: { code: string; message: string; permanent: boolean } | null;
  handOff: { emlUrl: string; mailtoUrl: string | null } | null;
}

const base = { source: 'SALES_ORDER', documentRef: 'MT-1001', to: ['"Virtanen, Matti" <matti@asiakas.fi>'], subject: 'Tilausvahvistus 1001', body: 'Hei,\n\nliitteenä tilausvahvistus.' };

describe.each(DATABASE_KINDS)('sending e-mail on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  let reply: { code: number; message: string } | null = null;

  beforeAll(async () => {
    smtp = await startSmtpServer({ onMail: () => reply });
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox and an empty mailbox.
    reply = null;
    await api.drain();
    smtp.clear();
  });

  const send = async (input: Record<string, unknown>, token = api.a.user.token) => {
    const result = await api.gql<{ sendMessage: Sent }>(SEND, { input: { ...base, ...input } }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.sendMessage;
  };
  const read = async (id: string) => (await api.gql<{ message: Sent }>(MESSAGE, { id }, { token: api.a.admin.token })).data!.message;

  it('stores the message as QUEUED, then the dispatcher sends it and records SENT with the server reply', async () => {
    const queued = await send({});
    expect(queued.status).toBe('QUEUED');
    expect(smtp.count).toBe(0);
    await api.drain();
    const sent = await read(queued.id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(sent.smtpResponse).toMatch(/^250/);
    const [mail] = await smtp.waitFor(1);
    const parsed = await mail!.parse();
    expect(parsed.messageId).toBe(queued.messageId);
    expect(mail!.envelope).toEqual({ from: 'myynti@yritys.fi', to: ['matti@asiakas.fi'] });
    expect(parsed.subject).toBe('Tilausvahvistus 1001');
  });

  it("resolves the sender on the server: the company's address for a user with none of their own", async () => {
    const queued = await send({});
    expect(queued.from).toEqual({ address: 'myynti@yritys.fi', name: 'Yritys Oy' });
  });

  it('answers SENT at once with wait: true', async () => {
    const dispatcher = api.runtime.services.createDispatcher({ pollMs: 20 });
    dispatcher.start();
    try {
      const sent = await send({ wait: true });
      expect(sent.status).toBe('SENT');
      expect(sent.smtpResponse).toMatch(/^250/);
    } finally {
      await dispatcher.stop();
    }
  });

  it('stops at once when told to during a claim round, without waiting out the poll interval', async () => {
    // A poll interval far longer than the test may take: stopping must not wait for it.
    // Nothing to send either: no finished send comes to wake the loop.
    const dispatcher = api.runtime.services.createDispatcher({ pollMs: 10 * 60_000 });
    dispatcher.start();
    // The first round is under way (start does not wait for it): the stop comes in the middle of it,
    // and must end the loop without the test's timeout running out first.
    await expect(dispatcher.stop()).resolves.toBeUndefined();
  });

  it('retries a transient failure (451) with backoff, then sends the same Message-ID', async () => {
    reply = { code: 451, message: '4.3.0 Try again later' };
    const queued = await send({});
    await api.drain();
    const retrying = await read(queued.id);
    expect(retrying).toMatchObject({ status: 'RETRYING', attempts: 1, lastError: { code: 'TEMPORARY_FAILURE', permanent: false } });
    expect(new Date(retrying.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    reply = null;
    const later = api.runtime.services.createDispatcher({ now: () => new Date(Date.now() + 60_000) });
    await api.drain(later);
    const sent = await read(queued.id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2 });
    const arrived = await smtp.waitFor(1);
    expect((await arrived[0]!.parse()).messageId).toBe(queued.messageId);
  });

  it('fails at once on a permanent refusal (554), with the reason', async () => {
    reply = { code: 554, message: '5.7.1 Message rejected as spam' };
    const queued = await send({});
    await api.drain();
    const failed = await read(queued.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: { permanent: true } });
    expect(failed.lastError?.message).toMatch(/554/);
  });

  it('gives up on transient failures after the retry window and says so', async () => {
    reply = { code: 421, message: '4.4.2 Busy' };
    const queued = await send({});
    await api.drain();
    const muchLater = api.runtime.services.createDispatcher({ now: () => new Date(Date.now() + 49 * 3600_000) });
    await api.drain(muchLater);
    const failed = await read(queued.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastError?.message).toMatch(/yrityksellä/);
  });

  it('returns the first message for a repeated idempotency key and sends nothing new', async () => {
    const first = await send({ idempotencyKey: 'order-1001-confirmation' });
    const again = await send({ idempotencyKey: 'order-1001-confirmation' });
    expect(again.id).toBe(first.id);
    await api.drain();
    expect(smtp.count).toBe(1);
  });

  it('refuses the same idempotency key with a different message', async () => {
    await send({ idempotencyKey: 'order-1002' });
    const result = await api.gql(SEND, { input: { ...base, subject: 'Toinen', idempotencyKey: 'order-1002' } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('cancels a message before sending starts, and then it is never sent', async () => {
    const queued = await send({});
    const cancelled = await api.gql<{ cancelMessage: { status: string } }>('mutation($id: ID!) { cancelMessage(id: $id) { status } }', { id: queued.id }, { token: api.a.user.token });
    expect(cancelled.data?.cancelMessage.status).toBe('CANCELLED');
    await api.drain();
    expect(smtp.count).toBe(0);
  });

  it('refuses to cancel a message that was already sent', async () => {
    const queued = await send({});
    await api.drain();
    const result = await api.gql('mutation($id: ID!) { cancelMessage(id: $id) { status } }', { id: queued.id }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.reason).toBe('NOT_CANCELLABLE');
  });

  it('answers a scheduled message at once even with wait: true', async () => {
    const waiting = jest.spyOn(api.runtime.services.messageLifecycle, 'waitForFinal');
    try {
      const queued = await send({ sendAt: new Date(Date.now() + 3600_000).toISOString(), wait: true });
      expect(queued).toMatchObject({ status: 'QUEUED', waitReason: 'SCHEDULED' });
      expect(waiting).not.toHaveBeenCalled();
    } finally {
      waiting.mockRestore();
    }
  });

  it('holds a scheduled message until its time', async () => {
    const at = new Date(Date.now() + 3600_000);
    const queued = await send({ sendAt: at.toISOString() });
    expect(queued.waitReason).toBe('SCHEDULED');
    await api.drain();
    expect((await read(queued.id)).status).toBe('QUEUED');
    await api.drain(api.runtime.services.createDispatcher({ now: () => new Date(at.getTime() + 1000) }));
    expect((await read(queued.id)).status).toBe('SENT');
  });

  it('refuses invalid recipients, naming each, and stores nothing', async () => {
    const before = await api.gql<{ messages: { totalCount: number } }>('{ messages { totalCount } }', {}, { token: api.a.admin.token });
    const result = await api.gql(SEND, { input: { ...base, to: ['hyva@x.fi; huono@'], cc: ['ei osoite'] } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(['to.0', 'cc.0']);
    const after = await api.gql<{ messages: { totalCount: number } }>('{ messages { totalCount } }', {}, { token: api.a.admin.token });
    expect(after.data?.messages.totalCount).toBe(before.data?.messages.totalCount);
  });

  it('sends with the settings current at send time', async () => {
    const other = await startSmtpServer();
    try {
      const queued = await send({});
      await api.useSmtpServer(api.a.id, other);
      await api.drain();
      expect((await read(queued.id)).status).toBe('SENT');
      expect(other.count).toBe(1);
      expect(smtp.count).toBe(0);
    } finally {
      await api.useSmtpServer(api.a.id, smtp);
      await other.close();
    }
  });
});

describe.each(DATABASE_KINDS)('sending through TLS and AUTH on %s', (kind) => {
  let api: TestApi;
  let cert: Awaited<ReturnType<typeof makeSelfSignedCertificate>>;
  beforeAll(async () => {
    api = await startTestApi(kind);
    cert = await makeSelfSignedCertificate(['localhost', '127.0.0.1']);
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['STARTTLS (TLS) on a submission port', { secure: false }, 'TLS'],
    ['implicit TLS (SSL)', { secure: true }, 'SSL'],
  ] as const)('sends with %s and AUTH, trusting the CA given in the settings', async (_name, serverTls, encryption) => {
    const server = await startSmtpServer({ ...serverTls, tls: cert, auth: { users: { 'myynti@yritys.fi': 'Oikea-Salasana-1' } } });
    try {
      await api.useSmtpServer(api.a.id, server, { encryption, authEnabled: true, username: 'myynti@yritys.fi', password: 'Oikea-Salasana-1', caCertificate: cert.cert, host: 'localhost' });
      const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: base }, { token: api.a.user.token });
      await api.drain();
      const [mail] = await server.waitFor(1);
      expect(mail!.session).toMatchObject({ secure: true, user: 'myynti@yritys.fi' });
      const sent = await api.gql<{ message: { status: string } }>(MESSAGE, { id: result.data!.sendMessage.id }, { token: api.a.user.token });
      expect(sent.data?.message.status).toBe('SENT');
    } finally {
      await server.close();
    }
  });

  it('fails on a wrong password (535) and succeeds on retry once the password is corrected', async () => {
    const server = await startSmtpServer({ tls: cert, auth: { users: { 'myynti@yritys.fi': 'Uusi-Salasana-2' } } });
    try {
      await api.useSmtpServer(api.a.id, server, { encryption: 'TLS', authEnabled: true, username: 'myynti@yritys.fi', password: 'Vanha-Salasana-1', caCertificate: cert.cert, host: 'localhost' });
      const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: base }, { token: api.a.user.token });
      const id = result.data!.sendMessage.id;
      await api.drain();
      const failed = await api.gql<{ message: Sent }>(MESSAGE, { id }, { token: api.a.user.token });
      expect(failed.data?.message).toMatchObject({ status: 'FAILED', lastError: { code: 'AUTH_FAILED', permanent: true } });
      expect(failed.data?.message.lastError?.message).toMatch(/Kirjautuminen epäonnistui \(535\)/);
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtp: { password: 'Uusi-Salasana-2' } });
      const retried = await api.gql<{ retryMessage: { status: string } }>('mutation($id: ID!) { retryMessage(id: $id) { status } }', { id }, { token: api.a.user.token });
      expect(retried.data?.retryMessage.status).toBe('QUEUED');
      await api.drain();
      const sent = await api.gql<{ message: Sent }>(MESSAGE, { id }, { token: api.a.user.token });
      expect(sent.data?.message).toMatchObject({ status: 'SENT', attempts: 2 });
    } finally {
      await server.close();
    }
  });

  it('sends nothing in clear when TLS is chosen and the server offers no STARTTLS', async () => {
    const server = await startSmtpServer({ starttls: false, auth: { users: { u: 'Salasana-123' } } });
    try {
      await api.useSmtpServer(api.a.id, server, { encryption: 'TLS', authEnabled: true, username: 'u', password: 'Salasana-123' });
      const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input: base }, { token: api.a.user.token });
      await api.drain();
      const message = await api.gql<{ message: Sent }>(MESSAGE, { id: result.data!.sendMessage.id }, { token: api.a.user.token });
      expect(message.data?.message).toMatchObject({ status: 'RETRYING', lastError: { code: 'STARTTLS_UNAVAILABLE' } });
      expect(server.count).toBe(0);
      expect(server.authAttempts).toBe(0);
    } finally {
      await server.close();
    }
  });
});
