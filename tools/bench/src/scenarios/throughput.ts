import { availableParallelism } from 'node:os';
import { createBenchCompany, prepareCompany } from '../api/bench-company';
import { mysqlDatabase, sqliteDatabase, type BenchDatabase, type DatabaseKind } from '../api/bench-database';
import { ApiProcess, WorkerProcess } from '../api/node-process';
import { sendMany } from '../api/send-messages';
import { say } from '../report/progress';
import { nowMs } from '../stats';
import { baselineThroughput, baselineTransport } from './nodemailer-baseline';
import { cpuText, fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';
import { CpuMeter, findPid } from '../cpu-usage';

/** Parallel sendMessage calls: several ERP sessions and modules sending at once. */
const CLIENT_CONCURRENCY = 20;
/**
 * Messages sent before anything is measured, by the baseline and by the API alike. With 50, the first
 * baseline of a run (nodemailer not yet optimised by V8) used ~30 % more CPU per message than the ones
 * after it, which flattered the first scenario's CPU ratio.
 */
const WARM_UP = 500;
/** The baseline is measured this many times and its median pass counted: one pass moved by ±20 %. */
const BASELINE_PASSES = 3;

interface BaselinePass {
  seconds: number;
  cpu: Record<string, number>;
  cpuSeconds: number;
}

/** The pass in the middle by CPU per message (passes are of the same size). */
function medianPass(passes: BaselinePass[]): BaselinePass {
  const sorted = [...passes].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  return sorted[Math.floor(sorted.length / 2)] as BaselinePass;
}

/**
 * Where the dispatcher runs: inside the API (the default, and the only layout on SQLite), or in one
 * `worker.js` beside an API started with `MAESTRO_DISPATCHER=false`, so that accepting and sending
 * use different cores.
 */
export type DispatcherLayout = 'in-api' | 'worker';

/**
 * N messages through GraphQL sendMessage -> outbox -> dispatcher -> the sink, until the sink has them
 * all; against nodemailer's pool sending the same number straight to the sink.
 */
export async function throughputScenario(ctx: ScenarioContext, kind: DatabaseKind, layout: DispatcherLayout = 'in-api', perRequest = 1): Promise<ResultRow[]> {
  const { sink, options } = ctx;
  const n = options.messages;
  const timeoutMs = Math.max(120_000, n * 100);
  const scenario = `throughput-${kind.toLowerCase()}${layout === 'worker' ? '-worker' : ''}${perRequest > 1 ? `-${perRequest}-per-request` : ''}`;
  const where = `${layout === 'worker' ? 'API + 1 worker process' : 'dispatcher in the API'}${perRequest > 1 ? `, ${perRequest} messages per sendMessages request` : ''}`;
  const call = perRequest > 1 ? 'sendMessages' : 'sendMessage';

  say(`throughput on ${kind}: baseline, nodemailer pool (5 connections) -> sink, ${fmt.int(n)} messages`);
  const transport = baselineTransport(sink.port);
  const passes: BaselinePass[] = [];
  try {
    await baselineThroughput(sink, transport, WARM_UP, timeoutMs);
    while (passes.length < BASELINE_PASSES) {
      const meter = new CpuMeter({ 'bench (nodemailer)': process.pid, sink: sink.pid });
      const seconds = await baselineThroughput(sink, transport, n, timeoutMs);
      passes.push({ seconds, cpu: meter.read(), cpuSeconds: meter.seconds()['bench (nodemailer)'] ?? NaN });
    }
  } finally {
    transport.close();
  }
  const { seconds: baselineSeconds, cpu: baselineCpu, cpuSeconds: baselineCpuSeconds } = medianPass(passes);
  const baselineRate = n / baselineSeconds;
  const perPass = passes.map((p) => `${((p.cpuSeconds / n) * 1000).toFixed(2)}`).join(', ');
  say(`  baseline (median of ${BASELINE_PASSES} passes by CPU): ${fmt.rate(baselineRate)} (${baselineSeconds.toFixed(2)} s); CPU ${cpuText(baselineCpu)}; ms per message in each pass: ${perPass}`);

  const db: BenchDatabase = kind === 'SQLite' ? sqliteDatabase() : await mysqlDatabase(options.mysqlUrl as string, 'throughput');
  let api: ApiProcess | null = null;
  let worker: WorkerProcess | null = null;
  try {
    const company = await createBenchCompany(db.env);
    const apiEnv = layout === 'worker' ? { ...db.env, MAESTRO_DISPATCHER: 'false' } : db.env;
    api = await ApiProcess.start({ env: apiEnv, label: `api-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    if (layout === 'worker') worker = WorkerProcess.start({ env: db.env, label: `worker-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    const token = await prepareCompany(api.url, company, sink.port);
    say(`throughput on ${kind}: API at ${api.url} (${where}), warming up`);
    await sink.reset();
    const warmUpFailures = await sendMany(api.url, token, WARM_UP, CLIENT_CONCURRENCY, null, perRequest);
    await sink.waitFor(WARM_UP, timeoutMs);

    await sink.reset();
    const processes: Record<string, number> = { bench: process.pid, sink: sink.pid, api: api.pid };
    if (worker) processes.worker = worker.pid;
    const mariadb = kind === 'MariaDB' ? findPid('mariadbd') : null;
    if (mariadb) processes.mariadb = mariadb;
    const meter = new CpuMeter(processes);
    const started = nowMs();
    const failures = await sendMany(api.url, token, n, CLIENT_CONCURRENCY, `${call} on ${kind}`, perRequest);
    const acceptedSeconds = (nowMs() - started) / 1000;
    const stats = await sink.waitFor(n, timeoutMs);
    const seconds = (nowMs() - started) / 1000;
    const cpu = meter.read();
    const cpuSecondsUsed = meter.seconds();
    ctx.notes.push(
      `Throughput on ${kind} (${where}): average CPU (100% = one core of ${availableParallelism()}) — baseline: ${cpuText(baselineCpu)}; API run: ${cpuText(cpu)}.`,
    );
    const rate = n / seconds;
    const ratio = rate / baselineRate;
    say(`  API: accepted all in ${acceptedSeconds.toFixed(2)} s (${fmt.rate(n / acceptedSeconds)}), sink had all after ${seconds.toFixed(2)} s: ${fmt.rate(rate)}, ratio ${fmt.ratio(ratio)}; CPU ${cpuText(cpu)}`);
    const target = kind === 'SQLite' ? 0.8 : 0.7;
    const rows: ResultRow[] = [
      {
        benchmark: `Throughput, ${kind}, ${where}: ${fmt.int(n)} × 2 KB, ${call} -> outbox -> SMTP sink`,
        measured: `${fmt.rate(rate)} (accepted at ${fmt.rate(n / acceptedSeconds)})`,
        baseline: `nodemailer pool (5): ${fmt.rate(baselineRate)}`,
        ratio: fmt.ratio(ratio),
        target: `≥ ${target}`,
        met: ratio >= target,
        scenario,
      },
    ];
    // What accepting and sending one message costs our processes (the API, and the worker when there
    // is one), against what nodemailer's own process spends sending one: CPU seconds from /proc.
    const ours = (cpuSecondsUsed.api ?? 0) + (cpuSecondsUsed.worker ?? 0);
    const perMessageMs = (ours / n) * 1000;
    const baselinePerMessageMs = (baselineCpuSeconds / n) * 1000;
    const cpuRatio = perMessageMs / baselinePerMessageMs;
    const withDatabase = cpuSecondsUsed.mariadb !== undefined ? `; with mariadbd ${(((ours + cpuSecondsUsed.mariadb) / n) * 1000).toFixed(2)} ms` : '';
    say(`  CPU per message: ours ${perMessageMs.toFixed(2)} ms${withDatabase}, nodemailer ${baselinePerMessageMs.toFixed(2)} ms: ${fmt.ratio(cpuRatio)}×`);
    rows.push({
      benchmark: `CPU per message, accept + send, relative to nodemailer's CPU per message (${kind}, ${where})`,
      measured: `${perMessageMs.toFixed(2)} ms${withDatabase}`,
      baseline: `nodemailer: ${baselinePerMessageMs.toFixed(2)} ms`,
      ratio: `${fmt.ratio(cpuRatio)}×`,
      target: '≤ 2×',
      met: Number.isFinite(cpuRatio) ? cpuRatio <= 2 : null,
      scenario,
    });
    const failed = warmUpFailures.count + failures.count;
    if (failed > 0) {
      const logged = api.loggedErrors;
      say(`  ${failed} ${call} calls failed and were retried; the API logged: ${logged.join(' | ') || '(nothing)'}`);
      ctx.notes.push(`Throughput on ${kind}: ${failed} ${call} calls were answered "Unexpected error" and retried by the bench. The API logged: ${logged.join('; ') || '(nothing)'}.`);
      rows.push({ benchmark: `Throughput, ${kind}: ${call} calls answered with an error (retried)`, measured: String(failed), baseline: '—', ratio: '—', target: '0', met: false, scenario });
    }
    if (stats.duplicates > 0 || stats.missingIds > 0) {
      rows.push({ benchmark: `Throughput, ${kind}: duplicate (or missing) Message-IDs at the sink`, measured: `${stats.duplicates} (${stats.missingIds})`, baseline: '—', ratio: '—', target: '0', met: false, scenario });
    }
    return rows;
  } catch (err) {
    // The API logs an unexpected error with its id: show it beside the answer that carried the id.
    if (api?.output) say(`  API log (last lines):\n${api.output.slice(-4000)}`);
    throw err;
  } finally {
    await worker?.stop();
    await api?.stop();
    await db.drop();
  }
}
