import { EventEmitter } from 'node:events';
import type { MessageStatus } from './lifecycle/message-states';

/** The sending account a message goes through (its company and accountKey). */
export interface AcceptedFor {
  companyId: string;
  accountKey: string | null;
}

export interface MessageChange {
  id: string;
  companyId: string;
  status: MessageStatus;
}

/**
 * In-process news about messages: the dispatcher says when a message changed, so `wait: true`
 * and the live list answer at once. Other processes' changes are found by polling the database.
 */
export class MessageEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit(change: MessageChange): void {
    this.emitter.emit('change', change);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (change: MessageChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /**
   * Asked when a message was accepted, so an idle dispatcher looks at once. `accounts`: whose messages
   * they were, when known (a dispatcher need not look for an account that is at its cap anyway).
   */
  onAccepted(listener: (accounts?: readonly AcceptedFor[]) => void): () => void {
    this.emitter.on('accepted', listener);
    return () => this.emitter.off('accepted', listener);
  }

  accepted(channel: 'EMAIL' | 'SMS' = 'EMAIL', count = 1, accounts?: readonly AcceptedFor[]): void {
    this.emitter.emit('accepted', accounts);
    for (let i = 0; i < count; i++) this.emitter.emit('accepted-channel', channel);
  }

  /** Something became due (a retry, a cancelled claim): wake the dispatcher without counting. */
  wake(): void {
    this.emitter.emit('accepted');
  }

  /** For counting: called once per accepted message with its channel. */
  subscribeAccepted(listener: (channel: 'EMAIL' | 'SMS') => void): () => void {
    this.emitter.on('accepted-channel', listener);
    return () => this.emitter.off('accepted-channel', listener);
  }
}
