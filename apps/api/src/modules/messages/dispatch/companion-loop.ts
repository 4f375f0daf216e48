import type { Logger } from '../../../common/logger';
import { databaseErrorCode, isDatabaseUnavailable } from '../../../db/database-unavailable';

/** What a round found: `more` when work may still be waiting (the next round starts at once), else `idle`. */
export type RoundResult = 'more' | 'idle';

export interface CompanionLoopOptions {
  /** Who the log lines are about: "the bounce reader". */
  name: string;
  /** The pause after an idle or failed round; `wake` cuts it short. */
  pauseMs: number;
  log: Logger;
}

/**
 * The background loop of a companion of the outbox dispatcher (the Sent-folder copies, the bounce
 * reader), which starts and stops with it: a round, then a pause, until `stop`. A round that throws
 * does not end the loop: the next one tries again after the pause. A database outage is logged as a
 * warning, as it is what the readiness probe reports and not a fault of the loop; anything else is
 * an error.
 */
export class CompanionLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private endPause: (() => void) | null = null;

  constructor(
    private readonly round: () => Promise<RoundResult>,
    private readonly options: CompanionLoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the pause, lets a round in progress finish, and returns when the loop has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Ends the current pause at once (new work arrived); does nothing while a round runs. */
  wake(): void {
    this.endPause?.();
  }

  private async run(): Promise<void> {
    const { name, log } = this.options;
    while (this.running) {
      try {
        if ((await this.round()) === 'more') continue;
      } catch (err) {
        if (isDatabaseUnavailable(err)) log.warn({ code: databaseErrorCode(err) }, `${name} waits for the database`);
        else log.error({ err }, `${name} failed; trying again`);
      }
      await this.pause();
    }
  }

  private pause(): Promise<void> {
    // A stop that came during the round ends the loop now: its wake-up found no pause to cut short.
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.endPause = null;
        resolve();
      };
      const timer = setTimeout(end, this.options.pauseMs);
      this.endPause = end;
    });
  }
}
