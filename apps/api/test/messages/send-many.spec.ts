import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { MAX_MESSAGES_PER_REQUEST } from '../../src/modules/messages/messages-per-request';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type GqlResult, type TestApi } from '../support/test-api';

const SEND_MANY = 'mutation($inputs: [SendMessageInput!]!) { sendMessages(inputs: $inputs) { id status subject messageId from { address } } }';

interface Sent {
  id: string;
  status: string;
  subject: string;
  messageId: string;
  from: { address: string };
}

const confirmation = (n: number, extra: Record<string, unknown> = {}) => ({
  source: 'SALES_ORDER',
  documentRef: `MT-${n}`,
  to: [`asiakas${n}@asiakas.fi`],
  subject: `Tilausvahvistus ${n}`,
  body: `Hei,\n\nkiitos tilauksesta ${n}.`,
  ...extra,
});

describe.each(DATABASE_KINDS)('sending several messages in one request on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.drain();
    smtp.clear();
  });

  const sendMany = (inputs: Array<Record<string, unknown>>, token = api.a.user.token) => api.gql<{ sendMessages: Array<Sent | null> }>(SEND_MANY, { inputs }, { token });
  const stored = async (documentRefs: string[]) =>
    (await api.runtime.db.query(`SELECT documentRef FROM outbound_message WHERE documentRef IN (${documentRefs.map(() => '?').join(',')})`, documentRefs)) as Array<{ documentRef: string }>;
  const codeAt = (result: GqlResult, index: number) => result.errors?.find((e) => (e.path as unknown[] | undefined)?.[1] === index)?.extensions?.code;

  it('stores every message and answers them in the order given, each as sendMessage would', async () => {
    const result = await sendMany([1, 2, 3].map((n) => confirmation(n)));
    expect(result.errors).toBeUndefined();
    const answered = result.data!.sendMessages as Sent[];
    expect(answered.map((m) => m.subject)).toEqual(['Tilausvahvistus 1', 'Tilausvahvistus 2', 'Tilausvahvistus 3']);
    expect(answered.every((m) => m.status === 'QUEUED' && m.from.address === 'myynti@yritys.fi')).toBe(true);
    expect(new Set(answered.map((m) => m.id)).size).toBe(3);
    await api.drain();
    const arrived = await smtp.waitFor(3);
    expect(new Set(await Promise.all(arrived.map(async (mail) => (await mail.parse()).messageId)))).toEqual(new Set(answered.map((m) => m.messageId)));
  });

  it('refuses a bad message alone: the others are stored, and its error is at its index', async () => {
    const result = await sendMany([confirmation(11), confirmation(12, { to: ['ei osoite'] }), confirmation(13)]);
    expect(result.data!.sendMessages.map((m) => m?.subject ?? null)).toEqual(['Tilausvahvistus 11', null, 'Tilausvahvistus 13']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['sendMessages', 1]);
    expect(codeAt(result, 1)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions?.fields?.[0]?.field).toMatch(/^to/);
    expect((await stored(['MT-11', 'MT-12', 'MT-13'])).map((r) => r.documentRef).sort()).toEqual(['MT-11', 'MT-13']);
  });

  it("refuses a message in another user's name in a user's batch, and stores the user's own", async () => {
    const result = await sendMany([confirmation(21), confirmation(22, { onBehalfOfUserId: api.a.admin.id })]);
    expect(result.data!.sendMessages[0]?.subject).toBe('Tilausvahvistus 21');
    expect(result.data!.sendMessages[1]).toBeNull();
    expect(codeAt(result, 1)).toBe('FORBIDDEN');
    expect((await stored(['MT-21', 'MT-22'])).map((r) => r.documentRef)).toEqual(['MT-21']);
  });

  it(`refuses more than ${MAX_MESSAGES_PER_REQUEST} messages in one request, and stores none of them`, async () => {
    const inputs = Array.from({ length: MAX_MESSAGES_PER_REQUEST + 1 }, (_, i) => confirmation(1000 + i));
    const result = await sendMany(inputs);
    expect(result.data?.sendMessages ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_MESSAGES' });
    expect(result.errors?.[0]?.message).toMatch(/split the list|jaa lista/);
    expect(await stored(inputs.map((i) => i.documentRef))).toEqual([]);
  });

  it('counts the messages of every field of a request against the cap: aliases do not multiply it', async () => {
    const sixty = (from: number) => Array.from({ length: 60 }, (_, i) => confirmation(from + i));
    const [first, second] = [sixty(3000), sixty(3100)];
    // The selection skips every field, so the operation is priced as cheaply as it can be.
    const result = await api.gql<{ a: unknown[] | null; b: unknown[] | null }>(
      'mutation($a: [SendMessageInput!]!, $b: [SendMessageInput!]!) { a: sendMessages(inputs: $a) { id @skip(if: true) } b: sendMessages(inputs: $b) { id @skip(if: true) } }',
      { a: first, b: second },
      { token: api.a.user.token },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_MESSAGES' });
    expect(result.errors?.[0]?.path).toEqual(['b']);
    expect(await stored(second.map((i) => i.documentRef))).toEqual([]);
    expect(await stored(first.map((i) => i.documentRef))).toHaveLength(60);
  });

  it(`refuses the ${MAX_MESSAGES_PER_REQUEST + 1}th sendMessage of one request`, async () => {
    const count = MAX_MESSAGES_PER_REQUEST + 1;
    const variables = Object.fromEntries(Array.from({ length: count }, (_, i) => [`i${i}`, confirmation(4000 + i)]));
    const declared = Object.keys(variables).map((name) => `$${name}: SendMessageInput!`).join(', ');
    const fields = Object.keys(variables).map((name) => `${name}: sendMessage(input: $${name}) { id }`).join(' ');
    const result = await api.gql(`mutation(${declared}) { ${fields} }`, variables, { token: api.a.user.token });
    expect(result.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[[`i${count - 1}`], 'TOO_MANY_MESSAGES']]);
    expect(await stored([`MT-${4000 + count - 1}`])).toEqual([]);
  });

  it("counts an SMS for each number into the request's messages: aliases of sendSms do not multiply the cap", async () => {
    const numbers = (from: number) => Array.from({ length: 60 }, (_, i) => `+35840${String(from + i)}`);
    const result = await api.gql(
      'mutation($a: [String!]!, $b: [String!]!) { a: sendSms(input: { source: CUSTOMER_CARD, documentRef: "SMS-ERA", to: $a, text: "Huolto valmis." }) { id } b: sendSms(input: { source: CUSTOMER_CARD, documentRef: "SMS-ERA", to: $b, text: "Huolto valmis." }) { id } }',
      { a: numbers(1000000), b: numbers(2000000) },
      { token: api.a.admin.token },
    );
    // (sendSms answers a list that is never null, so b's refusal leaves the answer without data.)
    expect(result.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[['b'], 'TOO_MANY_MESSAGES']]);
    expect(await stored(['SMS-ERA'])).toHaveLength(60);
  });

  it(`refuses the ${MAX_MESSAGES_PER_REQUEST + 1}th startSend of one request, whether it would queue a message or store a draft`, async () => {
    const count = MAX_MESSAGES_PER_REQUEST + 1;
    const fields = Array.from({ length: count }, (_, i) => `s${i}: startSend(input: { source: QUOTE, documentRef: "ALOITUS-${i}", to: ["asiakas@asiakas.fi"] }) { outcome }`).join(' ');
    const result = await api.gql(`mutation { ${fields} }`, {}, { token: api.a.user.token });
    expect(result.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[[`s${count - 1}`], 'TOO_MANY_MESSAGES']]);
  });

  it('stores the first of two messages with the same key and refuses the other when they differ', async () => {
    const result = await sendMany([confirmation(61, { idempotencyKey: 'sama-avain' }), confirmation(62, { idempotencyKey: 'sama-avain' })]);
    expect(result.data!.sendMessages[0]?.subject).toBe('Tilausvahvistus 61');
    expect(result.data!.sendMessages[1]).toBeNull();
    expect(codeAt(result, 1)).toBe('CONFLICT');
    expect((await stored(['MT-61', 'MT-62'])).map((r) => r.documentRef)).toEqual(['MT-61']);
  });

  it('answers the stored messages even when a read after storing them fails', async () => {
    const states = api.runtime.services.accountStates;
    const spy = jest.spyOn(states, 'unreachableKeys').mockRejectedValue(new Error('connection lost'));
    try {
      const result = await sendMany([confirmation(71), confirmation(72)]);
      expect(result.errors).toBeUndefined();
      const ids = result.data!.sendMessages.map((m) => m?.id);
      expect(ids.every(Boolean)).toBe(true);
      expect((await stored(['MT-71', 'MT-72'])).map((r) => r.documentRef).sort()).toEqual(['MT-71', 'MT-72']);
    } finally {
      spy.mockRestore();
    }
  });

  it('prices a batch that asks for every field of its answers (as the web does) within the query cost limit', async () => {
    const every = `{ id status channel source documentRef subject to createdAt sentAt attempts nextAttemptAt waitReason lastError { code message permanent }
      from { formatted address name } cc bcc body language messageId smtpResponse waitMessage sentBy splitGroupId recipientErrors { address code message }
      recipients { address kind outcome reply message } attachments { id filename size contentType sha256 url } handOff { emlUrl mailtoUrl }
      sentCopy { status message folder attempts nextAttemptAt } bounces { address action status reply message reportedAt } }`;
    const result = await api.gql<{ sendMessages: Sent[] }>(`mutation($inputs: [SendMessageInput!]!) { sendMessages(inputs: $inputs) ${every} }`, { inputs: [confirmation(81)] }, { token: api.a.user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data!.sendMessages[0]?.subject).toBe('Tilausvahvistus 81');
    const sms = await api.gql(`mutation { sendSms(input: { source: CUSTOMER_CARD, to: ["+358401234567"], text: "Huolto valmis." }) ${every} }`, {}, { token: api.a.admin.token });
    expect(sms.errors).toBeUndefined();
  });

  it('refuses a request larger than the body limit with 413, saying to split the list', async () => {
    const inputs = Array.from({ length: 30 }, (_, i) => confirmation(2000 + i, { body: 'x'.repeat(40_000) }));
    const answer = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.a.user.token}` },
      body: JSON.stringify({ query: SEND_MANY, variables: { inputs } }),
    });
    expect(answer.status).toBe(413);
    expect(JSON.stringify(await answer.json())).toMatch(/several sendMessages requests/);
    expect(await stored(inputs.map((i) => i.documentRef))).toEqual([]);
  });

  it('refuses wait: true in a batch, and stores none of it', async () => {
    const result = await sendMany([confirmation(31), confirmation(32, { wait: true })]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WAIT_NOT_IN_BATCH' });
    expect(await stored(['MT-31', 'MT-32'])).toEqual([]);
  });

  it('stores each message once when the same batch with idempotency keys is sent again', async () => {
    const inputs = [41, 42].map((n) => confirmation(n, { idempotencyKey: `mt-${n}` }));
    const first = await sendMany(inputs);
    const again = await sendMany(inputs);
    expect(again.data!.sendMessages.map((m) => m?.id)).toEqual(first.data!.sendMessages.map((m) => m?.id));
    await api.drain();
    await smtp.waitFor(2);
    expect(smtp.count).toBe(2);
  });

  it("keeps a company's batch to its own company: another company's admin does not see it", async () => {
    const result = await sendMany([confirmation(51)]);
    const id = result.data!.sendMessages[0]!.id;
    const seen = await api.gql('query($id: ID!) { message(id: $id) { id } }', { id }, { token: api.b.admin.token });
    expect(seen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
