import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '@maestro/test-support';

/**
 * A MariaDB server of the test's own: its own data dir (mariadb-install-db into a temp dir), its own
 * port and socket, so that killing it with -9 touches no other suite's database. Needs mariadbd and
 * mariadb-install-db; runs them as root with --user=root (what CI does).
 */
export interface OwnMariaDb {
  /** mysql://maestro:maestro@127.0.0.1:<port>/<database> for each database made with createDatabase. */
  createDatabase(name: string): Promise<string>;
  /** SIGKILL: no shutdown, InnoDB recovers at the next start. */
  kill9(): Promise<void>;
  /** Start it again on the same data dir and port; resolves once it takes connections. */
  start(): Promise<void>;
  /** Kill it and remove its data dir. */
  destroy(): Promise<void>;
  readonly port: number;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${command} failed: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

export async function startOwnMariaDb(): Promise<OwnMariaDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'maestro-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--skip-test-db', '--skip-name-resolve', '--auth-root-authentication-method=socket']);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const server = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--port=${port}`,
        `--socket=${socket}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
        `--log-error=${path.join(dir, 'error.log')}`,
        '--skip-log-bin',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=32M',
      ],
      { stdio: 'ignore' },
    );
    child = server;
    running.add(server);
    exited = new Promise((resolve) => server.once('exit', () => {
      running.delete(server);
      resolve();
    }));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const conn = await createConnection({ socketPath: socket, user: 'root' });
        await conn.end();
        return;
      } catch (err) {
        if (server.exitCode !== null || Date.now() > deadline) {
          let log = '';
          try {
            log = readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-2000);
          } catch {
            // no log yet
          }
          throw new Error(`mariadbd did not start: ${(err as Error).message}\n${log}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  const kill9 = async () => {
    child?.kill('SIGKILL');
    await exited;
    child = null;
  };

  await start();
  const root = await createConnection({ socketPath: socket, user: 'root' });
  try {
    await root.query("CREATE USER 'maestro'@'127.0.0.1' IDENTIFIED BY 'maestro'");
    await root.query("GRANT ALL ON *.* TO 'maestro'@'127.0.0.1'");
  } finally {
    await root.end();
  }

  return {
    port,
    createDatabase: async (name) => {
      const conn = await createConnection({ socketPath: socket, user: 'root' });
      try {
        await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      } finally {
        await conn.end();
      }
      return `mysql://maestro:maestro@127.0.0.1:${port}/${name}`;
    },
    kill9,
    start,
    destroy: async () => {
      await kill9();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
