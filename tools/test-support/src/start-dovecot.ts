import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** Debian's binaries (`tools/scripts/ensure-dovecot.sh` installs them); tests never use the system service. */
const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
const START_TIMEOUT_MS = 15_000;

/** A folder the test user has from the first login on (Dovecot's `auto = subscribe`). */
export interface DovecotFolder {
  /** The folder's name as a mail program shows it, e.g. "Sent", "Sent Items", "Lähetetyt". */
  name: string;
  /** Its RFC 6154 special-use flag, e.g. "\\Sent"; without it the folder is an ordinary one. */
  specialUse?: string;
}

export interface DovecotOptions {
  /** Certificate and key (PEM) for the implicit-TLS listener and STARTTLS; e.g. makeSelfSignedCertificate(). */
  tls?: { key: string; cert: string };
  /**
   * False: no TLS at all — one plain listener that offers no STARTTLS (for "the server does not offer
   * STARTTLS"). Default: TLS on, with `tls` required.
   */
  ssl?: boolean;
  /** Mailbox (the login name) -> password. */
  users: Record<string, string>;
  /** The folders every user has besides INBOX. Default: one "Sent" with `\Sent`. */
  folders?: DovecotFolder[];
  /** A storage quota per user in kilobytes: an APPEND beyond it gets `NO [OVERQUOTA]`. Default none. */
  quotaKb?: number;
  /**
   * XOAUTH2 sign-in checked by Dovecot's own oauth2 passdb: for each user, Dovecot asks
   * `tokenInfoUrl(user) + <token>` (GET, as Google's tokeninfo) and accepts the token when the answer
   * is `{ "active": true, "email": <user> }`. `ca`: a CA (PEM) to trust for an https URL.
   */
  xoauth2?: { tokenInfoUrl: (mailbox: string) => string; ca?: string };
}

/** One message as Dovecot stores it, read back with doveadm. */
export interface StoredMessage {
  /** IMAP flags, e.g. ["\\Seen"] (\Recent left out: it only says nobody has looked yet). */
  flags: string[];
  /** The internal date (APPEND's date-time, or when it arrived), to the second. */
  internalDate: Date;
  /** The whole message as stored; line ends as Dovecot hands them to doveadm (LF). */
  text: string;
}

export interface RunningDovecot {
  readonly host: string;
  /** Plain IMAP with STARTTLS offered (unless `ssl: false`, then plain only). */
  readonly port: number;
  /** Implicit TLS (IMAPS); 0 with `ssl: false`. */
  readonly tlsPort: number;
  /** The instance's own directory (config, mail, log); removed by stop(). */
  readonly dir: string;
  /** The messages in one user's folder, oldest first. */
  messages(user: string, folder: string): Promise<StoredMessage[]>;
  /** The folder names one user has, as Dovecot lists them. */
  folders(user: string): Promise<string[]>;
  /** Stores a message straight into a user's folder (default INBOX), as a delivery would. */
  deliver(user: string, raw: Buffer | string, folder?: string): Promise<void>;
  /** Deletes a folder and what is in it (not one Dovecot creates again on login: see `folders`). */
  deleteFolder(user: string, folder: string): Promise<void>;
  /** The end of Dovecot's log, for a failing test's message. */
  log(): Promise<string>;
  /** Stops Dovecot and removes its directory. */
  stop(): Promise<void>;
}

