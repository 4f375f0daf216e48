import type { LocalizedText } from '@maestro/settings-schema';
import { AccessTokenError } from './access-token-error';
import { HOST_NOT_ALLOWED_ERROR } from './host-policy';
import { networkFailureCode } from './network-failure';
import { SMTP_ERROR_RULES, type SmtpErrorCode, type SmtpErrorRule } from './smtp-error-codes';

/** A failure as the outbox and the UI see it: a stable code, its class, and a message to act on. */
export interface ClassifiedError {
  code: SmtpErrorCode;
  /** True: sending the same message again cannot succeed (FAILED at once). False: retry with backoff. */
  permanent: boolean;
  /** True: the account's settings (or the provider's set-up) are the likely cause; tell the admin. */
  settingsProblem: boolean;
  /** Wait at least this long before the next attempt, when the cause says so (a daily quota). */
  retryAfterMs?: number;
  message: LocalizedText;
  /** The server's reply code (535, 421, ...), when it answered. */
  responseCode?: number;
  /** The enhanced status code (5.7.8, 5.7.139, ...), when the reply had one. */
  enhancedCode?: string;
  /** The server's reply, or the low-level error text when it did not answer: one line, capped, secrets removed. */
  detail: string;
  /** The recipient a per-recipient rejection is about. */
  recipient?: string;
}

export interface ClassifyOptions {
  /**
   * Values that must never appear in a message or detail: the password, tokens, client secrets.
   * Their base64 forms (as sent in AUTH PLAIN / LOGIN / XOAUTH2) are removed too.
   */
  secrets?: ReadonlyArray<string | null | undefined>;
  /** "host:port", for messages about the connection. */
  server?: string;
  /** The recipient, for a per-recipient error. */
  recipient?: string;
  /** The mailbox the account signs in as, for messages that name it (Set-CASMailbox). */
  mailbox?: string;
  /** The name given in EHLO, for a refused greeting. */
  ehloName?: string;
}

/** The fields nodemailer puts on its errors (and Node on socket errors); every one optional. */
interface SmtpLikeError {
  message?: unknown;
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  timeoutType?: unknown;
  reason?: unknown;
  recipient?: unknown;
}

const DETAIL_MAX = 300;

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function base64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

/** One line, no secrets, at most DETAIL_MAX characters. */
export function sanitizeDetail(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = text.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  // Some servers echo the command line they refuse; an AUTH line carries the credentials.
  out = out.replace(/(AUTH\s+[A-Z0-9-]+\s+)\S+/gi, '$1[redacted]');
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of [secret, base64(secret)]) {
      if (!out.includes(form)) continue;
      // A short secret cannot be cut out without mangling the text: drop the text instead.
      if (form.length < 4) return '[redacted]';
      out = out.split(form).join('[redacted]');
    }
  }
  return out.length > DETAIL_MAX ? `${out.slice(0, DETAIL_MAX - 1)}…` : out;
}

function enhancedCodeOf(reply: string): string | undefined {
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1];
}

/**
 * A per-transaction recipient limit, not a verdict on the address: 452 (or 552, which RFC 5321
 * §4.5.3.1.10 says clients must treat as temporary here) with X.5.3 or "too many recipients". Other
 * 552s at RCPT TO (5.2.2 mailbox full) keep their meaning.
 */
function isTooManyRecipients(responseCode: number, enhanced: string, reply: string): boolean {
  if (responseCode !== 452 && responseCode !== 552) return false;
  return /^[45]\.5\.3$/.test(enhanced) || /too many recipients/i.test(reply);
}

