import type { SmtpAccount } from '@maestro/settings-schema';
import { classifyImapError, makeClassifiedImapError, type ClassifiedImapError } from './classify-imap-error';
import type { ImapEndpoint } from './imap-endpoint';
import { closeImapSession, openImapSession, type ImapSessionOptions, type ImapStage } from './imap-session';
import { findNamedFolder, findSentFolder, type SentFolder } from './sent-folder';

export interface AppendOptions extends ImapSessionOptions {
  /** The copy's internal date (what a mail program sorts "Sent" by): the time the message was sent. */
  internalDate: Date;
}

/** The copy is in the folder, marked read. `uid` when the server reports it (UIDPLUS). */
export interface AppendSuccess extends SentFolder {
  ok: true;
  uid?: number;
  /** The folder's UIDVALIDITY with `uid`, as a decimal string (it is a 32-bit unsigned number). */
  uidValidity?: string;
}

/** The copy was not filed: where it stopped and why. The mail itself went out already. */
export interface AppendFailure {
  ok: false;
  stage: ImapStage;
  error: ClassifiedImapError;
}

export type AppendOutcome = AppendSuccess | AppendFailure;

/**
 * Files a sent message in the sender's own Sent folder over IMAP: signs in with the account's SMTP
 * sign-in, finds the folder (`\Sent`, else a known name: `findSentFolder`), APPENDs `raw` with `\Seen`
 * and the given internal date, and logs out. One session per call. Never throws; a failure says at
 * which stage and whether a retry can help (`error.permanent`). Nothing is created: no folder found
 * is SENT_FOLDER_NOT_FOUND. A folder named in `options.sentFolder` is used instead of the search
 * (SENT_FOLDER_SETTING_NOT_FOUND when the mailbox has none by that name).
 *
 * An APPEND whose answer is lost (the connection drops after the server stored it) is reported as a
 * failure and a retry files a second copy: at least once, like delivery.
 */
export async function appendToSentFolder(endpoint: ImapEndpoint, account: SmtpAccount, raw: Buffer, options: AppendOptions): Promise<AppendOutcome> {
  const session = await openImapSession(endpoint, account, options);
  if (!session.ok) return { ok: false, stage: session.stage, error: session.error };
  const { client, secrets, server } = session;
  let stage: ImapStage = 'SENT_FOLDER';
  let folder = '';
  try {
    const listed = await client.list({ listOnly: true });
    const named = options.sentFolder?.trim();
    const found = named ? findNamedFolder(listed, named) : findSentFolder(listed);
    if (!found) return { ok: false, stage, error: makeClassifiedImapError(named ? 'SENT_FOLDER_SETTING_NOT_FOUND' : 'SENT_FOLDER_NOT_FOUND', { server, folder: named }) };
    folder = found.path;
    stage = 'APPEND';
    const result = await client.append(found.path, raw, ['\\Seen'], options.internalDate);
    if (!result) return { ok: false, stage, error: makeClassifiedImapError('UNKNOWN', { detail: 'the session ended before APPEND', server, folder }) };
    return {
      ok: true,
      ...found,
      ...(result.uid ? { uid: result.uid } : {}),
      ...(result.uid && result.uidValidity !== undefined ? { uidValidity: result.uidValidity.toString() } : {}),
    };
  } catch (err) {
    return { ok: false, stage, error: classifyImapError(err, { secrets, server, folder }) };
  } finally {
    await closeImapSession(client);
  }
}
