import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../paths';
import type { ResultRow } from '../scenarios/scenario';

/** Everything below this line in BENCHMARKS.md is written by people and kept by the next run. */
export const FINDINGS_MARKER = '<!-- Written by people: everything below this line is kept by the next `npm run bench`. -->';

export interface Machine {
  /** The commit measured, with a note when apps/ or libs/ had uncommitted changes. */
  commit: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
  database: string | null;
}

function describeCommit(): string {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const head = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--', 'apps/api', 'libs']) !== '';
    return dirty ? `${head} + uncommitted changes in apps/api or libs` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function describeMachine(database: string | null): Machine {
  const list = cpus();
  return {
    commit: process.env.MAESTRO_BENCH_API_DIST ? `the build in ${process.env.MAESTRO_BENCH_API_DIST}` : describeCommit(),
    cores: list.length,
    cpuModel: list[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU',
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    os: `Linux ${release()}`,
    database,
  };
}

function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node}, ${m.os}${m.database ? `, ${m.database}` : ''}`;
}

const HEAD = ['benchmark', 'measured', 'baseline (same run)', 'ratio', 'target', 'met'];

function cells(row: ResultRow): string[] {
  return [row.benchmark, row.measured, row.baseline, row.ratio, row.target, row.met === null ? '—' : row.met ? 'yes' : 'NO'];
}

/** The table for the terminal: padded columns. */
export function consoleTable(rows: ResultRow[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(rows: ResultRow[]): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  return [`| ${HEAD.join(' | ')} |`, `| ${HEAD.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`)].join('\n');
}

export interface Report {
  rows: ResultRow[];
  notes: string[];
  machine: Machine;
  startedAt: Date;
  durationSeconds: number;
  mode: string;
  /** Markdown of the CPU profiles behind missed targets (with --profile). */
  profiles: string[];
}

/** Write the report; keeps whatever people wrote below FINDINGS_MARKER in an existing file. */
export function writeReport(file: string, report: Report): void {
  const kept = existsSync(file) ? readFileSync(file, 'utf8').split(FINDINGS_MARKER)[1] : undefined;
  const missed = report.rows.filter((r) => r.met === false).length;
  const parts = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (tools/bench/README.md). Every number is measured against a baseline measured in',
    'the same run on the same machine; targets are the ones in issue 7. Re-run to refresh; the findings at the end are kept.',
    '',
    `- Date: ${report.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC (${Math.round(report.durationSeconds)} s)`,
    `- Measured: ${report.machine.commit}`,
    `- Machine: ${machineLine(report.machine)}`,
    `- Run: ${report.mode}`,
    `- Targets: ${report.rows.filter((r) => r.met === true).length} met, ${missed} missed`,
    '',
    markdownTable(report.rows),
    '',
  ];
  if (report.notes.length) parts.push(...report.notes.map((n) => `- ${n}`), '');
  if (report.profiles.length) parts.push('## CPU profiles of this run (targets missed)', '', ...report.profiles);
  parts.push(FINDINGS_MARKER, kept === undefined ? '\n## Findings\n\n(none yet)\n' : kept.replace(/^\n*/, '\n'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, parts.join('\n'));
}
