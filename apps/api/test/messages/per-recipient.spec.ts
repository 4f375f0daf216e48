import type { EntitySubscriberInterface } from 'typeorm';
import { startSmtpServer, type RunningSmtpServer, type SmtpReply } from '@maestro/dev-mailbox';
import { MessageRecipientEntity } from '../../src/modules/messages/recipients/message-recipient.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status messageId } }`;
const MESSAGE = `query($id: ID!) { message(id: $id) {
  id status attempts sentAt nextAttemptAt smtpResponse lastError { code permanent }
  recipients { address kind outcome reply code message attempts } recipientErrors { address code } } }`;
const RETRY = 'mutation($id: ID!) { retryMessage(id: $id) { id status } }';

interface Recipient {
  address: string;
  kind: string;
  outcome: string;
  reply: string | null;
  code: string | null;
  message: string | null;
  attempts: number;
}
interface Message {
  id: string;
  status: string;
  attempts: number;
  sentAt: string | null;
  nextAttemptAt: string | null;
  smtpResponse: string | null;
  lastError: { code: string; permanent: boolean } | null;
  recipients: Recipient[];
  recipientErrors: Array<{ address: string; code: string }>;
}

const THREE = { source: 'SALES_ORDER', to: ['matti@asiakas.fi', 'liisa@asiakas.fi'], cc: ['ostot@asiakas.fi'], subject: 'Tilausvahvistus 1001', body: 'Hei' };

