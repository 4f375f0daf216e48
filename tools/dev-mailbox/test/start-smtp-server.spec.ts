import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { startSmtpServer, type RunningSmtpServer } from '../src';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';

let certificate: SelfSignedCertificate;
let server: RunningSmtpServer | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MAIL: Mail.Options = {
  from: '"Yrityksen edustaja" <yritys@yritys.fi>',
  to: 'asiakas@asiakas.fi',
  bcc: 'arkisto@yritys.fi',
  subject: 'Tilausvahvistus – Äänekoski',
  text: 'Hei!',
};

/** Sends one mail with a one-off (not pooled) nodemailer transport. */
async function send(s: RunningSmtpServer, options: Partial<SMTPTransportOptions> = {}, mail: Mail.Options = MAIL) {
  const transport = nodemailer.createTransport({ host: s.host, port: s.port, ignoreTLS: true, connectionTimeout: 2000, greetingTimeout: 1500, ...options });
  try {
    return await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

it('listens on a free port of 127.0.0.1 when given port 0', async () => {
  server = await startSmtpServer({ port: 0 });
  expect(server.host).toBe('127.0.0.1');
  expect(server.port).toBeGreaterThan(0);
});

it('keeps a received message with its envelope, size and raw bytes', async () => {
  server = await startSmtpServer();
  await send(server);
  const [mail] = await server.waitFor(1);
  expect(mail!.envelope).toEqual({ from: 'yritys@yritys.fi', to: ['asiakas@asiakas.fi', 'arkisto@yritys.fi'] });
  expect(mail!.size).toBe(mail!.raw.length);
  expect(mail!.raw.toString('utf8')).toContain('Hei!');
});

it('parses a received message with mailparser when asked', async () => {
  server = await startSmtpServer();
  await send(server);
  const [mail] = await server.waitFor(1);
  const parsed = await mail!.parse();
  expect(parsed.subject).toBe('Tilausvahvistus – Äänekoski');
  expect(parsed.text?.trim()).toBe('Hei!');
});

it("gives a viewer's summary: id, time, from, to, subject, Message-ID and size", async () => {
  server = await startSmtpServer();
  const info = await send(server);
  const [mail] = await server.waitFor(1);
  await expect(mail!.summary()).resolves.toEqual({
    id: mail!.id,
    receivedAt: expect.any(Date),
    from: '"Yrityksen edustaja" <yritys@yritys.fi>',
    to: ['asiakas@asiakas.fi', 'arkisto@yritys.fi'],
    subject: 'Tilausvahvistus – Äänekoski',
    messageId: info.messageId,
    size: mail!.size,
  });
});

it('answers with the id it gave the message', async () => {
  server = await startSmtpServer();
  const info = await send(server);
  const [mail] = await server.waitFor(1);
  expect(info.response).toBe(`250 OK: queued as ${mail!.id}`);
});

it('keeps at most maxMessages, dropping the oldest, and keeps counting', async () => {
  server = await startSmtpServer({ maxMessages: 2 });
  for (const subject of ['1', '2', '3']) await send(server, {}, { ...MAIL, subject });
  const kept = await Promise.all(server.messages.map(async (m) => (await m.summary()).subject));
  expect(kept).toEqual(['2', '3']);
  expect(server.count).toBe(3);
});

it('keeps no message with maxMessages 0 but still counts them', async () => {
  server = await startSmtpServer({ maxMessages: 0 });
  await send(server);
  expect(server.count).toBe(1);
  expect(server.messages).toEqual([]);
});

it('rejects waitFor after its timeout, saying how many arrived', async () => {
  server = await startSmtpServer();
  await expect(server.waitFor(1, 50)).rejects.toThrow('waited 50 ms for 1 message(s), got 0');
});

it('forgets messages and counters on clear()', async () => {
  server = await startSmtpServer();
  await send(server);
  server.clear();
  expect(server.count).toBe(0);
  expect(server.messages).toEqual([]);
  expect(server.connectionCount).toBe(0);
});

it('refuses a recipient with the reply rejectRecipient gives', async () => {
  server = await startSmtpServer({ rejectRecipient: (a) => (a === 'arkisto@yritys.fi' ? { code: 550, message: '5.1.1 No such user' } : null) });
  const info = await send(server);
  expect(info.rejected).toEqual(['arkisto@yritys.fi']);
  const [mail] = await server.waitFor(1);
  expect(mail!.envelope.to).toEqual(['asiakas@asiakas.fi']);
});

it('answers DATA with the reply onMail gives and keeps nothing', async () => {
  server = await startSmtpServer({ onMail: () => ({ code: 451, message: '4.3.0 Try again later' }) });
  await expect(send(server)).rejects.toMatchObject({ responseCode: 451 });
  expect(server.count).toBe(0);
});

it('requires AUTH when users are given', async () => {
  server = await startSmtpServer({ auth: { users: { u: 'p' } } });
  await expect(send(server)).rejects.toMatchObject({ responseCode: 530 });
});

it('accepts the right password and records who logged in', async () => {
  server = await startSmtpServer({ auth: { users: { u: 'p' } } });
  await send(server, { auth: { user: 'u', pass: 'p' } });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.user).toBe('u');
  expect(server.authAttempts).toBe(1);
});

it('refuses a wrong password with 535', async () => {
  server = await startSmtpServer({ auth: { users: { u: 'p' } } });
  await expect(send(server, { auth: { user: 'u', pass: 'wrong' } })).rejects.toMatchObject({ responseCode: 535 });
});

it('checks an XOAUTH2 token with xoauth2Validate', async () => {
  server = await startSmtpServer({ auth: { users: {}, methods: ['XOAUTH2'], xoauth2Validate: (user, token) => user === 'u@y.fi' && token === 't0k3n' } });
  await send(server, { auth: { type: 'OAuth2', user: 'u@y.fi', accessToken: 't0k3n' } });
  await expect(server.waitFor(1)).resolves.toHaveLength(1);
});

it('offers STARTTLS with the given certificate', async () => {
  server = await startSmtpServer({ tls: certificate });
  await send(server, { ignoreTLS: false, requireTLS: true, tls: { ca: certificate.cert } });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(true);
});

it('has no STARTTLS at all when starttls is false', async () => {
  server = await startSmtpServer({ tls: certificate, starttls: false });
  await expect(send(server, { ignoreTLS: false, requireTLS: true, tls: { ca: certificate.cert } })).rejects.toMatchObject({ code: 'ETLS' });
});

it('speaks implicit TLS when secure', async () => {
  server = await startSmtpServer({ secure: true, tls: certificate });
  await send(server, { secure: true, tls: { ca: certificate.cert } });
  const [mail] = await server.waitFor(1);
  expect(mail!.session.secure).toBe(true);
});

it('makes a certificate only for the names asked for', async () => {
  const other = await makeSelfSignedCertificate(['mail.example.test']);
  server = await startSmtpServer({ secure: true, tls: other });
  await expect(send(server, { secure: true, tls: { ca: other.cert } })).rejects.toMatchObject({ originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' });
});

it('closes connections that pooled clients keep open', async () => {
  server = await startSmtpServer();
  const pool = nodemailer.createTransport({ pool: true, host: server.host, port: server.port, ignoreTLS: true });
  try {
    await pool.sendMail(MAIL);
    expect(server.openConnections).toBe(1);
    await server.close();
    expect(server.openConnections).toBe(0);
  } finally {
    pool.close();
    server = undefined;
  }
});

it('counts client connections', async () => {
  server = await startSmtpServer();
  await send(server);
  await send(server);
  expect(server.connectionCount).toBe(2);
});
