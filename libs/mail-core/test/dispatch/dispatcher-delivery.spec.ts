import type { AddressObject, ParsedMail } from 'mailparser';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';
import { createSmtpDispatcher, type SmtpDispatcher } from '../../src/dispatch';
import { PDF_BYTES, TEST_TIMEOUTS, accountFor, orderConfirmation, sha256 } from './dispatch-fixtures';

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((group) => group.value.map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? ''))));
}

let certificate: SelfSignedCertificate;
let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

describe('what arrives at the server over plain SMTP', () => {
  let parsed: ParsedMail;
  const message = orderConfirmation();
  let envelope: { from: string; to: string[] };
  let outcome: Awaited<ReturnType<SmtpDispatcher['send']>>;

  // One delivery, read by each rule below; the server and dispatcher live for this block only.
  let blockServer: RunningSmtpServer;
  let blockDispatcher: SmtpDispatcher;
  beforeAll(async () => {
    blockServer = await startSmtpServer();
    blockDispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    outcome = await blockDispatcher.send(accountFor(blockServer), message);
    const [mail] = await blockServer.waitFor(1);
    envelope = mail!.envelope;
    parsed = await mail!.parse();
  });
  afterAll(async () => {
    await blockDispatcher.close();
    await blockServer.close();
  });

  it('reports the send as accepted with the server reply and the Message-ID', () => {
    expect(outcome).toMatchObject({ ok: true, messageId: message.messageId, response: expect.stringMatching(/^250 OK: queued as \d+$/) });
  });

  it('keeps the Message-ID chosen when the message was stored', () => {
    expect(parsed.messageId).toBe(message.messageId);
  });

  it('sends MAIL FROM as the sender address', () => {
    expect(envelope.from).toBe('yritys@yritys.fi');
  });

  it('sends RCPT TO for every to, cc and bcc recipient', () => {
    expect([...envelope.to].sort()).toEqual(['arkisto@yritys.fi', 'matti.virtanen@asiakas.fi', 'myynti@asiakas.fi']);
  });

  it('reports every recipient as accepted', () => {
    expect(outcome.ok && [...outcome.accepted].sort()).toEqual(['arkisto@yritys.fi', 'matti.virtanen@asiakas.fi', 'myynti@asiakas.fi']);
  });

  it('writes From, To and Cc headers with display names', () => {
    expect(addresses(parsed.from)).toEqual(['Yrityksen edustaja <yritys@yritys.fi>']);
    expect(addresses(parsed.to)).toEqual(['Virtanen, Matti <matti.virtanen@asiakas.fi>']);
    expect(addresses(parsed.cc)).toEqual(['myynti@asiakas.fi']);
  });

  it('never shows the bcc recipient in the headers', () => {
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headerLines.map((h) => h.line).join('\n')).not.toContain('arkisto@yritys.fi');
  });

  it('keeps the UTF-8 subject', () => {
    expect(parsed.subject).toBe('Tilausvahvistus 10045 – Äänekosken toimitus');
  });

  it('delivers the text body as typed', () => {
    expect(parsed.text).toBe(message.text);
  });

  it('delivers the HTML alternative as the same text in a monospace block', () => {
    expect(parsed.html).toContain('monospace');
    expect(parsed.html).toContain('Pumppu P-1     2');
  });

  it('delivers the attachment byte for byte with its name and type', () => {
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: 'tilausvahvistus-10045.pdf', contentType: 'application/pdf' });
    expect(sha256(parsed.attachments[0]!.content)).toBe(sha256(PDF_BYTES));
  });
});

it('sends over plain SMTP without TLS when the encryption is NONE', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await expect(dispatcher.send(accountFor(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(false);
});

it('never upgrades a NONE account to TLS even when the server offers STARTTLS', async () => {
  // The server's certificate is not trusted by the client: an attempted upgrade would fail the send.
  server = await startSmtpServer({ tls: certificate, starttls: true });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  await expect(dispatcher.send(accountFor(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(false);
});

it('sends over STARTTLS when the encryption is TLS', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: true });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const account = accountFor(server, { encryption: 'TLS', caCertificate: certificate.cert });
  await expect(dispatcher.send(account, orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(true);
});

it('sends over implicit TLS when the encryption is SSL', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const account = accountFor(server, { encryption: 'SSL', caCertificate: certificate.cert });
  await expect(dispatcher.send(account, orderConfirmation())).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(true);
});

it('sends an SMS as plain text to the gateway address', async () => {
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const sms = orderConfirmation({
    channel: 'SMS',
    to: [{ name: '', address: '358401234567@smsmail.labyrintti.com' }],
    cc: [],
    bcc: [],
    subject: 'salasana',
    text: 'Huolto valmis',
    attachments: [],
  });
  await expect(dispatcher.send(accountFor(server), sms)).resolves.toMatchObject({ ok: true });
  const [mail] = await server.waitFor(1);
  const parsed = await mail!.parse();
  expect(mail!.envelope.to).toEqual(['358401234567@smsmail.labyrintti.com']);
  expect(parsed.text?.trim()).toBe('Huolto valmis');
  expect(parsed.html).toBe(false);
});
