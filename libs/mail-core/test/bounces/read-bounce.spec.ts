import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelopeIdFor, messageIdForEnvelopeId, readBounce, type BounceReading, type BounceReport } from '../../src';

// Real notices from public bounce corpora (see fixtures/README.md), read as they arrive in the
// sender's inbox; plus notices made here for what no corpus has (our own ENVID) or should have.
const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));

async function report(raw: Buffer | string): Promise<BounceReport> {
  const reading = await readBounce(raw);
  if (reading.kind !== 'BOUNCE') throw new Error(`expected a bounce, got ${JSON.stringify(reading)}`);
  return reading.report;
}

describe('delivery status notifications (RFC 3464)', () => {
  it('reads a Postfix notice: the recipient, the status, the remote server and its reply', async () => {
    expect(await report(fixture('lhost-postfix-09.eml'))).toMatchObject({
      format: 'DSN',
      reportingMta: 'xxxc.asia',
      recipients: [{ address: 'kijitora@example.ne.jp', action: 'FAILED', status: '4.3.2', remoteMta: 'mgate02.dti.ne.jp', diagnostic: '452 4.3.2 Connection rate limit exceeded.' }],
    });
  });

  it('reads an Office 365 notice and the original Message-ID from the returned headers', async () => {
    const read = await report(fixture('lhost-office365-03.eml'));
    expect(read).toMatchObject({ format: 'DSN', originalMessageId: '<000000000000.2222.22222222222200000000@NEKO-NYAAN>' });
    expect(read.recipients).toEqual([expect.objectContaining({ address: 'kijitora@example.com', action: 'FAILED', status: '5.1.0' })]);
    expect(read.recipients[0]?.diagnostic).toMatch(/^550 5\.1\.0 .*SPF/);
  });

  it('reads the Original-Envelope-Id (ENVID) and the Message-ID of the returned message', async () => {
    expect(await report(fixture('lhost-messagingserver-01.eml'))).toMatchObject({
      envelopeId: '0NFC009FLKOUVMA0@mr21p30im-asmtp004.me.example.com',
      originalMessageId: '<CD8C6134-C312-41D5-B083-366F7FA1D752@me.example.com>',
      recipients: [{ address: 'kijitora@example.jp', action: 'FAILED', status: '5.1.1', diagnostic: '550 5.1.1 <kijitora@example.jp>... User Unknown' }],
    });
  });

  it('reads a delay notice as DELAYED, not as a failure (Sendmail)', async () => {
    expect(await report(fixture('lhost-sendmail-29.eml'))).toMatchObject({
      originalMessageId: '<54341A75-5EF4-4F06-9C5D-56D36A9283FC@example.jp>',
      recipients: [{ address: 'this-local-part-does-not-exist-on-the-system@y-mobile.ne.jp', action: 'DELAYED', status: '4.5.0' }],
    });
  });

  it('reads a Postfix delay notice with the original recipient an alias pointed to', async () => {
    expect((await report(fixture('rfc3464-09.eml'))).recipients).toEqual([
      expect.objectContaining({ address: 'kijitora-cat@mx4.gr3.example.jp', originalRecipient: 'kijitora-nyaaaaaan@example.co.jp', action: 'DELAYED', status: '4.3.0' }),
    ]);
  });

  it('reads a Hotmail notice whose text part is in a charset nobody supports any more (UTF-7)', async () => {
    expect(await report(fixture('lhost-outlook-06.eml'))).toMatchObject({
      originalMessageId: '<BAY182-W4180385B0DABF89EB94B34A9300@phx.gbl>',
      recipients: [{ address: 'kijitora@example.com', action: 'DELAYED', status: '4.4.7' }],
    });
  });

  it('reads Exchange 2007’s notice with its status part', async () => {
    expect((await report(fixture('lhost-exchange2007-01.eml'))).recipients).toEqual([
      expect.objectContaining({ address: 'mikeneko@example.co.jp', action: 'FAILED', status: '5.1.1', diagnostic: expect.stringContaining('RESOLVER.ADR.RecipNotFound') }),
    ]);
  });

  it('matches a notice about our own message by the ENVID we sent, even without returned headers', async () => {
    const messageId = '<0190f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f@yritys.fi>';
    const envid = envelopeIdFor(messageId) as string;
    // As Postfix writes it for a message sent with ENVID and RET=HDRS (headers cut off here).
    const notice = [
      'Return-Path: <>',
      'From: MAILER-DAEMON@mail.asiakas.fi (Mail Delivery System)',
      'To: myynti@yritys.fi',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-Id: <20260304050607.ABC123@mail.asiakas.fi>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'I\'m sorry to have to inform you that your message could not be delivered.',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.asiakas.fi',
      `Original-Envelope-Id: ${envid}`,
      '',
      'Final-Recipient: rfc822; matti.virtanen@asiakas.fi',
      'Original-Recipient: rfc822;matti.virtanen@asiakas.fi',
      'Action: failed',
      'Status: 5.1.1',
      'Remote-MTA: dns; mx.asiakas.fi',
      'Diagnostic-Code: smtp; 550 5.1.1 <matti.virtanen@asiakas.fi>: Recipient address rejected: User unknown',
      '',
      '--B--',
      '',
    ].join('\r\n');
    const read = await report(notice);
    expect(read.envelopeId && messageIdForEnvelopeId(read.envelopeId)).toBe(messageId);
    expect(read.recipients).toEqual([
      { address: 'matti.virtanen@asiakas.fi', action: 'FAILED', status: '5.1.1', remoteMta: 'mx.asiakas.fi', diagnostic: '550 5.1.1 <matti.virtanen@asiakas.fi>: Recipient address rejected: User unknown' },
    ]);
  });

  it('does not report a notice of successful delivery as a bounce', async () => {
    const notice = [
      'From: MAILER-DAEMON@mail.asiakas.fi',
      'Subject: Successful Mail Delivery Report',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.asiakas.fi',
      '',
      'Final-Recipient: rfc822; matti@asiakas.fi',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      '--B--',
      '',
    ].join('\r\n');
    await expect(readBounce(notice)).resolves.toEqual({ kind: 'NOT_A_BOUNCE' });
  });
});

