import type { SmtpAccount } from '@maestro/settings-schema';
import { classifyImapError, type ClassifiedImapError } from './classify-imap-error';
import type { ImapEndpoint } from './imap-endpoint';
import { closeImapSession, openImapSession, type ImapSessionOptions, type ImapStage } from './imap-session';

/** One message of the inbox, as the scan hands it over. */
export interface InboxMessage {
  uid: number;
  /** The size the server reports (RFC822.SIZE), in bytes. */
  size: number;
  /** The whole message; absent when it is larger than `maxBytes` (it was not downloaded). */
  raw?: Buffer;
}

/** What to do with a message once it has been looked at: leave it, or move it to `moveTo`. */
export type InboxDecision = 'KEEP' | 'MOVE';

export interface ScanInboxOptions extends ImapSessionOptions {
  /**
   * Where the previous scan stopped: messages with a UID above `afterUid` are new. Ignored when the
   * inbox's UIDVALIDITY is not `uidValidity` (the server renumbered it: everything is new again).
   */
  afterUid?: number;
  uidValidity?: string;
  /** At most this many messages per scan (oldest first); the next scan goes on from there. Default 200. */
  maxMessages?: number;
  /** Larger messages are handed over without `raw` (not downloaded). Default 10 MB. */
  maxBytes?: number;
  /** The folder MOVE decisions go to (e.g. "Palautukset"); without it every message stays. */
  moveTo?: string;
  /** Looks at one message; its errors are the caller's (they are caught, logged by the caller, and the scan goes on). */
  handle: (message: InboxMessage) => Promise<InboxDecision>;
}

export type ScanInboxOutcome =
  | {
      ok: true;
      /** The inbox's UIDVALIDITY, to give back as `uidValidity` next time. */
      uidValidity: string;
      /** The highest UID looked at (or `afterUid` when nothing was new), to give back as `afterUid`. */
      lastUid: number;
      scanned: number;
      moved: number;
      /** Whether more new messages wait beyond `maxMessages`. */
      more: boolean;
    }
  | { ok: false; stage: ImapStage | 'INBOX'; error: ClassifiedImapError };

const DEFAULT_MAX_MESSAGES = 200;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Reads the new messages of the account's INBOX over IMAP (the mailbox bounces come to: the envelope
 * sender is the mailbox the account signs in as), oldest first, each handed to `handle`, and moves
 * those it decides to move to `moveTo` (created if missing). Messages are never deleted, flagged or
 * marked read: a message `handle` keeps is left exactly as it was, and a scan that gives back
 * `lastUid` never reads it again. One session per call; never throws.
 */
export async function scanInbox(endpoint: ImapEndpoint, account: SmtpAccount, options: ScanInboxOptions): Promise<ScanInboxOutcome> {
  const session = await openImapSession(endpoint, account, options);
  if (!session.ok) return { ok: false, stage: session.stage, error: session.error };
  const { client, secrets, server } = session;
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    // EXAMINE: read-only, so nothing we do marks a message \Seen or changes its flags.
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: !options.moveTo });
    const uidValidity = mailbox.uidValidity.toString();
    const after = options.uidValidity === uidValidity ? (options.afterUid ?? 0) : 0;
    const listed: Array<{ uid: number; size: number }> = [];
    if (mailbox.exists > 0) {
      // No other command may run while a FETCH streams: list first, read each afterwards.
      for await (const message of client.fetch(`${after + 1}:*`, { uid: true, size: true }, { uid: true })) {
        // "n:*" always includes the last message, even when its UID is below n.
        if (message.uid > after) listed.push({ uid: message.uid, size: message.size ?? 0 });
      }
    }
    listed.sort((a, b) => a.uid - b.uid);
    const batch = listed.slice(0, maxMessages);
    const toMove: number[] = [];
    for (const { uid, size } of batch) {
      let raw: Buffer | undefined;
      if (size <= maxBytes) {
        const fetched = await client.fetchOne(String(uid), { source: { maxLength: maxBytes } }, { uid: true });
        raw = fetched && fetched.source ? fetched.source : undefined;
      }
      let decision: InboxDecision = 'KEEP';
      try {
        decision = await options.handle({ uid, size, ...(raw ? { raw } : {}) });
      } catch {
        decision = 'KEEP';
      }
      if (decision === 'MOVE' && options.moveTo) toMove.push(uid);
    }
    let moved = 0;
    if (toMove.length > 0 && options.moveTo) {
      const target = options.moveTo.trim();
      const exists = (await client.list({ listOnly: true })).some((f) => f.path === target);
      if (!exists) await client.mailboxCreate(target);
      const result = await client.messageMove(toMove.join(','), target, { uid: true });
      moved = result ? toMove.length : 0;
    }
    const lastUid = batch.length > 0 ? (batch[batch.length - 1] as { uid: number }).uid : after;
    return { ok: true, uidValidity, lastUid, scanned: batch.length, moved, more: listed.length > batch.length };
  } catch (err) {
    return { ok: false, stage: 'INBOX', error: classifyImapError(err, { secrets, server, folder: 'INBOX' }) };
  } finally {
    await closeImapSession(client);
  }
}

