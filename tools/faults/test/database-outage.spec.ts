import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { killAllApiProcesses, type ApiProcess } from '../src/support/api-process';
import { startCountingSink, type CountingSink } from '../src/support/counting-sink';
import { createDeployment, type Deployment } from '../src/support/deployment';
import { UPDATE_COMPANY_SETTINGS, companySmtpSettings } from '../src/support/graphql-client';
import { startOwnMariaDb, type OwnMariaDb } from '../src/support/own-mariadb';
import { reportSummary } from '../src/support/summary';
import { sleep, waitFor } from '../src/support/wait';

/** Parallel senders, as several ERP modules would call at once. */
const SENDERS = 3;
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id messageId } }';
const summaryRows: Array<Record<string, string | number>> = [];

/**
 * The SQLite file, its WAL and its directory made immutable: what a read-only or full disk does, and
 * what root (CI) cannot write through. Not the -shm: it is memory-mapped, and a write to an immutable
 * mapping is SIGBUS, a crash no program can answer; the WAL and the file are where the data goes.
 */
function sqliteDiskRefusesWrites(file: string, refuse: boolean): void {
  const targets = [file, `${file}-wal`, path.dirname(file)].filter((f) => existsSync(f));
  execFileSync('chattr', [refuse ? '+i' : '-i', ...targets]);
}

/** A deployment's database taken away and brought back, whichever kind it is. */
interface DatabaseOutage {
  /** SQLite: its files made unwritable. MariaDB: the server killed with -9. */
  begin(): Promise<void>;
  /** SQLite: writable again. MariaDB: started again on the same data. */
  end(): Promise<void>;
}

function databaseOutage(deployment: Deployment, mariadb: OwnMariaDb | undefined): DatabaseOutage {
  const { database } = deployment;
  if (database.kind === 'sqlite') {
    return {
      begin: async () => sqliteDiskRefusesWrites(database.file, true),
      end: async () => sqliteDiskRefusesWrites(database.file, false),
    };
  }
  if (!mariadb) throw new Error('A MariaDB outage needs the test’s own server (startOwnMariaDb), which it can kill.');
  return { begin: () => mariadb.kill9(), end: () => mariadb.start() };
}

interface Tally {
  /** idempotency key -> the id and Message-ID the API answered. */
  acknowledged: Map<string, { id: string; messageId: string }>;
  /** Answers DATABASE_UNAVAILABLE (a refused key is sent again, as a client would). */
  refused: number;
  /** Anything else: another error code, a 5xx without the code, no answer within 30 s. */
  unexpected: string[];
  /** Keys refused and never acknowledged before the senders stopped. */
  neverAcknowledged: Set<string>;
}