/** The code for a failure the server answered with a reply code. */
function codeForReply(responseCode: number, reply: string, command: string): SmtpErrorCode {
  const enhanced = enhancedCodeOf(reply) ?? '';
  const isAuth = command.startsWith('AUTH');

  // The greeting itself refused (Google's relay: 421 4.7.0 to a name without a dot): a setting, not load.
  if (command === 'EHLO' || command === 'HELO') return 'EHLO_REJECTED';

  // Provider-specific replies first: their basic codes (535, 550, 554) would say less.
  // Exchange's continuous-error throttling (550 5.2.251–255) before Send As: 554 5.2.252 SendAsDenied shares its number.
  if (/^5\.2\.25[1-5]$/.test(enhanced) && responseCode === 550) return 'SENDER_THROTTLED';
  if (/SmtpClientAuthentication is disabled/i.test(reply)) return 'SMTP_AUTH_DISABLED';
  if (/basic authentication is (disabled|not supported)|\b5\.7\.30\b/i.test(reply)) return 'AUTH_BASIC_DISABLED';
  // 5.7.139 without the text: to an OAuth2 client it can only be SMTP AUTH being off.
  if (/\b5\.7\.139\b/.test(reply)) return command === 'AUTH XOAUTH2' ? 'SMTP_AUTH_DISABLED' : 'AUTH_BASIC_DISABLED';
  // A refused bearer token is no wrong password: a fresh token was already tried (nodemailer renews once).
  if (command === 'AUTH XOAUTH2' && responseCode >= 505) return 'OAUTH_TOKEN_REFUSED';
  if (isAuth && responseCode === 534 && /\b5\.7\.(9|14)\b/.test(reply)) return 'AUTH_BASIC_DISABLED';
  if (/\b5\.7\.60\b|SendAsDenied/i.test(reply)) return 'SEND_AS_DENIED';
  if (responseCode === 432 || /thread limit exceeded|too many (concurrent |simultaneous )?connections|concurrent connections? limit/i.test(reply)) return 'TOO_MANY_CONNECTIONS';
  if (/SubmissionQuotaExceeded|\b5\.2\.0\b.*STOREDRV|STOREDRV.*\b5\.2\.0\b/i.test(reply)) return 'DAILY_LIMIT_REACHED';
  if (/\b[45]\.(7\.0|4\.5)\b/.test(reply) && /quota|limit exceeded|sending limit|daily/i.test(reply)) return 'DAILY_LIMIT_REACHED';
  // RFC 3463 X.4.5: mail system congestion — load that passes, not a quota.
  if (/^[45]\.4\.5$/.test(enhanced)) return 'MAIL_SYSTEM_CONGESTED';
  // The sender's own mailbox full (Exchange: 554 5.2.2 mailbox full; STOREDRV…QuotaExceeded); at RCPT TO it is the recipient's.
  if (command !== 'RCPT TO' && (enhanced === '5.2.2' || /QuotaExceededException/i.test(reply))) return 'SENDER_MAILBOX_FULL';

  if (command === 'STARTTLS') return 'STARTTLS_UNAVAILABLE';
  if (isAuth) {
    if (responseCode >= 400 && responseCode < 500) return 'TEMPORARY_FAILURE';
    // 500-504: the command is unknown or not allowed here, i.e. no login on this connection.
    if (responseCode >= 500 && responseCode <= 504) return 'AUTH_NOT_OFFERED';
    return 'AUTH_FAILED';
  }
  if (responseCode === 530) return /STARTTLS|TLS first/i.test(reply) ? 'STARTTLS_REQUIRED' : 'AUTH_REQUIRED';
  if (responseCode === 421) return 'SERVER_BUSY';

  if (command === 'RCPT TO') {
    if (isTooManyRecipients(responseCode, enhanced, reply)) return 'TOO_MANY_RECIPIENTS';
    if (responseCode < 500) return 'RECIPIENT_DEFERRED';
    if (/relay/i.test(reply)) return 'RELAY_DENIED';
    return 'RECIPIENT_REJECTED';
  }
  if (responseCode === 552 || enhanced === '5.3.4') return 'MESSAGE_TOO_BIG';
  if (responseCode === 503) return 'PROTOCOL_ERROR';
  if (responseCode >= 400 && responseCode < 500) return 'TEMPORARY_FAILURE';
  if (command === 'MAIL FROM') return /relay/i.test(reply) ? 'RELAY_DENIED' : 'SENDER_REJECTED';
  if (responseCode >= 500) return /relay/i.test(reply) ? 'RELAY_DENIED' : 'MESSAGE_REJECTED';
  return 'PROTOCOL_ERROR';
}

