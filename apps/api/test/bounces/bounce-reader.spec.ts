import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelopeIdFor } from '@maestro/mail-core';
import { BounceReaderEntity } from '../../src/modules/bounces/bounce.entities';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';
import { MAILBOX, startMailbox, useMailbox, type Mailbox } from '../sent-folder/mailbox-fixtures';

// Bounces read from the sending mailbox's inbox on Dovecot: real-world notices from the sisimai corpus
// (mail-core's fixtures), addressed to our messages by their Message-ID, recipient or ENVID.
jest.setTimeout(60_000);

const FIXTURES = join(__dirname, '../../../../libs/mail-core/test/bounces/fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'latin1');

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id messageId } }';
const READ = `query($id: ID!) { message(id: $id) { status lastError { code message } bounces { address action status reply message } } }`;
const FAILED_FOLDER = `query { messages(first: 50, filter: { status: [FAILED], orBounced: true }) { nodes { id status } } }`;

interface Read {
  status: string;
  lastError: { code: string; message: string } | null;
  bounces: Array<{ address: string; action: string; status: string | null; reply: string | null; message: string }>;
}

/** A real notice, rewritten to be about one of our messages (its Message-ID) and one of its recipients. */
const notices = {
  /** Postfix, RFC 3464: "452 4.3.2 Connection rate limit exceeded", action failed; the returned headers carry the Message-ID. */
  postfix: (messageId: string, to: string) => fixture('lhost-postfix-09.eml').replaceAll('kijitora@example.ne.jp', to).replace('Message-ID: 20140913142357', `Message-ID: ${messageId}`),
  /** Exchange Online (Office 365), RFC 3464 with the original headers. */
  exchangeOnline: (messageId: string, to: string) => fixture('lhost-office365-03.eml').replaceAll('kijitora@example.com', to).replaceAll('<000000000000.2222.22222222222200000000@NEKO-NYAAN>', messageId),
  /** Exchange 2007, RFC 3464 without the original Message-ID: matched by the ENVID we sent. */
  exchange2007: (messageId: string, to: string) =>
    fixture('lhost-exchange2007-01.eml').replaceAll('mikeneko@example.co.jp', to).replace('Reporting-MTA: dns;mx4.example.org\n', `Reporting-MTA: dns;mx4.example.org\nOriginal-Envelope-Id: ${envelopeIdFor(messageId)}\n`),
  /** Gmail, a notice in words with X-Failed-Recipients and the quoted original. */
  gmail: (messageId: string, to: string) => fixture('lhost-gmail-01.eml').replaceAll('userunknown@example.jp', to).replaceAll('<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>', messageId),
  /** Sendmail: a delay notice (Action: delayed). */
  delayed: (messageId: string, to: string) =>
    fixture('lhost-sendmail-29.eml').replaceAll('this-local-part-does-not-exist-on-the-system@y-mobile.ne.jp', to).replaceAll('<54341A75-5EF4-4F06-9C5D-56D36A9283FC@example.jp>', messageId),
};

