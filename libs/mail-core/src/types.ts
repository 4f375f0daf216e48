import type { Readable } from 'node:stream';
import type { Channel, ParsedAddress } from '@maestro/settings-schema';

/** A display name and an address; the name may be empty. What settings-schema's address parser gives. */
export type Mailbox = ParsedAddress;

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  /** A stream keeps a large file out of memory; it is read once, so build a new one per attempt. */
  content: Buffer | Readable;
}

/**
 * One message ready for the wire: sender and recipients resolved, body final. The Message-ID is
 * chosen once when the message is stored, so a retry re-sends the same id.
 */
export interface OutgoingMessage {
  channel: Channel;
  messageId: string;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  subject: string;
  /** Plain text, as the user edited it (monospace). */
  text: string;
  attachments: OutgoingAttachment[];
  /**
   * Send this transaction to these addresses only (a follow-up to the recipients a server deferred);
   * the headers still name everyone, as in the first transaction. Absent: To, Cc and Bcc.
   */
  envelopeTo?: string[];
  /** Extra headers (e.g. X-Unsent for a hand-off draft). Names and values must be single-line. */
  headers?: Record<string, string>;
  /**
   * The Date header. Set it when dispatching and keep it (as the sent time): the Sent folder's copy
   * (`buildSentCopy`) then shows the same Date as the mail the recipients got. Absent: the time the
   * message is composed.
   */
  date?: Date;
}
