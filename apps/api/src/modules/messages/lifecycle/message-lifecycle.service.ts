import { In, type DataSource } from 'typeorm';
import { transaction } from '../../../db/transaction';
import type { Caller } from '../../../common/caller';
import type { MessageArchive } from '../archive/message-archive.service';
import type { MessageEvents } from '../message-events';
import { notInStatus } from '../messages.errors';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import { applyTransition } from './apply-transition';
import { MessageRecipientEntity } from '../recipients/message-recipient.entity';
import { FINAL_STATUSES, type MessageStatus } from './message-states';
import { RECIPIENT_TRANSITIONS } from './transitions';

export interface MessageLifecycleOptions {
  retryMaxAgeMs: number;
}

/** A wait ends at a final status, or once the first attempt reached some recipients (the others follow). */
const SETTLED_FOR_NOW: readonly MessageStatus[] = [...FINAL_STATUSES, 'PARTIALLY_SENT'];

/** What a person (or a module) may do to a stored message: send it again, cancel it, wait for it. */
export class MessageLifecycle {
  constructor(
    private readonly db: DataSource,
    private readonly archive: MessageArchive,
    private readonly events: MessageEvents,
    private readonly options: MessageLifecycleOptions,
  ) {}

  /** Send a failed or waiting message again now, with a fresh give-up time. */
  async retry(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const message = await this.archive.get(caller, id);
    const now = new Date();
    const moved = await transaction(this.db, async (manager) => {
      const applied = await applyTransition(manager, {
        event: 'retry',
        id,
        companyId: caller.companyId,
        now,
        changes: { nextAttemptAt: now, giveUpAt: new Date(now.getTime() + this.options.retryMaxAgeMs), waitReason: null },
      });
      // The recipients not accepted are open again; the accepted ones never get it twice.
      if (applied) {
        await manager
          .getRepository(MessageRecipientEntity)
          .update({ outboundMessageId: id, companyId: caller.companyId, outcome: In([...RECIPIENT_TRANSITIONS.retried.from]) }, { outcome: RECIPIENT_TRANSITIONS.retried.to, updatedAt: now });
      }
      return applied;
    });
    if (!moved) throw notInStatus('retry', message.status);
    this.events.wake();
    return this.archive.get(caller, id);
  }

  /** Cancel before a dispatcher has taken it. */
  async cancel(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const message = await this.archive.get(caller, id);
    const moved = await applyTransition(this.db.manager, { event: 'cancel', id, companyId: caller.companyId, now: new Date(), changes: { waitReason: null } });
    if (!moved) throw notInStatus('cancel', message.status);
    this.events.emit({ id, companyId: caller.companyId, status: 'CANCELLED' });
    return this.archive.get(caller, id);
  }

  /**
   * Wait (at most timeoutMs) until the message is SENT, FAILED or otherwise final, or PARTIALLY_SENT.
   * The wait listens before it reads: a change told while the status was being read is not missed (it
   * would have cost a 250 ms poll, as long as the usual send itself).
   */
  async waitForFinal(caller: Caller, id: string, timeoutMs: number): Promise<OutboundMessageEntity> {
    const deadline = Date.now() + timeoutMs;
    // Set by the listener, which the compiler cannot see run between the loop's statements.
    const heard: { told: boolean; wake: (() => void) | null } = { told: false, wake: null };
    const unsubscribe = this.events.subscribe((change) => {
      if (change.id !== id) return;
      heard.told = true;
      heard.wake?.();
    });
    try {
      let current = await this.archive.get(caller, id);
      while (!SETTLED_FOR_NOW.includes(current.status) && Date.now() < deadline) {
        if (!heard.told) {
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              heard.wake = null;
              resolve();
            };
            // Other processes' changes are not told here: look again now and then.
            const timer = setTimeout(done, Math.min(250, Math.max(0, deadline - Date.now())));
            heard.wake = done;
          });
        }
        heard.told = false;
        current = await this.archive.get(caller, id);
      }
      return current;
    } finally {
      unsubscribe();
    }
  }
}
