import type { DataSource } from 'typeorm';
import { DbHeartbeatEntity } from './heartbeat.entity';

export interface ProbeResult {
  writable: boolean;
  /** When the answer was found (an answer younger than the probe interval is reused). */
  checkedAt: number;
}

/**
 * Can the database store a write right now? One UPDATE of the heartbeat row that must commit: reading
 * says nothing about a full or read-only disk, or a transaction stuck open. At most one probe runs at a
 * time, and an answer is reused for `everyMs`, so a busy load balancer cannot turn /readyz into load.
 */
export class WriteProbe {
  private last: ProbeResult | null = null;
  private running: Promise<ProbeResult> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly everyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(): Promise<ProbeResult> {
    if (this.last && this.now() - this.last.checkedAt < this.everyMs) return Promise.resolve(this.last);
    this.running ??= this.probe().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async probe(): Promise<ProbeResult> {
    let writable = false;
    try {
      const result = await this.db
        .createQueryBuilder()
        .update(DbHeartbeatEntity)
        .set({ beats: () => 'beats + 1', beatAt: new Date(this.now()) })
        .where('id = 1')
        .execute();
      writable = (result.affected ?? 0) === 1;
    } catch {
      writable = false;
    }
    this.last = { writable, checkedAt: this.now() };
    return this.last;
  }
}
