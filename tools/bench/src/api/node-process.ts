import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_CLI, API_MAIN, API_WORKER, REPO_ROOT } from '../paths';
import { request } from './http-client';

/** Environment every API, worker and CLI child gets, below what a scenario sets. */
const BASE_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  MAESTRO_SEED_DEMO: 'false',
  MAESTRO_DEV_MAILBOX: 'false',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
};

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Only PATH and HOME from our own environment: nothing of the caller's MAESTRO_* or DATABASE_URL leaks in.
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...BASE_ENV, ...env };
}

export interface Memory {
  /** Resident set now, bytes (VmRSS). */
  rss: number;
  /** Highest resident set since start or since resetPeak(), bytes (VmHWM). */
  peak: number;
}

export interface StartOptions {
  env: Record<string, string>;
  /** Write a V8 CPU profile (.cpuprofile) into this folder when the process exits. */
  profileDir?: string;
  label: string;
}

/** A Node child (the API or a worker) that the bench starts, measures and stops. */
export class NodeProcess {
  private outputTail: string[] = [];
  private readonly exited: Promise<number | null>;

  protected constructor(
    protected readonly child: ChildProcess,
    readonly label: string,
    readonly profileDir: string | undefined,
  ) {
    // pino logs (warnings and errors at LOG_LEVEL=warn) go to stdout, crashes to stderr: keep the end of both.
    const keep = (text: string | Buffer) => {
      this.outputTail.push(...String(text).split('\n').filter(Boolean));
      this.outputTail = this.outputTail.slice(-50);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * The errors in the last lines the process wrote, one per kind with a count: "QueryFailedError:
   * Deadlock found … (×7)". pino's JSON lines are read for err.type and err.message.
   */
  get loggedErrors(): string[] {
    const counts = new Map<string, number>();
    for (const line of this.outputTail) {
      let text = line.slice(0, 200);
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string } };
        if ((entry.level ?? 0) < 50) continue;
        text = entry.err ? `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}` : (entry.msg ?? text);
      } catch {
        // not JSON: a crash or a plain line, as is
      }
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    return [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n} in the last ${this.outputTail.length} lines)` : text));
  }

  /** The last lines the process wrote (its logged warnings and errors, or a crash). */
  get output(): string {
    return this.outputTail.join('\n');
  }

  protected static spawnNode(script: string, options: StartOptions): ChildProcess {
    // The same V8 flags as apps/api's start and worker scripts, which is how an operator runs them.
    const args: string[] = ['--max-semi-space-size=8'];
    const env = { ...options.env };
    if (options.profileDir) {
      mkdirSync(options.profileDir, { recursive: true });
      const name = `${options.label}.${Date.now()}`;
      args.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`);
      // And count the SQL statements, by text (see sql-census.preload.ts).
      args.push('--require', path.join(__dirname, '../profile/sql-census.preload.js'));
      env.BENCH_SQL_CENSUS = path.join(options.profileDir, `${name}.sql.json`);
    }
    return spawn(process.execPath, [...args, script], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** From /proc/<pid>/status: what the kernel says the process holds. */
  memory(): Memory {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** Start VmHWM again from the current RSS (Linux: "5" into clear_refs). */
  resetPeak(): void {
    writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
  }

  /** SIGTERM (a clean shutdown, which also writes the CPU profile), SIGKILL after `graceMs`. */
  async stop(graceMs = 60_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The CPU profiles this process wrote (after stop()). */
  profiles(): string[] {
    if (!this.profileDir) return [];
    return readdirSync(this.profileDir)
      .filter((name) => name.startsWith(`${this.label}.`) && name.endsWith('.cpuprofile'))
      .map((name) => path.join(this.profileDir as string, name));
  }
}

/** The API (`main.js`): listens on a port the system picks, read back from its start-up banner. */
export class ApiProcess extends NodeProcess {
  private constructor(
    child: ChildProcess,
    label: string,
    profileDir: string | undefined,
    readonly url: string,
  ) {
    super(child, label, profileDir);
  }

  static async start(options: StartOptions): Promise<ApiProcess> {
    const child = NodeProcess.spawnNode(API_MAIN, options);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer | string) => {
      stderr += String(chunk);
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`${options.label} did not start in 60 s:\n${stderr}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = /running at (http:\/\/[^\s]+)/.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found[1] as string);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${options.label} exited (${code}) before it listened:\n${stderr}`));
      });
    });
    const api = new ApiProcess(child, options.label, options.profileDir, url);
    const ready = await request(`${url}/readyz`, {});
    if (ready.status !== 200) throw new Error(`${options.label} is not ready: ${ready.body}`);
    return api;
  }
}

/** `worker.js`: a dispatcher without HTTP. */
export class WorkerProcess extends NodeProcess {
  static start(options: StartOptions): WorkerProcess {
    const child = NodeProcess.spawnNode(API_WORKER, options);
    return new WorkerProcess(child, options.label, options.profileDir);
  }
}

/** The operator CLI (`maestro.js`) against the database `env` names; returns its stdout. */
export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [API_CLI, ...args], { cwd: REPO_ROOT, env: childEnv(env) }, (err, stdout, stderr) => {
      if (err) reject(new Error(`maestro ${args[0]} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}
