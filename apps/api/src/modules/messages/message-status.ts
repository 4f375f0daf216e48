/** The life of one outbound message. */
export const MESSAGE_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'CANCELLED', 'HANDED_OFF'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Waiting for a dispatcher to take them. */
export const DUE_STATUSES: readonly MessageStatus[] = ['QUEUED', 'RETRYING'];
/** Nothing will happen to them any more (unless someone asks for a retry). */
export const FINAL_STATUSES: readonly MessageStatus[] = ['SENT', 'FAILED', 'CANCELLED', 'HANDED_OFF'];