function quoted(value: string): string {
  // Dovecot's config strings: double quotes, with \ and " escaped.
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function run(file: string, args: string[], input?: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Which system users Dovecot's processes and the mail files run as. */
function identities(): { internalUser: string; loginUser: string; uid: number; gid: number } {
  const self = userInfo();
  // As root: Debian's own dovecot/dovenull users, and mail owned by nobody (Dovecot refuses uid 0 for mail).
  if (self.uid === 0) return { internalUser: 'dovecot', loginUser: 'dovenull', uid: 65534, gid: 65534 };
  // Anyone else runs the whole instance as themselves.
  return { internalUser: self.username, loginUser: self.username, uid: self.uid, gid: self.gid };
}

function config(dir: string, options: DovecotOptions, ports: { imap: number; imaps: number }): string {
  const ids = identities();
  const ssl = options.ssl !== false;
  const folders = options.folders ?? [{ name: 'Sent', specialUse: '\\Sent' }];
  const userNames = Object.keys(options.users);
  const lines = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    `default_internal_user = ${ids.internalUser}`,
    `default_login_user = ${ids.loginUser}`,
    'first_valid_uid = 1',
    'first_valid_gid = 1',
    ...(ssl ? ['ssl = yes', `ssl_cert = <${dir}/cert.pem`, `ssl_key = <${dir}/key.pem`] : ['ssl = no']),
    // Whether a password may cross in clear is the client's decision here (that is what the tests check).
    'disable_plaintext_auth = no',
    // Dovecot waits 2 s before answering a failed login (against guessing); tests need no such wait.
    'auth_failure_delay = 0',
    `auth_mechanisms = plain login${options.xoauth2 ? ' xoauth2' : ''}`,
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN ${dir}/passwd`,
    '  mechanisms = plain login',
    '}',
    ...(options.xoauth2
      ? userNames.flatMap((user, i) => ['passdb {', '  driver = oauth2', '  mechanisms = xoauth2', `  username_filter = ${user}`, `  args = ${dir}/oauth2-${i}.conf`, '}'])
      : []),
    'userdb {',
    '  driver = passwd-file',
    `  args = ${dir}/passwd`,
    '}',
    'mail_location = maildir:~/Maildir',
    ...(options.quotaKb !== undefined
      ? [
          'mail_plugins = $mail_plugins quota',
          'protocol imap {',
          '  mail_plugins = $mail_plugins imap_quota',
          '}',
          'plugin {',
          '  quota = count:User quota',
          `  quota_rule = *:storage=${options.quotaKb}K`,
          '  quota_vsizes = yes',
          '}',
        ]
      : []),
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    ...folders.flatMap((f) => [`  mailbox ${quoted(f.name)} {`, ...(f.specialUse ? [`    special_use = ${f.specialUse}`] : []), '    auto = subscribe', '  }']),
    '}',
    'service imap-login {',
    '  chroot =',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${ports.imap}`,
    '  }',
    '  inet_listener imaps {',
    '    address = 127.0.0.1',
    `    port = ${ssl ? ports.imaps : 0}`,
    ...(ssl ? ['    ssl = yes'] : []),
    '  }',
    '}',
    'service anvil {',
    '  chroot =',
    '}',
    'service stats {',
    '  chroot =',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A private Dovecot (Debian's package) for tests: its own directory under the system temp dir, its own
 * config, free loopback ports, the given users with their folders (by default a "Sent" with `\Sent`),
 * an implicit-TLS listener and a plain one offering STARTTLS, both with the given certificate. Passwords
 * are checked by Dovecot; XOAUTH2 tokens by Dovecot's oauth2 passdb asking a token-info URL (the
 * identity-provider stand-in's). Nothing of the system's Dovecot (config, service, ports) is used.
 */
export async function startDovecot(options: DovecotOptions): Promise<RunningDovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`Dovecot is not installed (${DOVECOT}): run tools/scripts/ensure-dovecot.sh (apt-get install dovecot-imapd)`);
  }
  const ssl = options.ssl !== false;
  if (ssl && !options.tls) throw new Error('startDovecot: give `tls` (a certificate and key), or `ssl: false`');
  const ids = identities();
  const dir = await mkdtemp(join(tmpdir(), 'maestro-dovecot-'));
  // The mail processes run as another user (nobody, when we are root): they must reach their home below.
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'run'));
  await mkdir(join(dir, 'state'));
  const mailRoot = join(dir, 'mail');
  await mkdir(mailRoot);
  await chown(mailRoot, ids.uid, ids.gid);
  if (options.tls) {
    await writeFile(join(dir, 'cert.pem'), options.tls.cert);
    await writeFile(join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
  }
  const passwd = Object.entries(options.users).map(([user, password], i) => {
    if (/[:\s]/.test(user) || /[\r\n]/.test(password)) throw new Error(`startDovecot: unusable test user ${JSON.stringify(user)}`);
    return `${user}:{PLAIN}${password}:${ids.uid}:${ids.gid}::${mailRoot}/u${i}::`;
  });
  await writeFile(join(dir, 'passwd'), `${passwd.join('\n')}\n`, { mode: 0o644 });
  if (options.xoauth2) {
    const { tokenInfoUrl, ca } = options.xoauth2;
    if (ca) await writeFile(join(dir, 'oauth2-ca.pem'), ca);
    await Promise.all(
      Object.keys(options.users).map((user, i) =>
        writeFile(
          join(dir, `oauth2-${i}.conf`),
          [
            `tokeninfo_url = ${tokenInfoUrl(user)}`,
            'username_attribute = email',
            'active_attribute = active',
            'active_value = true',
            ...(ca ? [`tls_ca_cert_file = ${dir}/oauth2-ca.pem`] : []),
            '',
          ].join('\n'),
        ),
      ),
    );
  }

  const confPath = join(dir, 'dovecot.conf');
  let child: ChildProcess | undefined;
  let ports = { imap: 0, imaps: 0 };
  // Free ports are found, then bound by Dovecot: another process may take one in between. Try again then.
  for (let attempt = 1; ; attempt += 1) {
    ports = { imap: await freePort(), imaps: ssl ? await freePort() : 0 };
    await writeFile(confPath, config(dir, options, ports));
    try {
      child = await launch(confPath, dir, ports);
      break;
    } catch (err) {
      const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      if (attempt < 3 && /Address already in use/i.test(log)) continue;
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const running = child;

  const doveadm = (args: string[], input?: Buffer | string) => run(DOVEADM, ['-c', confPath, ...args], input);
  let stopped: Promise<void> | undefined;

  return {
    host: '127.0.0.1',
    port: ports.imap,
    tlsPort: ports.imaps,
    dir,
    async messages(user, folder) {
      const out = await doveadm(['-f', 'json', 'fetch', '-u', user, 'flags date.received text', 'mailbox', folder]);
      const rows = JSON.parse(out || '[]') as Array<{ flags: string; 'date.received': string; text: string }>;
      return rows.map((row) => ({
        flags: row.flags.split(' ').filter((f) => f && f !== '\\Recent'),
        // doveadm prints the internal date in the machine's time zone, without saying which.
        internalDate: new Date(row['date.received'].replace(' ', 'T')),
        text: row.text,
      }));
    },
    async folders(user) {
      const out = await doveadm(['-f', 'json', 'mailbox', 'list', '-u', user]);
      return (JSON.parse(out || '[]') as Array<{ mailbox: string }>).map((row) => row.mailbox);
    },
    async deliver(user, raw, folder = 'INBOX') {
      await doveadm(['save', '-u', user, '-m', folder], raw);
    },
    async deleteFolder(user, folder) {
      await doveadm(['mailbox', 'delete', '-u', user, '-r', folder]);
    },
    async log() {
      return readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    },
    stop() {
      stopped ??= (async () => {
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
          running.kill('SIGTERM');
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Starts Dovecot in the foreground as our child and waits until its listeners take connections. */
async function launch(confPath: string, dir: string, ports: { imap: number; imaps: number }): Promise<ChildProcess> {
  const child = spawn(DOVECOT, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A property, not a local: it changes in the exit handler, which TypeScript's narrowing cannot see.
  const state = { exited: false };
  child.once('exit', () => {
    state.exited = true;
    children.delete(child);
  });
  // Neither keeps a test run alive; a run that ends without stop() still takes its Dovecots with it.
  children.add(child);
  child.unref();
  (child.stderr as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (state.exited) {
      const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      throw new Error(`Dovecot did not start: ${stderr.trim()} ${log.split('\n').slice(-5).join(' ')}`.trim());
    }
    const up = (await canConnect(ports.imap)) && (ports.imaps === 0 || (await canConnect(ports.imaps)));
    if (up) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not listen on 127.0.0.1:${ports.imap} within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
