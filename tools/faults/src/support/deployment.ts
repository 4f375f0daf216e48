import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../../../../apps/api/test/support/test-databases';
import { maestroCli, startApiProcess, type ApiProcess } from './api-process';
import { GraphqlClient } from './graphql-client';

export type DatabaseKind = 'sqlite' | 'mysql';

/** The databases the fault tests run on: SQLite always, MariaDB too when MYSQL_URL is set. */
export { DATABASE_KINDS };

export const ADMIN = { username: 'vika-admin', password: 'Vika-admin-salasana-77' };
export const COMPANY = 'Vika Oy';

/**
 * One installation of the built API on a fresh database and data dir, provisioned like an operator
 * would (the CLI): a company and its admin. Processes started through it share the environment, so
 * a restarted API or a second worker sees the same database and secret key.
 */
export interface Deployment {
  kind: DatabaseKind;
  dataDir: string;
  /** The variables every process of this installation gets. */
  env: Record<string, string>;
  database: { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };
  startApi(extra?: Record<string, string>): Promise<ApiProcess>;
  startWorker(extra?: Record<string, string>): Promise<ApiProcess>;
  cli(args: string[]): Promise<Record<string, unknown>>;
  /** A client for this API logged in as the company admin. */
  adminClient(api: ApiProcess): Promise<GraphqlClient>;
  /** Stops every process it started, drops the database and removes the data dir. */
  destroy(): Promise<void>;
}

export interface DeploymentOptions {
  /** Extra environment for every process (MAESTRO_DISPATCH_*, MAESTRO_RETRY_*, LOG_LEVEL, ...). */
  env?: Record<string, string>;
  /** Leave MAESTRO_SECRET_KEY unset: the embedded default then generates a key file in the data dir. */
  keyFile?: boolean;
  /** MySQL: this database (on a server the test runs itself) instead of a new one on MYSQL_URL's server. */
  mysqlUrl?: string;
}

export async function createDeployment(kind: DatabaseKind, options: DeploymentOptions = {}): Promise<Deployment> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maestro-faults-'));
  let testDb: TestDatabase | null = null;
  if (kind === 'mysql' && !options.mysqlUrl) testDb = await createTestDatabase('mysql');
  const mysqlUrl = options.mysqlUrl ?? (testDb?.target.kind === 'mysql' ? testDb.target.url : null);
  const database = kind === 'mysql' && mysqlUrl ? { kind: 'mysql' as const, url: mysqlUrl } : { kind: 'sqlite' as const, file: path.join(dataDir, 'maestro.sqlite') };
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    MAESTRO_DATA_DIR: dataDir,
    MAESTRO_SEED_DEMO: 'false',
    MAESTRO_DEV_MAILBOX: 'false',
    LOG_LEVEL: 'info',
    ...(options.keyFile ? {} : { MAESTRO_SECRET_KEY: randomBytes(32).toString('base64') }),
    ...(database.kind === 'mysql' ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const processes: ApiProcess[] = [];
  const track = async (started: Promise<ApiProcess>) => {
    const p = await started;
    processes.push(p);
    return p;
  };
  const cli = (args: string[]) => maestroCli(args, env);
  await cli(['company:create', '--name', COMPANY]);
  await cli(['user:create', '--company', COMPANY, '--username', ADMIN.username, '--password', ADMIN.password, '--role', 'ADMIN']);

  return {
    kind,
    dataDir,
    env,
    database,
    cli,
    startApi: (extra = {}) => track(startApiProcess('main', { ...env, ...extra })),
    startWorker: (extra = {}) => track(startApiProcess('worker', { ...env, MAESTRO_DISPATCHER: 'true', ...extra })),
    adminClient: async (api) => {
      const client = new GraphqlClient(api.url);
      await client.login(ADMIN.username, ADMIN.password);
      return client;
    },
    destroy: async () => {
      await Promise.all(processes.map((p) => p.kill9()));
      await testDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
