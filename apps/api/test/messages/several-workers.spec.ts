import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { createServices, type Services } from '../../src/app/services';
import { openDatabase } from '../../src/db/data-source';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { claimDueMessages } from '../../src/modules/messages/dispatch/claim-due-messages';
import type { OutboxDispatcher } from '../../src/modules/messages/dispatch/outbox-dispatcher';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const MESSAGES = 1000;

// Several workers need a database they share with row locks: MySQL/MariaDB. On SQLite the same code
// runs with the one dispatcher the embedded default has.
describe.each(DATABASE_KINDS)('workers draining the outbox on %s', (kind) => {
  const workerCount = kind === 'mysql' ? 3 : 1;
  let api: TestApi;
  let smtp: RunningSmtpServer;
  const workers: Array<{ services: Services; dispatcher: OutboxDispatcher }> = [];

  beforeAll(async () => {
    smtp = await startSmtpServer({ maxMessages: MESSAGES + 100 });
    api = await startTestApi(kind);
    // A cap of 10 connections: the dead worker below holds all of them until its leases run out.
    await api.useSmtpServer(api.a.id, smtp, { maxConnections: 10 });
    for (let i = 0; i < workerCount; i++) {
      // Each MySQL worker has its own connection pool, as a separate process would.
      const db = kind === 'mysql' ? await openDatabase(api.db.target) : api.runtime.db;
      const services = createServices({ db, box: api.runtime.services.box, config: api.config, log: api.runtime.log });
      workers.push({ services, dispatcher: services.createDispatcher({ workerId: `worker-${i}`, pollMs: 50, leaseMs: 30_000, concurrency: 10 }) });
    }
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) {
      await w.dispatcher.stop();
      await w.services.smtp.close();
      if (w.services.db !== api.runtime.db) await w.services.db.destroy();
    }
    await api?.close();
    await smtp?.close();
  });

  it('send every one of 1000 messages exactly once, even when a worker dies holding claims', async () => {
    const caller = { kind: 'USER' as const, userId: api.a.user.id, companyId: api.a.id, role: 'USER' as const, username: 'a-user' };
    const messageIds: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const m = await api.runtime.services.messageIntake.send(caller, { source: 'SALES_ORDER', to: [`asiakas${i}@asiakas.fi`], subject: `Tilaus ${i}`, body: `Viesti ${i}` });
      messageIds.push(m.messageId);
    }
    // A worker that claims all of the account's 10 slots and dies before sending any: its leases must run
    // out, giving the slots back, and others take its messages over.
    const { messages: dead } = await claimDueMessages(api.runtime.db, { workerId: 'dead-worker', now: new Date(), leaseMs: 2_000, limit: 40 });
    expect(dead).toHaveLength(10);

    for (const w of workers) w.dispatcher.start();
    await smtp.waitFor(MESSAGES, 120_000);

    const arrived = await Promise.all(smtp.messages.map(async (m) => (await m.parse()).messageId));
    const counts = new Map<string, number>();
    for (const id of arrived) counts.set(id as string, (counts.get(id as string) ?? 0) + 1);
    expect(messageIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(smtp.count).toBe(MESSAGES);

    // Outcomes are written by the worker that sent them; wait until every row says SENT.
    const deadline = Date.now() + 20_000;
    let sent = 0;
    while (Date.now() < deadline) {
      sent = await api.runtime.db.getRepository(OutboundMessageEntity).countBy({ status: 'SENT' });
      if (sent === MESSAGES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(sent).toBe(MESSAGES);
    const byWorker = await api.runtime.db.query('SELECT COUNT(*) AS n FROM outbound_message WHERE attempts > 1');
    expect(Number(byWorker[0].n)).toBeGreaterThanOrEqual(10);
  }, 180_000);
});
