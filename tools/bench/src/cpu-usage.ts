import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; NaN when it is gone.
 * With `withReapedChildren`, plus what its children that have exited (and been waited for) used.
 */
export function cpuSeconds(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    const children = withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + children) / clockTicks();
  } catch {
    return NaN;
  }
}

/** The pid of a local process by its command name (e.g. mariadbd), or null. */
export function findPid(command: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** CPU use of several processes over a stretch of time, as a share of one core. */
export class CpuMeter {
  private readonly start = new Map<string, { pid: number; cpu: number }>();
  private readonly startedAt = performance.now();

  constructor(processes: Record<string, number>) {
    for (const [name, pid] of Object.entries(processes)) this.start.set(name, { pid, cpu: cpuSeconds(pid) });
  }

  /** name -> CPU seconds used since construction (user + system). */
  seconds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, { pid, cpu }] of this.start) out[name] = cpuSeconds(pid) - cpu;
    return out;
  }

  /** name -> cores used on average since construction (1.0 = one core busy all the time). */
  read(): Record<string, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const out: Record<string, number> = {};
    for (const [name, { pid, cpu }] of this.start) out[name] = (cpuSeconds(pid) - cpu) / seconds;
    return out;
  }
}

/** Busy and total CPU ticks of the whole machine, from the first line of /proc/stat (steal counted busy). */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** This process and all its descendants (the sink, the API, workers), by pid. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

interface LoadSnapshot {
  machine: { busy: number; total: number };
  ours: Map<number, number>;
  at: number;
}

/**
 * CPU used on this machine by everything that is not the bench's own process tree (other jobs,
 * other test runs), in cores. `alsoOurs` names more processes to count as ours: the database server
 * (which another job may be using too — the bench cannot tell).
 */
export class MachineLoad {
  private readonly cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || 1;
  private readonly alsoOurs: number[];
  private start: LoadSnapshot;

  constructor(alsoOurs: number[] = []) {
    this.alsoOurs = alsoOurs;
    this.start = this.snapshot();
  }

  private snapshot(): LoadSnapshot {
    // The bench counts with its exited children (an API stopped at the end of a scenario); the live
    // descendants count themselves.
    const ours = new Map([[process.pid, cpuSeconds(process.pid, true)]]);
    for (const pid of [...processTree(process.pid).slice(1), ...this.alsoOurs]) ours.set(pid, cpuSeconds(pid));
    return { machine: machineTicks(), ours, at: performance.now() };
  }

  /** Cores used by others since construction or the last restart(). */
  othersCores(): number {
    const now = this.snapshot();
    const seconds = (now.at - this.start.at) / 1000;
    const machineCores = ((now.machine.busy - this.start.machine.busy) / (now.machine.total - this.start.machine.total)) * this.cores;
    let oursSeconds = 0;
    for (const [pid, cpu] of now.ours) {
      const before = this.start.ours.get(pid) ?? 0;
      if (Number.isFinite(cpu)) oursSeconds += cpu - (Number.isFinite(before) ? before : 0);
    }
    // A child that exited meanwhile is in the bench's reaped-children time with its whole life:
    // take off what it had used before the window.
    for (const [pid, before] of this.start.ours) {
      if (!now.ours.has(pid) || !Number.isFinite(now.ours.get(pid) as number)) oursSeconds -= Number.isFinite(before) ? before : 0;
    }
    return Math.max(0, machineCores - oursSeconds / seconds);
  }

  restart(): void {
    this.start = this.snapshot();
  }
}
