import { simpleParser } from 'mailparser';
import { startTcpRelay, type RunningTcpRelay } from '@maestro/test-support';
import { SentCopyEntity } from '../../src/modules/sent-copies/sent-copy.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';
import { MAILBOX, MAILBOX_PASSWORD, startMailbox, useMailbox, type Mailbox } from './mailbox-fixtures';

// The Sent-folder copy as a step of the outbox, against a real Dovecot and a real SMTP server.
jest.setTimeout(60_000);

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }';
const READ = `query($id: ID!) { message(id: $id) { id status messageId attempts sentCopy { status message folder attempts code nextAttemptAt } } }`;

interface Read {
  id: string;
  status: string;
  messageId: string;
  attempts: number;
  sentCopy: { status: string; message: string; folder: string | null; attempts: number; code: string | null; nextAttemptAt: string | null } | null;
}

const ORDER = {
  source: 'SALES_ORDER',
  documentRef: 'MT-1701',
  to: ['matti.virtanen@asiakas.fi'],
  bcc: ['arkisto@yritys.fi'],
  subject: 'Tilausvahvistus 1701',
  body: 'Hei,\n\nkiitos tilauksestanne.',
  defaultRecipients: 'EXCLUDE',
};

describe.each(DATABASE_KINDS)('the Sent-folder copy on %s', (kind) => {
  let api: TestApi;
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
    await mailbox?.stop();
  });
  beforeEach(async () => {
    await useMailbox(api, api.a.id, mailbox);
    mailbox.smtp.clear();
  });

  const send = async (input: Record<string, unknown> = ORDER, token = api.a.admin.token): Promise<string> => {
    const result = await api.gql<{ sendMessage: { id: string } }>(SEND, { input }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    await api.drain();
    return result.data.sendMessage.id;
  };
  const read = async (id: string, language = 'fi'): Promise<Read> => {
    const result = await api.gql<{ message: Read }>(READ, { id }, { token: api.a.admin.token, headers: { 'accept-language': language } });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.message;
  };
  const copies = () => api.runtime.services.sentCopies;
  /** The copies in a folder whose Message-ID is this message's. */
  const filed = async (messageId: string, folder = 'Sent', dovecot = mailbox.dovecot) => (await dovecot.messages(MAILBOX, folder)).filter((m) => m.text.includes(`Message-ID: ${messageId}`));
  /** Time passes: the copy's next attempt is due now. */
  const dueNow = (id: string) => api.runtime.db.getRepository(SentCopyEntity).update({ messageId: id }, { nextAttemptAt: new Date(0) });

  it('files the message as sent in the Sent folder over implicit TLS: same Message-ID and Date, the Bcc listed, marked read', async () => {
    const id = await send();
    expect(await read(id)).toMatchObject({ status: 'SENT', sentCopy: { status: 'PENDING', message: 'Kopioidaan Lähetetyt-kansioon.' } });
    expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);

    const { messageId } = await read(id);
    const [copy] = await filed(messageId);
    expect(copy?.flags).toEqual(['\\Seen']);
    const [delivered] = mailbox.smtp.messages;
    const sent = await simpleParser(delivered!.raw);
    const stored = await simpleParser(copy!.text);
    expect(stored.messageId).toBe(sent.messageId);
    expect(stored.date?.toISOString()).toBe(sent.date?.toISOString());
    expect(stored.subject).toBe('Tilausvahvistus 1701');
    expect([stored.bcc].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual(['arkisto@yritys.fi']);
    // What the customer got names no Bcc.
    expect(sent.bcc).toBeUndefined();
    expect(await read(id)).toMatchObject({ sentCopy: { status: 'DONE', message: 'Kopioitu Lähetetyt-kansioon (Sent).', folder: 'Sent', attempts: 1 } });
  });

  it('files the copy over STARTTLS', async () => {
    await useMailbox(api, api.a.id, mailbox, { imapPort: mailbox.dovecot.port, imapEncryption: 'TLS' });
    const id = await send();
    expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);
    expect(await filed((await read(id)).messageId)).toHaveLength(1);
  });

  it('files the copy in a folder without special-use flags, found by its name', async () => {
    const plain = await startMailbox({ folders: [{ name: 'Arkisto' }, { name: 'Lähetetyt' }] });
    try {
      await useMailbox(api, api.a.id, plain);
      const id = await send();
      expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);
      expect(await filed((await read(id)).messageId, 'Lähetetyt', plain.dovecot)).toHaveLength(1);
      expect(await read(id)).toMatchObject({ sentCopy: { folder: 'Lähetetyt' } });
    } finally {
      await plain.stop();
    }
  });

  it('retries a failed APPEND later without sending the mail a second time', async () => {
    const relay: RunningTcpRelay = await startTcpRelay(mailbox.dovecot.tlsPort);
    try {
      await useMailbox(api, api.a.id, mailbox, { imapPort: relay.port });
      await relay.down();
      const id = await send();
      expect(mailbox.smtp.count).toBe(1);
      expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'PENDING' }]);
      const waiting = await read(id);
      expect(waiting).toMatchObject({ status: 'SENT', sentCopy: { status: 'PENDING', code: 'CONNECTION_REFUSED', attempts: 1 } });
      expect(waiting.sentCopy?.message).toMatch(/^Ei vielä kopioitu Lähetetyt-kansioon: IMAP-palvelin .* ei ota vastaan yhteyksiä/);
      expect(new Date(waiting.sentCopy!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
      // Not due yet: nothing is tried.
      expect(await copies().runOnce()).toEqual([]);

      await relay.up();
      await dueNow(id);
      expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);
      await api.drain();
      expect(mailbox.smtp.count).toBe(1);
      expect(await read(id)).toMatchObject({ status: 'SENT', attempts: 1, sentCopy: { status: 'DONE', attempts: 2 } });
      expect(await filed((await read(id)).messageId)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('gives up on a copy the server refuses for good, says why, and leaves the message sent', async () => {
    await useMailbox(api, api.a.id, mailbox, { imapSentFolder: 'INBOX.Sent' });
    const id = await send();
    expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'FAILED' }]);
    const failed = await read(id, 'en');
    expect(failed).toMatchObject({ status: 'SENT', sentCopy: { status: 'FAILED', code: 'SENT_FOLDER_SETTING_NOT_FOUND', nextAttemptAt: null } });
    expect(failed.sentCopy?.message).toContain('Not copied to the Sent folder: The Sent folder named in the settings "INBOX.Sent" is not in the mailbox');
    await dueNow(id);
    expect(await copies().runOnce()).toEqual([]);
    expect(mailbox.smtp.count).toBe(1);
  });

  it('files no copy when the account has the copy switched off, or no IMAP server', async () => {
    await useMailbox(api, api.a.id, mailbox, { imapAppendToSent: false });
    const off = await send();
    await useMailbox(api, api.a.id, mailbox, { imapHost: '', password: MAILBOX_PASSWORD });
    const none = await send();
    expect(await copies().runOnce()).toEqual([]);
    expect((await read(off)).sentCopy).toBeNull();
    expect((await read(none)).sentCopy).toBeNull();
  });

  it('files no copy of an SMS', async () => {
    const result = await api.gql<{ sendSms: Array<{ id: string }> }>('mutation($i: SendSmsInput!) { sendSms(input: $i) { id } }', { i: { source: 'CUSTOMER_CARD', to: ['0401234567'], text: 'Huolto valmis' } }, { token: api.a.admin.token });
    await api.drain();
    expect(await copies().runOnce()).toEqual([]);
    expect((await read(result.data!.sendSms[0]!.id)).sentCopy).toBeNull();
  });

  it("files a user's message in the Sent folder of the user's own account", async () => {
    const own = await startMailbox();
    try {
      await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { email: MAILBOX, smtp: own.account() });
      const id = await send(ORDER, api.a.user.token);
      expect(await copies().runOnce()).toEqual([{ messageId: id, status: 'DONE' }]);
      expect(await own.dovecot.messages(MAILBOX, 'Sent')).toHaveLength(1);
      expect(await filed((await read(id)).messageId)).toHaveLength(0);
    } finally {
      await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { host: '', imapHost: '', password: '' } });
      await own.stop();
    }
  });
});
