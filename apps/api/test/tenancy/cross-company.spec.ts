import { Readable } from 'node:stream';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { SuppressedAddressEntity } from '../../src/modules/bounces/bounce.entities';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

/** Ids that belong to company A; every case runs as company B and may use them. */
interface AIds {
  userId: string;
  serviceKeyId: string;
  standardTextId: string;
  messageId: string;
  attachmentId: string;
  draftId: string;
  accountKey: string;
}

interface Case {
  query: string;
  variables?: (ids: AIds) => Record<string, unknown>;
}

/**
 * Every query and mutation, called by company B's admin with company A's ids where it takes any.
 * A test below fails when an operation is missing from this table.
 */
const CASES: Record<string, Case> = {
  me: { query: '{ me { companyId companyName user { id } } }' },
  users: { query: '{ users { id username } }' },
  createUser: { query: 'mutation { createUser(input: { username: "b-extra", password: "pitkä-salasana-1", role: USER }) { id } }' },
  updateUser: { query: 'mutation($id: ID!) { updateUser(id: $id, input: { displayName: "hijacked", active: false }) { id } }', variables: (ids) => ({ id: ids.userId }) },
  serviceKeys: { query: '{ serviceKeys { id name } }' },
  createServiceKey: {
    query: 'mutation($u: ID) { createServiceKey(input: { name: "x", module: "sales", defaultUserId: $u }) { key } }',
    variables: (ids) => ({ u: ids.userId }),
  },
  revokeServiceKey: { query: 'mutation($id: ID!) { revokeServiceKey(id: $id) { id } }', variables: (ids) => ({ id: ids.serviceKeyId }) },
  companyMessageSettings: { query: '{ companyMessageSettings { companyEmail smtp { host username } } }' },
  updateCompanyMessageSettings: { query: 'mutation { updateCompanyMessageSettings(input: { senderName: "B" }) { senderName } }' },
  smsSettings: { query: '{ smsSettings { senderEmail gatewayAddress } }' },
  updateSmsSettings: { query: 'mutation { updateSmsSettings(input: { maxSegments: 3 }) { maxSegments } }' },
  myMailSettings: { query: '{ myMailSettings { userId email } }' },
  updateMyMailSettings: { query: 'mutation { updateMyMailSettings(input: { senderName: "B admin" }) { senderName } }' },
  userMailSettings: { query: 'query($id: ID!) { userMailSettings(userId: $id) { email } }', variables: (ids) => ({ id: ids.userId }) },
  updateUserMailSettings: {
    query: 'mutation($id: ID!) { updateUserMailSettings(userId: $id, input: { email: "evil@b.fi" }) { email } }',
    variables: (ids) => ({ id: ids.userId }),
  },
  sendPolicies: { query: '{ sendPolicies { source sendMode } }' },
  updateSendPolicy: { query: 'mutation { updateSendPolicy(source: SALES_ORDER, input: { sendMode: "SEND_NOW" }) { sendMode } }' },
  standardTexts: { query: '{ standardTexts { id name subject } }' },
  upsertStandardText: {
    query: 'mutation($id: ID) { upsertStandardText(input: { id: $id, source: QUOTE, language: FI, name: "x", subject: "hijacked", body: "x" }) { id } }',
    variables: (ids) => ({ id: ids.standardTextId }),
  },
  deleteStandardText: { query: 'mutation($id: ID!) { deleteStandardText(id: $id) }', variables: (ids) => ({ id: ids.standardTextId }) },
  sendMessage: {
    query: 'mutation($a: [ID!]) { sendMessage(input: { source: QUOTE, to: ["x@yritys-b.fi"], subject: "s", body: "b", attachmentIds: $a }) { id } }',
    variables: (ids) => ({ a: [ids.attachmentId] }),
  },
  sendMessages: {
    query: 'mutation($a: [ID!], $u: ID) { sendMessages(inputs: [{ source: QUOTE, to: ["x@yritys-b.fi"], subject: "s", body: "b", attachmentIds: $a }, { source: QUOTE, to: ["x@yritys-b.fi"], subject: "s", body: "b", onBehalfOfUserId: $u }]) { id subject } }',
    variables: (ids) => ({ a: [ids.attachmentId], u: ids.userId }),
  },
  sendSms: { query: 'mutation { sendSms(input: { source: CUSTOMER_CARD, to: ["0401234567"], text: "x" }) { id } }' },
  messages: { query: '{ messages { totalCount nodes { id subject to documentRef } } }' },
  message: { query: 'query($id: ID!) { message(id: $id) { id subject } }', variables: (ids) => ({ id: ids.messageId }) },
  retryMessage: { query: 'mutation($id: ID!) { retryMessage(id: $id) { id status } }', variables: (ids) => ({ id: ids.messageId }) },
  cancelMessage: { query: 'mutation($id: ID!) { cancelMessage(id: $id) { id status } }', variables: (ids) => ({ id: ids.messageId }) },
  startSend: {
    query: 'mutation($a: [ID!], $u: ID) { startSend(input: { source: QUOTE, to: ["x@yritys-b.fi"], attachmentIds: $a, onBehalfOfUserId: $u }) { outcome url draft { id subject } message { id } } }',
    variables: (ids) => ({ a: [ids.attachmentId], u: ids.userId }),
  },
  drafts: { query: '{ drafts { id subject to { address } } }' },
  sendingAccounts: { query: '{ sendingAccounts { accountKey label parked parkMessage } }' },
  probeSendingAccount: { query: 'mutation($k: ID!) { probeSendingAccount(accountKey: $k) { accountKey parked } }', variables: (ids) => ({ k: ids.accountKey }) },
  draft: { query: 'query($id: ID!) { draft(id: $id) { id subject } }', variables: (ids) => ({ id: ids.draftId }) },
  updateDraft: {
    query: 'mutation($id: ID!) { updateDraft(id: $id, input: { to: ["x@yritys-b.fi"], subject: "hijacked", body: "x" }) { id } }',
    variables: (ids) => ({ id: ids.draftId }),
  },
  sendDraft: {
    query: 'mutation($id: ID!) { sendDraft(id: $id, input: { to: ["x@yritys-b.fi"], subject: "hijacked", body: "x" }) { id } }',
    variables: (ids) => ({ id: ids.draftId }),
  },
  discardDraft: { query: 'mutation($id: ID!) { discardDraft(id: $id) }', variables: (ids) => ({ id: ids.draftId }) },
  testSmtpConnection: { query: 'mutation { testSmtpConnection(account: COMPANY) { ok stage message senderDomain { domain } } }' },
  signInReview: { query: '{ signInReview { accounts { kind userId userName host login } } }' },
  switchToMicrosoftOAuth: {
    query:
      'mutation($id: ID) { switchToMicrosoftOAuth(account: USER, userId: $id, input: { oauthTenantId: "t", oauthClientId: "c", oauthClientSecret: "s", oauthClientSecretExpiresAt: "2028-01-01", oauthUser: "" }) { accounts { host login } } }',
    variables: (ids) => ({ id: ids.userId }),
  },
  composeDraft: {
    query: 'query($t: ID) { composeDraft(input: { source: QUOTE, standardTextId: $t }) { subject from { address } } }',
    variables: (ids) => ({ t: ids.standardTextId }),
  },
  unconfirmedSenders: { query: '{ unconfirmedSenders { userId username email } }' },
  confirmUserSender: { query: 'mutation($id: ID!) { confirmUserSender(userId: $id) { email } }', variables: (ids) => ({ id: ids.userId }) },
  changeMyPassword: { query: 'mutation { changeMyPassword(currentPassword: "ei-oikea-salasana", newPassword: "Uusi-pitkä-salasana-2026") { token } }' },
  suppressedAddresses: { query: '{ suppressedAddresses { address reply messageId } }' },
  clearSuppressedAddress: { query: 'mutation { clearSuppressedAddress(address: "a-palautunut@yritys-a.fi") }' },
  bounceRate: { query: '{ bounceRate { sent bounced rate } }' },
};

