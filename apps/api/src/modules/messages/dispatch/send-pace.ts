/** A send that returns within this is quick: the server answers faster than a claim round is worth. */
export const QUICK_SEND_MS = 100;
/** Weight of the newest send in the moving average: a few slow sends in a row change the verdict. */
const WEIGHT = 0.2;

/**
 * How fast each sending account's sends return, as a moving average of this worker's own sends, and
 * which of its sends are under way: what claimBatch uses to decide whether an account is claimed into
 * slot by slot or in batches.
 */
export class SendPace {
  private readonly averageMs = new Map<string, number>();
  /** Start times of this worker's sends under way, per account. */
  private readonly running = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly quickMs: number = QUICK_SEND_MS,
  ) {}

  /** A send begins; give what this returns to `finished`. */
  started(accountId: string): number {
    const at = this.now();
    this.running.set(accountId, [...(this.running.get(accountId) ?? []), at]);
    return at;
  }

  finished(accountId: string, startedAt: number): void {
    const running = this.running.get(accountId) ?? [];
    const at = running.indexOf(startedAt);
    if (at >= 0) running.splice(at, 1);
    if (running.length === 0) this.running.delete(accountId);
    const ms = this.now() - startedAt;
    const before = this.averageMs.get(accountId);
    this.averageMs.set(accountId, before === undefined ? ms : before + WEIGHT * (ms - before));
  }

  /**
   * Unknown accounts are not quick: until their sends are timed, every freed slot is filled. Nor is an
   * account with a send under way for longer than a quick one takes: a server that has begun to hang
   * would otherwise keep a slot idle until its sends time out.
   */
  quick(accountId: string): boolean {
    const average = this.averageMs.get(accountId);
    const oldest = this.running.get(accountId)?.[0];
    return average !== undefined && average < this.quickMs && (oldest === undefined || this.now() - oldest < this.quickMs);
  }
}
