import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { makeSelfSignedCertificate, startDovecot, startIdentityProvider, type RunningDovecot, type SelfSignedCertificate } from '../src';

// The helper's own checks, over raw sockets (no IMAP library): the mail-core tests use it through imapflow.
jest.setTimeout(30_000);
let certificate: SelfSignedCertificate;
let dovecot: RunningDovecot | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await dovecot?.stop();
  dovecot = undefined;
});

/** A minimal IMAP conversation: send tagged commands, collect the lines up to each tagged answer. */
function session(socket: Socket | TLSSocket) {
  let buffer = '';
  let waiting: { tag: string | null; resolve: (lines: string[]) => void } | null = null;
  const lines: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let at: number;
    while ((at = buffer.indexOf('\r\n')) >= 0) {
      lines.push(buffer.slice(0, at));
      buffer = buffer.slice(at + 2);
      const last = lines[lines.length - 1] as string;
      // A refused XOAUTH2 token comes back as a challenge with the error; the client answers it empty.
      if (last.startsWith('+ ')) socket.write('\r\n');
      if (waiting && (waiting.tag === null ? last.startsWith('* ') : last.startsWith(`${waiting.tag} `))) {
        const done = waiting;
        waiting = null;
        done.resolve(lines.splice(0));
      }
    }
  });
  const until = (tag: string | null) => new Promise<string[]>((resolve) => (waiting = { tag, resolve }));
  return {
    greeting: () => (lines.length > 0 ? Promise.resolve(lines.splice(0)) : until(null)),
    command: (tag: string, text: string) => {
      const answer = until(tag);
      socket.write(`${tag} ${text}\r\n`);
      return answer;
    },
  };
}

function openTls(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca: certificate.cert, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function openPlain(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

it('serves IMAP over implicit TLS with the certificate made in the test, and lists Sent with \\Sent', async () => {
  dovecot = await startDovecot({ tls: certificate, users: { 'myynti@yritys.fi': 'salasana' } });
  const socket = await openTls(dovecot.tlsPort);
  const imap = session(socket);
  expect((await imap.greeting()).join('\n')).toMatch(/^\* OK/);
  expect((await imap.command('a', 'LOGIN myynti@yritys.fi salasana')).pop()).toMatch(/^a OK/);
  const list = await imap.command('b', 'LIST "" "*"');
  expect(list).toContain('* LIST (\\HasNoChildren \\Sent) "/" Sent');
  socket.destroy();
});

it('offers STARTTLS on the plain port, and no STARTTLS at all with ssl: false', async () => {
  dovecot = await startDovecot({ tls: certificate, users: { 'myynti@yritys.fi': 'salasana' } });
  const withTls = await openPlain(dovecot.port);
  expect((await session(withTls).greeting()).join(' ')).toMatch(/STARTTLS/);
  withTls.destroy();
  await dovecot.stop();

  dovecot = await startDovecot({ ssl: false, users: { 'myynti@yritys.fi': 'salasana' } });
  expect(dovecot.tlsPort).toBe(0);
  const plain = await openPlain(dovecot.port);
  const greeting = (await session(plain).greeting()).join(' ');
  expect(greeting).toMatch(/^\* OK/);
  expect(greeting).not.toMatch(/STARTTLS/);
  plain.destroy();
});

it('refuses a wrong password', async () => {
  dovecot = await startDovecot({ tls: certificate, users: { 'myynti@yritys.fi': 'salasana' } });
  const socket = await openTls(dovecot.tlsPort);
  const imap = session(socket);
  await imap.greeting();
  expect((await imap.command('a', 'LOGIN myynti@yritys.fi vaara')).pop()).toMatch(/^a NO \[AUTHENTICATIONFAILED\]/);
  socket.destroy();
});

it('gives folders without a special-use flag when asked, and stores delivered mail', async () => {
  dovecot = await startDovecot({ tls: certificate, users: { 'myynti@yritys.fi': 'salasana' }, folders: [{ name: 'Lähetetyt' }] });
  await dovecot.deliver('myynti@yritys.fi', 'From: a@b.fi\r\nSubject: hei\r\n\r\nteksti\r\n', 'Lähetetyt');
  const [stored] = await dovecot.messages('myynti@yritys.fi', 'Lähetetyt');
  expect(stored?.text).toContain('Subject: hei');
  const socket = await openTls(dovecot.tlsPort);
  const imap = session(socket);
  await imap.greeting();
  await imap.command('a', 'LOGIN myynti@yritys.fi salasana');
  // Modified UTF-7 on the wire (RFC 3501): "Lähetetyt" is L&AOQ-hetetyt, with no \Sent.
  expect(await imap.command('b', 'LIST "" "*"')).toContain('* LIST (\\HasNoChildren) "/" L&AOQ-hetetyt');
  socket.destroy();
});

it('accepts an XOAUTH2 token only when the identity provider says it is for that mailbox', async () => {
  const idp = await startIdentityProvider({
    tls: certificate,
    microsoft: [{ tenantId: 'yritys.onmicrosoft.com', clientId: 'app', clientSecret: 's3cret', mailboxes: ['myynti@yritys.fi'] }],
  });
  try {
    dovecot = await startDovecot({
      tls: certificate,
      users: { 'myynti@yritys.fi': 'salasana', 'muu@yritys.fi': 'salasana' },
      xoauth2: { tokenInfoUrl: (mailbox) => idp.tokenInfoUrl(mailbox), ca: certificate.cert },
    });
    const response = await fetchToken(idp.origin);
    const xoauth2 = (user: string) => Buffer.from(`user=${user}\x01auth=Bearer ${response}\x01\x01`).toString('base64');

    const socket = await openTls(dovecot.tlsPort);
    const imap = session(socket);
    await imap.greeting();
    expect((await imap.command('a', `AUTHENTICATE XOAUTH2 ${xoauth2('muu@yritys.fi')}`)).pop()).toMatch(/^a NO/);
    expect((await imap.command('b', `AUTHENTICATE XOAUTH2 ${xoauth2('myynti@yritys.fi')}`)).pop()).toMatch(/^b OK/);
    expect(idp.tokenInfoRequests).toBe(2);
    socket.destroy();
  } finally {
    await idp.close();
  }
});

/** A client-credentials token from the stand-in, over its own https with the test's CA. */
async function fetchToken(origin: string): Promise<string> {
  const { request } = await import('node:https');
  const body = new URLSearchParams({ client_id: 'app', client_secret: 's3cret', grant_type: 'client_credentials', scope: 'https://outlook.office365.com/.default' }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/yritys.onmicrosoft.com/oauth2/v2.0/token`, { method: 'POST', ca: certificate.cert, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve((JSON.parse(text) as { access_token: string }).access_token));
    });
    req.on('error', reject);
    req.end(body);
  });
}