/** The code of a failure without a server reply: network, DNS, TLS, timeouts, client-side checks. */
function codeForConnection(e: SmtpLikeError): SmtpErrorCode {
  const code = asString(e.code) ?? '';
  const original = asString(e.originalCode) ?? code;
  const text = `${asString(e.message) ?? ''} ${asString(e.reason) ?? ''}`;

  if (code === HOST_NOT_ALLOWED_ERROR) return 'HOST_NOT_ALLOWED';
  // A first line that is not "220 ...": an IMAP, database or message-bus port, not SMTP.
  if (code === 'EPROTOCOL' && /invalid greeting/i.test(text)) return 'NOT_SMTP_SERVER';
  const network = networkFailureCode(original, text);
  if (network) return network;
  if (code === 'ETLS') return 'TLS_FAILED';
  if (code === 'EDNS') return 'DNS_FAILED';
  if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT') {
    return e.timeoutType === 'GREETING_TIMEOUT' ? 'NO_GREETING' : 'TIMEOUT';
  }
  if (original === 'ECONNRESET' || original === 'EPIPE' || code === 'ECONNECTION' || code === 'ESOCKET') return 'CONNECTION_LOST';

  // nodemailer re-labels a token provider's failure EAUTH; the provider's own code survives as originalCode.
  if (code === 'EOAUTH2' || original === 'EOAUTH2') return 'OAUTH_TOKEN_FAILED';
  if (code === 'EAUTH' || code === 'ENOAUTH') return /missing credentials/i.test(text) || code === 'ENOAUTH' ? 'CREDENTIALS_MISSING' : 'AUTH_FAILED';
  if (code === 'EMESSAGE' && /size/i.test(text)) return 'MESSAGE_TOO_BIG';
  if (code === 'EENVELOPE') return 'INVALID_ENVELOPE';
  return 'UNKNOWN';
}

/** Builds the classified error for a code, e.g. for a failure found before talking to the server. */
export function makeClassifiedError(
  code: SmtpErrorCode,
  fields: { responseCode?: number; enhancedCode?: string; detail?: string; server?: string; recipient?: string; mailbox?: string; ehloName?: string } = {},
): ClassifiedError {
  const rule: SmtpErrorRule = SMTP_ERROR_RULES[code];
  const reply = fields.responseCode ? ` (${fields.responseCode})` : '';
  return {
    code,
    permanent: rule.permanent,
    settingsProblem: rule.settingsProblem,
    ...('retryAfterMs' in rule ? { retryAfterMs: rule.retryAfterMs } : {}),
    message: rule.message({
      reply,
      server: fields.server ?? '',
      recipient: fields.recipient ?? '',
      mailbox: fields.mailbox ?? '',
      enhanced: fields.enhancedCode ?? '',
      ehloName: fields.ehloName ?? '',
    }),
    ...(fields.responseCode ? { responseCode: fields.responseCode } : {}),
    ...(fields.enhancedCode ? { enhancedCode: fields.enhancedCode } : {}),
    detail: fields.detail ?? '',
    ...(fields.recipient ? { recipient: fields.recipient } : {}),
  };
}

/**
 * Classifies any failure of a send or a connection test — a nodemailer error, a socket error, a
 * thrown string — as permanent or transient, with a stable code and a message in Finnish and English.
 * The server's reply goes into `detail` (one line, capped); no secret from `options.secrets` ever does.
 */
export function classifySmtpError(err: unknown, options: ClassifyOptions = {}): ClassifiedError {
  const e: SmtpLikeError = typeof err === 'object' && err !== null ? (err as SmtpLikeError) : { message: String(err) };
  const response = asString(e.response);
  const responseCode = typeof e.responseCode === 'number' && e.responseCode >= 200 ? e.responseCode : undefined;
  const recipient = options.recipient ?? asString(e.recipient);
  const command = asString(e.command) ?? '';

  const code = responseCode ? codeForReply(responseCode, response ?? '', command) : codeForConnection(e);
  const enhancedCode = response ? enhancedCodeOf(response) : undefined;
  // What a server that is not SMTP sent is not passed on: it may be any service's banner.
  const rawDetail = code === 'NOT_SMTP_SERVER' ? '' : (response ?? asString(e.message) ?? '');
  const classified = makeClassifiedError(code, {
    responseCode,
    enhancedCode,
    detail: sanitizeDetail(rawDetail, options.secrets),
    server: options.server,
    recipient,
    mailbox: options.mailbox,
    ehloName: options.ehloName,
  });
  // The token provider knows better than the table what the admin should check.
  return code === 'OAUTH_TOKEN_FAILED' && err instanceof AccessTokenError ? { ...classified, message: err.userMessage } : classified;
}
