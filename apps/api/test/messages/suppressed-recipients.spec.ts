import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { SuppressedAddressEntity } from '../../src/modules/bounces/bounce.entities';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status } }';

interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

// The bounce reader may run in another process (a worker): intake finds its rows in the database,
// whatever this process knows, so a row written straight into the table stands for it here.
describe.each(DATABASE_KINDS)('suppressed recipients at intake, on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
    await api.useSmtpServer(api.b.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.runtime.db.getRepository(SuppressedAddressEntity).clear();
  });

  const suppress = async (companyId: string, address: string) => {
    const message = await api.runtime.db.getRepository(OutboundMessageEntity).findOneByOrFail({ companyId });
    await api.runtime.db
      .getRepository(SuppressedAddressEntity)
      .insert({ companyId, address, status: '5.1.1', reply: '550 5.1.1 no such user', outboundMessageId: message.id, createdAt: new Date() });
  };
  const send = (input: Record<string, unknown>, token = api.a.user.token) =>
    api.gql<{ sendMessage: { id: string; status: string } }>(SEND, { input: { source: 'QUOTE', to: ['matti@asiakas.fi'], subject: 'Tarjous', body: 'Hei', ...input } }, { token });
  const stored = (companyId: string) => api.runtime.db.getRepository(OutboundMessageEntity).countBy({ companyId });
  const problems = (result: Awaited<ReturnType<typeof send>>) => ((result.errors?.[0]?.extensions as { fields?: FieldProblem[] } | undefined)?.fields ?? []).map((f) => [f.field, f.code]);

  it('refuses every suppressed recipient, whatever its case and field, and stores nothing', async () => {
    expect((await send({})).data?.sendMessage.status).toBe('QUEUED');
    await suppress(api.a.id, 'poissa@asiakas.fi');
    await suppress(api.a.id, 'lopettanut@asiakas.fi');
    const before = await stored(api.a.id);
    const refused = await send({ to: ['matti@asiakas.fi', 'Poissa@Asiakas.FI'], cc: ['anna@asiakas.fi'], bcc: ['LOPETTANUT@asiakas.fi'] });
    expect(problems(refused)).toEqual([
      ['to', 'RECIPIENT_SUPPRESSED'],
      ['bcc', 'RECIPIENT_SUPPRESSED'],
    ]);
    expect(await stored(api.a.id)).toBe(before);
  });

  it('refuses it as well when the message has an idempotency key, and stores nothing under the key', async () => {
    expect((await send({})).data?.sendMessage.status).toBe('QUEUED');
    await suppress(api.a.id, 'matti@asiakas.fi');
    expect(problems(await send({ idempotencyKey: 'tilaus-1' }))).toEqual([['to', 'RECIPIENT_SUPPRESSED']]);
    await api.runtime.db.getRepository(SuppressedAddressEntity).delete({ companyId: api.a.id, address: 'matti@asiakas.fi' });
    await expect(send({ idempotencyKey: 'tilaus-1' })).resolves.toMatchObject({ data: { sendMessage: { status: 'QUEUED' } } });
  });

  it("does not refuse an address another company suppressed", async () => {
    expect((await send({}, api.b.admin.token)).data?.sendMessage.status).toBe('QUEUED');
    await suppress(api.b.id, 'matti@asiakas.fi');
    expect((await send({}, api.b.admin.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await expect(send({})).resolves.toMatchObject({ data: { sendMessage: { status: 'QUEUED' } } });
  });

  it('sends to the address again once it is no longer on the list', async () => {
    expect((await send({})).data?.sendMessage.status).toBe('QUEUED');
    await suppress(api.a.id, 'matti@asiakas.fi');
    expect(problems(await send({}))).toEqual([['to', 'RECIPIENT_SUPPRESSED']]);
    await api.runtime.db.getRepository(SuppressedAddressEntity).delete({ companyId: api.a.id, address: 'matti@asiakas.fi' });
    await expect(send({})).resolves.toMatchObject({ data: { sendMessage: { status: 'QUEUED' } } });
  });
});