/** They touch only the caller's own session (login, its cookie, logout), never another company's data: test/auth covers them. */
const SESSION_OPERATIONS = ['login', 'refreshSession', 'logout'];

const A_MARKERS = ['a-palautunut@yritys-a.fi', 'a-user', 'a-admin', 'Yritys A Oy', 'a-salainen@yritys-a.fi', 'smtp.yritys-a.fi', 'A:n tarjous', 'Avain A', 'A:n viesti', 'A-DOC-1'];

describe.each(DATABASE_KINDS)('another company on %s', (kind) => {
  let api: TestApi;
  let ids: AIds;
  let snapshotOfA: string;

  const snapshot = async () => {
    const s = api.runtime.services;
    return JSON.stringify({
      users: (await s.users.list(api.a.id)).map((u) => [u.id, u.displayName, u.active, u.role]),
      keys: (await s.serviceKeys.list(api.a.id)).map((k) => [k.id, k.revokedAt]),
      company: await s.settings.companySettings(api.a.id),
      sms: await s.settings.smsSettings(api.a.id),
      user: await s.settings.userSettings(api.a.id, api.a.user.id),
      policies: await s.sendPolicies.list(api.a.id),
      texts: (await s.standardTexts.list(api.a.id, {})).map((t) => [t.id, t.subject, t.body]),
      messages: (await api.runtime.db.query('SELECT id, status, attempts, subject, toList FROM outbound_message WHERE companyId = ? ORDER BY id', [api.a.id])) as unknown,
      suppressed: (await s.suppressions.list(api.a.id)).map((r) => [r.address, r.outboundMessageId]),
    });
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    const s = api.runtime.services;
    await s.settings.updateCompanySettings(api.a.id, {
      enabledChannels: 'EMAIL',
      companyEmail: 'a-salainen@yritys-a.fi',
      smtp: { host: 'smtp.yritys-a.fi', username: 'a-tunnus', password: 'A-salasana-1' },
    });
    await s.settings.updateUserSettings(api.a.id, api.a.user.id, { email: 'a-salainen@yritys-a.fi' });
    await s.settings.updateCompanySettings(api.b.id, { enabledChannels: 'EMAIL', companyEmail: 'b@yritys-b.fi', smtp: { host: 'smtp.yritys-b.fi' } });
    const key = await s.serviceKeys.create(api.a.id, { name: 'Avain A', module: 'sales' });
    const text = await s.standardTexts.upsert(api.a.id, { source: 'QUOTE', language: 'FI', name: 'A:n tarjous', subject: 'A:n tarjous', body: 'A' });
    const aCaller = { kind: 'USER' as const, userId: api.a.user.id, companyId: api.a.id, role: 'USER' as const, username: 'a-user' };
    const message = await s.messageIntake.send(aCaller, { source: 'QUOTE', documentRef: 'A-DOC-1', to: ['asiakas@a.fi'], subject: 'A:n viesti', body: 'A' });
    const attachment = await s.attachments.store({ companyId: api.a.id, uploadedByUserId: api.a.user.id, filename: 'a.txt', stream: Readable.from([Buffer.from('A')]), limitBytes: 1000 });
    await s.sendPolicies.update(api.a.id, 'QUOTE', { sendMode: 'OPEN_FOR_EDIT' });
    const started = await s.messageDrafts.startSend(aCaller, { source: 'QUOTE', documentRef: 'A-DOC-1', to: ['asiakas@a.fi'], variables: {} });
    if (started.outcome !== 'DRAFT') throw new Error('expected a draft');
    await api.runtime.db
      .getRepository(SuppressedAddressEntity)
      .insert({ companyId: api.a.id, address: 'a-palautunut@yritys-a.fi', status: '5.1.1', reply: '550 5.1.1 A:n viesti palautui', outboundMessageId: message.id, createdAt: new Date() });
    ids = { userId: api.a.user.id, serviceKeyId: key.entity.id, standardTextId: text.id, messageId: message.id, attachmentId: attachment.id, draftId: started.draft.id, accountKey: message.accountKey ?? '' };
    snapshotOfA = await snapshot();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('covers every query and mutation of the schema', () => {
    const schema = buildGraphqlSchema();
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())].filter((name) => !SESSION_OPERATIONS.includes(name));
    expect(operations.filter((name) => !(name in CASES)).sort()).toEqual([]);
  });

  it.each(Object.entries(CASES))("%s shows nothing of company A and changes nothing of it, as B's admin", async (_name, testCase) => {
    for (const token of [api.b.admin.token, api.b.user.token]) {
      const result = await api.gql(testCase.query, testCase.variables?.(ids) ?? {}, { token });
      const text = JSON.stringify(result.data ?? null);
      for (const marker of A_MARKERS) expect(text).not.toContain(marker);
      for (const error of result.errors ?? []) {
        expect(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', 'REFUSED']).toContain(error.extensions?.code);
        for (const marker of A_MARKERS) expect(JSON.stringify(error)).not.toContain(marker);
      }
    }
    expect(await snapshot()).toBe(snapshotOfA);
  });
});

