import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { UserMailSettingsEntity } from '../../src/modules/settings/user-mail-settings.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status to cc bcc body } }';
const SIGNATURE = ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '', '', '', ''];

interface Sent {
  id: string;
  status: string;
  to: string[];
  cc: string[];
  bcc: string[];
  body: string;
}

// The seed's rules run on the server for every caller: a module sending by service key gets the same
// default recipients and signature a person sees in the compose dialog.
describe.each(DATABASE_KINDS)("the seed's rules on the server, on %s", (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  let moduleKey: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
    const s = api.runtime.services;
    await s.settings.updateCompanySettings(api.a.id, { defaultRecipients: 'vakio.asiakas@asiakasyritys.fi' });
    await s.settings.updateUserSettings(api.a.id, api.a.user.id, { email: 'oma.nimi@yritys.fi', senderName: 'Oma Nimi', signatureLines: SIGNATURE });
    moduleKey = (await s.serviceKeys.create(api.a.id, { name: 'Myynti', module: 'sales', defaultUserId: api.a.user.id })).key;
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { defaultRecipientsField: 'TO' });
    await api.drain();
    smtp.clear();
  });

  const send = async (input: Record<string, unknown>, token: string) => {
    const result = await api.gql<{ sendMessage: Sent }>(SEND, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 'Tilausvahvistus', body: 'Hei,\n\nkiitos tilauksesta.', ...input } }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.sendMessage;
  };

  it("gives a service key's sendMessage the company's default recipients and the user's signature", async () => {
    const sent = await send({}, moduleKey);
    expect(sent.to).toEqual(['matti@asiakas.fi', 'vakio.asiakas@asiakasyritys.fi']);
    expect(sent.body).toBe('Hei,\n\nkiitos tilauksesta.\n\nOma Nimi\nTestikatu 10\n00120 TESTILÄ');
    await api.drain();
    const [mail] = await smtp.waitFor(1);
    expect([...mail!.envelope.to].sort()).toEqual(['matti@asiakas.fi', 'vakio.asiakas@asiakasyritys.fi']);
    expect((await mail!.parse()).text).toContain('Oma Nimi\nTestikatu 10');
  });

  it('adds nothing when the caller says the person saw them (EXCLUDE, NONE)', async () => {
    const sent = await send({ defaultRecipients: 'EXCLUDE', signature: 'NONE' }, moduleKey);
    expect([sent.to, sent.body]).toEqual([['matti@asiakas.fi'], 'Hei,\n\nkiitos tilauksesta.']);
    await api.drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelope.to).toEqual(['matti@asiakas.fi']);
  });

  it('adds the default recipients as Bcc when the company says so: the customer does not see them', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { defaultRecipientsField: 'BCC' });
    const sent = await send({}, api.a.user.token);
    expect([sent.to, sent.bcc]).toEqual([['matti@asiakas.fi'], ['vakio.asiakas@asiakasyritys.fi']]);
    await api.drain();
    const [mail] = await smtp.waitFor(1);
    expect([...mail!.envelope.to].sort()).toEqual(['matti@asiakas.fi', 'vakio.asiakas@asiakasyritys.fi']);
    expect(mail!.raw.toString('utf8')).not.toContain('vakio.asiakas@asiakasyritys.fi');
  });

  it('does not add a default recipient twice when the caller already has it', async () => {
    const sent = await send({ to: ['matti@asiakas.fi'], cc: ['Vakio.Asiakas@asiakasyritys.fi'] }, moduleKey);
    expect([sent.to, sent.cc]).toEqual([['matti@asiakas.fi'], ['Vakio.Asiakas@asiakasyritys.fi']]);
  });

  it('sends a key without a user as the company, with the defaults and no signature', async () => {
    const { key } = await api.runtime.services.serviceKeys.create(api.a.id, { name: 'Selaukset', module: 'browse' });
    const sent = await send({}, key);
    expect([sent.to, sent.body]).toEqual([['matti@asiakas.fi', 'vakio.asiakas@asiakasyritys.fi'], 'Hei,\n\nkiitos tilauksesta.']);
  });

  it('keeps one idempotency key to one choice: the same message with other choices is refused', async () => {
    await send({ idempotencyKey: 'mt-77' }, moduleKey);
    const again = await api.gql(SEND, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 'Tilausvahvistus', body: 'Hei,\n\nkiitos tilauksesta.', idempotencyKey: 'mt-77', signature: 'NONE' } }, { token: moduleKey });
    expect(again.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a body that the signature would take over the size limit, rather than cutting it', async () => {
    const result = await api.gql(SEND, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 's', body: 'x'.repeat(65_535) } }, { token: moduleKey });
    expect(result.errors?.[0]?.extensions?.fields?.[0]).toMatchObject({ field: 'body', code: 'TOO_MANY_BYTES' });
    const asIs = await api.gql<{ sendMessage: { body: string } }>(SEND, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 's', body: 'x'.repeat(65_535), signature: 'NONE' } }, { token: moduleKey });
    expect(asIs.data?.sendMessage.body.length).toBe(65_535);
  });

  it("sends an address the user typed themselves as the company until an admin confirms it, for every caller", async () => {
    const s = api.runtime.services;
    // What the migration leaves for an address a user typed before only admins could: not confirmed.
    const confirmed = async (senderConfirmed: boolean) => {
      await api.runtime.db.getRepository(UserMailSettingsEntity).update({ companyId: api.a.id, userId: api.a.user.id }, { senderConfirmed });
      s.settings['cache'].forget('');
    };
    const FROM = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { from { address } } }';
    const COMPOSE = '{ composeDraft(input: { source: SALES_ORDER, documentRef: "MT-9" }) { from { address } } }';
    const START = 'mutation { startSend(input: { source: SALES_ORDER, documentRef: "MT-9", to: ["matti@asiakas.fi"] }) { draft { from { address } } } }';
    const senders = async () => [
      (await api.gql<{ composeDraft: { from: { address: string } } }>(COMPOSE, {}, { token: api.a.user.token })).data?.composeDraft.from.address,
      (await api.gql<{ sendMessage: { from: { address: string } } }>(FROM, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 's', body: 'b' } }, { token: moduleKey })).data?.sendMessage.from.address,
      (await api.gql<{ startSend: { draft: { from: { address: string } } } }>(START, {}, { token: moduleKey })).data?.startSend.draft.from.address,
    ];
    await s.sendPolicies.update(api.a.id, 'SALES_ORDER', { sendMode: 'OPEN_FOR_EDIT' });
    try {
      await confirmed(false);
      expect(await senders()).toEqual(['myynti@yritys.fi', 'myynti@yritys.fi', 'myynti@yritys.fi']);
      await confirmed(true);
      expect(await senders()).toEqual(['oma.nimi@yritys.fi', 'oma.nimi@yritys.fi', 'oma.nimi@yritys.fi']);
    } finally {
      await confirmed(true);
      await s.sendPolicies.update(api.a.id, 'SALES_ORDER', { sendMode: 'SEND_NOW' });
    }
  });

  it('refuses an unknown choice with the GraphQL enum', async () => {
    const result = await api.gql(SEND, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], subject: 's', body: 'b', signature: 'SOMETIMES' } }, { token: moduleKey });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