describe('notices in words only', () => {
  it('reads Office 365’s notice without a status part, and the Message-ID among the quoted headers', async () => {
    expect(await report(fixture('lhost-office365-01.eml'))).toMatchObject({
      format: 'TEXT',
      originalMessageId: '<FFFFFFFF.EEEEEEEE@example.ed.jp>',
      recipients: [{ address: 'kijitora@example.com', action: 'FAILED', status: '5.1.10', diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' }],
    });
  });

  it('reads Gmail’s notice: X-Failed-Recipients, the other server’s reply, the original Message-ID', async () => {
    expect(await report(fixture('lhost-gmail-01.eml'))).toMatchObject({
      format: 'TEXT',
      failedRecipients: ['userunknown@example.jp'],
      originalMessageId: '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>',
      recipients: [{ address: 'userunknown@example.jp', action: 'FAILED', status: '5.1.1', diagnostic: '550 5.1.1 <userunknown@example.jp>... User Unknown' }],
    });
  });

  it('reads qmail’s notice', async () => {
    expect(await report(fixture('lhost-qmail-01.eml'))).toMatchObject({
      format: 'TEXT',
      originalMessageId: '<000000000.9999999999999.JavaMail.postmaster@mailhub>',
      recipients: [{ address: 'kijitora@example.ne.jp', action: 'FAILED', status: '5.5.0', diagnostic: '550 Unknown user kijitora@example.ne.jp' }],
    });
  });

  it('reads Exim’s notice, reporting only the failed recipient and not the sender the reply quotes', async () => {
    const read = await report(fixture('lhost-exim-01.eml'));
    expect(read.recipients.map((r) => r.address)).toEqual(['kijitora@example.ed.jp']);
    expect(read).toMatchObject({ originalMessageId: '<E1P1ce6-000Egt-GZ@e1.example.org>', recipients: [{ action: 'FAILED', status: '5.7.0' }] });
  });

  it('leaves an ordinary message with an attached message alone', async () => {
    await expect(readBounce(fixture('is-not-bounce-02.eml'))).resolves.toEqual({ kind: 'NOT_A_BOUNCE' });
  });

  it('leaves an out-of-office reply alone', async () => {
    const reply = 'From: Matti Virtanen <matti@asiakas.fi>\r\nAuto-Submitted: auto-replied\r\nSubject: Automaattinen vastaus: Tilausvahvistus 10045\r\n\r\nOlen lomalla 1.8. asti.\r\n';
    await expect(readBounce(reply)).resolves.toEqual({ kind: 'NOT_A_BOUNCE' });
  });

  it('skips a delivery notice that names no recipient it could read', async () => {
    const notice = 'From: MAILER-DAEMON@mail.asiakas.fi\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nSomething went wrong.\r\n';
    await expect(readBounce(notice)).resolves.toMatchObject({ kind: 'SKIPPED', reason: 'NO_RECIPIENTS' });
  });
});

describe('malformed and hostile notices are skipped with a reason, never thrown', () => {
  const settle = (reading: Promise<BounceReading>) => reading.then((r) => r.kind);

  it('skips a notice larger than the limit without parsing it', async () => {
    await expect(readBounce(fixture('lhost-postfix-09.eml'), { maxBytes: 1000 })).resolves.toMatchObject({ kind: 'SKIPPED', reason: 'TOO_LARGE' });
  });

  it('skips MIME nested deeper than the limit', async () => {
    const depth = 5000;
    const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join('');
    const close = Array.from({ length: depth }, (_, i) => `\r\n--b${depth - 1 - i}--\r\n`).join('');
    const notice = `From: MAILER-DAEMON@x.example\r\nSubject: Undelivered Mail\r\nMIME-Version: 1.0\r\n${open}Content-Type: text/plain\r\n\r\n<a@b.example>: 550 no\r\n${close}`;
    await expect(readBounce(notice)).resolves.toMatchObject({ kind: 'SKIPPED', reason: 'TOO_DEEP' });
  });

  it('reads a notice whose text claims a charset that does not exist', async () => {
    const notice = Buffer.concat([
      Buffer.from('From: MAILER-DAEMON@x.example\r\nSubject: failure notice\r\nContent-Type: text/plain; charset="x-no-such-charset"\r\n\r\n<matti@asiakas.fi>:\r\n550 5.1.1 user unknown \xff\xfe\r\n', 'latin1'),
    ]);
    expect((await report(notice)).recipients).toEqual([expect.objectContaining({ address: 'matti@asiakas.fi', status: '5.1.1' })]);
  });

  it('answers for binary garbage without throwing', async () => {
    const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256));
    await expect(settle(readBounce(garbage))).resolves.toMatch(/^(NOT_A_BOUNCE|SKIPPED)$/);
  });

  it('answers for a header line that never ends', async () => {
    const notice = `Subject: ${'x'.repeat(3 * 1024 * 1024)}`;
    await expect(settle(readBounce(notice))).resolves.toMatch(/^(NOT_A_BOUNCE|SKIPPED)$/);
  });

  it('gets through a notice built to make pattern matching slow (long runs of spaces, lines and address-like text)', async () => {
    const body = [' '.repeat(80_000), '\n'.repeat(60_000), `a@${'b'.repeat(50_000)}`, `${' <'.repeat(20_000)}mailto:`, ` ${'-'.repeat(20_000)}`].join('\n');
    const notice = `From: MAILER-DAEMON@x.example\r\nReturn-Path: <${' '.repeat(50_000)}x>\r\nSubject: Undelivered Mail\r\n\r\n<matti@asiakas.fi>: 550 5.1.1 unknown\r\n\r\n${body}\r\n`;
    expect((await report(notice)).recipients.map((r) => r.address)).toEqual(['matti@asiakas.fi']);
  });

  it('gives up on a notice that takes longer than the time allowed', async () => {
    const big = `From: MAILER-DAEMON@x.example\r\nSubject: Undelivered Mail\r\n\r\n${'<a@b.example>: 550 5.1.1 no\r\n'.repeat(60_000)}`;
    await expect(readBounce(big, { timeoutMs: 0 })).resolves.toMatchObject({ kind: 'SKIPPED', reason: 'TIMEOUT' });
  });
});
