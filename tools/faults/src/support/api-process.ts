import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { API_DIST, WORKSPACE_ROOT } from './paths';

/** One built API (`main.js`) or worker (`worker.js`) running as a child process of the test. */
export interface ApiProcess {
  readonly pid: number;
  /** The API's base URL as it printed it; '' for a worker. */
  readonly url: string;
  /** Everything it wrote to stdout and stderr, in order: its logs. */
  readonly output: string[];
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** SIGKILL: no shutdown handler runs, nothing is flushed. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still there after a few seconds. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// A failing test must not leave processes behind, even when the Jest worker exits before afterAll.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The environment a child gets: only what Node needs plus the given variables (never the test's own). */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) base[key] = process.env[key] as string;
  return { ...base, ...env };
}

/**
 * Starts `node apps/api/dist/apps/api/src/<script>.js` and waits until it is ready: the API prints
 * "running at <url>" (start it with PORT=0: the URL tells the port), a worker logs "worker started"
 * (so it needs LOG_LEVEL info or lower).
 */
export function startApiProcess(script: 'main' | 'worker', env: Record<string, string>, readyTimeoutMs = 30_000): Promise<ApiProcess> {
  const child = spawn(process.execPath, [path.join(API_DIST, `${script}.js`)], {
    cwd: WORKSPACE_ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  running.add(child);
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });

  return new Promise<ApiProcess>((resolve, reject) => {
    let text = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${script}.js was not ready after ${readyTimeoutMs} ms:\n${output.join('')}`)), readyTimeoutMs);
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onChunk = (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      output.push(s);
      if (settled) return;
      text += s;
      const url = /running at (http:\/\/[\w.:[\]-]+)/.exec(text)?.[1];
      const ready = script === 'main' ? url : /"msg":"worker started"/.test(text) ? '' : undefined;
      if (ready === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid as number,
        url: ready,
        output,
        exited,
        kill9: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const forceKill = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(forceKill);
        },
      });
    };
    child.stdout.on('data', onChunk);
    child.stderr.on('data', onChunk);
    void exited.then((code) => fail(new Error(`${script}.js exited (${code}) before it was ready:\n${output.join('')}`)));
  });
}

/** Kills every child this module started that is still running (for afterAll). */
export async function killAllApiProcesses(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Runs the operator CLI (`maestro.js <command> ...`) on the same database and returns its JSON answer. */
export function maestroCli(args: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(API_DIST, 'cli/maestro.js'), ...args], { cwd: WORKSPACE_ROOT, env: childEnv(env), timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`maestro ${args[0]} failed: ${stderr || err.message}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        reject(new Error(`maestro ${args[0]} printed no JSON: ${stdout}`));
      }
    });
  });
}
