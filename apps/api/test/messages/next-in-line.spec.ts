import type { EntitySubscriberInterface } from 'typeorm';
import { startTarpit } from '@maestro/test-support';
import { createServices, type Services } from '../../src/app/services';
import type { Caller } from '../../src/common/caller';
import { NextInLine } from '../../src/modules/messages/dispatch/next-in-line';
import type { OutboxDispatcher, OutboxDispatcherOptions } from '../../src/modules/messages/dispatch/outbox-dispatcher';
import { SendingAccountEntity } from '../../src/modules/messages/dispatch/sending-account.entity';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { startCountingServer, until } from '../support/counting-smtp-server';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

describe.each(DATABASE_KINDS)("sending an account's next message in turn on %s", (kind) => {
  let api: TestApi;
  const started: Array<{ services: Services; dispatcher: OutboxDispatcher }> = [];
  const closing: Array<() => Promise<void>> = [];

  const userOf = (company: TestApi['a']): Caller => ({ kind: 'USER', userId: company.user.id, companyId: company.id, role: 'USER', username: `${company.name}-user` }) as Caller;
  const adminOf = (company: TestApi['a']): Caller => ({ kind: 'USER', userId: company.admin.id, companyId: company.id, role: 'ADMIN', username: `${company.name}-admin` }) as Caller;
  const messages = () => api.runtime.db.getRepository(OutboundMessageEntity);
  const send = (company: TestApi['a'], i: number) =>
    api.runtime.services.messageIntake.send(userOf(company), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
  const sentOf = (company: TestApi['a']) => messages().countBy({ companyId: company.id, status: 'SENT' });

  /** A dispatcher of its own on the API's database, as a worker process would run one. */
  function dispatcher(options: Partial<OutboxDispatcherOptions> & { workerId: string }): { services: Services; dispatcher: OutboxDispatcher } {
    const services = createServices({ db: api.runtime.db, box: api.runtime.services.box, config: api.config, log: api.runtime.log });
    const worker = { services, dispatcher: services.createDispatcher({ concurrency: 10, pollMs: 60_000, leaseMs: 60_000, ...options }) };
    started.push(worker);
    return worker;
  }

  /** Its claim rounds so far (maestro_claim_rounds_total). */
  const roundsOf = async (services: Services) => (await services.metrics.claimRounds.get()).values.reduce((sum, v) => sum + v.value, 0);

  /** A line of its own, loading nothing besides the rows (these messages have no attachments). */
  const lineFor = (workerId: string) =>
    new NextInLine(api.runtime.db, {
      workerId,
      load: async (read) => read.map((message) => ({ message, attachments: [], recipients: undefined })),
      onError: (err) => {
        throw err;
      },
    });

  /**
   * `count` of A's messages queued (nothing is sent: only the line and the table are looked at), and
   * read ahead into a line of their own: the line, the account's key for it, and the messages.
   */
  async function readAhead(count: number, workerId: string) {
    await api.useSmtpServer(api.a.id, { port: 2525 });
    const sent = [];
    for (let i = 0; i < count; i++) sent.push(await send(api.a, i));
    const line = lineFor(workerId);
    const id = `${api.a.id}/${sent[0]!.accountKey}`;
    line.fill(id, { companyId: api.a.id, accountKey: sent[0]!.accountKey }, count, new Date());
    await until(async () => line.length(id) === count, `${count} are read ahead`);
    return { line, id, sent };
  }

  /** One of A's messages queued, and a line whose read of it is held (after its rows, before they join the line) until `open`. */
  async function lineWithReadHeld(workerId: string) {
    await api.useSmtpServer(api.a.id, { port: 2525 });
    const first = await send(api.a, 0);
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const line = new NextInLine(api.runtime.db, {
      workerId,
      load: async (read) => {
        await opened;
        return read.map((message) => ({ message, attachments: [], recipients: undefined }));
      },
      onError: (err) => {
        throw err;
      },
    });
    const id = `${api.a.id}/${first.accountKey}`;
    line.fill(id, { companyId: api.a.id, accountKey: first.accountKey }, 2, new Date());
    return { line, id, first, open: () => open() };
  }

  beforeEach(async () => {
    api = await startTestApi(kind);
  }, 60_000);

  afterEach(async () => {
    for (const w of started.splice(0)) {
      await w.dispatcher.stop();
      await w.services.smtp.close();
    }
    for (const close of closing.splice(0)) await close();
    await api?.close();
  });

  it("sends a busy account's backlog without a claim round for every freed slot", async () => {
    const server = await startCountingServer(5);
    closing.push(server.close);
    await api.useSmtpServer(api.a.id, server, { maxConnections: 3 });
    for (let i = 0; i < 60; i++) await send(api.a, i);
    // Every send counts as quick, however loaded the machine: a slow one rightly ends the turns.
    const { services, dispatcher: worker } = dispatcher({ workerId: 'w-turns', quickSendMs: 60_000 });
    worker.start();
    await until(async () => (await sentOf(api.a)) === 60, 'all 60 are SENT', 30_000);
    expect(server.received()).toBe(60);
    expect(server.maxAtOnce()).toBeLessThanOrEqual(3);
    // Claimed round by round, two freed slots at a time, this took 30 rounds and more.
    expect(await roundsOf(services)).toBeLessThanOrEqual(12);
  }, 60_000);

  it("gives a freed slot to another company waiting for the worker's slots, not to the next message in line", async () => {
    const server = await startCountingServer(20);
    const tarpit = await startTarpit();
    closing.push(server.close, tarpit.close);
    // Three slots: A's two (its cap and its share), and one held by a send of B's that hangs.
    await api.useSmtpServer(api.a.id, server, { maxConnections: 2 });
    await api.useSmtpServer(api.b.id, server);
    await api.runtime.services.settings.updateUserSettings(api.b.id, api.b.user.id, { smtp: { host: '127.0.0.1', port: tarpit.port, encryption: 'NONE', authEnabled: false, password: '' } } as never);
    for (let i = 0; i < 60; i++) await send(api.a, i);
    dispatcher({ workerId: 'w-full', concurrency: 3, pollMs: 50 }).dispatcher.start();
    await until(async () => (await sentOf(api.a)) >= 5, "five of A's are SENT");
    await send(api.b, 0);
    await until(async () => tarpit.openConnections >= 1, "B's send to a dead server hangs");

    // Every slot is taken: A's next messages would follow each other in its two until its backlog was gone.
    const order = await api.runtime.services.messageIntake.send(adminOf(api.b), { source: 'QUOTE', to: ['tilaaja@asiakas.fi'], subject: 'Tarjous', body: 'x' });
    await until(async () => (await messages().findOneByOrFail({ id: order.id })).status === 'SENT', "B's quote is SENT", 20_000);
    expect(await sentOf(api.a)).toBeLessThan(60);
    await tarpit.close();
  }, 60_000);

  it('stops while an account sends in turn with every message it claimed sent, and the rest still queued', async () => {
    const server = await startCountingServer(5);
    closing.push(server.close);
    await api.useSmtpServer(api.a.id, server, { maxConnections: 3 });
    for (let i = 0; i < 150; i++) await send(api.a, i);
    const { dispatcher: worker } = dispatcher({ workerId: 'w-stop', quickSendMs: 60_000 });
    worker.start();
    await until(async () => (await sentOf(api.a)) >= 20, '20 are SENT');
    await worker.stop();

    const sent = await sentOf(api.a);
    expect(sent).toBeLessThan(150);
    expect(await messages().countBy({ companyId: api.a.id, status: 'SENDING' })).toBe(0);
    expect(await messages().countBy({ companyId: api.a.id, status: 'QUEUED' })).toBe(150 - sent);
    expect(server.received()).toBe(sent);
  }, 60_000);

  it('stamps an account served as its line is read: turns count in the round-robin as rounds do', async () => {
    await api.useSmtpServer(api.a.id, { port: 2525 });
    const first = await send(api.a, 0);
    await send(api.a, 1);
    const accounts = api.runtime.db.getRepository(SendingAccountEntity);
    const of = { companyId: api.a.id, accountKey: first.accountKey as string };
    const before = (await accounts.findOneByOrFail(of)).lastClaimedAt;
    const line = lineFor('w-stamp');
    const id = `${api.a.id}/${first.accountKey}`;
    // An instant no claim has written: the stamp found after the read is the read's.
    const readAt = new Date(Date.now() + 5_000);
    line.fill(id, of, 2, readAt);
    await until(async () => line.length(id) === 2, 'two are read ahead');
    await until(async () => (await accounts.findOneByOrFail(of)).lastClaimedAt?.getTime() === readAt.getTime(), 'the account is stamped served', 5_000);
    expect(before?.getTime()).not.toBe(readAt.getTime());
  });

  it('does not keep a read ahead that returns after its line was dropped: the next read starts from the oldest', async () => {
    await api.useSmtpServer(api.a.id, { port: 2525 });
    const first = await send(api.a, 0);
    await send(api.a, 1);
    // Each read waits at its own gate, after its rows are read and before they join the line.
    const gates = [0, 1].map(() => {
      let open: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    });
    let loads = 0;
    const line = new NextInLine(api.runtime.db, {
      workerId: 'w-dropped',
      load: async (read) => {
        await gates[loads++]!.opened;
        return read.map((message) => ({ message, attachments: [], recipients: undefined }));
      },
      onError: (err) => {
        throw err;
      },
    });
    const id = `${api.a.id}/${first.accountKey}`;
    line.fill(id, { companyId: api.a.id, accountKey: first.accountKey }, 2, new Date());
    await until(async () => loads === 1, 'the read has its rows');
    line.drop(id);
    gates[0]!.open();
    // The first read has ended once a second can begin, or once the line holds what it read.
    await until(async () => {
      line.fill(id, { companyId: api.a.id, accountKey: first.accountKey }, 2, new Date());
      return loads === 2 || line.length(id) > 0;
    }, 'the first read ends');
    expect(line.length(id)).toBe(0);
    gates[1]!.open();
    await until(async () => line.length(id) === 2, 'the new read is kept');
  });

  it("gives a slot back when another account of the same company waits for the company's share", async () => {
    const server = await startCountingServer(50);
    const usersServer = await startCountingServer(20);
    closing.push(server.close, usersServer.close);
    // Four slots, so a company's share is three: the company account's turns hold all three of them.
    await api.useSmtpServer(api.a.id, server, { maxConnections: 3 });
    for (let i = 0; i < 200; i++) await api.runtime.services.messageIntake.send(adminOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { host: '127.0.0.1', port: usersServer.port, encryption: 'NONE', authEnabled: false, password: '' } } as never);
    dispatcher({ workerId: 'w-share', concurrency: 4, pollMs: 50, quickSendMs: 60_000 }).dispatcher.start();
    await until(async () => (await sentOf(api.a)) >= 10, 'ten of the company account are SENT');

    // The user's own account: the fourth slot is free, but the company's share is not.
    const own = await send(api.a, 1000);
    const ofCompanyAccount = { companyId: api.a.id, accountKey: (await messages().findOneByOrFail({ companyId: api.a.id, subject: 'Tilaus 0' })).accountKey as string };
    expect(own.accountKey).not.toBe(ofCompanyAccount.accountKey);
    await until(async () => (await messages().findOneByOrFail({ id: own.id })).status === 'SENT', "the user's message is SENT", 20_000);
    expect(await messages().countBy({ ...ofCompanyAccount, status: 'SENT' })).toBeLessThan(200);
  }, 60_000);

  it('keeps the worker alive when an outcome in a turn cannot be written for a reason other than an outage', async () => {
    const server = await startCountingServer(5);
    closing.push(server.close);
    await api.useSmtpServer(api.a.id, server, { maxConnections: 2 });
    const sent = [];
    for (let i = 0; i < 30; i++) sent.push(await send(api.a, i));
    // The outcome of one message, in the middle of a turn, refused as a fault of the statement (not an
    // outage, which is kept and written later): the SENT, and then the failure recorded instead.
    const target = sent[10]!.id;
    let refused = 0;
    const badOutcomes: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (/^UPDATE/.test(event.query) && !event.query.includes("'QUEUED'") && (event.parameters ?? []).includes(target) && refused < 2) {
          refused++;
          throw new Error('Data too long for column');
        }
      },
    };
    api.runtime.db.subscribers.push(badOutcomes);
    try {
      dispatcher({ workerId: 'w-bad-outcome', pollMs: 100, quickSendMs: 60_000 }).dispatcher.start();
      await until(async () => (await sentOf(api.a)) === 29, 'the others are SENT', 30_000);
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(badOutcomes), 1);
    }
    expect(refused).toBe(2);
    // Logged, not an unhandled rejection (Jest fails a test with one; a worker process would exit).
    await until(async () => api.logs.some((line) => line.includes('a dispatch task failed') && line.includes(target)), 'the failed task is logged', 5_000);
    expect(await messages().findOneByOrFail({ id: target })).toMatchObject({ status: 'SENDING' });
  }, 60_000);

  it('writes the lease of a message taken after waiting for its read from when it is taken', async () => {
    const { line, id, first, open } = await lineWithReadHeld('w-lease');
    const taking = line.take(id, () => new Date(), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readEnded = Date.now();
    open();
    const next = await taking;
    expect(next?.message.id).toBe(first.id);
    expect(next!.message.lockedUntil!.getTime()).toBeGreaterThanOrEqual(readEnded + 60_000);
  });

  it('waits only briefly for a read that does not return, and leaves the account to a claim round', async () => {
    const { line, id, first, open } = await lineWithReadHeld('w-hung');
    const started = Date.now();
    await expect(line.take(id, () => new Date(), 60_000)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await messages().findOneByOrFail({ id: first.id })).toMatchObject({ status: 'QUEUED', lockedBy: null });
    open();
  });

  it('never sends a message read ahead that was cancelled meanwhile', async () => {
    const { line, id, sent } = await readAhead(3, 'w-cancel');
    await api.runtime.services.messageLifecycle.cancel(userOf(api.a), sent[0]!.id);

    const now = new Date();
    const next = await line.take(id, () => now, 60_000);
    expect(next?.message.id).toBe(sent[1]!.id);
    expect(next?.message).toMatchObject({ status: 'SENDING', lockedBy: 'w-cancel', attempts: 1 });
    expect(await messages().findOneByOrFail({ id: sent[0]!.id })).toMatchObject({ status: 'CANCELLED', attempts: 0 });
    expect(await messages().findOneByOrFail({ id: sent[1]!.id })).toMatchObject({ status: 'SENDING', lockedBy: 'w-cancel', attempts: 1 });
  });

  it('passes over a message read ahead that changed since, even when it is queued again, and leaves it to a claim round', async () => {
    const { line, id, sent } = await readAhead(2, 'w-changed');
    // Cancelled and sent again by a person: queued as before, but not as it was read.
    await api.runtime.services.messageLifecycle.cancel(userOf(api.a), sent[0]!.id);
    await api.runtime.services.messageLifecycle.retry(userOf(api.a), sent[0]!.id);

    const now = new Date();
    expect((await line.take(id, () => now, 60_000))?.message.id).toBe(sent[1]!.id);
    expect(await messages().findOneByOrFail({ id: sent[0]!.id })).toMatchObject({ status: 'QUEUED', lockedBy: null });
    expect(line.length(id)).toBe(0);
  });

  it('loses and doubles nothing when claiming the next message in turn fails after the database took it', async () => {
    const server = await startCountingServer(5);
    closing.push(server.close);
    await api.useSmtpServer(api.a.id, server, { maxConnections: 2 });
    for (let i = 0; i < 30; i++) await send(api.a, i);
    // The claim is stored, but the answer is lost on the way: the worker does not know it holds the
    // message, so nobody sends it until its lease runs out and a round takes it over.
    let failed = 0;
    const lostAnswers: EntitySubscriberInterface = {
      afterQuery: (event) => {
        if (/^UPDATE/.test(event.query) && event.query.includes("= 'QUEUED' AND") && failed < 2) {
          failed++;
          throw new Error('the connection was lost');
        }
      },
    };
    api.runtime.db.subscribers.push(lostAnswers);
    try {
      dispatcher({ workerId: 'w-lost', pollMs: 200, leaseMs: 1500, quickSendMs: 60_000 }).dispatcher.start();
      await until(async () => (await sentOf(api.a)) === 30, 'all 30 are SENT', 30_000);
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(lostAnswers), 1);
    }
    expect(failed).toBe(2);
    expect(server.received()).toBe(30);
    expect(server.maxAtOnce()).toBeLessThanOrEqual(2);
  }, 60_000);
});
