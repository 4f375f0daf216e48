import type { DataSource, EntityManager } from 'typeorm';
import { transaction } from '../../../db/transaction';
import type { Logger } from '../../../common/logger';
import { databaseErrorCode, isDatabaseUnavailable } from '../../../db/database-unavailable';
import { applyTransition, type TransitionRequest } from '../lifecycle/apply-transition';

/** What became of an outcome: written, refused by the table (taken over), or kept to write later. */
export type OutcomeWrite = 'moved' | 'not-moved' | 'kept';

/** More rows the outcome writes in the same transaction, only when the move happened (the recipients). */
export type AfterMove = (manager: EntityManager) => Promise<void>;

interface KeptOutcome {
  request: TransitionRequest;
  afterMove?: AfterMove;
}

export interface OutcomeWriterOptions {
  /** Pauses between the tries of one write before it is kept in memory (ms). */
  retryPausesMs: readonly number[];
  /** The longest pause between two flushes of the kept outcomes (ms); they back off up to it. */
  maxFlushPauseMs: number;
  /** The claim's lease: a kept outcome older than this is said in the log (its message may be sent again). */
  leaseMs: number;
  /** Called once a kept outcome is written (moved: the table took it). */
  onLateWrite: (request: TransitionRequest, moved: boolean) => void;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes the dispatcher's outcomes (SENT, a retry, FAILED) so that a failing database cannot lose
 * them or stop the worker. A write is tried a few times with backoff; if the database still refuses
 * it, the outcome is kept in memory and written by `flush()` once the database takes writes again —
 * the dispatcher flushes before it claims anything, so this worker never sends its own kept message
 * again. The claim's lease is not renewed meanwhile: if the database stays away longer than the lease
 * (MAESTRO_DISPATCH_LEASE_SECONDS), another worker may send the message again (same Message-ID), and
 * this outcome is then refused by the table (the claim is no longer ours) and dropped: at least once.
 */
export class OutcomeWriter {
  private readonly kept = new Map<string, KeptOutcome>();
  private readonly pastLease = new Set<string>();
  private flushFailures = 0;
  private nextFlushAt = 0;
  private readonly now: () => number;

  constructor(
    private readonly db: DataSource,
    private readonly log: Logger,
    private readonly options: OutcomeWriterOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Outcomes waiting for the database. */
  get size(): number {
    return this.kept.size;
  }

  has(messageId: string): boolean {
    return this.kept.has(messageId);
  }

  async write(request: TransitionRequest, afterMove?: AfterMove): Promise<OutcomeWrite> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.apply({ request, afterMove })) ? 'moved' : 'not-moved';
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        const pause = this.options.retryPausesMs[attempt];
        if (pause === undefined) {
          this.kept.set(request.id, { request, afterMove });
          this.log.warn({ messageId: request.id, event: request.event, code: databaseErrorCode(err) }, 'the database refused an outcome; it is kept and written when the database returns');
          return 'kept';
        }
        await sleep(pause);
      }
    }
  }

  /**
   * Write the kept outcomes, oldest first, if it is time to try again. Resolves true when none is
   * left; never rejects. An outcome the table no longer takes (the lease ran out and another worker
   * took the message over) is dropped: that worker's outcome is the one that counts.
   */
  async flush(): Promise<boolean> {
    if (this.kept.size === 0) return true;
    this.notePastLease();
    if (this.now() < this.nextFlushAt) return false;
    for (const [id, outcome] of [...this.kept]) {
      const { request } = outcome;
      try {
        const moved = await this.apply(outcome);
        this.kept.delete(id);
        this.pastLease.delete(id);
        if (!moved) this.log.warn({ messageId: id, event: request.event }, 'a kept outcome came too late: the message was taken over, and is sent again (at least once)');
        this.options.onLateWrite(request, moved);
      } catch (err) {
        this.flushFailures += 1;
        this.nextFlushAt = this.now() + Math.min(this.options.maxFlushPauseMs, 100 * 2 ** Math.min(this.flushFailures, 10));
        if (!isDatabaseUnavailable(err)) {
          // Not the database being away: trying again would not help, and the worker must go on.
          this.kept.delete(id);
          this.pastLease.delete(id);
          this.log.error({ err, messageId: id }, 'a kept outcome could not be written; the message is sent again after its lease');
        }
        return false;
      }
    }
    this.flushFailures = 0;
    this.nextFlushAt = 0;
    return true;
  }

  /** Not silently: once a kept outcome outlives the lease, another worker may take the message over. */
  private notePastLease(): void {
    for (const [id, { request }] of this.kept) {
      if (this.pastLease.has(id) || this.now() - request.now.getTime() <= this.options.leaseMs) continue;
      this.pastLease.add(id);
      this.log.warn({ messageId: id, event: request.event }, 'the lease of a message whose outcome is kept ran out: another worker may send it again (same Message-ID)');
    }
  }

  /** The move, and with it (in one transaction) whatever else the outcome writes. */
  private async apply(outcome: KeptOutcome): Promise<boolean> {
    const { request, afterMove } = outcome;
    if (!afterMove) return applyTransition(this.db.manager, request);
    return transaction(this.db, async (manager) => {
      const moved = await applyTransition(manager, request);
      if (moved) await afterMove(manager);
      return moved;
    });
  }

  /** At shutdown: the outcomes that could not be written (their messages are sent again after the lease). */
  abandoned(): string[] {
    return [...this.kept.keys()];
  }
}