describe.each(DATABASE_KINDS)('messages within one company on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    const s = api.runtime.services;
    await s.settings.updateCompanySettings(api.a.id, { enabledChannels: 'EMAIL', companyEmail: 'a@yritys-a.fi', smtp: { host: 'smtp.yritys-a.fi' } });
    const other = await s.users.create(api.a.id, { username: 'a-other', password: 'Salasana-1234', role: 'USER' });
    await s.messageIntake.send({ kind: 'USER', userId: other.id, companyId: api.a.id, role: 'USER', username: 'a-other' }, { source: 'QUOTE', to: ['x@y.fi'], subject: 'Toisen viesti', body: 'b' });
    await s.messageIntake.send({ kind: 'USER', userId: api.a.user.id, companyId: api.a.id, role: 'USER', username: 'a-user' }, { source: 'QUOTE', to: ['x@y.fi'], subject: 'Oma viesti', body: 'b' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('shows a user only the messages sent in their name', async () => {
    const result = await api.gql<{ messages: { nodes: Array<{ subject: string }> } }>('{ messages { nodes { subject } } }', {}, { token: api.a.user.token });
    expect(result.data?.messages.nodes.map((m) => m.subject)).toEqual(['Oma viesti']);
  });

  it("shows an admin all of the company's messages", async () => {
    const result = await api.gql<{ messages: { nodes: Array<{ subject: string }> } }>('{ messages { nodes { subject } } }', {}, { token: api.a.admin.token });
    expect(result.data?.messages.nodes.map((m) => m.subject).sort()).toEqual(['Oma viesti', 'Toisen viesti']);
  });
});
