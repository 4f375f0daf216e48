import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../../src/db/database-unavailable';
import { transaction } from '../../src/db/transaction';
import { CompanyEntity } from '../../src/modules/companies/company.entity';
import { committedRows } from '../support/committed-rows';
import { startTestApi, type GqlResult, type TestApi } from '../support/test-api';
import { DATABASE_KINDS } from '../support/test-databases';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id status } }';
const SEND_MANY = 'mutation($inputs: [SendMessageInput!]!) { sendMessages(inputs: $inputs) { id } }';
const SETTINGS = 'mutation($input: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $input) { senderName } }';
const message = (documentRef: string, extra: Record<string, unknown> = {}) => ({
  source: 'SALES_ORDER',
  documentRef,
  to: ['matti@asiakas.fi'],
  subject: `Tilausvahvistus ${documentRef}`,
  body: 'Hei,\n\nkiitos tilauksesta.',
  ...extra,
});

/**
 * The SQLite file, its WAL and its directory made immutable: what a read-only or full disk does to
 * writes, and what root cannot write through either (CI runs as root, so chmod would not do). The
 * -shm file is left alone: it is memory-mapped, and writing to an immutable mapping is SIGBUS, a
 * process crash that no code can answer.
 */
function diskRefusesWrites(file: string, refuse: boolean): void {
  const targets = [file, `${file}-wal`, path.dirname(file)].filter((f) => existsSync(f));
  execFileSync('chattr', [refuse ? '+i' : '-i', ...targets]);
}

const errorCode = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

