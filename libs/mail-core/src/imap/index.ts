// IMAP: the sender's own Sent folder (a copy of what was sent, APPENDed with \Seen) and the IMAP
// connection test, over imapflow, with the account's SMTP sign-in.
export { appendToSentFolder } from './append-to-sent-folder';
export type { AppendFailure, AppendOptions, AppendOutcome, AppendSuccess } from './append-to-sent-folder';
export { verifyImapAccount } from './verify-imap-account';
export { scanInbox } from './scan-inbox';
export type { InboxDecision, InboxMessage, ScanInboxOptions, ScanInboxOutcome } from './scan-inbox';
export type { ImapVerifyResult } from './verify-imap-account';
export type { ImapSessionOptions, ImapStage } from './imap-session';
export { findNamedFolder, findSentFolder, SENT_FOLDER_NAMES } from './sent-folder';
export type { ListedFolder, SentFolder } from './sent-folder';
export { classifyImapError, makeClassifiedImapError } from './classify-imap-error';
export type { ClassifiedImapError, ClassifyImapOptions } from './classify-imap-error';
export { IMAP_ERROR_CODES, IMAP_ERROR_RULES } from './imap-error-codes';
export type { ImapErrorCode, ImapErrorContext, ImapErrorRule } from './imap-error-codes';
export { DEFAULT_IMAP_TIMEOUTS, GOOGLE_IMAP_SCOPE, MICROSOFT_IMAP_SCOPE, imapClientOptions, imapEndpointOf, imapServerLabel } from './imap-endpoint';
export type { ImapCredentials, ImapEndpoint, ImapTimeouts } from './imap-endpoint';
