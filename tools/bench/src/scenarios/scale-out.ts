import { availableParallelism } from 'node:os';
import { BENCH_COMPANY, createBenchCompany, prepareCompany } from '../api/bench-company';
import { mysqlDatabase } from '../api/bench-database';
import { ApiProcess, WorkerProcess } from '../api/node-process';
import { sendMany } from '../api/send-messages';
import { CpuMeter, findPid } from '../cpu-usage';
import { say } from '../report/progress';
import { nowMs, sleep } from '../stats';
import { cpuText, fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';

const CLIENT_CONCURRENCY = 21;
/** Companies whose messages are drained, each through its own account. */
const COMPANIES = 3;

export interface DrainResult {
  workers: number;
  messages: number;
  /** From the sink's first message to its last: the drain itself, without the workers' start-up. */
  drainSeconds: number;
  /** From starting the workers to the sink having every message. */
  wallSeconds: number;
  rate: number;
  duplicates: number;
  /** Average cores used while draining, by process. */
  cpu: Record<string, number>;
}

/**
 * MariaDB: the API accepts with its dispatcher off, M messages of three companies wait in the outbox,
 * then 1 and (with a fresh batch) 3 worker processes drain them; the sink counts Message-IDs to find any
 * sent twice. Three companies, each sending through its own account at a cap of 5: an account's cap is
 * counted across all workers (issue 13), so one account's messages are not drained faster by more
 * workers, however many there are.
 */
export async function scaleOutScenario(ctx: ScenarioContext): Promise<ResultRow[]> {
  const { sink, options, notes } = ctx;
  const m = options.scaleMessages;
  const scenario = 'scale-out-mariadb';
  const db = await mysqlDatabase(options.mysqlUrl as string, 'scale');
  let api: ApiProcess | null = null;
  const drains: DrainResult[] = [];
  let sentBefore = 0;
  try {
    const companies = [];
    for (let i = 1; i <= COMPANIES; i++) companies.push(await createBenchCompany(db.env, i === 1 ? BENCH_COMPANY : `${BENCH_COMPANY} ${i}`, `bench${i}`));
    api = await ApiProcess.start({ env: { ...db.env, MAESTRO_DISPATCHER: 'false' }, label: `api-${scenario}` });
    const url = api.url;
    const tokens = await Promise.all(companies.map((company) => prepareCompany(url, company, sink.port)));
    const mariadb = findPid('mariadbd') ?? findPid('mysqld');

    for (const workers of [1, 3]) {
      say(`scale-out: ${fmt.int(m)} messages into the outbox (API with MAESTRO_DISPATCHER=false)`);
      const each = tokens.map((token, i) => ({ token, count: Math.floor(m / COMPANIES) + (i < m % COMPANIES ? 1 : 0) }));
      const failed = await Promise.all(each.map(({ token, count }, i) => sendMany(url, token, count, CLIENT_CONCURRENCY / COMPANIES, i === 0 ? `queue for ${workers} worker(s), company 1 of ${COMPANIES}` : null)));
      for (const failures of failed) if (failures.count) notes.push(`Scale-out: ${failures.count} sendMessage calls failed and were retried while queueing (${failures.examples[0]}).`);
      const queued = (await db.statusCounts()).QUEUED ?? 0;
      if (queued !== m) throw new Error(`expected ${m} QUEUED messages, found ${queued}`);

      await sink.reset();
      say(`scale-out: ${workers} worker process(es) draining`);
      const started = nowMs();
      const procs = Array.from({ length: workers }, (_, i) =>
        WorkerProcess.start({ env: db.env, label: `worker-${scenario}-${workers}w-${i + 1}`, profileDir: profileDirFor(ctx, `${scenario}-${workers}w`) }),
      );
      const pids: Record<string, number> = { bench: process.pid, sink: sink.pid };
      procs.forEach((p, i) => (pids[`worker ${i + 1}`] = p.pid));
      if (mariadb) pids.mariadb = mariadb;
      const meter = new CpuMeter(pids);
      const progress = setInterval(() => {
        void sink.stats().then(
          (now) => say(`  ${fmt.int(now.count)}/${fmt.int(m)} at the sink`),
          () => undefined,
        );
      }, 5000);
      let stats;
      let cpu: Record<string, number>;
      try {
        stats = await sink.waitFor(m, Math.max(300_000, m * 200));
        cpu = meter.read();
      } finally {
        clearInterval(progress);
      }
      const wallSeconds = (nowMs() - started) / 1000;
      for (const p of procs) if (!p.running) throw new Error(`${p.label} exited: ${p.output}`);
      await Promise.all(procs.map((p) => p.stop()));
      // Anything still in flight at stop has reached the sink now: count duplicates after that.
      await sleep(200);
      const final = await sink.stats();
      const counts = await db.statusCounts();
      const sent = counts.SENT ?? 0;
      if (sent - sentBefore !== m) notes.push(`Scale-out with ${workers} worker(s): ${sent - sentBefore} of ${m} messages SENT in the database (${JSON.stringify(counts)}).`);
      sentBefore = sent;
      const drainSeconds = ((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000;
      const drain: DrainResult = { workers, messages: m, drainSeconds, wallSeconds, rate: m / drainSeconds, duplicates: final.duplicates, cpu };
      if (final.missingIds) notes.push(`Scale-out with ${workers} worker(s): ${final.missingIds} messages reached the sink without a Message-ID.`);
      drains.push(drain);
      say(`  ${workers} worker(s): ${fmt.rate(drain.rate)} (drain ${drainSeconds.toFixed(2)} s, ${wallSeconds.toFixed(2)} s with start-up), duplicates ${drain.duplicates}; CPU: ${cpuText(cpu)}`);
    }
  } finally {
    await api?.stop();
    await db.drop();
  }

  const [one, three] = drains as [DrainResult, DrainResult];
  const speedup = three.rate / one.rate;
  const duplicates = one.duplicates + three.duplicates;
  const cores = availableParallelism();
  for (const d of drains) notes.push(`Scale-out, ${d.workers} worker(s): average CPU while draining (100% = one core, ${cores} cores): ${cpuText(d.cpu)}.`);
  return [
    {
      benchmark: `Scale-out, MariaDB: ${fmt.int(m)} queued messages of ${COMPANIES} companies drained by 3 workers`,
      measured: fmt.rate(three.rate),
      baseline: `1 worker: ${fmt.rate(one.rate)}`,
      ratio: `${fmt.ratio(speedup)}×`,
      target: '≥ 2×',
      met: speedup >= 2,
      scenario: `${scenario}-3w`,
    },
    {
      benchmark: 'Scale-out: duplicate Message-IDs at the sink (1 + 3 workers)',
      measured: String(duplicates),
      baseline: '—',
      ratio: '—',
      target: '0',
      met: duplicates === 0,
      scenario: `${scenario}-3w`,
    },
  ];
}