describe('a database that refuses writes (SQLite)', () => {
  let api: TestApi;
  let file: string;
  /** Another process's view of the file: only committed rows are visible to it. */
  const committed = (sql: string, ...params: unknown[]) => committedRows(file, sql, ...params);

  beforeAll(async () => {
    api = await startTestApi('sqlite', { env: { MAESTRO_SQLITE_LOCK_WAIT_MS: '1500', MAESTRO_READY_PROBE_MS: '0' } });
    await api.useSmtpServer(api.a.id, { port: 2525 });
    file = (api.db.target as { file: string }).file;
  });
  afterAll(async () => {
    if (file) diskRefusesWrites(file, false);
    await api?.close();
  });
  afterEach(() => diskRefusesWrites(file, false));

  it('refuses a send the disk would not store with DATABASE_UNAVAILABLE, retryable, and without internals', async () => {
    diskRefusesWrites(file, true);
    const refused = await api.gql(SEND, { input: message('LEVY-1') }, { token: api.a.user.token });
    expect(refused.data?.sendMessage ?? null).toBeNull();
    expect(errorCode(refused)).toBe('DATABASE_UNAVAILABLE');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ retryable: true });
    // A person reads what to do; nobody reads the file's path or the statement.
    expect(refused.errors?.[0]?.message).toMatch(/Yritä hetken päästä uudelleen/);
    expect(JSON.stringify(refused)).not.toMatch(/sqlite|INSERT|outbound_message|maestro-test/i);
    diskRefusesWrites(file, false);
    expect(committed("SELECT id FROM outbound_message WHERE documentRef = 'LEVY-1'")).toEqual([]);
  });

  it('answers ok only for what committed: after the disk returns, every acknowledged send is in the file', async () => {
    diskRefusesWrites(file, true);
    const during = await Promise.all([1, 2, 3].map((n) => api.gql<{ sendMessage: { id: string } }>(SEND, { input: message(`KESKEN-${n}`) }, { token: api.a.user.token })));
    const settings = await api.gql(SETTINGS, { input: { senderName: 'Ei tallennu Oy' } }, { token: api.a.admin.token });
    diskRefusesWrites(file, false);
    const after = await Promise.all([1, 2, 3].map((n) => api.gql<{ sendMessage: { id: string } }>(SEND, { input: message(`JALKEEN-${n}`) }, { token: api.a.user.token })));

    // During the outage nothing was acknowledged; everything was refused as retryable.
    for (const result of [...during, settings]) expect(errorCode(result)).toBe('DATABASE_UNAVAILABLE');
    expect(committed("SELECT senderName FROM company_message_settings WHERE senderName = 'Ei tallennu Oy'")).toEqual([]);
    // After it, each id the API answered is committed: another process sees it.
    const acknowledged = after.map((r) => r.data?.sendMessage.id);
    expect(acknowledged.every(Boolean)).toBe(true);
    const stored = committed(`SELECT id FROM outbound_message WHERE id IN (${acknowledged.map(() => '?').join(',')})`, ...acknowledged) as Array<{ id: string }>;
    expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  });

  it('refuses each message of a batch the disk would not store as retryable, and stores the next batch whole', async () => {
    type Batch = { sendMessages: Array<{ id: string } | null> };
    const batch = (prefix: string) => [1, 2, 3].map((n) => message(`${prefix}-${n}`));
    diskRefusesWrites(file, true);
    const during = await api.gql<Batch>(SEND_MANY, { inputs: batch('ERA-KESKEN') }, { token: api.a.user.token });
    diskRefusesWrites(file, false);
    expect(during.data?.sendMessages).toEqual([null, null, null]);
    const refusals = (during.errors ?? []).map((e) => [(e.path as unknown[] | undefined)?.[1], e.extensions?.code]);
    expect(refusals.sort()).toEqual([0, 1, 2].map((i) => [i, 'DATABASE_UNAVAILABLE']));
    expect(committed("SELECT id FROM outbound_message WHERE documentRef LIKE 'ERA-KESKEN-%'")).toEqual([]);

    const after = await api.gql<Batch>(SEND_MANY, { inputs: batch('ERA-JALKEEN') }, { token: api.a.user.token });
    const acknowledged = (after.data?.sendMessages ?? []).map((m) => m?.id);
    expect(acknowledged).toHaveLength(3);
    expect(acknowledged.every(Boolean)).toBe(true);
    const stored = committed(`SELECT id FROM outbound_message WHERE id IN (${acknowledged.map(() => '?').join(',')})`, ...acknowledged) as Array<{ id: string }>;
    expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  });

  it('leaves no transaction open after a refused write: another process can take the write lock', async () => {
    diskRefusesWrites(file, true);
    expect(errorCode(await api.gql(SEND, { input: message('AUKI-1') }, { token: api.a.user.token }))).toBe('DATABASE_UNAVAILABLE');
    diskRefusesWrites(file, false);
    const other = new Database(file, { timeout: 0 });
    try {
      expect(() => other.exec('BEGIN IMMEDIATE; ROLLBACK')).not.toThrow();
    } finally {
      other.close();
    }
  });

  it('says not ready while writes fail, and ready again when they succeed', async () => {
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    diskRefusesWrites(file, true);
    const notReady = await fetch(`${api.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('retry-after')).toBe('2');
    expect(await notReady.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    diskRefusesWrites(file, false);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('answers an upload the disk refuses with 503 DATABASE_UNAVAILABLE and Retry-After, and stores the next', async () => {
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4 lasku'))], { type: 'application/pdf' }), 'lasku.pdf');
      return fetch(`${api.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${api.a.user.token}`, 'accept-language': 'en' } });
    };
    diskRefusesWrites(file, true);
    const refused = await upload();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/nothing was saved/) as unknown } });
    diskRefusesWrites(file, false);
    expect((await upload()).status).toBe(201);
  });
});

describe.each(DATABASE_KINDS)('the /readyz write probe on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { env: { MAESTRO_READY_PROBE_MS: '60000' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('writes at most once per interval however many callers ask (anyone may call it, so it cannot be turned into load)', async () => {
    const beats = async () => Number(((await api.runtime.db.query('SELECT beats FROM db_heartbeat WHERE id = 1')) as Array<{ beats: unknown }>)[0]?.beats);
    const before = await beats();
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${api.url}/readyz`)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect((await beats()) - before).toBe(1);
  });
});

