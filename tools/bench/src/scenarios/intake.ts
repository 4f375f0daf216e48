import { createBenchCompany, prepareCompany } from '../api/bench-company';
import { mysqlDatabase, sqliteDatabase, type BenchDatabase, type DatabaseKind } from '../api/bench-database';
import { graphql } from '../api/http-client';
import { ApiProcess } from '../api/node-process';
import { sendMany } from '../api/send-messages';
import { CpuMeter } from '../cpu-usage';
import { say } from '../report/progress';
import { nowMs } from '../stats';
import { fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';

const CLIENT_CONCURRENCY = 20;
/** Messages per sendMessages request in the batched measurement: an ERP run's request. */
const PER_REQUEST = 10;
// Enough of each for the JIT and the heap to settle: the first requests of a fresh API cost several times more.
const WARM_UP = 1000;
/** The cheapest request that still signs in and runs a resolver: what HTTP and GraphQL cost alone. */
const FLOOR_QUERY = 'query { me { __typename } }';

/**
 * Accepting alone: the API started with MAESTRO_DISPATCHER=false takes N sendMessage calls (20 at a
 * time), so nothing but intake uses its CPU. The baseline is the same API, in the same run, answering
 * as many of the cheapest signed-in query: the part of a sendMessage that is HTTP and GraphQL, not
 * intake. The throughput scenario's "accepted at" shares its core with the dispatcher; this does not.
 */
export async function intakeScenario(ctx: ScenarioContext, kind: DatabaseKind): Promise<ResultRow[]> {
  const n = ctx.options.messages;
  const scenario = `intake-${kind.toLowerCase()}`;
  const db: BenchDatabase = kind === 'SQLite' ? sqliteDatabase() : await mysqlDatabase(ctx.options.mysqlUrl as string, 'intake');
  let api: ApiProcess | null = null;
  try {
    const company = await createBenchCompany(db.env);
    api = await ApiProcess.start({ env: { ...db.env, MAESTRO_DISPATCHER: 'false' }, label: `api-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    const token = await prepareCompany(api.url, company, ctx.sink.port);
    const { url, pid } = api;
    const measure = async (work: () => Promise<unknown>) => {
      const meter = new CpuMeter({ api: pid });
      const started = nowMs();
      await work();
      const seconds = (nowMs() - started) / 1000;
      return { rate: n / seconds, cpuMs: ((meter.seconds().api ?? NaN) / n) * 1000 };
    };
    const floorRequests = async (count: number) => {
      let next = 0;
      const lane = async () => {
        while (next++ < count) await graphql(url, FLOOR_QUERY, {}, token);
      };
      await Promise.all(Array.from({ length: CLIENT_CONCURRENCY }, lane));
    };
    await floorRequests(WARM_UP);
    await sendMany(url, token, WARM_UP, CLIENT_CONCURRENCY, null);
    const floor = await measure(() => floorRequests(n));
    const accepted = await measure(() => sendMany(url, token, n, CLIENT_CONCURRENCY, `sendMessage alone on ${kind}`));
    await sendMany(url, token, WARM_UP, CLIENT_CONCURRENCY, null, PER_REQUEST);
    const batched = await measure(() => sendMany(url, token, n, CLIENT_CONCURRENCY, `sendMessages of ${PER_REQUEST} alone on ${kind}`, PER_REQUEST));
    say(
      `  intake on ${kind}: accepted at ${fmt.rate(accepted.rate)}, API CPU ${accepted.cpuMs.toFixed(2)} ms per message; ` +
        `${PER_REQUEST} per request at ${fmt.rate(batched.rate)}, ${batched.cpuMs.toFixed(2)} ms per message; ` +
        `\`me\` at ${fmt.int(floor.rate)}/s, ${floor.cpuMs.toFixed(2)} ms per request`,
    );
    return [
      {
        benchmark: `Intake alone, ${kind} (no dispatcher): ${fmt.int(n)} × 2 KB sendMessage, API CPU per message`,
        measured: `${fmt.rate(accepted.rate)}, ${accepted.cpuMs.toFixed(2)} ms`,
        baseline: `\`me\` query: ${fmt.int(floor.rate)}/s, ${floor.cpuMs.toFixed(2)} ms`,
        ratio: `${fmt.ratio(accepted.cpuMs / floor.cpuMs)}×`,
        target: '—',
        met: null,
        scenario,
      },
      {
        benchmark: `Intake alone, ${kind} (no dispatcher): ${fmt.int(n)} × 2 KB in sendMessages of ${PER_REQUEST}, API CPU per message`,
        measured: `${fmt.rate(batched.rate)}, ${batched.cpuMs.toFixed(2)} ms`,
        baseline: `\`me\` query: ${fmt.int(floor.rate)}/s, ${floor.cpuMs.toFixed(2)} ms`,
        ratio: `${fmt.ratio(batched.cpuMs / floor.cpuMs)}×`,
        target: '—',
        met: null,
        scenario,
      },
    ];
  } finally {
    await api?.stop();
    await db.drop();
  }
}
