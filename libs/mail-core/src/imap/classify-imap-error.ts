import type { LocalizedText } from '@maestro/settings-schema';
import { AccessTokenError } from '../dispatch/access-token-error';
import { sanitizeDetail } from '../dispatch/classify-smtp-error';
import { networkFailureCode } from '../dispatch/network-failure';
import { IMAP_ERROR_RULES, type ImapErrorCode } from './imap-error-codes';

/** A failure of the Sent copy or the IMAP connection test, as the outbox and the UI see it. */
export interface ClassifiedImapError {
  code: ImapErrorCode;
  /** True: the same copy cannot succeed with the same settings (give up on it). False: retry with backoff. */
  permanent: boolean;
  /** True: the IMAP settings (or the provider's set-up) are the likely cause; tell the admin. */
  settingsProblem: boolean;
  retryAfterMs?: number;
  message: LocalizedText;
  /** The server's response code when it gave one (OVERQUOTA, TRYCREATE, AUTHENTICATIONFAILED, ...). */
  responseCode?: string;
  /** The server's answer, or the low-level error text when it did not answer: one line, capped, secrets removed. */
  detail: string;
}

export interface ClassifyImapOptions {
  /** Values that must never appear in a message or detail (the password, the token), base64 forms included. */
  secrets?: ReadonlyArray<string | null | undefined>;
  /** "host:port", for messages about the connection. */
  server?: string;
  /** The folder the copy was going to. */
  folder?: string;
  /** The sign-in was OAuth2: a refused login is a refused token. */
  oauth2?: boolean;
}

