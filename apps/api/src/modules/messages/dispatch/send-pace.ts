/** A send that returns within this is quick: the server answers faster than a claim round is worth. */
export const QUICK_SEND_MS = 100;
/** Weight of the newest send in the moving average: a few slow sends in a row change the verdict. */
const WEIGHT = 0.2;

/**
 * How fast each sending account's sends return, as a moving average of this worker's own sends:
 * what claimBatch uses to decide whether an account is claimed into slot by slot or in batches.
 */
export class SendPace {
  private readonly averageMs = new Map<string, number>();

  note(accountId: string, ms: number): void {
    const before = this.averageMs.get(accountId);
    this.averageMs.set(accountId, before === undefined ? ms : before + WEIGHT * (ms - before));
  }

  /** Unknown accounts are not quick: until their sends are timed, every freed slot is filled. */
  quick(accountId: string): boolean {
    const average = this.averageMs.get(accountId);
    return average !== undefined && average < QUICK_SEND_MS;
  }
}
