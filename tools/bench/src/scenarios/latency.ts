import { createBenchCompany, prepareCompany } from '../api/bench-company';
import { sqliteDatabase } from '../api/bench-database';
import { ApiProcess } from '../api/node-process';
import { sendInput, sendMessage } from '../api/send-messages';
import { say } from '../report/progress';
import { nowMs, percentile, sleep } from '../stats';
import { baselineLatencies, baselineTransport } from './nodemailer-baseline';
import { fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';

const RATE = 10;
const WARM_UP = 20;

/**
 * `sendMessage(wait: true)` — the compose dialog's "Lähetä heti" — at 10 requests/s, open loop (a slow
 * answer does not delay the next request): latency from request to the answer saying SENT.
 */
export async function latencyScenario(ctx: ScenarioContext): Promise<ResultRow[]> {
  const { sink, options } = ctx;
  const seconds = options.latencySeconds;
  const scenario = 'latency-sqlite';

  say(`latency: baseline, nodemailer pool -> sink, ${RATE}/s for ${seconds} s`);
  const transport = baselineTransport(sink.port);
  let baseline: number[];
  try {
    await baselineLatencies(transport, 1, RATE);
    baseline = await baselineLatencies(transport, seconds, RATE);
  } finally {
    transport.close();
  }
  const base50 = percentile(baseline, 50);
  const base99 = percentile(baseline, 99);
  say(`  baseline: p50 ${fmt.ms(base50)}, p99 ${fmt.ms(base99)}`);

  const db = sqliteDatabase();
  let api: ApiProcess | null = null;
  try {
    const company = await createBenchCompany(db.env);
    api = await ApiProcess.start({ env: db.env, label: `api-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    const token = await prepareCompany(api.url, company, sink.port);
    const url = api.url;
    for (let i = 0; i < WARM_UP; i++) await sendMessage(url, token, sendInput(i, { wait: true }));

    say(`latency: sendMessage(wait: true) on SQLite at ${RATE}/s for ${seconds} s`);
    const latencies: number[] = [];
    const notSent: string[] = [];
    const requests: Array<Promise<void>> = [];
    const total = Math.round(seconds * RATE);
    const started = nowMs();
    for (let n = 0; n < total; n++) {
      const wait = started + (n * 1000) / RATE - nowMs();
      if (wait > 0) await sleep(wait);
      const t0 = nowMs();
      requests.push(
        sendMessage(url, token, sendInput(n, { wait: true })).then(
          (sent) => {
            latencies.push(nowMs() - t0);
            if (sent.status !== 'SENT') notSent.push(sent.status);
          },
          (err: Error) => void notSent.push(err.message),
        ),
      );
      if ((n + 1) % (RATE * 5) === 0) say(`  ${n + 1}/${total} sent`);
    }
    await Promise.all(requests);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    say(`  API: p50 ${fmt.ms(p50)}, p99 ${fmt.ms(p99)}, max ${fmt.ms(Math.max(...latencies))}${notSent.length ? `, ${notSent.length} not SENT (${notSent[0]})` : ''}`);
    const rows: ResultRow[] = [
      {
        benchmark: `Latency p50, sendMessage(wait: true) until SENT, ${RATE}/s × ${seconds} s, SQLite`,
        measured: fmt.ms(p50),
        baseline: `nodemailer send p50: ${fmt.ms(base50)}`,
        ratio: `${fmt.ratio(p50 / base50)}×`,
        target: '≤ 30 ms',
        met: p50 <= 30 && notSent.length === 0,
        scenario,
      },
      {
        benchmark: `Latency p99, same run`,
        measured: fmt.ms(p99),
        baseline: `nodemailer send p99: ${fmt.ms(base99)}`,
        ratio: `${fmt.ratio(p99 / base99)}×`,
        target: '≤ 100 ms',
        met: p99 <= 100 && notSent.length === 0,
        scenario,
      },
    ];
    if (notSent.length) {
      rows.push({ benchmark: 'Latency: answers not SENT', measured: String(notSent.length), baseline: '—', ratio: '—', target: '0', met: false, scenario });
    }
    return rows;
  } finally {
    await api?.stop();
    await db.drop();
  }
}
