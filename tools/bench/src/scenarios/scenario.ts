import path from 'node:path';
import type { SinkClient } from '../sink/sink-client';

/** One line of the results table. */
export interface ResultRow {
  benchmark: string;
  /** What our system did, with its unit. */
  measured: string;
  /** What the baseline did in the same run, on the same machine. */
  baseline: string;
  /** measured / baseline (or the reverse where smaller is better), formatted. */
  ratio: string;
  target: string;
  /** null when the row is informational (no target). */
  met: boolean | null;
  /** Scenario whose API/worker CPU profiles explain this row (with --profile). */
  scenario: string;
}

export interface BenchOptions {
  messages: number;
  scaleMessages: number;
  latencySeconds: number;
  readSeconds: number;
  quick: boolean;
  profile: boolean;
  mysqlUrl: string | null;
  /** Where --profile writes .cpuprofile files, one folder per scenario. */
  profileRoot: string;
}

export interface ScenarioContext {
  sink: SinkClient;
  options: BenchOptions;
  /** Lines printed and written under the table: what explains a number. */
  notes: string[];
}

/** "bench 45%, sink 60%, api 100%": average share of one core per process. */
export function cpuText(cpu: Record<string, number>): string {
  return Object.entries(cpu)
    .filter(([, cores]) => Number.isFinite(cores))
    .map(([name, cores]) => `${name} ${Math.round(cores * 100)}%`)
    .join(', ');
}

/** The folder for a scenario's CPU profiles, or undefined when not profiling. */
export function profileDirFor(ctx: ScenarioContext, scenario: string): string | undefined {
  return ctx.options.profile ? path.join(ctx.options.profileRoot, scenario) : undefined;
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  rate: (n: number) => `${Math.round(n).toLocaleString('en-US')} msg/s`,
  ms: (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`,
  ratio: (n: number) => n.toFixed(2),
};