describe('another process holding the SQLite write lock', () => {
  let api: TestApi;
  let file: string;
  let holder: Database.Database;

  beforeAll(async () => {
    api = await startTestApi('sqlite', { env: { MAESTRO_SQLITE_LOCK_WAIT_MS: '3000', MAESTRO_READY_PROBE_MS: '0' } });
    await api.useSmtpServer(api.a.id, { port: 2525 });
    file = (api.db.target as { file: string }).file;
  });
  afterAll(async () => {
    await api?.close();
  });
  beforeEach(() => {
    holder = new Database(file, { timeout: 0 });
    holder.exec('BEGIN IMMEDIATE');
  });
  afterEach(() => {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  });

  it('keeps answering /healthz while a write waits for the lock', async () => {
    const order: string[] = [];
    const write = api.gql(SEND, { input: message('LUKKO-1') }, { token: api.a.user.token }).then((r) => {
      order.push('write');
      return r;
    });
    const health = await fetch(`${api.url}/healthz`);
    order.push('healthz');
    expect(health.status).toBe(200);
    holder.exec('ROLLBACK');
    await write;
    expect(order).toEqual(['healthz', 'write']);
  });

  it('stores a write once the other process lets go of the lock while it waits', async () => {
    const write = api.gql<{ sendMessage: { id: string } }>(SEND, { input: message('LUKKO-2') }, { token: api.a.user.token });
    // The API answers other calls meanwhile; the lock is let go while the write waits.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    holder.exec('COMMIT');
    const result = await write;
    expect(result.data?.sendMessage.id).toEqual(expect.any(String));
    const stored = holder.prepare('SELECT id FROM outbound_message WHERE id = ?').all(result.data?.sendMessage.id);
    expect(stored).toHaveLength(1);
  });

  it('refuses with DATABASE_UNAVAILABLE when the lock is held past the wait, on GraphQL, /readyz and uploads', async () => {
    const send = await api.gql(SEND, { input: message('LUKKO-3') }, { token: api.a.user.token });
    expect(errorCode(send)).toBe('DATABASE_UNAVAILABLE');
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('hinnat'))], { type: 'text/plain' }), 'hinnat.txt');
    const upload = await fetch(`${api.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${api.a.user.token}` } });
    expect(upload.status).toBe(503);
    expect(((await upload.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
    holder.exec('ROLLBACK');
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });
});

describe.each(DATABASE_KINDS)('a connection that fails mid-transaction on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    if (api?.db.target.kind === 'sqlite') diskRefusesWrites(api.db.target.file, false);
    await api?.close();
  });

  /** MariaDB: the server kills the connection; SQLite: the disk stops taking writes before COMMIT. */
  const cutMidway = async (manager: EntityManager) => {
    if (api.db.target.kind === 'sqlite') return diskRefusesWrites(api.db.target.file, true);
    const [row] = (await manager.query('SELECT CONNECTION_ID() AS id')) as Array<{ id: number }>;
    const admin = await createConnection({ uri: process.env.MYSQL_URL as string });
    try {
      await admin.query(`KILL CONNECTION ${Number(row?.id)}`);
    } finally {
      await admin.end();
    }
  };

  it('fails the transaction as DATABASE_UNAVAILABLE, stores none of it, and the next transaction commits', async () => {
    const db = api.runtime.db;
    const company = (name: string) => ({ id: randomUUID(), name, createdAt: new Date() });
    const error = await transaction(
      db,
      async (manager) => {
        await manager.insert(CompanyEntity, company('Katkennut Oy'));
        await cutMidway(manager);
        await manager.query('SELECT 1');
      },
      1,
    ).then(
      () => null,
      (err: unknown) => err,
    );
    if (api.db.target.kind === 'sqlite') diskRefusesWrites(api.db.target.file, false);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await db.getRepository(CompanyEntity).findBy({ name: 'Katkennut Oy' })).toEqual([]);
    await transaction(db, (manager) => manager.insert(CompanyEntity, company('Ehjä Oy')));
    expect(await db.getRepository(CompanyEntity).findBy({ name: 'Ehjä Oy' })).toHaveLength(1);
  });
});