describe.each(DATABASE_KINDS)('recipients refused for now are sent a follow-up, on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  /** The server's answer to RCPT TO for one address, once; afterwards it accepts. */
  let refuseOnce: Map<string, SmtpReply>;

  beforeAll(async () => {
    smtp = await startSmtpServer({
      rejectRecipient: (address) => {
        const reply = refuseOnce.get(address) ?? null;
        refuseOnce.delete(address);
        return reply;
      },
    });
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    refuseOnce = new Map();
    await api.drain();
    smtp.clear();
  });

  const send = async (input: Record<string, unknown> = {}) => {
    const result = await api.gql<{ sendMessage: { id: string; status: string; messageId: string } }>(SEND, { input: { ...THREE, ...input } }, { token: api.a.user.token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.sendMessage;
  };
  const read = async (id: string, token = api.a.admin.token) => (await api.gql<{ message: Message }>(MESSAGE, { id }, { token })).data?.message;
  const later = (ms: number) => api.runtime.services.createDispatcher({ now: () => new Date(Date.now() + ms) });
  /** Every RCPT TO the server accepted a message for, over all transactions. */
  const deliveredTo = () => smtp.messages.flatMap((m) => m.envelope.to).sort();

  it('delivers to the two accepted at once, is PARTIALLY_SENT, then a follow-up delivers the third only and it is SENT', async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 452, message: '4.2.2 Mailbox busy, try again later' });
    const queued = await send();
    await api.drain();

    const partly = await read(queued.id);
    expect(partly?.status).toBe('PARTIALLY_SENT');
    expect(partly?.recipients.map((r) => [r.address, r.kind, r.outcome])).toEqual([
      ['matti@asiakas.fi', 'TO', 'ACCEPTED'],
      ['liisa@asiakas.fi', 'TO', 'ACCEPTED'],
      ['ostot@asiakas.fi', 'CC', 'DEFERRED'],
    ]);
    expect(partly?.recipients[0]?.reply).toMatch(/^250/);
    expect(partly?.recipients[2]).toMatchObject({ reply: expect.stringContaining('452'), code: 'RECIPIENT_DEFERRED', message: expect.stringContaining('ostot@asiakas.fi') });
    expect(partly?.sentAt).not.toBeNull();
    expect(new Date(partly!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi']);

    await api.drain(later(60_000));
    const sent = await read(queued.id);
    expect(sent?.status).toBe('SENT');
    expect(sent?.recipients.map((r) => [r.address, r.outcome, r.attempts])).toEqual([
      ['matti@asiakas.fi', 'ACCEPTED', 1],
      ['liisa@asiakas.fi', 'ACCEPTED', 1],
      ['ostot@asiakas.fi', 'ACCEPTED', 2],
    ]);
    expect(sent?.lastError).toBeNull();
    // Nobody got it twice, and the follow-up is the same message (same Message-ID, same headers).
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi', 'ostot@asiakas.fi']);
    const [first, second] = smtp.messages;
    expect(second!.envelope.to).toEqual(['ostot@asiakas.fi']);
    const [a, b] = await Promise.all([first!.parse(), second!.parse()]);
    expect(b.messageId).toBe(queued.messageId);
    expect(a.messageId).toBe(queued.messageId);
    expect(b.to).toEqual(a.to);
  });

  it('sends the rest at once, in a transaction of their own, when the server takes only so many recipients at a time (452 4.5.3)', async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 452, message: '4.5.3 Too many recipients' });
    const queued = await send();
    // One drain, no clock moved: the split is not a failure and waits for no backoff.
    await api.drain();
    const sent = await read(queued.id);
    expect(sent?.status).toBe('SENT');
    expect(smtp.messages.map((m) => m.envelope.to)).toEqual([['matti@asiakas.fi', 'liisa@asiakas.fi'], ['ostot@asiakas.fi']]);
  });

  it('treats 552 "too many recipients" at RCPT TO as temporary too (RFC 5321 4.5.3.1.10)', async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 552, message: '5.5.3 Too many recipients' });
    const queued = await send();
    await api.drain();
    expect((await read(queued.id))?.status).toBe('SENT');
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi', 'ostot@asiakas.fi']);
  });

  it('refuses a full mailbox (552 5.2.2) for good: the message is SENT to the others and the refused one is never tried again', async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 552, message: '5.2.2 Mailbox full' });
    const queued = await send();
    await api.drain();
    await api.drain(later(3600_000));
    const sent = await read(queued.id);
    expect(sent?.status).toBe('SENT');
    expect(sent?.recipients.map((r) => [r.address, r.outcome, r.code])).toEqual([
      ['matti@asiakas.fi', 'ACCEPTED', null],
      ['liisa@asiakas.fi', 'ACCEPTED', null],
      ['ostot@asiakas.fi', 'REFUSED', 'RECIPIENT_REJECTED'],
    ]);
    expect(sent?.recipientErrors).toEqual([{ address: 'ostot@asiakas.fi', code: 'RECIPIENT_REJECTED' }]);
    expect(smtp.count).toBe(1);
  });

  it('refuses for good whoever is still deferred when the retry time runs out, keeping the message SENT for the others', async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 450, message: '4.2.0 Greylisted' });
    const queued = await send();
    await api.drain();
    // Still refused at the end: the server keeps answering 450.
    refuseOnce.set('ostot@asiakas.fi', { code: 450, message: '4.2.0 Greylisted' });
    await api.drain(later(49 * 3600_000));
    const done = await read(queued.id);
    expect(done?.status).toBe('SENT');
    expect(done?.recipients[2]).toMatchObject({ outcome: 'REFUSED', message: expect.stringContaining('yrityksellä') });
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi']);
  });

  it('keeps a message whose every recipient was deferred RETRYING, and sends it to all of them later', async () => {
    for (const address of [...THREE.to, ...THREE.cc]) refuseOnce.set(address, { code: 451, message: '4.3.0 Try again later' });
    const queued = await send();
    await api.drain();
    const retrying = await read(queued.id);
    expect(retrying?.status).toBe('RETRYING');
    expect(retrying?.recipients.map((r) => r.outcome)).toEqual(['DEFERRED', 'DEFERRED', 'DEFERRED']);
    await api.drain(later(60_000));
    expect((await read(queued.id))?.status).toBe('SENT');
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi', 'ostot@asiakas.fi']);
  });

  it('sends a retried failed message again to the refused recipients', async () => {
    for (const address of [...THREE.to, ...THREE.cc]) refuseOnce.set(address, { code: 550, message: '5.1.1 No such user' });
    const queued = await send();
    await api.drain();
    expect((await read(queued.id))?.recipients.map((r) => r.outcome)).toEqual(['REFUSED', 'REFUSED', 'REFUSED']);
    expect((await api.gql(RETRY, { id: queued.id }, { token: api.a.user.token })).errors).toBeUndefined();
    expect((await read(queued.id))?.recipients.map((r) => r.outcome)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    await api.drain();
    expect((await read(queued.id))?.status).toBe('SENT');
    expect(deliveredTo()).toEqual(['liisa@asiakas.fi', 'matti@asiakas.fi', 'ostot@asiakas.fi']);
  });

  it("shows a message's recipients only to whoever may read the message: never to another company", async () => {
    refuseOnce.set('ostot@asiakas.fi', { code: 452, message: '4.2.2 Mailbox busy' });
    const queued = await send();
    await api.drain();
    const result = await api.gql<{ message: Message }>(MESSAGE, { id: queued.id }, { token: api.b.admin.token });
    expect(result.data?.message).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toContain('ostot@asiakas.fi');
  });

  it('lists every recipient of a message accepted at once as ACCEPTED with the server’s reply, and stores no row for them', async () => {
    const queued = await send();
    await api.drain();
    const message = await read(queued.id);
    expect(message?.status).toBe('SENT');
    expect(message?.recipients.map((r) => [r.address, r.kind, r.outcome, r.reply, r.attempts])).toEqual([
      ['matti@asiakas.fi', 'TO', 'ACCEPTED', message?.smtpResponse, 1],
      ['liisa@asiakas.fi', 'TO', 'ACCEPTED', message?.smtpResponse, 1],
      ['ostot@asiakas.fi', 'CC', 'ACCEPTED', message?.smtpResponse, 1],
    ]);
    expect(message?.smtpResponse).toMatch(/^250/);
    // The usual case is one UPDATE: the message's own outcome is its recipients'.
    expect(await api.runtime.db.getRepository(MessageRecipientEntity).countBy({ outboundMessageId: queued.id })).toBe(0);
  });

  it('records a message every recipient accepted with its one UPDATE, in no transaction, when the account files no Sent copies', async () => {
    const queued = await send();
    const statements: string[] = [];
    const recorder: EntitySubscriberInterface = {
      afterQuery: (event) => {
        statements.push(event.query);
      },
    };
    api.runtime.db.subscribers.push(recorder);
    try {
      await api.drain();
    } finally {
      api.runtime.db.subscribers.splice(api.runtime.db.subscribers.indexOf(recorder), 1);
    }
    expect((await read(queued.id))?.status).toBe('SENT');
    const outcome = statements.findIndex((sql) => /^UPDATE \W?outbound_message\W? SET \W?sentAt/.test(sql));
    expect(outcome).toBeGreaterThan(0);
    // The claim's transaction ended before the send; none opens or closes around the outcome.
    expect([statements[outcome - 1], statements[outcome + 1]].filter((sql) => sql !== undefined && /^(BEGIN|START TRANSACTION|COMMIT)/.test(sql))).toEqual([]);
  });

  it('lists the recipients of a message not tried yet as PENDING', async () => {
    const queued = await send();
    expect((await read(queued.id))?.recipients.map((r) => [r.address, r.kind, r.outcome])).toEqual([
      ['matti@asiakas.fi', 'TO', 'PENDING'],
      ['liisa@asiakas.fi', 'TO', 'PENDING'],
      ['ostot@asiakas.fi', 'CC', 'PENDING'],
    ]);
  });
});