/** The fields imapflow puts on its errors (and Node on socket errors); every one optional. */
interface ImapLikeError {
  message?: unknown;
  code?: unknown;
  responseText?: unknown;
  responseStatus?: unknown;
  serverResponseCode?: unknown;
  response?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  reason?: unknown;
  _err?: unknown;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Response codes (RFC 5530 and friends) that say the server is busy, not that the copy is wrong. */
const BUSY_CODES = new Set(['UNAVAILABLE', 'INUSE', 'SERVERBUG', 'LIMIT', 'CONTACTADMIN', 'EXPUNGEISSUED']);

function codeForSignIn(responseCode: string, text: string, oauth2: boolean): ImapErrorCode {
  if (/no password configured|please configure the login/i.test(text)) return 'CREDENTIALS_MISSING';
  if (/unsupported authentication mechanism|no matching authentication method/i.test(text)) return 'AUTH_NOT_OFFERED';
  if (responseCode === 'PRIVACYREQUIRED' || /login is disabled|LOGINDISABLED|plaintext authentication disallowed/i.test(text)) return 'LOGIN_DISABLED';
  if (BUSY_CODES.has(responseCode)) return 'SERVER_BUSY';
  if (oauth2) return 'OAUTH_TOKEN_REFUSED';
  // Gmail asks for an app password; Microsoft turned basic authentication off for the tenant.
  if (/application-specific password|app password|web login required|basic auth(entication)? (is )?(disabled|blocked)|BasicAuthBlocked/i.test(text)) {
    return 'AUTH_BASIC_DISABLED';
  }
  return 'AUTH_FAILED';
}

function codeForRefusal(responseCode: string, status: string, text: string): ImapErrorCode {
  if (responseCode === 'OVERQUOTA' || /\bquota\b|mailbox (is )?full/i.test(text)) return 'MAILBOX_FULL';
  if (responseCode === 'TRYCREATE' || responseCode === 'NONEXISTENT') return 'FOLDER_GONE';
  if (responseCode === 'TOOBIG' || /too (big|large)|exceeds .*size|APPENDLIMIT/i.test(text)) return 'MESSAGE_TOO_BIG';
  if (responseCode === 'NOPERM') return 'NO_PERMISSION';
  if (BUSY_CODES.has(responseCode)) return 'SERVER_BUSY';
  if (status === 'BAD') return 'PROTOCOL_ERROR';
  return 'APPEND_REFUSED';
}

/** Failures without an IMAP answer: imapflow's own codes, then Node's network and TLS codes. */
function codeForConnection(e: ImapLikeError): ImapErrorCode {
  const code = asString(e.code) ?? '';
  const cause = typeof e._err === 'object' && e._err !== null ? (e._err as { code?: unknown }) : {};
  const low = asString(cause.code) ?? code;
  const text = `${asString(e.message) ?? ''} ${asString(e.reason) ?? ''}`;

  const network = networkFailureCode(low, text);
  if (network) return network;
  if (e.tlsFailed === true) return /does not support STARTTLS|STARTTLS is not possible/i.test(text) ? 'STARTTLS_UNAVAILABLE' : 'TLS_FAILED';
  if (code === 'GREETING_TIMEOUT') return 'NO_GREETING';
  if (code === 'UPGRADE_TIMEOUT') return 'TLS_FAILED';
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEOUT' || low === 'ETIMEDOUT') return 'TIMEOUT';
  if (['NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'ECONNRESET', 'EPIPE'].includes(low) || ['NoConnection', 'EConnectionClosed'].includes(code)) {
    // A server that says BYE at once is full or shutting down; one that just drops us is gone for now.
    return /\bBYE\b|too many|unavailable|shutting down/i.test(text) ? 'SERVER_BUSY' : 'CONNECTION_LOST';
  }
  if (code.startsWith('ParserError') || ['InvalidResponse', 'UnexpectedTag', 'MissingTag', 'LineTooLarge', 'LiteralTooLarge', 'ResponseTooLarge', 'TooManyTokens'].includes(code)) {
    return 'PROTOCOL_ERROR';
  }
  return 'UNKNOWN';
}

/** Builds the classified error for a code, e.g. for a failure found before talking to the server. */
export function makeClassifiedImapError(code: ImapErrorCode, fields: { responseCode?: string; detail?: string; server?: string; folder?: string } = {}): ClassifiedImapError {
  const rule = IMAP_ERROR_RULES[code];
  return {
    code,
    permanent: rule.permanent,
    settingsProblem: rule.settingsProblem,
    ...('retryAfterMs' in rule ? { retryAfterMs: rule.retryAfterMs } : {}),
    message: rule.message({ reply: fields.responseCode ? ` [${fields.responseCode}]` : '', server: fields.server ?? '', folder: fields.folder ?? '' }),
    ...(fields.responseCode ? { responseCode: fields.responseCode } : {}),
    detail: fields.detail ?? '',
  };
}

/**
 * Classifies any failure of an IMAP session — an imapflow error (a NO/BAD answer, a refused login, a
 * protocol fault), a socket or TLS error, a token provider's AccessTokenError — as permanent or
 * transient, with a stable code and a message in Finnish and English. The server's answer goes into
 * `detail` (one line, capped); no secret from `options.secrets` ever does.
 */
export function classifyImapError(err: unknown, options: ClassifyImapOptions = {}): ClassifiedImapError {
  const e: ImapLikeError = typeof err === 'object' && err !== null ? (err as ImapLikeError) : { message: String(err) };
  const responseCode = asString(e.serverResponseCode)?.toUpperCase();
  const status = asString(e.responseStatus)?.toUpperCase() ?? '';
  const answer = asString(e.responseText) ?? (typeof e.response === 'string' ? e.response : undefined);
  const text = `${asString(e.message) ?? ''} ${answer ?? ''}`;

  let code: ImapErrorCode;
  if (err instanceof AccessTokenError) code = 'OAUTH_TOKEN_FAILED';
  else if (e.authenticationFailed === true) code = codeForSignIn(responseCode ?? '', text, options.oauth2 === true);
  else if (status === 'NO' || status === 'BAD' || responseCode) code = codeForRefusal(responseCode ?? '', status, text);
  else code = codeForConnection(e);

  const classified = makeClassifiedImapError(code, {
    ...(responseCode ? { responseCode } : {}),
    detail: sanitizeDetail(answer ?? asString(e.message) ?? '', options.secrets),
    server: options.server,
    folder: options.folder,
  });
  // The token provider knows better than the table what the admin should check.
  return err instanceof AccessTokenError ? { ...classified, message: err.userMessage } : classified;
}
