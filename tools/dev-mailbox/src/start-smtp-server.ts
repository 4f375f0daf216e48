import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { createReceivedMail, type ReceivedDsn, type ReceivedEnvelope, type ReceivedMail } from './received-mail';

/** An SMTP reply the server gives instead of accepting, e.g. `{ code: 451, message: '4.3.0 Try again later' }`. */
export interface SmtpReply {
  code: number;
  message: string;
}

export type SaslMethod = 'PLAIN' | 'LOGIN' | 'XOAUTH2';

export interface SmtpServerAuthOptions {
  /** User name -> password, for PLAIN and LOGIN. */
  users: Record<string, string>;
  /** Methods offered after EHLO; PLAIN and LOGIN by default. */
  methods?: SaslMethod[];
  /** Decides an XOAUTH2 login; without it every XOAUTH2 token is refused. */
  xoauth2Validate?: (user: string, accessToken: string) => boolean;
  /**
   * How a refused XOAUTH2 token is answered. Default: Google's way, a 334 JSON challenge, then 535
   * after the client's empty line. A reply here answers at once instead, as Exchange Online does
   * (`{ code: 535, message: '5.7.3 Authentication unsuccessful' }`).
   */
  xoauth2Refusal?: SmtpReply;
}

export interface SmtpServerOptions {
  /** 0 (the default) lets the system pick a free port; read it back from `port`. */
  port?: number;
  /** Default 127.0.0.1: never listen beyond this machine unless asked to. */
  host?: string;
  /** Implicit TLS (SMTPS, like port 465): TLS from the first byte. Needs `tls` or uses smtp-server's test certificate. */
  secure?: boolean;
  /** Offer STARTTLS. Default: offered when `tls` is given and `secure` is not. False removes the command entirely. */
  starttls?: boolean;
  /** The certificate and key in PEM, e.g. from makeSelfSignedCertificate(). */
  tls?: { key: string; cert: string };
  /** Require AUTH before MAIL FROM; without this option AUTH is not offered at all. */
  auth?: SmtpServerAuthOptions;
  /** Answer RCPT TO with this reply instead of accepting the address. */
  rejectRecipient?: (address: string) => SmtpReply | null;
  /** Answer the end of DATA with this reply instead of accepting the message (e.g. 421, 451, 554). */
  onMail?: (envelope: ReceivedEnvelope, raw: Buffer) => SmtpReply | null;
  /** Largest message accepted, in bytes, advertised as SIZE; bigger ones get 552. No limit by default. */
  maxSize?: number;
  /** How many received messages are kept (oldest dropped first); `count` goes on counting. Default 1000; 0 keeps none. */
  maxMessages?: number;
  /** The name in the greeting and EHLO reply. */
  name?: string;
  /** Offer DSN (RFC 3461) after EHLO and keep what the client asked for in `envelope.dsn`. Default off. */
  dsn?: boolean;
  /** Offer SMTPUTF8 (RFC 6531) after EHLO. Default true; false as an older server that does not. */
  smtputf8?: boolean;
  /**
   * Answer EHLO/HELO with this reply instead of accepting the name, e.g. Google's relay refusing a
   * name without a dot: `(name) => name.includes('.') ? null : { code: 421, message: '4.7.0 Try again later' }`.
   * A 421 closes the connection, as a real server does.
   */
  ehlo?: (name: string) => SmtpReply | null;
  /**
   * At most this many connections open at once: a MAIL FROM on a connection beyond them gets
   * `tooManyConnections` (default Exchange Online's `432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded`).
   */
  maxConnections?: number;
  tooManyConnections?: SmtpReply;
}

