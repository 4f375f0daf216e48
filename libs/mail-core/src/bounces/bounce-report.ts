/** What happened to one recipient, as a bounce notice reports it. */
export interface BouncedRecipient {
  /** The address the notice is about (Final-Recipient, or the address in the text), as written there. */
  address: string;
  /** The address as the message named it, when the notice says (Original-Recipient; an alias may differ). */
  originalRecipient?: string;
  /** FAILED: the server gave up, the recipient will not get the message. DELAYED: still being retried. */
  action: 'FAILED' | 'DELAYED';
  /** The enhanced status code, e.g. "5.1.1", when the notice has one. */
  status?: string;
  /** The remote server's reply (Diagnostic-Code, or the reply quoted in the text): one line, capped. */
  diagnostic?: string;
  /** The server that gave that reply, when named (Remote-MTA). */
  remoteMta?: string;
}

/** A bounce notice read: who failed or waits, and what identifies the message it is about. */
export interface BounceReport {
  /** DSN: an RFC 3464 delivery-status part. TEXT: a notice in words only (qmail, Exim, Exchange, old Gmail). */
  format: 'DSN' | 'TEXT';
  recipients: BouncedRecipient[];
  /** Original-Envelope-Id (the ENVID we sent, decoded): names the message by `messageIdForEnvelopeId`. */
  envelopeId?: string;
  /** The Message-ID of the message that bounced, from the returned headers or the quoted original. */
  originalMessageId?: string;
  /** X-Failed-Recipients of the notice (Exim, Gmail), as listed. */
  failedRecipients: string[];
  /** Reporting-MTA, when given. */
  reportingMta?: string;
  /** The notice's own Message-ID, for logs and to recognise a notice read before. */
  noticeMessageId?: string;
}

/** Why a notice was not read. It is left as it is; the reason is for a log line. */
export type BounceSkipReason = 'TOO_LARGE' | 'TOO_DEEP' | 'UNREADABLE' | 'TIMEOUT' | 'NO_RECIPIENTS';

export type BounceReading =
  | { kind: 'BOUNCE'; report: BounceReport }
  /** An ordinary message (a reply, an out-of-office note, a newsletter), or a report of success. */
  | { kind: 'NOT_A_BOUNCE' }
  | { kind: 'SKIPPED'; reason: BounceSkipReason; detail: string };
