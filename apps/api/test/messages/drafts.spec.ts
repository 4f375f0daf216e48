import { createHash, randomBytes } from 'node:crypto';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { TEST_PASSWORD, startTestApi, type TestApi } from '../support/test-api';

const START = `mutation($input: StartSendInput!) { startSend(input: $input) {
  outcome url message { id status to body attachments { filename } }
  draft { id sendMode hold subject body to { address } cc { address } bcc { address } attachments { id filename sha256 url } expiresAt createdBy missingPlaceholders url } } }`;
const DRAFT = 'query($id: ID!) { draft(id: $id) { id subject body to { formatted } attachments { id filename } sendMode } }';
const DRAFTS = '{ drafts { id subject } }';
const UPDATE = 'mutation($id: ID!, $input: DraftContentInput!) { updateDraft(id: $id, input: $input) { id subject body to { formatted } attachments { id } } }';
const SEND_DRAFT = 'mutation($id: ID!, $input: SendDraftInput!) { sendDraft(id: $id, input: $input) { id status to cc bcc subject body sentBy attachments { filename sha256 } } }';
const DISCARD = 'mutation($id: ID!) { discardDraft(id: $id) }';
const MESSAGES = 'query($ref: String) { messages(filter: { documentRef: $ref }) { totalCount nodes { id status } } }';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const SIGNATURE = ['Oma Nimi', 'Myyntipäällikkö', '', '', '', '', '', ''];

interface DraftAnswer {
  id: string;
  sendMode: string;
  hold: string | null;
  subject: string;
  body: string;
  to: Array<{ address: string }>;
  cc: Array<{ address: string }>;
  bcc: Array<{ address: string }>;
  attachments: Array<{ id: string; filename: string; sha256: string; url: string }>;
  expiresAt: string;
  createdBy: string;
  missingPlaceholders: string[];
  url: string;
}
interface StartAnswer {
  startSend: { outcome: string; url: string | null; message: { id: string; status: string; to: string[]; body: string; attachments: Array<{ filename: string }> } | null; draft: DraftAnswer | null };
}

