import Database from 'better-sqlite3';
import type { EntitySubscriberInterface } from 'typeorm';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { freePort, startTarpit, type RunningTarpit } from '@maestro/test-support';
import { createServices, type Services } from '../../src/app/services';
import { openDatabase } from '../../src/db/data-source';
import type { Caller } from '../../src/common/caller';
import type { OutboxDispatcher } from '../../src/modules/messages/dispatch/outbox-dispatcher';
import { accountId, claimDueMessages, dueScanQuery } from '../../src/modules/messages/dispatch/claim-due-messages';
import { SendingAccountEntity } from '../../src/modules/messages/dispatch/sending-account.entity';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { pagesOf, pagesReadBy } from '../support/sqlite-page-reads';
import { startTestApi, type TestApi } from '../support/test-api';
import { startCountingServer, until } from '../support/counting-smtp-server';

describe.each(DATABASE_KINDS)('isolation between sending accounts on %s', (kind) => {
  let api: TestApi;
  let healthy: RunningSmtpServer;
  let tarpit: RunningTarpit;
  const extra: Array<{ services: Services; dispatcher: OutboxDispatcher }> = [];

  const userOf = (company: TestApi['a']): Caller => ({ kind: 'USER', userId: company.user.id, companyId: company.id, role: 'USER', username: `${company.name}-user` }) as Caller;
  const adminOf = (company: TestApi['a']): Caller => ({ kind: 'USER', userId: company.admin.id, companyId: company.id, role: 'ADMIN', username: `${company.name}-admin` }) as Caller;
  const messages = () => api.runtime.db.getRepository(OutboundMessageEntity);

  async function worker(id: string, concurrency: number): Promise<OutboxDispatcher> {
    // Each MySQL worker has its own connection pool, as a separate process would; every worker has its own SMTP pools.
    const db = kind === 'mysql' ? await openDatabase(api.db.target) : api.runtime.db;
    const services = createServices({ db, box: api.runtime.services.box, config: api.config, log: api.runtime.log });
    const dispatcher = services.createDispatcher({ workerId: id, pollMs: 20, leaseMs: 60_000, concurrency });
    extra.push({ services, dispatcher });
    return dispatcher;
  }

  /**
   * A dispatcher of its own on the API's database, whose sends to a server that never greets hang for
   * 30 s (longer than any wait here), so only what the test does can get a message claimed.
   */
  function patientDispatcher(options: { workerId: string; concurrency: number; pollMs: number }): { services: Services; dispatcher: OutboxDispatcher } {
    const config = { ...api.config, smtpTimeouts: { ...api.config.smtpTimeouts, connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 } };
    const services = createServices({ db: api.runtime.db, box: api.runtime.services.box, config, log: api.runtime.log });
    const dispatcher = services.createDispatcher({ ...options, leaseMs: 60_000 });
    extra.push({ services, dispatcher });
    return { services, dispatcher };
  }

  /**
   * `count` messages of company A's user, queued to one account whose cap is already known (4): its
   * accountKey. The claims then read the account as a dispatcher that has sent through it would.
   */
  async function queuedToKnownAccount(count: number): Promise<string> {
    const sent = await Promise.all(Array.from({ length: count }, (_, i) => api.runtime.services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' })));
    const accountKey = sent[0]!.accountKey as string;
    await api.runtime.db.getRepository(SendingAccountEntity).update({ companyId: api.a.id, accountKey }, { label: 'Myynti', maxConnections: 4 });
    return accountKey;
  }

  /** The claim rounds a dispatcher of these services has run (maestro_claim_rounds_total). */
  const roundsOf = async (services: Services) => (await services.metrics.claimRounds.get()).values.reduce((sum, v) => sum + v.value, 0);

  beforeEach(async () => {
    healthy = await startSmtpServer({ maxMessages: 1000 });
    tarpit = await startTarpit();
    api = await startTestApi(kind, { env: { MAESTRO_SMTP_TIMEOUT_SECONDS: '2' } });
  }, 60_000);

  afterEach(async () => {
    for (const w of extra.splice(0)) {
      await w.dispatcher.stop();
      await w.services.smtp.close();
      if (w.services.db !== api.runtime.db) await w.services.db.destroy();
    }
    await tarpit.close();
    await api?.close();
    await healthy?.close();
  });

  it("sends another company's message while the first company's backlog to a dead server still waits", async () => {
    await api.useSmtpServer(api.a.id, tarpit);
    await api.useSmtpServer(api.b.id, healthy);
    for (let i = 0; i < 30; i++) await api.runtime.services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    const b = await api.runtime.services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });

    (await worker('w-1', 10)).start();
    await until(async () => (await messages().findOneByOrFail({ id: b.id })).status === 'SENT', "B's message is SENT");

    // Order, not time: B went out while A's backlog had been tried no further than A's own cap (3).
    const tried = Number((await api.runtime.db.query(`SELECT COUNT(*) AS n FROM outbound_message WHERE companyId = '${api.a.id}' AND attempts > 0`))[0].n);
    expect(tried).toBeLessThanOrEqual(3);
    expect(await messages().countBy({ companyId: api.a.id, status: 'SENT' })).toBe(0);
    expect(tarpit.connectionCount).toBeLessThanOrEqual(3);
  }, 60_000);

  it("claims another company's new message at once while sends to a dead server hold most of the slots", async () => {
    await api.useSmtpServer(api.a.id, tarpit);
    await api.useSmtpServer(api.b.id, healthy);
    // Four slots, three of them A's cap; A's sends wait 30 s for a greeting; no poll comes to the rescue
    // within the test: only the message's acceptance can get it claimed.
    const { services, dispatcher } = patientDispatcher({ workerId: 'w-slots', concurrency: 4, pollMs: 60_000 });
    dispatcher.start();
    try {
      for (let i = 0; i < 10; i++) await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
      await until(async () => tarpit.openConnections >= 3, 'the tarpit holds three of A’s sends');
      const b = await services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
      await until(async () => (await messages().findOneByOrFail({ id: b.id })).status === 'SENT', "B's message is SENT");

      // Order, not time: B went out while A's three sends still hung on the tarpit.
      expect(await messages().countBy({ companyId: api.a.id, status: 'SENDING' })).toBe(3);
      expect(await messages().countBy({ companyId: api.a.id, status: 'RETRYING' })).toBe(0);
    } finally {
      // Cut A's hanging sends, or stopping the dispatcher would wait for their timeout.
      await tarpit.close();
    }
  }, 90_000);

  it("keeps slots for another company while one company's dead accounts could take them all", async () => {
    // A's company account and a user's own account each point at a dead server: 2 × cap 3 = 6 sends
    // could hang, in a worker of 6 slots; A may hold 4 of them (companyShare), the other 2 stay free.
    const second = await startTarpit();
    const hanging = () => tarpit.openConnections + second.openConnections;
    await api.useSmtpServer(api.a.id, tarpit);
    await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { host: '127.0.0.1', port: second.port, encryption: 'NONE', authEnabled: false, password: '' } } as never);
    await api.useSmtpServer(api.b.id, healthy);
    // A short poll: an account nobody has sent through yet gets one slot until its first send has begun.
    const { services, dispatcher } = patientDispatcher({ workerId: 'w-share', concurrency: 6, pollMs: 50 });
    for (let i = 0; i < 10; i++) {
      await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Oma ${i}`, body: 'x' });
      await services.messageIntake.send(adminOf(api.a), { source: 'QUOTE', to: [`asiakas${i}@asiakas.fi`], subject: `Yhteinen ${i}`, body: 'x' });
    }
    dispatcher.start();
    try {
      await until(async () => hanging() >= 4, 'the dead servers hold four of A’s sends');
      const b = await services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
      await until(async () => (await messages().findOneByOrFail({ id: b.id })).status === 'SENT', "B's message is SENT");

      // Order, not time: B went out while A held its four sends, and A never held more.
      expect(await messages().countBy({ companyId: api.a.id, status: 'SENDING' })).toBe(4);
      expect(hanging()).toBe(4);
    } finally {
      // Cut A's hanging sends, or stopping the dispatcher would wait for their timeout.
      await tarpit.close();
      await second.close();
    }
  }, 90_000);

  it("does not let one user's dead own account hold back the company account", async () => {
    await api.useSmtpServer(api.a.id, healthy);
    await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { host: '127.0.0.1', port: tarpit.port, encryption: 'NONE', authEnabled: false, password: '' } } as never);
    for (let i = 0; i < 30; i++) await api.runtime.services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    const company = await api.runtime.services.messageIntake.send(adminOf(api.a), { source: 'QUOTE', to: ['tilaaja@asiakas.fi'], subject: 'Tarjous', body: 'x' });
    const own = await messages().findOneByOrFail({ companyId: api.a.id, senderUserId: api.a.user.id });
    expect(own.accountKey).not.toBe(company.accountKey);

    (await worker('w-1', 10)).start();
    await until(async () => (await messages().findOneByOrFail({ id: company.id })).status === 'SENT', 'the company account’s message is SENT');
    const tried = Number((await api.runtime.db.query(`SELECT COUNT(*) AS n FROM outbound_message WHERE senderUserId = '${api.a.user.id}' AND attempts > 0`))[0].n);
    expect(tried).toBeLessThanOrEqual(3);
  }, 60_000);

  it('starts no claim round for messages of an account already at its cap', async () => {
    await api.useSmtpServer(api.a.id, tarpit);
    await api.useSmtpServer(api.b.id, healthy);
    const { services, dispatcher } = patientDispatcher({ workerId: 'w-rounds', concurrency: 10, pollMs: 60_000 });
    const rounds = () => roundsOf(services);
    const sendA = (i: number) => services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    dispatcher.start();
    try {
      for (let i = 0; i < 3; i++) await sendA(i);
      await until(async () => tarpit.openConnections >= 3, 'the tarpit holds three of A’s sends, its cap');
      // The round that filled A's cap left A at it: the dispatcher remembers that.
      const before = await rounds();
      for (let i = 3; i < 14; i++) await sendA(i);
      const b = await services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
      await until(async () => (await messages().findOneByOrFail({ id: b.id })).status === 'SENT', "B's message is SENT");
      // B's finished send made room in an account with nothing more due: one more round looks for new work.
      await until(async () => (await rounds()) >= before + 2, 'the round after B’s send');

      // A's eleven further messages started none: B's message and B's finished send did.
      expect(await rounds()).toBe(before + 2);
      expect(await messages().countBy({ companyId: api.a.id, status: 'SENDING' })).toBe(3);
    } finally {
      await tarpit.close();
    }
  }, 90_000);

  it('does not go round and round while a company at its share of two slots waits for a send that hangs', async () => {
    await api.useSmtpServer(api.a.id, tarpit);
    await api.useSmtpServer(api.b.id, healthy);
    // Two slots: A may hold one (companyShare), and more of A's messages are due than that.
    const { services, dispatcher } = patientDispatcher({ workerId: 'w-two', concurrency: 2, pollMs: 60_000 });
    const rounds = () => roundsOf(services);
    for (let i = 0; i < 5; i++) await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    dispatcher.start();
    try {
      await until(async () => tarpit.openConnections >= 1, 'the tarpit holds A’s one send');
      const before = await rounds();
      const b = await services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
      await until(async () => (await messages().findOneByOrFail({ id: b.id })).status === 'SENT', "B's message is SENT");
      // Nothing frees A's slot until its send times out: B's message, and B's finished send, start a round each.
      expect((await rounds()) - before).toBeLessThanOrEqual(3);
      expect(await messages().countBy({ companyId: api.a.id, status: 'SENDING' })).toBe(1);
    } finally {
      await tarpit.close();
    }
  }, 90_000);

  /**
   * `count` of A's messages through a counting server (5 ms a send; A's cap is 3) by a dispatcher of
   * its own, with every claim round's scan slowed by 40 ms so that sends finish while rounds run.
   * `check` runs once the dispatcher has started.
   */
  async function drainWithSlowScans(
    workerId: string,
    count: number,
    check: (server: Awaited<ReturnType<typeof startCountingServer>>, services: Services) => Promise<void>,
  ): Promise<void> {
    const server = await startCountingServer(5);
    const slowScans: EntitySubscriberInterface = {
      afterQuery: async (event) => {
        if (event.query.includes("'busy' AS")) await new Promise((resolve) => setTimeout(resolve, 40));
      },
    };
    api.runtime.db.subscribers.push(slowScans);
    try {
      await api.useSmtpServer(api.a.id, server);
      const services = createServices({ db: api.runtime.db, box: api.runtime.services.box, config: api.config, log: api.runtime.log });
      const dispatcher = services.createDispatcher({ workerId, concurrency: 10, pollMs: 60_000, leaseMs: 60_000 });
      extra.push({ services, dispatcher });
      for (let i = 0; i < count; i++) await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
      dispatcher.start();
      await check(server, services);
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(slowScans), 1);
      await server.close();
    }
  }

  it('sends a whole backlog through a capped account without waiting for a poll interval', async () => {
    // A finish the round's picture missed must still wake the loop, or the account waits for the next
    // poll (a minute here).
    await drainWithSlowScans('w-backlog', 40, async (server) => {
      await until(async () => server.received() === 40, 'all 40 arrive', 30_000);
      expect(server.maxAtOnce()).toBeLessThanOrEqual(3);
    });
  }, 60_000);

  it('claims into a capped account when its slots are free, not again for sends its last count already saw', async () => {
    // Sends finish while the slow scan runs, before the claim counts the account's sends in flight: the
    // count sees them free. Counted once more on top, they started a round at once that found the
    // account at its cap (on MariaDB a third of all rounds took nothing).
    await drainWithSlowScans('w-counted', 45, async (server, services) => {
      // Read while 15 are still due: once none is, a finished send rightly starts a round that looks for new work.
      await until(async () => server.received() >= 30, '30 of 45 arrive', 30_000);
      const { values } = await services.metrics.claimRounds.get();
      const took = (label: string) => values.filter((v) => v.labels.took === label).reduce((sum, v) => sum + v.value, 0);
      // A send may finish between the reading and the count on MariaDB: counted twice, it costs one round.
      expect(took('none')).toBeLessThanOrEqual(1);
      expect(took('some')).toBeGreaterThan(0);
      await until(async () => server.received() === 45, 'all 45 arrive', 30_000);
    });
  }, 60_000);

  it("claims a quick account's freed slots together, once half its cap is free", async () => {
    await api.useSmtpServer(api.a.id, healthy);
    const accountKey = await queuedToKnownAccount(10);
    const account = accountId(api.a.id, accountKey);
    const claim = (quickSends: boolean) => claimDueMessages(api.runtime.db, { workerId: 'w-batch', now: new Date(), leaseMs: 60_000, limit: 10, quickSends: () => quickSends });
    const finish = async (n: number) => {
      const sending = await messages().find({ where: { companyId: api.a.id, status: 'SENDING' }, take: n });
      await messages().update(sending.map((m) => m.id), { status: 'SENT', lockedBy: null, lockedUntil: null });
    };

    expect((await claim(true)).messages).toHaveLength(4);
    await finish(1);
    // One slot of four free: a quick account waits for a second; a slow one takes it at once.
    const waiting = await claim(true);
    expect(waiting.messages).toHaveLength(0);
    expect(waiting.capBound.get(account)).toEqual({ free: 1, cap: 4, countedAt: 0 });
    expect((await claim(false)).messages).toHaveLength(1);
    await finish(2);
    expect((await claim(true)).messages).toHaveLength(2);
  });

  it('finds which accounts have due messages without reading through the backlog', async () => {
    await api.useSmtpServer(api.a.id, healthy);
    await api.useSmtpServer(api.b.id, healthy);
    // SQLite is measured in pages: enough messages that reading through them would take dozens.
    await queuedToKnownAccount(kind === 'mysql' ? 300 : 1500);
    await api.runtime.services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
    const db = api.runtime.db;
    const [sql, parameters] = dueScanQuery(db, new Date());
    expect((await db.query(sql, parameters)).filter((row: { kind: string }) => row.kind === 'queued')).toHaveLength(2);
    const target = api.db.target;
    if (target.kind === 'mysql') {
      // MariaDB runs the statement and reports the rows it read: a seek per account, not 301 rows.
      const [analysis] = (await db.query(`ANALYZE FORMAT=JSON ${sql}`, parameters)) as Array<{ ANALYZE: string }>;
      const report = analysis?.ANALYZE ?? '';
      expect(report).toContain('"r_rows"');
      const rowsRead = [...report.matchAll(/"r_rows": ([\d.]+)/g)].reduce((sum, [, n]) => sum + Number(n), 0);
      expect(rowsRead).toBeLessThan(20);
    } else {
      // SQLite counts no rows read: the pages the scan reads are counted instead. Reading through the
      // backlog's index entries, as a GROUP BY does, reads most of the index's pages; a walk from
      // account to account reads a few.
      const index = db.getMetadata(OutboundMessageEntity).indices.find((i) => i.columns.map((c) => c.propertyName).join() === 'status,companyId,accountKey,nextAttemptAt');
      const indexPages = pagesOf(target.file, index?.name ?? '');
      expect(indexPages).toBeGreaterThan(30);
      expect(pagesReadBy(target.file, sql, ...parameters)).toBeLessThan(indexPages / 4);
      const plan = ((await db.query(`EXPLAIN QUERY PLAN ${sql}`, parameters)) as Array<{ detail: string }>).map((step) => step.detail);
      expect(plan.filter((step) => /TEMP B-TREE/.test(step))).toEqual([]);
    }
  });

  it('finds every account with due messages: those stored before messages named their account, retries, and not those due later', async () => {
    await api.useSmtpServer(api.a.id, healthy);
    await api.useSmtpServer(api.b.id, healthy);
    const send = (caller: Caller, i: number) => api.runtime.services.messageIntake.send(caller, { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    const [a1, a2, a3, a4, b1, b2, b3] = await Promise.all([1, 2, 3, 4].map((i) => send(userOf(api.a), i)).concat([5, 6, 7].map((i) => send(userOf(api.b), i))));
    const messages = api.runtime.db.getRepository(OutboundMessageEntity);
    // Company A: one message without an account (it sorts first), one of its account, one of an account
    // named after it, and one retry of its account. Company B: a retry without an account, one of its
    // account, and one of an account due only tomorrow.
    await messages.update({ id: a1!.id }, { accountKey: null });
    await messages.update({ id: a3!.id }, { accountKey: 'zz-toinen' });
    await messages.update({ id: a4!.id }, { status: 'RETRYING' });
    await messages.update({ id: b1!.id }, { accountKey: null, status: 'RETRYING' });
    await messages.update({ id: b3!.id }, { accountKey: 'huomenna', nextAttemptAt: new Date(Date.now() + 24 * 3600_000) });
    const [sql, parameters] = dueScanQuery(api.runtime.db, new Date());
    const rows: Array<{ kind: string; companyId: string; accountKey: string | null }> = await api.runtime.db.query(sql, parameters);
    const found = rows.filter((row) => row.kind === 'queued').map((row) => `${row.companyId === api.a.id ? 'A' : 'B'}:${row.accountKey ?? '-'}`);
    const [keyA, keyB] = [a2!.accountKey, b2!.accountKey];
    expect(found.sort()).toEqual([`A:-`, `A:${keyA}`, `A:${keyA}`, 'A:zz-toinen', 'B:-', `B:${keyB}`].sort());
  });

  it('claims into an account again at the same instant: a stamp that changes nothing still holds the account', async () => {
    await api.useSmtpServer(api.a.id, healthy);
    await queuedToKnownAccount(4);
    // Two rounds in the same millisecond write the same lastClaimedAt: the row matches, nothing changes.
    const now = new Date();
    const claim = (limit: number) => claimDueMessages(api.runtime.db, { workerId: 'w-instant', now, leaseMs: 60_000, limit });
    expect((await claim(2)).messages).toHaveLength(2);
    const again = await claim(2);
    expect(again.changedSinceScan).toBe(false);
    expect(again.messages).toHaveLength(2);
  });

  it('claims no more than a cap lowered between the scan and the claim', async () => {
    await api.useSmtpServer(api.a.id, healthy);
    const accountKey = await queuedToKnownAccount(6);
    // An admin lowers the cap to 1 right after the claim's scan read 4 (its read of the account rows),
    // through a connection of its own.
    const lowerCap = async () => {
      const target = api.db.target;
      if (target.kind === 'sqlite') {
        const other = new Database(target.file);
        other.prepare('UPDATE sending_account SET maxConnections = 1 WHERE companyId = ? AND accountKey = ?').run(api.a.id, accountKey);
        other.close();
      } else {
        const other = await openDatabase(target);
        await other.getRepository(SendingAccountEntity).update({ companyId: api.a.id, accountKey }, { maxConnections: 1 });
        await other.destroy();
      }
    };
    let lowered = false;
    const afterScan: EntitySubscriberInterface = {
      afterQuery: async (event) => {
        // The scan (it reads the account rows with the due messages).
        if (lowered || !/'queued' AS/.test(event.query)) return;
        lowered = true;
        await lowerCap();
      },
    };
    api.runtime.db.subscribers.push(afterScan);
    try {
      const claim = () => claimDueMessages(api.runtime.db, { workerId: 'w-lowered', now: new Date(), leaseMs: 60_000, limit: 10 });
      const first = await claim();
      expect(first.messages).toHaveLength(0);
      expect(first.changedSinceScan).toBe(true);
      // The next round reads the cap as it is now.
      expect((await claim()).messages).toHaveLength(1);
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(afterScan), 1);
    }
  });

  it('hands over what a round claimed before claiming the next account failed, instead of leaving it to its lease', async () => {
    await api.useSmtpServer(api.a.id, healthy);
    await api.useSmtpServer(api.b.id, healthy);
    for (const company of [api.a, api.b]) await api.runtime.services.messageIntake.send(userOf(company), { source: 'SALES_ORDER', to: ['tilaaja@asiakas.fi'], subject: 'Tilausvahvistus', body: 'x' });
    // The second account's claim meets a database that fails mid-round.
    let stamps = 0;
    const failSecondStamp: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (/^UPDATE .sending_account. SET .lastClaimedAt./.test(event.query) && ++stamps === 2) throw new Error('the connection was lost');
      },
    };
    api.runtime.db.subscribers.push(failSecondStamp);
    try {
      const round = await claimDueMessages(api.runtime.db, { workerId: 'w-cut', now: new Date(), leaseMs: 60_000, limit: 10 });
      expect(round.messages).toHaveLength(1);
      expect(String(round.interruptedBy)).toMatch(/connection was lost/);
      // Nothing is known of the rest: the dispatcher runs a new round at once.
      expect(round.changedSinceScan).toBe(true);
      const [claimed] = round.messages;
      expect(await messages().findOneBy({ id: claimed!.id })).toMatchObject({ status: 'SENDING', lockedBy: 'w-cut' });
      // The other company's message was not claimed, and the next round takes it.
      const next = await claimDueMessages(api.runtime.db, { workerId: 'w-cut', now: new Date(), leaseMs: 60_000, limit: 10 });
      expect(next.messages.map((m) => m.companyId)).toEqual([[api.a.id, api.b.id].find((id) => id !== claimed!.companyId)]);
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(failSecondStamp), 1);
    }
  });

  it('never has more of one account’s messages in transfer than its cap, across two dispatchers', async () => {
    const counting = await startCountingServer(30);
    try {
      await api.useSmtpServer(api.a.id, counting, { maxConnections: 2 });
      for (let i = 0; i < 24; i++) await api.runtime.services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
      (await worker('w-1', 10)).start();
      (await worker('w-2', 10)).start();
      await until(async () => (await messages().countBy({ companyId: api.a.id, status: 'SENT' })) === 24, 'all 24 are SENT');
      expect(counting.received()).toBe(24);
      expect(counting.maxAtOnce()).toBeLessThanOrEqual(2);
      const [state] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
      expect(state?.maxConnections).toBe(2);
    } finally {
      for (const w of extra.splice(0)) {
        await w.dispatcher.stop();
        await w.services.smtp.close();
        if (w.services.db !== api.runtime.db) await w.services.db.destroy();
      }
      await counting.close();
    }
  }, 60_000);

  it('parks an account whose connections are refused, keeps its messages aside, and probes it with one message after the backoff', async () => {
    // A port nobody listens on (refused), where a healthy server starts later: the same account.
    const port = await freePort();
    await api.useSmtpServer(api.a.id, { port });
    let clock = new Date(Date.now() + 1000);
    const services = api.runtime.services;
    const dispatcher = services.createDispatcher({ workerId: 'w-clock', now: () => clock, concurrency: 10, parking: { failuresToPark: 2, firstParkMs: 60_000, maxParkMs: 30 * 60_000 } });
    for (let i = 0; i < 6; i++) await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });
    clock = new Date(Date.now() + 1000);

    // Three at once (the account's cap): their refused connections park it.
    expect(await dispatcher.runOnce()).toHaveLength(3);
    const [parked] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
    expect(parked).toMatchObject({ parkReason: 'CONNECTION_REFUSED', parkedUntil: new Date(clock.getTime() + 60_000) });
    const waiting = await messages().findBy({ companyId: api.a.id, status: 'QUEUED' });
    expect(waiting.map((m) => m.waitReason)).toEqual(['ACCOUNT_UNREACHABLE', 'ACCOUNT_UNREACHABLE', 'ACCOUNT_UNREACHABLE']);
    const shown = await api.gql<{ message: { waitMessage: string | null } }>('query($id: ID!) { message(id: $id) { waitMessage } }', { id: waiting[0]!.id }, { token: api.a.user.token });
    expect(shown.data?.message.waitMessage).toBe('Lähetystili ei vastaa: sen palvelimeen ei saada yhteyttä, yhteyttä kokeillaan pian uudelleen');

    // Parked: nothing is claimed, however much is due.
    clock = new Date(clock.getTime() + 59_000);
    expect(await dispatcher.runOnce()).toHaveLength(0);

    // A message queued during the park waits for the account too, and says so.
    const during = await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: ['myohemmin@asiakas.fi'], subject: 'Tilaus kesken tauon', body: 'x' });
    const read = await api.gql<{ message: { status: string; waitReason: string | null } }>('query($id: ID!) { message(id: $id) { status waitReason } }', { id: during.id }, { token: api.a.admin.token });
    expect(read.data?.message).toEqual({ status: 'QUEUED', waitReason: 'ACCOUNT_UNREACHABLE' });

    // After the backoff the server is back: exactly one message probes it, and its success unparks.
    const server = await startSmtpServer({ port, maxMessages: 100 });
    try {
      clock = new Date(clock.getTime() + 2_000);
      const probed = await dispatcher.runOnce();
      expect(probed.map((r) => r.status)).toEqual(['SENT']);
      const [after] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
      expect(after).toMatchObject({ parkReason: null, parkedUntil: null, connectionFailures: 0 });
      clock = new Date(clock.getTime() + 60_000);
      expect(await dispatcher.runOnce()).toHaveLength(3);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('clears the failures on record once a message of the account reaches its server', async () => {
    const port = await freePort();
    await api.useSmtpServer(api.a.id, { port }, { maxConnections: 1 });
    const services = api.runtime.services;
    const dispatcher = services.createDispatcher({ workerId: 'w-once', concurrency: 1 });
    for (let i = 0; i < 2; i++) await services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: 'x' });

    // One refused connection: counted, not parked (three park).
    expect((await dispatcher.runOnce()).map((r) => r.status)).toEqual(['RETRYING']);
    const [failing] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
    expect(failing).toMatchObject({ connectionFailures: 1, parkReason: null });

    const server = await startSmtpServer({ port, maxMessages: 100 });
    try {
      expect((await dispatcher.runOnce()).map((r) => r.status)).toEqual(['SENT']);
      const [after] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
      expect(after?.connectionFailures).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("shows an admin the company's parked accounts and why, never another company's, and probes one on request", async () => {
    await api.useSmtpServer(api.a.id, tarpit);
    await api.useSmtpServer(api.b.id, healthy);
    await api.runtime.services.messageIntake.send(userOf(api.a), { source: 'SALES_ORDER', to: ['asiakas@asiakas.fi'], subject: 'Tilaus', body: 'x' });
    await api.runtime.services.messageIntake.send(userOf(api.b), { source: 'SALES_ORDER', to: ['asiakas@asiakas.fi'], subject: 'Tilaus', body: 'x' });
    const [state] = await api.runtime.db.getRepository(SendingAccountEntity).findBy({ companyId: api.a.id });
    const failure = { code: 'NO_GREETING', permanent: false, message: { fi: 'Palvelin ei vastannut', en: 'The server did not answer' } } as never;
    const accounts = api.runtime.services.accountStates;
    for (let i = 0; i < 3; i++) await accounts.connectionFailed(api.a.id, state!.accountKey, failure, new Date());

    const query = 'query { sendingAccounts { accountKey label parked parkedUntil parkReason parkMessage connectionFailures maxConnections } }';
    const a = await api.gql<{ sendingAccounts: Array<Record<string, unknown>> }>(query, {}, { token: api.a.admin.token });
    expect(a.data?.sendingAccounts).toEqual([
      expect.objectContaining({ accountKey: state!.accountKey, label: `127.0.0.1:${tarpit.port}`, parked: true, parkReason: 'NO_GREETING', parkMessage: 'Palvelin ei vastannut', connectionFailures: 3, maxConnections: 3 }),
    ]);
    const b = await api.gql<{ sendingAccounts: Array<Record<string, unknown>> }>(query, {}, { token: api.b.admin.token });
    expect(b.data?.sendingAccounts.map((x) => x.accountKey)).not.toContain(state!.accountKey);
    expect(b.data?.sendingAccounts).toEqual([expect.objectContaining({ parked: false, label: `127.0.0.1:${healthy.port}` })]);
    const user = await api.gql(query, {}, { token: api.a.user.token });
    expect(user.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const probe = 'mutation($key: ID!) { probeSendingAccount(accountKey: $key) { parked parkedUntil } }';
    const fromB = await api.gql(probe, { key: state!.accountKey }, { token: api.b.admin.token });
    expect(fromB.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const fromA = await api.gql<{ probeSendingAccount: { parked: boolean; parkedUntil: string | null } }>(probe, { key: state!.accountKey }, { token: api.a.admin.token });
    // Still marked (the probe has not gone yet), but no longer waiting out the backoff.
    expect(fromA.data?.probeSendingAccount).toEqual({ parked: true, parkedUntil: null });
  }, 60_000);
});
