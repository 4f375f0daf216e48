/**
 * `npm run bench`: throughput, intake, latency, read path, memory and scale-out of the built API, each against a
 * baseline measured in the same run on this machine. Prints progress and a table; a full run writes
 * BENCHMARKS.md at the repository root.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serverVersion } from './api/bench-database';
import { closeHttpClient } from './api/http-client';
import { API_MAIN, BENCHMARKS_FILE, PROFILE_ROOT, REPO_ROOT } from './paths';
import { profileMarkdown, sqlCensusMarkdown, summarizeProfile, summarizeSqlCensus } from './profile/summarize-cpu-profile';
import { say } from './report/progress';
import { consoleTable, describeMachine, writeReport } from './report/results-table';
import { latencyScenario } from './scenarios/latency';
import { memoryScenario } from './scenarios/memory';
import { readPathScenario } from './scenarios/read-path';
import { scaleOutScenario } from './scenarios/scale-out';
import type { BenchOptions, ResultRow, ScenarioContext } from './scenarios/scenario';
import { throughputScenario } from './scenarios/throughput';
import { intakeScenario } from './scenarios/intake';
import { SinkClient } from './sink/sink-client';
import { MachineLoad, findPid } from './cpu-usage';
import { sleep } from './stats';

const SCENARIOS = ['throughput', 'intake', 'latency', 'read', 'memory', 'scale'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const USAGE = `npm run bench [-- options]

  --quick              a smoke run: few messages, short durations (writes reports/bench/, not BENCHMARKS.md)
  --messages N         messages for the throughput and intake runs (default 2000; quick 200)
  --scale-messages N   messages per scale-out drain (default 10000; quick 600)
  --only a,b           some of: ${SCENARIOS.join(', ')} (writes reports/bench/, not BENCHMARKS.md)
  --profile            run the API and workers with --cpu-prof; summarize the profiles behind missed targets
  --out FILE           write the report here instead

MariaDB parts (throughput on MariaDB, scale-out) run when MYSQL_URL is set, e.g.
  MYSQL_URL=mysql://maestro:maestro@127.0.0.1:3306/maestro_test npm run bench`;

interface Cli {
  options: BenchOptions;
  only: Set<ScenarioName>;
  out: string;
  mode: string;
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} wants a positive whole number, not "${value}".`);
  return n;
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      messages: { type: 'string' },
      'scale-messages': { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick === true;
  const only = new Set<ScenarioName>();
  for (const name of (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario "${name}" (${SCENARIOS.join(', ')}).`);
    only.add(name as ScenarioName);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const options: BenchOptions = {
    messages: positive(values.messages, 'messages', quick ? 200 : 2000),
    scaleMessages: positive(values['scale-messages'], 'scale-messages', quick ? 600 : 10_000),
    latencySeconds: quick ? 5 : 30,
    readSeconds: quick ? 3 : 10,
    quick,
    profile: values.profile === true,
    mysqlUrl: process.env.MYSQL_URL || null,
    profileRoot: path.join(PROFILE_ROOT, stamp),
  };
  const partial = quick || only.size > 0 || options.profile;
  const mode = [
    quick ? 'quick' : 'full',
    `${options.messages.toLocaleString('en-US')} messages for throughput, ${options.scaleMessages.toLocaleString('en-US')} per scale-out drain`,
    `latency ${options.latencySeconds} s, read path ${options.readSeconds} s`,
    only.size ? `only ${[...only].join(', ')}` : '',
    options.profile ? 'with --cpu-prof (slower)' : '',
    options.mysqlUrl ? '' : 'MariaDB parts skipped (MYSQL_URL not set)',
  ]
    .filter(Boolean)
    .join('; ');
  // A smoke, partial or profiled run must not replace the table of the last full run.
  const out = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : partial ? path.join(REPO_ROOT, 'reports/bench/BENCHMARKS.partial.md') : BENCHMARKS_FILE;
  return { options, only, out, mode };
}

function filesEndingWith(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Print every profile of the scenario; return Markdown for the first of each folder when its target was missed. */
function summarizeProfiles(options: BenchOptions, rows: ResultRow[]): string[] {
  const markdown: string[] = [];
  if (!options.profile || !existsSync(options.profileRoot)) return markdown;
  for (const scenario of readdirSync(options.profileRoot).sort()) {
    const dir = path.join(options.profileRoot, scenario);
    const files = filesEndingWith(dir, '.cpuprofile');
    const census = filesEndingWith(dir, '.sql.json');
    const missed = rows.some((r) => r.scenario === scenario && r.met === false);
    files.forEach((file, i) => {
      const summary = summarizeProfile(file, 12);
      say(`profile ${path.relative(REPO_ROOT, file)}: busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s`);
      for (const g of summary.groups.slice(0, 8)) say(`    ${(g.share * 100).toFixed(1).padStart(5)}%  ${g.name}`);
      for (const f of summary.functions.slice(0, 8)) say(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`);
      const sql = census[i] ? summarizeSqlCensus(census[i], 12) : null;
      if (sql) {
        say(`    SQL statements: ${sql.total}`);
        for (const e of sql.top.slice(0, 6)) say(`    ${String(e.count).padStart(7)}  ${e.sql.slice(0, 110)}`);
      }
      if (missed && i === 0) {
        markdown.push(profileMarkdown(summary, `${scenario}${files.length > 1 ? ` (1 of ${files.length} processes)` : ''}`));
        if (sql) markdown.push(sqlCensusMarkdown(sql));
      }
    });
  }
  return markdown;
}

/** Shared machines: wait (at most 2 minutes) until other processes use less than a quarter of a core. */
async function waitForQuiet(load: MachineLoad): Promise<void> {
  const deadline = Date.now() + 120_000;
  let warned = false;
  for (;;) {
    load.restart();
    await sleep(2000);
    const others = load.othersCores();
    if (others < 0.25) return;
    if (Date.now() > deadline) {
      say(`  the machine is still busy (${others.toFixed(2)} cores used by other processes): measuring anyway`);
      return;
    }
    if (!warned) say(`  other processes use ${others.toFixed(2)} cores of this machine: waiting for it to quieten (at most 2 minutes)`);
    warned = true;
  }
}

async function main(): Promise<void> {
  const { options, only, out, mode } = parseCli(process.argv.slice(2));
  if (!existsSync(API_MAIN)) throw new Error(`${path.relative(REPO_ROOT, API_MAIN)} is missing: build the API first (npm run build -w @maestro/api), or run through \`npm run bench\`.`);
  const startedAt = new Date();
  const database = options.mysqlUrl ? await serverVersion(options.mysqlUrl) : null;
  const machine = describeMachine(database);
  say(`bench: ${mode}`);
  say(`machine: ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}${database ? `, ${database}` : ''}; measuring ${machine.commit}`);

  const sink = await SinkClient.start();
  say(`SMTP sink (own process, pid ${sink.pid}) on 127.0.0.1:${sink.port}`);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const ctx: ScenarioContext = { sink, options, notes };
  const wanted = (name: ScenarioName) => only.size === 0 || only.has(name);
  const mariadb = options.mysqlUrl ? (findPid('mariadbd') ?? findPid('mysqld')) : null;
  const load = new MachineLoad(mariadb ? [mariadb] : []);
  const run = async (name: string, scenario: () => Promise<ResultRow[]>) => {
    await waitForQuiet(load);
    load.restart();
    try {
      rows.push(...(await scenario()));
      const others = load.othersCores();
      if (others >= 0.25) {
        notes.push(`${name}: other processes on this machine used ${others.toFixed(2)} cores on average during the measurement; its numbers may be low.`);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      say(`${name} FAILED: ${message}`);
      rows.push({ benchmark: `${name}: did not complete`, measured: message.split('\n')[0]?.slice(0, 160) ?? '', baseline: '—', ratio: '—', target: 'completes', met: false, scenario: name });
    }
  };

  try {
    if (wanted('throughput')) {
      await run('Throughput, SQLite', () => throughputScenario(ctx, 'SQLite'));
      await run('Throughput, SQLite, 10 per request', () => throughputScenario(ctx, 'SQLite', 'in-api', 10));
      if (options.mysqlUrl) {
        await run('Throughput, MariaDB', () => throughputScenario(ctx, 'MariaDB'));
        await run('Throughput, MariaDB, API + 1 worker', () => throughputScenario(ctx, 'MariaDB', 'worker'));
      }
    }
    if (wanted('intake')) {
      await run('Intake, SQLite', () => intakeScenario(ctx, 'SQLite'));
      if (options.mysqlUrl) await run('Intake, MariaDB', () => intakeScenario(ctx, 'MariaDB'));
    }
    if (wanted('latency')) await run('Latency', () => latencyScenario(ctx));
    if (wanted('read')) await run('Read path', () => readPathScenario(ctx));
    if (wanted('memory')) await run('Memory', () => memoryScenario(ctx));
    if (wanted('scale') && options.mysqlUrl) await run('Scale-out', () => scaleOutScenario(ctx));
    if (!options.mysqlUrl) notes.push('MariaDB parts (throughput on MariaDB, scale-out) were skipped: MYSQL_URL was not set.');
  } finally {
    await sink.stop();
    closeHttpClient();
  }

  const profiles = summarizeProfiles(options, rows);
  const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
  process.stdout.write(`\n${consoleTable(rows)}\n\n`);
  for (const note of notes) process.stdout.write(`- ${note}\n`);
  writeReport(out, { rows, notes, machine, startedAt, durationSeconds, mode, profiles });
  say(`wrote ${path.relative(REPO_ROOT, out)}${options.profile ? `; CPU profiles in ${path.relative(REPO_ROOT, options.profileRoot)}` : ''}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