describe.each(DATABASE_KINDS)('drafts for ERP modules on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  let moduleKey: string;
  let other: { id: string; token: string };
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000)]);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
    const s = api.runtime.services;
    await s.settings.updateCompanySettings(api.a.id, { defaultRecipients: 'arkisto@yritys.fi', defaultRecipientsField: 'BCC' });
    await s.settings.updateUserSettings(api.a.id, api.a.user.id, { email: 'myyja@yritys.fi', senderName: 'Myyjä', signatureLines: SIGNATURE });
    await s.standardTexts.upsert(api.a.id, { source: 'SALES_ORDER', language: 'FI', name: 'Tilausvahvistus', subject: 'Tilausvahvistus {{documentNumber}}', body: 'Hei {{customerName}},\n\nliitteenä tilausvahvistus {{documentNumber}}.' });
    await s.sendPolicies.update(api.a.id, 'SALES_ORDER', { sendMode: 'OPEN_FOR_EDIT' });
    await s.sendPolicies.update(api.a.id, 'QUOTE', { sendMode: 'ASK' });
    await s.sendPolicies.update(api.a.id, 'PURCHASE_ORDER', { sendMode: 'SEND_NOW' });
    moduleKey = (await s.serviceKeys.create(api.a.id, { name: 'Myynti', module: 'sales', defaultUserId: api.a.user.id })).key;
    const otherUser = await s.users.create(api.a.id, { username: 'a-toinen', password: TEST_PASSWORD, role: 'USER' });
    other = { id: otherUser.id, token: await api.login('a-toinen', TEST_PASSWORD) };
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.drain();
    smtp.clear();
  });

  /** The document's PDF, uploaded by the module before it starts the send. */
  const uploadPdf = async (name: string, token = moduleKey) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
    const response = await fetch(`${api.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(201);
    return ((await response.json()) as Array<{ id: string }>)[0]!.id;
  };
  const start = async (input: Record<string, unknown>, token = moduleKey) => {
    const result = await api.gql<StartAnswer>(START, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], ...input } }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.startSend;
  };
  const startDraft = async (input: Record<string, unknown> = {}) => {
    const result = await start(input);
    if (!result.draft) throw new Error(`no draft: ${JSON.stringify(result)}`);
    return result.draft;
  };
  const getFile = (url: string, token: string) => fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${token}` } });

  describe('startSend, by the program’s send mode', () => {
    it('SEND_NOW queues the message at once, with the default recipients and the signature added once', async () => {
      const result = await start({ source: 'PURCHASE_ORDER', documentRef: 'PO-1', to: ['toimittaja@toimittaja.fi'], attachmentIds: [await uploadPdf('PO-1.pdf')] });
      expect(result).toMatchObject({ outcome: 'QUEUED', url: null, draft: null, message: { status: 'QUEUED', to: ['toimittaja@toimittaja.fi'], attachments: [{ filename: 'PO-1.pdf' }] } });
      expect(result.message!.body.match(/Myyntipäällikkö/g)).toHaveLength(1);
      await api.drain();
      const [mail] = await smtp.waitFor(1);
      expect([...mail!.envelope.to].sort()).toEqual(['arkisto@yritys.fi', 'toimittaja@toimittaja.fi']);
      expect((await mail!.parse()).attachments.map((a) => sha256(a.content))).toEqual([sha256(pdf)]);
    });

    it('OPEN_FOR_EDIT stores a draft for the user and answers its URL; nothing is sent and the archive does not show it', async () => {
      const result = await start({ documentRef: 'MT-1', variables: { documentNumber: 'MT-1' }, attachmentIds: [await uploadPdf('MT-1.pdf')] });
      expect(result.outcome).toBe('DRAFT');
      expect(result.url).toBe(`/send?draft=${result.draft!.id}`);
      expect(result.draft).toMatchObject({
        sendMode: 'OPEN_FOR_EDIT',
        hold: null,
        subject: 'Tilausvahvistus MT-1',
        to: [{ address: 'matti@asiakas.fi' }],
        bcc: [{ address: 'arkisto@yritys.fi' }],
        attachments: [{ filename: 'MT-1.pdf', sha256: sha256(pdf) }],
        missingPlaceholders: ['customerName'],
        createdBy: 'sales (palveluavain)',
      });
      expect(result.draft!.body).toContain('Oma Nimi\nMyyntipäällikkö');
      const days = (Date.parse(result.draft!.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      await api.drain();
      expect(smtp.count).toBe(0);
      const archived = await api.gql<{ messages: { totalCount: number } }>(MESSAGES, { ref: 'MT-1' }, { token: api.a.admin.token });
      expect(archived.data?.messages.totalCount).toBe(0);
    });

    it("fills the document's number from its reference when the module gives no documentNumber", async () => {
      const result = await start({ documentRef: 'MT-REF' });
      expect(result.draft?.subject).toBe('Tilausvahvistus MT-REF');
    });

    it('ASK stores a draft that asks how to send it', async () => {
      const result = await start({ source: 'QUOTE', documentRef: 'T-1' });
      expect([result.outcome, result.draft?.sendMode]).toEqual(['DRAFT', 'ASK']);
    });

    it('keeps a SEND_NOW message that cannot go as it is for its user, opened for editing', async () => {
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { defaultRecipients: '' });
      try {
        const result = await start({ source: 'PURCHASE_ORDER', documentRef: 'PO-2', to: [] });
        expect([result.outcome, result.draft?.sendMode, result.draft?.hold]).toEqual(['DRAFT', 'OPEN_FOR_EDIT', 'INCOMPLETE']);
      } finally {
        await api.runtime.services.settings.updateCompanySettings(api.a.id, { defaultRecipients: 'arkisto@yritys.fi' });
      }
    });

    it("keeps a SEND_NOW message for its user when SMTP sending is off: the user's mail program sends it", async () => {
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: false });
      try {
        const result = await start({ source: 'PURCHASE_ORDER', documentRef: 'PO-3' });
        expect([result.outcome, result.draft?.hold]).toEqual(['DRAFT', 'HAND_OFF']);
      } finally {
        await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: true });
      }
    });

    it('refuses a service key that names no user and has no default user: a draft belongs to a person', async () => {
      const { key } = await api.runtime.services.serviceKeys.create(api.a.id, { name: 'Ilman käyttäjää', module: 'browse' });
      const result = await api.gql(START, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'] } }, { token: key });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', reason: 'DRAFT_NEEDS_USER' });
      expect(result.errors?.[0]?.message).toMatch(/oletuskäyttäjä/);
    });

    it('starts a draft for the user the key names', async () => {
      const draft = (await start({ onBehalfOfUserId: other.id, documentRef: 'MT-OTHER' })).draft!;
      const own = await api.gql<{ draft: { id: string } }>(DRAFT, { id: draft.id }, { token: other.token });
      expect(own.data?.draft.id).toBe(draft.id);
    });

    it('answers the same draft for a repeated idempotency key, and stores nothing new', async () => {
      const first = await start({ documentRef: 'MT-IDEM', idempotencyKey: 'mt-idem' });
      const second = await start({ documentRef: 'MT-IDEM', idempotencyKey: 'mt-idem' });
      expect(second.draft?.id).toBe(first.draft?.id);
      expect(await api.runtime.db.getRepository(OutboundMessageEntity).countBy({ documentRef: 'MT-IDEM' })).toBe(1);
    });

    it("keeps an idempotency key to the caller: another module's key with the same one starts its own draft", async () => {
      const first = await start({ documentRef: 'MT-KEY-A', idempotencyKey: 'mt-yhteinen' });
      const reused = await api.gql(START, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], documentRef: 'MT-KEY-B', idempotencyKey: 'mt-yhteinen' } }, { token: moduleKey });
      expect(reused.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
      const otherModule = (await api.runtime.services.serviceKeys.create(api.a.id, { name: 'Osto', module: 'purchases', defaultUserId: api.a.user.id })).key;
      const theirs = await start({ documentRef: 'MT-KEY-B', idempotencyKey: 'mt-yhteinen' }, otherModule);
      expect(theirs.draft?.id).toEqual(expect.any(String));
      expect(theirs.draft?.id).not.toBe(first.draft?.id);
      // And each caller's repeat still answers its own first draft.
      expect((await start({ documentRef: 'MT-KEY-B', idempotencyKey: 'mt-yhteinen' }, otherModule)).draft?.id).toBe(theirs.draft?.id);
    });

    it('refuses an attachment id it does not know, naming its place', async () => {
      const result = await api.gql(START, { input: { source: 'SALES_ORDER', to: ['matti@asiakas.fi'], attachmentIds: ['00000000-0000-7000-8000-000000000000'] } }, { token: moduleKey });
      expect(result.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('attachmentIds.0');
    });
  });

  describe("a draft's life", () => {
    it('opens for its user with its attachment, whose file the user may read', async () => {
      const draft = await startDraft({ documentRef: 'MT-2', attachmentIds: [await uploadPdf('MT-2.pdf')] });
      const opened = await api.gql<{ draft: { attachments: Array<{ id: string }> } }>(DRAFT, { id: draft.id }, { token: api.a.user.token });
      expect(opened.data?.draft.attachments.map((a) => a.id)).toEqual([draft.attachments[0]!.id]);
      const file = await getFile(draft.attachments[0]!.url, api.a.user.token);
      expect(file.status).toBe(200);
      expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(pdf));
      const listed = await api.gql<{ drafts: Array<{ id: string }> }>(DRAFTS, {}, { token: api.a.user.token });
      expect(listed.data?.drafts.map((d) => d.id)).toContain(draft.id);
    });

    it('is saved as its user edited it and stays a draft', async () => {
      const draft = await startDraft({ documentRef: 'MT-3', attachmentIds: [await uploadPdf('MT-3.pdf')] });
      const edited = await api.gql<{ updateDraft: { subject: string; to: Array<{ formatted: string }>; attachments: unknown[] } }>(
        UPDATE,
        { id: draft.id, input: { to: ['"Virtanen, Matti" <matti@asiakas.fi>'], subject: 'Muokattu', body: 'Uusi sisältö', attachmentIds: [] } },
        { token: api.a.user.token },
      );
      expect(edited.data?.updateDraft).toEqual({ id: draft.id, subject: 'Muokattu', body: 'Uusi sisältö', to: [{ formatted: '"Virtanen, Matti" <matti@asiakas.fi>' }], attachments: [] });
      const opened = await api.gql<{ draft: { subject: string } }>(DRAFT, { id: draft.id }, { token: api.a.user.token });
      expect(opened.data?.draft.subject).toBe('Muokattu');
    });

    it('is sent as its user finally wrote it, with its PDF, nothing added again; then it is a message, no more a draft', async () => {
      const draft = await startDraft({ documentRef: 'MT-4', variables: { documentNumber: 'MT-4' }, attachmentIds: [await uploadPdf('MT-4.pdf')] });
      const sent = await api.gql<{ sendDraft: { id: string; status: string; to: string[]; bcc: string[]; body: string; sentBy: string; attachments: Array<{ sha256: string }> } }>(
        SEND_DRAFT,
        { id: draft.id, input: { to: ['matti@asiakas.fi'], bcc: [], subject: draft.subject, body: draft.body, attachmentIds: draft.attachments.map((a) => a.id) } },
        { token: api.a.user.token },
      );
      expect(sent.errors).toBeUndefined();
      // The person removed the Bcc default: it stays removed. The signature is there once.
      expect(sent.data?.sendDraft).toMatchObject({ id: draft.id, to: ['matti@asiakas.fi'], bcc: [], sentBy: 'a-user', attachments: [{ sha256: sha256(pdf) }] });
      expect(sent.data?.sendDraft.body.match(/Myyntipäällikkö/g)).toHaveLength(1);
      await api.drain();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.envelope.to).toEqual(['matti@asiakas.fi']);
      const parsed = await mail!.parse();
      expect(parsed.subject).toBe('Tilausvahvistus MT-4');
      expect(parsed.attachments.map((a) => [a.filename, sha256(a.content)])).toEqual([['MT-4.pdf', sha256(pdf)]]);
      const archived = await api.gql<{ messages: { nodes: Array<{ id: string; status: string }> } }>(MESSAGES, { ref: 'MT-4' }, { token: api.a.user.token });
      expect(archived.data?.messages.nodes).toEqual([{ id: draft.id, status: 'SENT' }]);
      const again = await api.gql(DRAFT, { id: draft.id }, { token: api.a.user.token });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DRAFT_NOT_OPEN' });
    });

    it('is sent once when two tabs send it at the same time', async () => {
      const draft = await startDraft({ documentRef: 'MT-5' });
      const input = { to: ['matti@asiakas.fi'], subject: 'S', body: 'B' };
      const results = await Promise.all([1, 2].map(() => api.gql(SEND_DRAFT, { id: draft.id, input }, { token: api.a.user.token })));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.reason)).toEqual(['DRAFT_NOT_OPEN']);
      await api.drain();
      expect(smtp.count).toBe(1);
    });

    it('is discarded by its user: never sent, not listed, not in the archive, and nothing can retry it', async () => {
      const draft = await startDraft({ documentRef: 'MT-6' });
      const discarded = await api.gql<{ discardDraft: string }>(DISCARD, { id: draft.id }, { token: api.a.user.token });
      expect(discarded.data?.discardDraft).toBe(draft.id);
      const send = await api.gql(SEND_DRAFT, { id: draft.id, input: { to: ['matti@asiakas.fi'], subject: 'S', body: 'B' } }, { token: api.a.user.token });
      expect(send.errors?.[0]?.extensions?.reason).toBe('DRAFT_NOT_OPEN');
      const retry = await api.gql('mutation($id: ID!) { retryMessage(id: $id) { id } }', { id: draft.id }, { token: api.a.admin.token });
      expect(retry.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const listed = await api.gql<{ drafts: Array<{ id: string }> }>(DRAFTS, {}, { token: api.a.user.token });
      expect(listed.data?.drafts.map((d) => d.id)).not.toContain(draft.id);
      await api.drain();
      expect(smtp.count).toBe(0);
    });

    it('expires: then it can be neither opened nor sent, and is gone from the list', async () => {
      const draft = await startDraft({ documentRef: 'MT-7' });
      await api.runtime.db.getRepository(OutboundMessageEntity).update({ id: draft.id }, { draftExpiresAt: new Date(Date.now() - 1000) });
      const listed = await api.gql<{ drafts: Array<{ id: string }> }>(DRAFTS, {}, { token: api.a.user.token });
      expect(listed.data?.drafts.map((d) => d.id)).not.toContain(draft.id);
      const opened = await api.gql(DRAFT, { id: draft.id }, { token: api.a.user.token });
      expect(opened.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DRAFT_EXPIRED' });
      expect(opened.errors?.[0]?.message).toMatch(/vanhentunut/);
      const send = await api.gql(SEND_DRAFT, { id: draft.id, input: { to: ['matti@asiakas.fi'], subject: 'S', body: 'B' } }, { token: api.a.user.token });
      expect(send.errors?.[0]?.extensions?.reason).toBe('DRAFT_EXPIRED');
      expect((await api.runtime.db.getRepository(OutboundMessageEntity).findOneByOrFail({ id: draft.id })).status).toBe('DISCARDED');
    });

    it('expires after the configured time on its own sweep, and lets go of its files', async () => {
      const draft = await startDraft({ documentRef: 'MT-8', attachmentIds: [await uploadPdf('MT-8.pdf')] });
      await api.runtime.db.getRepository(OutboundMessageEntity).update({ id: draft.id }, { draftExpiresAt: new Date(Date.now() - 1000) });
      expect(await api.runtime.services.messageDrafts.expireDue(new Date())).toBeGreaterThanOrEqual(1);
      expect((await api.runtime.services.attachments.forMessages([draft.id])).get(draft.id)).toBeUndefined();
    });

    it("cannot be opened, edited, sent or discarded by another user of the company, an admin included, nor its file read", async () => {
      const draft = await startDraft({ documentRef: 'MT-9', attachmentIds: [await uploadPdf('MT-9.pdf')] });
      for (const token of [other.token, api.a.admin.token]) {
        const opened = await api.gql(DRAFT, { id: draft.id }, { token });
        expect(opened.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        const edited = await api.gql(UPDATE, { id: draft.id, input: { to: ['evil@x.fi'], subject: 'x', body: 'x' } }, { token });
        expect(edited.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        const sent = await api.gql(SEND_DRAFT, { id: draft.id, input: { to: ['evil@x.fi'], subject: 'x', body: 'x' } }, { token });
        expect(sent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        const discarded = await api.gql(DISCARD, { id: draft.id }, { token });
        expect(discarded.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        const listed = await api.gql<{ drafts: Array<{ id: string }> }>(DRAFTS, {}, { token });
        expect(listed.data?.drafts.map((d) => d.id)).not.toContain(draft.id);
        expect((await getFile(draft.attachments[0]!.url, token)).status).toBe(404);
      }
      const mine = await api.gql<{ draft: { subject: string } }>(DRAFT, { id: draft.id }, { token: api.a.user.token });
      expect(mine.data?.draft.subject).toBe(draft.subject);
    });

    it('is not for service keys to open: a draft is a person’s', async () => {
      const draft = await startDraft({ documentRef: 'MT-10' });
      const opened = await api.gql(DRAFT, { id: draft.id }, { token: moduleKey });
      expect(opened.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});
