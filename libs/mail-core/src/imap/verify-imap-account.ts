import type { SmtpAccount } from '@maestro/settings-schema';
import { classifyImapError, makeClassifiedImapError, type ClassifiedImapError } from './classify-imap-error';
import type { ImapEndpoint } from './imap-endpoint';
import { closeImapSession, openImapSession, type ImapSessionOptions, type ImapStage } from './imap-session';
import { findNamedFolder, findSentFolder, type SentFolder } from './sent-folder';

export interface ImapVerifyResult {
  ok: boolean;
  /** Where the test stopped: the step that failed (CONNECT, TLS, AUTH, SENT_FOLDER), or DONE. */
  stage: Exclude<ImapStage, 'APPEND'>;
  /** Whether the session was encrypted (implicit TLS or STARTTLS) when it stopped. */
  secure: boolean;
  /** The Sent folder the copies would go to, when the test got that far. */
  sentFolder?: SentFolder;
  error?: ClassifiedImapError;
}

/**
 * The IMAP half of "Testaa yhteys": connect, TLS (implicit or STARTTLS, as the endpoint says), sign in
 * with the account's SMTP sign-in, find the Sent folder, log out — with the same settings the copy
 * uses, storing nothing. Reports the step it stopped at with a reason a person can act on.
 */
export async function verifyImapAccount(endpoint: ImapEndpoint, account: SmtpAccount, options: ImapSessionOptions = {}): Promise<ImapVerifyResult> {
  const session = await openImapSession(endpoint, account, options);
  if (!session.ok) return { ok: false, stage: session.stage === 'APPEND' ? 'CONNECT' : session.stage, secure: session.secure, error: session.error };
  const { client, secrets, server } = session;
  const secure = client.secureConnection;
  try {
    const listed = await client.list({ listOnly: true });
    const named = options.sentFolder?.trim();
    const found = named ? findNamedFolder(listed, named) : findSentFolder(listed);
    if (!found) return { ok: false, stage: 'SENT_FOLDER', secure, error: makeClassifiedImapError(named ? 'SENT_FOLDER_SETTING_NOT_FOUND' : 'SENT_FOLDER_NOT_FOUND', { server, folder: named }) };
    return { ok: true, stage: 'DONE', secure, sentFolder: found };
  } catch (err) {
    return { ok: false, stage: 'SENT_FOLDER', secure, error: classifyImapError(err, { secrets, server }) };
  } finally {
    await closeImapSession(client);
  }
}
