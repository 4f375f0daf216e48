import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SinkReply, SinkRequest, SinkStats } from './sink-protocol';

type Pending = { resolve: (stats: SinkStats) => void; reject: (err: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The SMTP sink child: start it, reset its counters, ask for them, wait for a count. */
export class SinkClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (raw: unknown) => {
      const message = raw as SinkReply;
      if (message.type !== 'stats') return;
      const waiting = this.pending.get(message.requestId);
      this.pending.delete(message.requestId);
      waiting?.resolve(message.stats);
    });
    child.once('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the SMTP sink exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static async start(): Promise<SinkClient> {
    const child = fork(path.join(__dirname, 'smtp-sink.child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the SMTP sink exited before it listened (${code})`)));
      child.on('message', (raw: unknown) => {
        const message = raw as SinkReply;
        if (message.type === 'ready') resolve(message.port);
      });
    });
    return new SinkClient(child, port);
  }

  reset(): Promise<SinkStats> {
    return this.ask({ type: 'reset' });
  }

  stats(): Promise<SinkStats> {
    return this.ask({ type: 'stats' });
  }

  /** Resolves once `count` messages have arrived since the last reset; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number): Promise<SinkStats> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        void this.stats()
          .catch(() => null)
          .then((now) => reject(new Error(`the SMTP sink had ${now?.count ?? '?'} of ${count} messages after ${Math.round(timeoutMs / 1000)} s`)));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.ask({ type: 'wait-for', count }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    await exited;
  }

  private ask(request: DistributiveOmit<SinkRequest, 'requestId'>): Promise<SinkStats> {
    const requestId = this.nextId++;
    return new Promise<SinkStats>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.child.send({ ...request, requestId } as SinkRequest);
    });
  }
}