export interface RunningSmtpServer {
  readonly host: string;
  readonly port: number;
  /** The kept messages, oldest first (a copy: safe to iterate while mail arrives). */
  readonly messages: ReceivedMail[];
  /** Messages accepted since the start or the last clear(), including those no longer kept. */
  readonly count: number;
  /** Client connections opened since the start or the last clear() (after the TLS handshake for implicit TLS). */
  readonly connectionCount: number;
  /** Client connections open right now. */
  readonly openConnections: number;
  /** AUTH attempts (right or wrong) since the start or the last clear(): proves a password was or was not sent. */
  readonly authAttempts: number;
  /** Every name clients greeted with (EHLO or HELO), in order, since the start or the last clear(). */
  readonly ehloNames: string[];
  /** The most connections that were open at once since the start or the last clear(). */
  readonly peakConnections: number;
  /** Resolves with the kept messages once `count` reaches n; rejects after timeoutMs (default 5000). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets the messages and resets the counters. */
  clear(): void;
  /** Stops listening and closes every open connection (clients see 421) at once. */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGES = 1000;

/** smtp-server keeps the DSN parameters on the envelope and each recipient; its types do not declare them. */
function dsnOf(session: SMTPServerSession): ReceivedDsn {
  const envelope = session.envelope as { dsn?: { ret?: string | null; envid?: string | null } };
  const notify: Record<string, string[]> = {};
  for (const rcpt of session.envelope.rcptTo as Array<{ address: string; dsn?: { notify?: string[] } }>) {
    if (rcpt.dsn?.notify) notify[rcpt.address] = rcpt.dsn.notify;
  }
  return { ret: envelope.dsn?.ret ?? null, envid: envelope.dsn?.envid ?? null, notify };
}
const DEFAULT_WAIT_MS = 5000;

function replyError(reply: SmtpReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/**
 * Starts a real SMTP server in this process. Every test in the repository that talks SMTP uses it
 * (plain, STARTTLS, implicit TLS, AUTH, scripted refusals), and `npm start` runs it as the dev mailbox.
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<RunningSmtpServer> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const starttls = options.starttls ?? (!!options.tls && !options.secure);
  const auth = options.auth;

  let kept: ReceivedMail[] = [];
  let count = 0;
  let connectionCount = 0;
  let authAttempts = 0;
  let ehloNames: string[] = [];
  let peakConnections = 0;
  let nextId = 1;
  let waiters: Array<{ n: number; resolve: () => void }> = [];

  const settleWaiters = (): void => {
    const due = waiters.filter((w) => count >= w.n);
    waiters = waiters.filter((w) => count < w.n);
    due.forEach((w) => w.resolve());
  };

  const disabledCommands: string[] = [];
  if (!starttls) disabledCommands.push('STARTTLS');
  if (!auth) disabledCommands.push('AUTH');

  const serverOptions: SMTPServerOptions = {
    secure: options.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    name: options.name ?? 'dev-mailbox.localhost',
    disabledCommands,
    authMethods: auth?.methods ?? ['PLAIN', 'LOGIN'],
    authOptional: !auth,
    hideSMTPUTF8: options.smtputf8 === false,
    // A test server takes whatever the client offers: whether a password may travel in clear is the
    // client's decision, and that decision is what the tests check.
    allowInsecureAuth: true,
    disableReverseLookup: true,
    hideDSN: !options.dsn,
    logger: false,
    ...(options.maxSize ? { size: options.maxSize, rejectOversized: true } : {}),

    onConnect(session, callback) {
      connectionCount += 1;
      peakConnections = Math.max(peakConnections, server.connections.size);
      watchGreeting(session);
      callback();
    },

    onMailFrom(_address, _session, callback) {
      if (options.maxConnections !== undefined && server.connections.size > options.maxConnections) {
        return callback(replyError(options.tooManyConnections ?? { code: 432, message: '4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded' }));
      }
      callback();
    },

    onAuth(login, _session, callback) {
      authAttempts += 1;
      if (!auth) return callback(null, { responseCode: 502, message: 'AUTH not offered' });
      const username = login.username ?? '';
      if (login.method === 'XOAUTH2') {
        const ok = !!auth.xoauth2Validate && auth.xoauth2Validate(username, login.accessToken ?? '');
        if (ok) return callback(null, { user: username });
        if (auth.xoauth2Refusal) return callback(replyError(auth.xoauth2Refusal));
        // Google answers a refused token with a JSON challenge first.
        return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
      }
      const expected = Object.prototype.hasOwnProperty.call(auth.users, username) ? auth.users[username] : undefined;
      if (expected !== undefined && login.password === expected) return callback(null, { user: username });
      return callback(null, { responseCode: 535, message: '5.7.8 Authentication credentials invalid' });
    },

    onRcptTo(address, _session, callback) {
      const reply = options.rejectRecipient?.(address.address);
      callback(reply ? replyError(reply) : null);
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit, keep reading to the end of DATA but stop holding the bytes.
        if (!stream.sizeExceeded) chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(replyError({ code: 552, message: '5.3.4 Message too big' }));
        const raw = Buffer.concat(chunks, size);
        const envelope: ReceivedEnvelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(options.dsn ? { dsn: dsnOf(session) } : {}),
        };
        const reply = options.onMail?.(envelope, raw);
        if (reply) return callback(replyError(reply));

        const id = String(nextId++);
        count += 1;
        if (maxMessages > 0) {
          kept.push(
            createReceivedMail({
              id,
              receivedAt: new Date(),
              envelope,
              session: {
                secure: session.secure,
                user: typeof session.user === 'string' ? session.user : null,
                transmissionType: session.transmissionType,
                ehloName: typeof session.hostNameAppearsAs === 'string' ? session.hostNameAppearsAs : null,
                smtpUtf8: session.envelope.smtpUtf8 === true,
              },
              size,
              raw,
            }),
          );
          if (kept.length > maxMessages) kept.shift();
        }
        settleWaiters();
        callback(null, `OK: queued as ${id}`);
      });
    },
  };

  const server = new SMTPServer(serverOptions);

  /**
   * smtp-server has no EHLO hook: wrap this connection's EHLO and HELO handlers (it looks them up by
   * name on the connection) to record the name and, when asked, answer with a refusal instead.
   */
  function watchGreeting(session: SMTPServerSession): void {
    const connection = [...server.connections].find((c) => (c as unknown as { session: unknown }).session === session) as unknown as
      | (Record<string, unknown> & { send(code: number, message: string): void; close(): void })
      | undefined;
    if (!connection) return;
    for (const command of ['EHLO', 'HELO']) {
      const original = connection[`handler_${command}`] as ((command: Buffer, callback: () => void) => void) | undefined;
      if (typeof original !== 'function') continue;
      connection[`handler_${command}`] = (line: Buffer, callback: () => void) => {
        const name = line.toString().trim().split(/\s+/)[1] ?? '';
        ehloNames.push(name);
        const reply = options.ehlo?.(name);
        if (!reply) return original.call(connection, line, callback);
        connection.send(reply.code, reply.message);
        if (reply.code === 421) connection.close();
        callback();
      };
    }
  }
  // A client that resets its connection is the client's problem, not a reason to crash the test run.
  server.on('error', () => undefined);

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', onError);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : (options.port ?? 0));
    });
  });

  return {
    host,
    port,
    get messages() {
      return kept.slice();
    },
    get count() {
      return count;
    },
    get connectionCount() {
      return connectionCount;
    },
    get openConnections() {
      return server.connections.size;
    },
    get authAttempts() {
      return authAttempts;
    },
    get ehloNames() {
      return ehloNames.slice();
    },
    get peakConnections() {
      return peakConnections;
    },
    waitFor(n, timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        if (count >= n) return resolve(kept.slice());
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`dev-mailbox: waited ${timeoutMs} ms for ${n} message(s), got ${count}`));
        }, timeoutMs);
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(kept.slice());
          },
        };
        waiters.push(waiter);
      });
    },
    clear() {
      kept = [];
      count = 0;
      connectionCount = 0;
      authAttempts = 0;
      ehloNames = [];
      peakConnections = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // smtp-server would wait up to its closeTimeout for clients to leave; pooled clients never do.
        for (const connection of server.connections) connection.send(421, 'Server shutting down');
      });
    },
  };
}