/** One sender: a message after another, each with its own idempotency key, a refused one sent again after a pause. */
async function sender(api: () => ApiProcess, token: string, prefix: string, stopped: () => boolean, tally: Tally): Promise<void> {
  for (let n = 0; !stopped(); ) {
    const key = `${prefix}-${n}`;
    const input = { source: 'SALES_ORDER', documentRef: key, idempotencyKey: key, to: [`${key}@asiakas.example`], subject: `Tilausvahvistus ${key}`, body: `Viesti ${key}.` };
    let answer: { data?: { sendMessage?: { id: string; messageId: string } } | null; errors?: Array<{ extensions?: { code?: string } }> };
    try {
      const response = await fetch(`${api().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SEND, variables: { input } }),
        signal: AbortSignal.timeout(30_000),
      });
      answer = (await response.json()) as typeof answer;
    } catch (err) {
      tally.unexpected.push(`${key}: no answer (${(err as Error).message})`);
      await sleep(200);
      continue;
    }
    const sent = answer.data?.sendMessage;
    if (sent) {
      tally.acknowledged.set(key, { id: sent.id, messageId: sent.messageId.replace(/^<|>$/g, '') });
      tally.neverAcknowledged.delete(key);
      n++;
    } else if (answer.errors?.[0]?.extensions?.code === 'DATABASE_UNAVAILABLE') {
      tally.refused++;
      tally.neverAcknowledged.add(key);
      await sleep(100);
    } else {
      tally.unexpected.push(`${key}: ${JSON.stringify(answer.errors ?? answer)}`);
      n++;
    }
  }
}

/** The error and fatal lines of a process's log. */
const errorLines = (p: ApiProcess) =>
  p.output
    .join('')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line) || /unhandled|uncaught/i.test(line))
    .map((line) => line.slice(0, 400));

interface OutageScenario {
  name: string;
  kind: 'sqlite' | 'mysql';
  /** How long the database is away (MariaDB's own start adds to it). */
  outageMs: number;
}

describe.each<OutageScenario>([
  { name: 'SQLite files made unwritable for 8 s', kind: 'sqlite', outageMs: 8_000 },
  { name: 'MariaDB killed with -9 and started again', kind: 'mysql', outageMs: 6_000 },
])('acknowledged means stored: $name during 3 parallel senders', ({ kind, outageMs }) => {
  let deployment: Deployment | undefined;
  let sink: CountingSink | undefined;
  let mariadb: OwnMariaDb | undefined;

  afterAll(async () => {
    if (deployment?.database.kind === 'sqlite') sqliteDiskRefusesWrites(deployment.database.file, false);
    await killAllApiProcesses();
    await deployment?.destroy();
    await mariadb?.destroy();
    await sink?.close();
  });

  it('stores every acknowledged message, refuses the rest with DATABASE_UNAVAILABLE, and keeps running', async () => {
    sink = await startCountingSink();
    if (kind === 'mysql') mariadb = await startOwnMariaDb();
    const mysqlUrl = mariadb ? await mariadb.createDatabase('maestro_outage') : undefined;
    deployment = await createDeployment(kind, { mysqlUrl, env: { MAESTRO_DISPATCH_POLL_MS: '100', MAESTRO_DISPATCH_LEASE_SECONDS: '30', MAESTRO_RETRY_BASE_SECONDS: '1', MAESTRO_RETRY_MAX_DELAY_SECONDS: '2' } });
    let api = await deployment.startApi({ MAESTRO_DISPATCHER: 'true' });
    let stopped = false;
    let apiExitedDuringRun = false;
    void api.exited.then(() => {
      apiExitedDuringRun = !stopped;
    });
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(sink.port) });

    const tally: Tally = { acknowledged: new Map(), refused: 0, unexpected: [], neverAcknowledged: new Set() };
    const senders = Array.from({ length: SENDERS }, (_, i) => sender(() => api, client.token as string, `s${i}`, () => stopped, tally));

    await waitFor('messages acknowledged before the outage', () => tally.acknowledged.size >= 30, 30_000);
    const outage = databaseOutage(deployment, mariadb);
    await outage.begin();
    await sleep(outageMs);
    await outage.end();
    const acknowledgedAtRecovery = tally.acknowledged.size;
    await waitFor('messages acknowledged after the outage', () => tally.acknowledged.size >= acknowledgedAtRecovery + 30, 30_000);
    stopped = true;
    await Promise.all(senders);

    // kill -9 and start again: only what was committed survives.
    await api.kill9();
    api = await deployment.startApi({ MAESTRO_DISPATCHER: 'true' });
    client.baseUrl = api.url;

    const rows = await storedRows(deployment);
    const storedIds = new Set(rows.map((r) => r.id));
    const acknowledged = [...tally.acknowledged.values()];
    const missing = acknowledged.filter((a) => !storedIds.has(a.id));
    summaryRows.push({ database: kind, acknowledged: acknowledged.length, stored: acknowledged.length - missing.length, 'refused answers': tally.refused, 'keys never acknowledged': tally.neverAcknowledged.size, unexpected: tally.unexpected.length });

    // The outage was real (or this proves nothing), and every answer was ok or a retryable refusal.
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.unexpected).toEqual([]);
    expect(apiExitedDuringRun).toBe(false);
    // Acknowledged means stored: every id answered is in the archive, each idempotency key once.
    expect(missing).toEqual([]);
    const perKey = new Map<string, number>();
    for (const row of rows) perKey.set(row.documentRef, (perKey.get(row.documentRef) ?? 0) + 1);
    expect([...perKey].filter(([, n]) => n > 1)).toEqual([]);
    // And they go out: each acknowledged Message-ID reaches the SMTP server.
    await waitFor('every acknowledged message at the SMTP server', () => acknowledged.every((a) => sink!.arrivals.includes(a.messageId)), 90_000, 200);
  });
});

interface FailedWriteScenario {
  name: string;
  kind: 'sqlite' | 'mysql';
}

describe.each<FailedWriteScenario>([
  { name: 'the API’s dispatcher, SQLite made unwritable', kind: 'sqlite' },
  { name: 'a worker process, MariaDB killed with -9', kind: 'mysql' },
])('a worker survives an outcome write that fails after "250": $name', ({ kind }) => {
  const MESSAGES = 40;
  const CONCURRENCY = 10;
  let deployment: Deployment | undefined;
  let sink: CountingSink | undefined;
  let mariadb: OwnMariaDb | undefined;

  afterAll(async () => {
    if (deployment?.database.kind === 'sqlite') sqliteDiskRefusesWrites(deployment.database.file, false);
    await killAllApiProcesses();
    await deployment?.destroy();
    await mariadb?.destroy();
    await sink?.close();
  });

  it('does not exit, writes the kept outcomes when the database returns, and sends nothing twice beyond the messages in flight', async () => {
    if (kind === 'mysql') mariadb = await startOwnMariaDb();
    const mysqlUrl = mariadb ? await mariadb.createDatabase('maestro_worker') : undefined;
    deployment = await createDeployment(kind, { mysqlUrl, env: { MAESTRO_DISPATCH_POLL_MS: '100', MAESTRO_DISPATCH_CONCURRENCY: String(CONCURRENCY), MAESTRO_DISPATCH_LEASE_SECONDS: '60' } });
    const outage = databaseOutage(deployment, mariadb);
    let outageEnded: Promise<void> = Promise.resolve();
    sink = await startCountingSink({
      held: true,
      delayMs: 20,
      // The fifth message is with the server: cut the database before it answers 250, back after 5 s.
      beforeAnswer: async (arrival) => {
        if (arrival !== 5) return;
        await outage.begin();
        outageEnded = sleep(5_000).then(() => outage.end());
      },
    });
    const dispatcherInApi = kind === 'sqlite';
    const api = await deployment.startApi({ MAESTRO_DISPATCHER: String(dispatcherInApi) });
    const worker = dispatcherInApi ? api : await deployment.startWorker();
    let workerExited = false;
    void worker.exited.then(() => {
      workerExited = true;
    });
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(sink.port) });
    const accepted: string[] = [];
    for (let n = 0; n < MESSAGES; n++) {
      const data = await client.expectData<{ sendMessage: { messageId: string } }>(SEND, {
        input: { source: 'SALES_ORDER', documentRef: `W-${n}`, idempotencyKey: `w-${n}`, to: [`w${n}@asiakas.example`], subject: `Tilaus ${n}`, body: `Viesti ${n}.` },
      });
      accepted.push(data.sendMessage.messageId.replace(/^<|>$/g, ''));
    }
    sink.open();
    await waitFor('the database cut after a 250', () => sink!.arrivals.length >= 5, 30_000);
    await outageEnded;
    await waitFor(`all ${MESSAGES} messages at the SMTP server`, () => sink!.distinct >= MESSAGES, 60_000, 50);
    const sent = await waitFor(
      'every message SENT in the archive',
      async () => {
        const answer = await client.request<{ messages: { totalCount: number } }>('{ messages(filter: { status: [SENT] }, first: 1) { totalCount } }');
        return answer.data?.messages.totalCount === MESSAGES ? MESSAGES : undefined;
      },
      60_000,
      250,
    );
    const duplicates = sink.arrivals.length - sink.distinct;
    summaryRows.push({ database: kind, scenario: 'outcome write failed after 250', messages: MESSAGES, sent, duplicates, 'worker exited': String(workerExited) });

    expect(workerExited).toBe(false);
    expect(errorLines(worker).filter((line) => /fatal|unhandled|uncaught/i.test(line))).toEqual([]);
    expect([...new Set(sink.arrivals)].sort()).toEqual([...accepted].sort());
    // At least once: a message may go twice only if it was in flight when the database went away.
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
  });
});

afterAll(() => {
  if (summaryRows.length) reportSummary('database-outage', 'Database outages (acknowledged means stored; a worker survives a failed write)', summaryRows);
});

/** Every message row as the database has it, read without the API. */
async function storedRows(deployment: Deployment): Promise<Array<{ id: string; documentRef: string }>> {
  if (deployment.database.kind === 'sqlite') {
    const db = new Database(deployment.database.file, { readonly: true });
    try {
      return db.prepare('SELECT id, documentRef FROM outbound_message').all() as Array<{ id: string; documentRef: string }>;
    } finally {
      db.close();
    }
  }
  const conn = await createConnection({ uri: deployment.database.url });
  try {
    const [rows] = await conn.query('SELECT id, documentRef FROM outbound_message');
    return rows as Array<{ id: string; documentRef: string }>;
  } finally {
    await conn.end();
  }
}