describe.each(DATABASE_KINDS)('the bounce reader on %s', (kind) => {
  let api: TestApi;
  let mailbox: Mailbox;
  beforeEach(async () => {
    mailbox = await startMailbox();
    api = await startTestApi(kind);
    await useMailbox(api, api.a.id, mailbox);
  });
  afterEach(async () => {
    await api?.close();
    await mailbox?.stop();
  });

  const send = async (to: string[], token = api.a.admin.token): Promise<{ id: string; messageId: string }> => {
    const result = await api.gql<{ sendMessage: { id: string; messageId: string } }>(SEND, { input: { source: 'SALES_ORDER', to, subject: 'Tilausvahvistus', body: 'Hei', defaultRecipients: 'EXCLUDE' } }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    await api.drain();
    return result.data.sendMessage;
  };
  const read = async (id: string, language = 'fi', token = api.a.admin.token): Promise<Read> => {
    const result = await api.gql<{ message: Read }>(READ, { id }, { token, headers: { 'accept-language': language } });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.message;
  };
  const reader = () => api.runtime.services.bounceReader;

  it('matches Postfix, Exchange Online, Exchange 2007 (by ENVID) and Gmail notices to their messages and records each recipient BOUNCED', async () => {
    const sent = {
      postfix: await send(['matti@asiakas.fi']),
      exchangeOnline: await send(['liisa@asiakas.fi']),
      exchange2007: await send(['pekka@asiakas.fi']),
      gmail: await send(['olli@asiakas.fi', 'anna@asiakas.fi']),
    };
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(sent.postfix.messageId, 'matti@asiakas.fi'));
    await mailbox.dovecot.deliver(MAILBOX, notices.exchangeOnline(sent.exchangeOnline.messageId, 'liisa@asiakas.fi'));
    await mailbox.dovecot.deliver(MAILBOX, notices.exchange2007(sent.exchange2007.messageId, 'pekka@asiakas.fi'));
    await mailbox.dovecot.deliver(MAILBOX, notices.gmail(sent.gmail.messageId, 'olli@asiakas.fi'));

    expect(await reader().runOnce()).toEqual([{ accountKey: `company:${api.a.id}`, outcome: 'READ', scanned: 4, recorded: 4 }]);

    expect(await read(sent.postfix.id)).toMatchObject({
      status: 'FAILED',
      lastError: { code: 'BOUNCED' },
      bounces: [{ address: 'matti@asiakas.fi', action: 'BOUNCED', status: '4.3.2', reply: '452 4.3.2 Connection rate limit exceeded.' }],
    });
    expect((await read(sent.exchangeOnline.id)).bounces).toEqual([expect.objectContaining({ address: 'liisa@asiakas.fi', action: 'BOUNCED', status: '5.1.0' })]);
    expect((await read(sent.exchange2007.id, 'en')).bounces).toEqual([
      expect.objectContaining({ address: 'pekka@asiakas.fi', action: 'BOUNCED', status: '5.1.1', message: 'Bounced: pekka@asiakas.fi did not get the message (550 5.1.1 RESOLVER.ADR.RecipNotFound; not found).' }),
    ]);
    // One of two recipients bounced: the message stays SENT, the bounce is listed with it.
    const gmail = await read(sent.gmail.id);
    expect(gmail).toMatchObject({ status: 'SENT', bounces: [{ address: 'olli@asiakas.fi', action: 'BOUNCED', status: '5.1.1' }] });
    expect(gmail.bounces[0]?.message).toBe('Palautui: olli@asiakas.fi ei saanut viestiä (550 5.1.1 <olli@asiakas.fi>... User Unknown).');

    // Epäonnistuneet: the failed ones and the one with a bounced recipient.
    const failed = await api.gql<{ messages: { nodes: Array<{ id: string }> } }>(FAILED_FOLDER, {}, { token: api.a.admin.token });
    expect(failed.data?.messages.nodes.map((n) => n.id).sort()).toEqual([sent.postfix.id, sent.exchangeOnline.id, sent.exchange2007.id, sent.gmail.id].sort());
  });

  it("moves the bounced recipient's own result to BOUNCED and leaves the other recipient ACCEPTED", async () => {
    const sent = await send(['olli@asiakas.fi', 'anna@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.gmail(sent.messageId, 'Olli@Asiakas.fi'));
    await reader().runOnce();
    const result = await api.gql<{ message: { recipients: Array<{ address: string; outcome: string }> } }>('query($id: ID!) { message(id: $id) { recipients { address outcome } } }', { id: sent.id }, { token: api.a.admin.token });
    expect(result.data?.message.recipients).toEqual([
      { address: 'olli@asiakas.fi', outcome: 'BOUNCED' },
      { address: 'anna@asiakas.fi', outcome: 'ACCEPTED' },
    ]);
  });

  it("moves a delayed recipient's own result to DELAYED", async () => {
    const sent = await send(['viive@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.delayed(sent.messageId, 'viive@asiakas.fi'));
    await reader().runOnce();
    const result = await api.gql<{ message: { recipients: Array<{ address: string; outcome: string }> } }>('query($id: ID!) { message(id: $id) { recipients { address outcome } } }', { id: sent.id }, { token: api.a.admin.token });
    expect(result.data?.message.recipients).toEqual([{ address: 'viive@asiakas.fi', outcome: 'DELAYED' }]);
  });

  it('records a delay notice as DELAYED and leaves the message SENT and the address usable', async () => {
    const sent = await send(['viive@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.delayed(sent.messageId, 'viive@asiakas.fi'));
    await reader().runOnce();
    expect(await read(sent.id)).toMatchObject({ status: 'SENT', bounces: [{ address: 'viive@asiakas.fi', action: 'DELAYED' }] });
    await expect(send(['viive@asiakas.fi'])).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('refuses to send to a permanently bounced address, in Finnish and English, until an admin clears it', async () => {
    const sent = await send(['poissa@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.exchangeOnline(sent.messageId, 'poissa@asiakas.fi'));
    await reader().runOnce();

    const list = await api.gql<{ suppressedAddresses: Array<{ address: string; status: string; messageId: string }> }>('{ suppressedAddresses { address status messageId } }', {}, { token: api.a.admin.token });
    expect(list.data?.suppressedAddresses).toEqual([{ address: 'poissa@asiakas.fi', status: '5.1.0', messageId: sent.id }]);

    for (const language of ['fi', 'en']) {
      const refused = await api.gql(SEND, { input: { source: 'QUOTE', to: ['Poissa@Asiakas.fi'], subject: 'Tarjous', body: 'Hei' } }, { token: api.a.user.token, headers: { 'accept-language': language } });
      const field = (refused.errors?.[0]?.extensions as { fields?: Array<{ field: string; code: string; message: string }> } | undefined)?.fields?.[0];
      expect(field).toMatchObject({ field: 'to', code: 'RECIPIENT_SUPPRESSED' });
      expect(field?.message).toContain(language === 'fi' ? 'Osoitteeseen poissa@asiakas.fi ei lähetetä' : 'Not sending to poissa@asiakas.fi');
    }
    // A user may not clear it; an admin may.
    const byUser = await api.gql('mutation { clearSuppressedAddress(address: "poissa@asiakas.fi") }', {}, { token: api.a.user.token });
    expect(byUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cleared = await api.gql<{ clearSuppressedAddress: boolean }>('mutation { clearSuppressedAddress(address: "POISSA@asiakas.fi") }', {}, { token: api.a.admin.token });
    expect(cleared.data?.clearSuppressedAddress).toBe(true);
    await expect(send(['poissa@asiakas.fi'])).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('shows the company its bounce rate', async () => {
    const bounced = await send(['a@asiakas.fi']);
    await send(['b@asiakas.fi']);
    await send(['c@asiakas.fi']);
    await send(['d@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(bounced.messageId, 'a@asiakas.fi'));
    await reader().runOnce();
    const rate = await api.gql<{ bounceRate: { days: number; sent: number; bounced: number; rate: number } }>('{ bounceRate(days: 7) { days sent bounced rate } }', {}, { token: api.a.admin.token });
    expect(rate.data?.bounceRate).toEqual({ days: 7, sent: 4, bounced: 1, rate: 0.25 });
    const other = await api.gql<{ bounceRate: { sent: number } }>('{ bounceRate { sent } }', {}, { token: api.b.admin.token });
    expect(other.data?.bounceRate.sent).toBe(0);
  });

  it("never matches another company's message, and leaves a notice that matches nothing untouched", async () => {
    // Company B sends a message; its notice lands in company A's mailbox (the same mailbox would be a misconfiguration, or a forged notice).
    await api.useSmtpServer(api.b.id, mailbox.smtp, mailbox.account({ imapHost: '' }));
    const theirs = await send(['kilpailija@asiakas.fi'], api.b.admin.token);
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(theirs.messageId, 'kilpailija@asiakas.fi'));
    await mailbox.dovecot.deliver(MAILBOX, notices.gmail('<tuntematon@muualla.example>', 'joku@asiakas.fi'));

    expect(await reader().runOnce()).toEqual([{ accountKey: `company:${api.a.id}`, outcome: 'READ', scanned: 2, recorded: 0 }]);
    const theirRead = await api.gql<{ message: Read }>(READ, { id: theirs.id }, { token: api.b.admin.token });
    expect(theirRead.data?.message).toMatchObject({ status: 'SENT', bounces: [] });
    const suppressedB = await api.gql<{ suppressedAddresses: unknown[] }>('{ suppressedAddresses { address } }', {}, { token: api.b.admin.token });
    expect(suppressedB.data?.suppressedAddresses).toEqual([]);
    // Untouched: still in the inbox, still unread.
    const inbox = await mailbox.dovecot.messages(MAILBOX, 'INBOX');
    expect(inbox).toHaveLength(2);
    expect(inbox.every((m) => !m.flags.includes('\\Seen'))).toBe(true);
  });

  it('skips a hostile notice (huge, nested forever, a wrong charset) with a log line and reads the good one after it', async () => {
    const sent = await send(['hyva@asiakas.fi']);
    const nested = ['From: MAILER-DAEMON@example.org', 'Subject: Undelivered Mail Returned to Sender', ...Array.from({ length: 400 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}`), ''].join('\n');
    const huge = `From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\nContent-Type: text/plain\n\n${'x'.repeat(11 * 1024 * 1024)}\n`;
    const charset = 'From: MAILER-DAEMON@example.org\nSubject: Delivery Status Notification (Failure)\nContent-Type: text/plain; charset="x-unknown-\u00ff"\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n';
    for (const hostile of [nested, huge, charset]) await mailbox.dovecot.deliver(MAILBOX, hostile);
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(sent.messageId, 'hyva@asiakas.fi'));

    const [run] = await reader().runOnce();
    expect(run).toMatchObject({ outcome: 'READ', scanned: 4, recorded: 1 });
    expect((await read(sent.id)).bounces).toHaveLength(1);
    expect(api.logs.some((line) => line.includes('skipped a notice too large to read'))).toBe(true);
    expect(api.logs.some((line) => /skipped an unreadable notice|skipped a notice that could not be handled/.test(line))).toBe(true);
  });

  it('reads each notice once: the next round starts after the last one read', async () => {
    const sent = await send(['kerran@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(sent.messageId, 'kerran@asiakas.fi'));
    expect(await reader().runOnce()).toEqual([expect.objectContaining({ scanned: 1, recorded: 1 })]);
    expect(await reader().runOnce()).toEqual([expect.objectContaining({ scanned: 0, recorded: 0 })]);
    expect((await read(sent.id)).bounces).toHaveLength(1);
  });

  it('moves the notices it recorded to the folder the settings name, and leaves the others in the inbox', async () => {
    await useMailbox(api, api.a.id, mailbox, { imapBounceFolder: 'Palautukset' });
    const sent = await send(['siirto@asiakas.fi']);
    await mailbox.dovecot.deliver(MAILBOX, notices.postfix(sent.messageId, 'siirto@asiakas.fi'));
    await mailbox.dovecot.deliver(MAILBOX, 'From: asiakas@asiakas.fi\nTo: myynti@yritys.fi\nSubject: Kiitos tilauksesta\n\nHei!\n');
    await reader().runOnce();
    expect(await mailbox.dovecot.messages(MAILBOX, 'Palautukset')).toHaveLength(1);
    expect((await mailbox.dovecot.messages(MAILBOX, 'INBOX')).map((m) => /Subject: (.*)/.exec(m.text)?.[1])).toEqual(['Kiitos tilauksesta']);
  });

  it('lets one worker read an account at a time: another finds its lease taken', async () => {
    await api.runtime.db.getRepository(BounceReaderEntity).insert({
      accountKey: `company:${api.a.id}`,
      companyId: api.a.id,
      lockedBy: 'toinen-työprosessi',
      lockedUntil: new Date(Date.now() + 60_000),
      uidValidity: null,
      lastUid: 0,
      server: '',
      lastRunAt: null,
      lastErrorCode: null,
    });
    expect(await reader().runOnce()).toEqual([{ accountKey: `company:${api.a.id}`, outcome: 'NOT_MINE', scanned: 0, recorded: 0 }]);
    await api.runtime.db.getRepository(BounceReaderEntity).update({ accountKey: `company:${api.a.id}` }, { lockedUntil: new Date(Date.now() - 1000) });
    expect(await reader().runOnce()).toEqual([expect.objectContaining({ outcome: 'READ' })]);
  });
});
