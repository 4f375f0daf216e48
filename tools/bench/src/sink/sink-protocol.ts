/** What the SMTP sink child and the bench say to each other over the IPC channel. */

export interface SinkStats {
  /** Messages accepted since the last reset. */
  count: number;
  /** Distinct Message-IDs among them. */
  distinctIds: number;
  /** Messages whose Message-ID had already arrived since the last reset. */
  duplicates: number;
  /** Messages without a Message-ID header. */
  missingIds: number;
  /** Raw bytes received since the last reset. */
  bytes: number;
  /** Epoch ms of the first and the last message since the last reset (null before the first). */
  firstAt: number | null;
  lastAt: number | null;
  /** Most SMTP sessions open at once since the last reset. */
  peakConnections: number;
}

export type SinkRequest =
  | { type: 'reset'; requestId: number }
  | { type: 'stats'; requestId: number }
  /** Answered once `count` messages have arrived since the last reset (or at once if they have). */
  | { type: 'wait-for'; requestId: number; count: number };

export type SinkReply =
  | { type: 'ready'; port: number }
  | { type: 'stats'; requestId: number; stats: SinkStats };
