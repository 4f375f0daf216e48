/**
 * The states of one outbound message and of each of its recipients. What moves a message from one
 * state to another is in `transitions.ts`; nothing else changes a status.
 */
export const MESSAGE_STATUSES = ['DRAFT', 'DISCARDED', 'QUEUED', 'SENDING', 'SENT', 'PARTIALLY_SENT', 'RETRYING', 'FAILED', 'CANCELLED', 'HANDED_OFF'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The statuses the GraphQL contract publishes. Drafts are never published as messages: they have their
 * own type (MessageDraft) until they are sent.
 */
export const PUBLISHED_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'PARTIALLY_SENT', 'RETRYING', 'FAILED', 'CANCELLED', 'HANDED_OFF'] as const satisfies readonly MessageStatus[];

/**
 * A draft kept for its user (DRAFT) and one its user discarded or that expired (DISCARDED, final): not
 * messages yet, so the archive never shows them and nothing can retry them.
 */
export const DRAFT_STATUSES = ['DRAFT', 'DISCARDED'] as const satisfies readonly MessageStatus[];

/** Waiting for a dispatcher to take them. */
export const DUE_STATUSES = ['QUEUED', 'RETRYING'] as const satisfies readonly MessageStatus[];
/** Nothing will happen to them any more (unless someone asks for a retry). */
export const FINAL_STATUSES: readonly MessageStatus[] = ['SENT', 'FAILED', 'CANCELLED', 'HANDED_OFF', 'DISCARDED'];

/**
 * What became of one recipient. PENDING: not tried yet. ACCEPTED / REFUSED: the SMTP server took or
 * refused it for good; DEFERRED: refused for now, tried again. BOUNCED / DELAYED: what a delivery status
 * notification said after the server had accepted it.
 */
export const RECIPIENT_OUTCOMES = ['PENDING', 'ACCEPTED', 'DEFERRED', 'REFUSED', 'BOUNCED', 'DELAYED'] as const;
export type RecipientOutcome = (typeof RECIPIENT_OUTCOMES)[number];
