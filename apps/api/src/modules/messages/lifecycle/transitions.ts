import type { MessageStatus, RecipientOutcome } from './message-states';

/**
 * Every move a message can make, by the event that causes it. `from` empty: the event creates the
 * message. `byClaimHolder`: only the dispatcher holding the message's claim may apply it (its outcome
 * after sending), so a worker whose lease was taken over cannot overwrite the new holder's result.
 * `leaseExpired`: only once the holder's lease has run out.
 */
export const MESSAGE_TRANSITIONS = {
  /** Accepted into the outbox (sendMessage, sendSms). */
  accept: { from: [], to: 'QUEUED', byClaimHolder: false, leaseExpired: false },
  /** SMTP sending is off: handed to the user's own mail program. */
  handOff: { from: [], to: 'HANDED_OFF', byClaimHolder: false, leaseExpired: false },
  /** Kept for a person to open, edit and send (a module's startSend); not in the outbox. */
  saveDraft: { from: [], to: 'DRAFT', byClaimHolder: false, leaseExpired: false },
  /** Its user sent it: into the outbox as any message. */
  submitDraft: { from: ['DRAFT'], to: 'QUEUED', byClaimHolder: false, leaseExpired: false },
  /** Its user sent it while SMTP sending is off: to their own mail program. */
  handOffDraft: { from: ['DRAFT'], to: 'HANDED_OFF', byClaimHolder: false, leaseExpired: false },
  /**
   * Its user threw it away. Not CANCELLED: a cancelled message may be retried, and a draft nobody sent
   * must never go out.
   */
  discardDraft: { from: ['DRAFT'], to: 'DISCARDED', byClaimHolder: false, leaseExpired: false },
  /** Nobody sent it before it expired (7 days by default). */
  expireDraft: { from: ['DRAFT'], to: 'DISCARDED', byClaimHolder: false, leaseExpired: false },
  /** A dispatcher takes a due message (a partly sent one for its deferred recipients). */
  claim: { from: ['QUEUED', 'RETRYING', 'PARTIALLY_SENT'], to: 'SENDING', byClaimHolder: false, leaseExpired: false },
  /** A dispatcher died mid-send: another takes the message over once the lease has expired. */
  takeOver: { from: ['SENDING'], to: 'SENDING', byClaimHolder: false, leaseExpired: true },
  /** Every recipient is settled and at least one was accepted. */
  delivered: { from: ['SENDING'], to: 'SENT', byClaimHolder: true, leaseExpired: false },
  /** Some recipients were accepted, others deferred: those are tried again. */
  partlyDelivered: { from: ['SENDING'], to: 'PARTIALLY_SENT', byClaimHolder: true, leaseExpired: false },
  transientFailure: { from: ['SENDING'], to: 'RETRYING', byClaimHolder: true, leaseExpired: false },
  /** A permanent refusal, or the retry time ran out. */
  permanentFailure: { from: ['SENDING'], to: 'FAILED', byClaimHolder: true, leaseExpired: false },
  /** Over the account's sending quota: not a failure, the claim is given back until the window opens. */
  quotaWait: { from: ['SENDING'], to: 'QUEUED', byClaimHolder: true, leaseExpired: false },
  /** Every recipient bounced after the server had accepted the message. */
  bounced: { from: ['SENT', 'PARTIALLY_SENT'], to: 'FAILED', byClaimHolder: false, leaseExpired: false },
  cancel: { from: ['QUEUED', 'RETRYING'], to: 'CANCELLED', byClaimHolder: false, leaseExpired: false },
  retry: { from: ['FAILED', 'RETRYING', 'CANCELLED'], to: 'QUEUED', byClaimHolder: false, leaseExpired: false },
} as const satisfies Record<string, { from: readonly MessageStatus[]; to: MessageStatus; byClaimHolder: boolean; leaseExpired: boolean }>;

export type MessageEvent = keyof typeof MESSAGE_TRANSITIONS;
export type MessageTransition = (typeof MESSAGE_TRANSITIONS)[MessageEvent];

export const MESSAGE_EVENTS = Object.keys(MESSAGE_TRANSITIONS) as MessageEvent[];

/** The statuses an event may start from (none for the events that create a message). */
export function fromStatuses(event: MessageEvent): readonly MessageStatus[] {
  return MESSAGE_TRANSITIONS[event].from;
}

export function canApply(event: MessageEvent, status: MessageStatus): boolean {
  return fromStatuses(event).includes(status);
}

/** Every recipient's possible moves, by what was learnt about it. */
export const RECIPIENT_TRANSITIONS = {
  /** The server said 250 to RCPT TO and then to the data. */
  accepted: { from: ['PENDING', 'DEFERRED'], to: 'ACCEPTED' },
  /** A 4xx to RCPT TO (or a split of a "too many recipients"): tried again in a follow-up attempt. */
  deferred: { from: ['PENDING', 'DEFERRED'], to: 'DEFERRED' },
  /** A 5xx to RCPT TO, or deferred until the message's retry time ran out. */
  refused: { from: ['PENDING', 'DEFERRED'], to: 'REFUSED' },
  /** A person sent the message again (retryMessage): whoever was not accepted is tried again. */
  retried: { from: ['DEFERRED', 'REFUSED'], to: 'PENDING' },
  /** A delivery status notification: delivery is delayed somewhere after our server. */
  delayed: { from: ['ACCEPTED', 'DELAYED'], to: 'DELAYED' },
  /** A delivery status notification: the recipient's server refused it for good. */
  bounced: { from: ['ACCEPTED', 'DELAYED'], to: 'BOUNCED' },
} as const satisfies Record<string, { from: readonly RecipientOutcome[]; to: RecipientOutcome }>;

export type RecipientEvent = keyof typeof RECIPIENT_TRANSITIONS;

export function canApplyToRecipient(event: RecipientEvent, outcome: RecipientOutcome): boolean {
  return (RECIPIENT_TRANSITIONS[event].from as readonly RecipientOutcome[]).includes(outcome);
}

const GOT_THROUGH: readonly RecipientOutcome[] = ['ACCEPTED', 'DELAYED'];
const OPEN: readonly RecipientOutcome[] = ['PENDING', 'DEFERRED'];

/**
 * A sent message's status follows from its recipients: nothing tried yet is QUEUED; someone still open
 * is PARTIALLY_SENT when another got through, else RETRYING; all settled is SENT when anyone got through
 * (the refused ones are listed with it), else FAILED.
 */
export function deriveMessageStatus(outcomes: readonly RecipientOutcome[]): Extract<MessageStatus, 'QUEUED' | 'PARTIALLY_SENT' | 'RETRYING' | 'SENT' | 'FAILED'> {
  if (outcomes.length === 0 || outcomes.every((o) => o === 'PENDING')) return 'QUEUED';
  const gotThrough = outcomes.some((o) => GOT_THROUGH.includes(o));
  if (outcomes.some((o) => OPEN.includes(o))) return gotThrough ? 'PARTIALLY_SENT' : 'RETRYING';
  return gotThrough ? 'SENT' : 'FAILED';
}
