import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@maestro/test-support';

/** The repository root (tools/e2e/src -> ../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** Where `npm run build -w @maestro/api` puts main.js; it serves apps/web/dist from the same port. */
const API_MAIN = path.join(WORKSPACE_ROOT, 'apps/api/dist/apps/api/src/main.js');

export const ADMIN_PASSWORD = 'e2e-admin-salasana-1';

export interface RunningApi {
  /** http://127.0.0.1:<port> */
  url: string;
  devMailboxPort: number;
  /** The demo user's password, printed once by the API on a fresh data dir. */
  userPassword: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * The real built API on a fresh SQLite data dir with the dev mailbox, both on free ports, attachments
 * limited to 1 MB (so an oversize file is cheap to make). The demo seed points the company's SMTP and
 * SMS accounts at the dev mailbox; the admin's password is ours, the user's is read from stdout.
 */
export async function startApi(): Promise<RunningApi> {
  const [port, devMailboxPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'maestro-e2e-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    MAESTRO_DATA_DIR: dataDir,
    MAESTRO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MAESTRO_DEV_MAILBOX_PORT: String(devMailboxPort),
    MAESTRO_MAX_ATTACHMENT_MB: '1',
    MAESTRO_DISPATCH_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  };
  // In apps/api, as `npm start` runs it: the API must find the web build from there too.
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], { cwd: path.join(WORKSPACE_ROOT, 'apps/api'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test run that dies must not leave the API behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const started = await new Promise<{ url: string; userPassword: string }>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`The API did not start in 60 s:\n${output.join('')}`)), 60_000);
      const onData = (chunk: Buffer) => {
        const s = chunk.toString('utf8');
        output.push(s);
        text += s;
        const url = /running at (http:\/\/[\w.:]+)/.exec(text)?.[1];
        const userPassword = /normal user\s+myyja \/ (\S+)/.exec(text)?.[1];
        if (url && userPassword) {
          clearTimeout(timer);
          resolve({ url, userPassword });
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`The API exited before it was ready:\n${output.join('')}`));
      });
    });
    return { ...started, devMailboxPort, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A GraphQL call as a client makes it (JSON, the CSRF preflight header, the token). */
export async function graphql<T = Record<string, unknown>>(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  if (body.errors?.length) throw Object.assign(new Error(body.errors.map((e) => e.message).join('; ')), { errors: body.errors });
  return body.data as T;
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(url, null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
  return data.login.token;
}
