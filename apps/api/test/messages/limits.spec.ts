import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { createServices } from '../../src/app/services';
import { openDatabase } from '../../src/db/data-source';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { SendQuotaEntity } from '../../src/modules/messages/dispatch/send-quota.entity';
import { SendQuotas } from '../../src/modules/messages/dispatch/send-quotas';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id splitGroupId to cc bcc } }';
const READ = 'query($id: ID!) { message(id: $id) { status waitReason waitMessage nextAttemptAt } }';

describe.each(DATABASE_KINDS)('per-account sending limits on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.useSmtpServer(api.a.id, smtp, { recipientsPerMessage: null, messagesPerMinute: null, recipientsPerDay: null, recipientLimitAction: 'SPLIT' });
    await api.drain();
    smtp.clear();
  });

  const send = (input: Record<string, unknown>) =>
    api.gql<{ sendMessage: { id: string; splitGroupId: string | null; to: string[]; cc: string[]; bcc: string[] } }>(SEND, { i: { source: 'QUOTE', subject: 'Tarjous', body: 'b', ...input } }, { token: api.a.user.token });

  it('splits a message over the recipients-per-message limit into parts, each recipient once', async () => {
    await api.useSmtpServer(api.a.id, smtp, { recipientsPerMessage: 2, recipientLimitAction: 'SPLIT' });
    const result = await send({ to: ['a@x.fi; b@x.fi; c@x.fi'], cc: ['d@x.fi'], bcc: ['e@x.fi'] });
    const groupId = result.data!.sendMessage.splitGroupId;
    expect(groupId).toEqual(expect.any(String));
    const parts = await api.gql<{ messages: { nodes: Array<{ to: string[]; cc: string[]; bcc: string[] }> } }>(
      'query($g: String) { messages(filter: { splitGroupId: $g }) { nodes { to cc bcc } } }',
      { g: groupId },
      { token: api.a.user.token },
    );
    expect(parts.data?.messages.nodes).toHaveLength(3);
    await api.drain();
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.envelope.to.length).every((n) => n <= 2)).toBe(true);
    expect(mails.flatMap((m) => m.envelope.to).sort()).toEqual(['a@x.fi', 'b@x.fi', 'c@x.fi', 'd@x.fi', 'e@x.fi']);
  });

  it('refuses a message over the recipients-per-message limit when the account says so', async () => {
    await api.useSmtpServer(api.a.id, smtp, { recipientsPerMessage: 2, recipientLimitAction: 'REFUSE' });
    const result = await send({ to: ['a@x.fi; b@x.fi; c@x.fi'] });
    expect(result.errors?.[0]?.extensions?.fields?.[0]).toMatchObject({ field: 'to', code: 'TOO_MANY' });
    expect(result.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/enintään 2/);
  });

  it('holds a message over the messages-per-minute limit, saying it waits for the quota, and sends it in the next minute', async () => {
    await api.useSmtpServer(api.a.id, smtp, { messagesPerMinute: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send({ to: [`r${i}@x.fi`] })).data!.sendMessage.id);
    // The start of the next minute: every message is due by then, and all of them fall in one window.
    const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1_000);
    await api.drain(api.runtime.services.createDispatcher({ now: () => minute }));
    expect(smtp.count).toBe(2);
    const waiting = (await Promise.all(ids.map(async (id) => (await api.gql<{ message: { status: string; waitReason: string; waitMessage: string } }>(READ, { id }, { token: api.a.user.token })).data!.message))).filter((m) => m.status === 'QUEUED');
    expect(waiting).toEqual([expect.objectContaining({ waitReason: 'QUOTA_MESSAGES_PER_MINUTE', waitMessage: expect.stringMatching(/Odottaa lähetyskiintiötä/) })]);
    await api.drain(api.runtime.services.createDispatcher({ now: () => new Date(minute.getTime() + 60_000) }));
    expect(smtp.count).toBe(3);
  });

  it('holds messages over the recipients-per-day limit until the rolling day allows them', async () => {
    await api.useSmtpServer(api.a.id, smtp, { recipientsPerDay: 3 });
    const now = new Date(Date.now() + 1000);
    const first = (await send({ to: ['a@x.fi; b@x.fi'] })).data!.sendMessage.id;
    await api.drain(api.runtime.services.createDispatcher({ now: () => now }));
    const second = (await send({ to: ['c@x.fi; d@x.fi'] })).data!.sendMessage.id;
    await api.drain(api.runtime.services.createDispatcher({ now: () => now }));
    const read = async (id: string) => (await api.gql<{ message: { status: string; waitReason: string } }>(READ, { id }, { token: api.a.user.token })).data!.message;
    expect((await read(first)).status).toBe('SENT');
    expect(await read(second)).toMatchObject({ status: 'QUEUED', waitReason: 'QUOTA_RECIPIENTS_PER_DAY' });
    await api.drain(api.runtime.services.createDispatcher({ now: () => new Date(now.getTime() + 25 * 3600_000) }));
    const later = await api.gql<{ message: { status: string; lastError: unknown } }>('query($id: ID!) { message(id: $id) { status lastError { code message } } }', { id: second }, { token: api.a.user.token });
    expect(later.data?.message).toMatchObject({ status: 'SENT' });
  });

  it('keeps counting under a lock row of its own when that row was removed by hand', async () => {
    const quotas = new SendQuotas(api.runtime.db);
    const limits = { messagesPerMinute: 1, recipientsPerDay: null };
    const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 30 * 60_000);
    const accountKey = `removed-by-hand-${kind}`;
    const lockRows = () => api.runtime.db.getRepository(SendQuotaEntity).countBy({ accountKey, kind: 'LOCK' });
    expect(await quotas.take(accountKey, limits, 1, minute)).toEqual({ ok: true });
    await api.runtime.db.getRepository(SendQuotaEntity).delete({ accountKey, kind: 'LOCK' });
    expect(await quotas.take(accountKey, limits, 1, minute)).toMatchObject({ ok: false, reason: 'MESSAGES_PER_MINUTE' });
    expect(await lockRows()).toBe(1);
  });

  if (kind === 'mysql') {
    it('holds the messages-per-minute limit across three workers', async () => {
      await api.useSmtpServer(api.a.id, smtp, { messagesPerMinute: 5, maxConnections: 10 });
      for (let i = 0; i < 20; i++) await send({ to: [`r${i}@x.fi`] });
      // A minute window no other test has counted into.
      const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 10 * 60_000 + 1_000);
      const workers = await Promise.all(
        [0, 1, 2].map(async (i) => {
          const db = await openDatabase(api.db.target);
          const services = createServices({ db, box: api.runtime.services.box, config: api.config, log: api.runtime.log });
          return { db, services, dispatcher: services.createDispatcher({ workerId: `limit-${i}`, now: () => minute }) };
        }),
      );
      try {
        await Promise.all(workers.map((w) => api.drain(w.dispatcher, 5)));
        const rows = await api.runtime.db.query('SELECT status, waitReason, lastErrorCode, smtpResponse FROM outbound_message');
        expect(rows.filter((r: { lastErrorCode: string | null }) => r.lastErrorCode)).toEqual([]);
        expect(smtp.count).toBe(5);
        expect(await api.runtime.db.getRepository(OutboundMessageEntity).countBy({ status: 'QUEUED', waitReason: 'QUOTA_MESSAGES_PER_MINUTE' })).toBe(15);
      } finally {
        for (const w of workers) {
          await w.services.smtp.close();
          await w.db.destroy();
        }
      }
    });
  }
});
