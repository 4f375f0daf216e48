import type { SmtpAccount } from '@maestro/settings-schema';
import SMTPConnection, { type SMTPConnectionAuth } from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import { classifySmtpError, makeClassifiedError, sanitizeDetail, type ClassifiedError } from './classify-smtp-error';
import { OPEN_HOST_POLICY, connectChecked, type HostPolicy } from './host-policy';
import type { SmtpErrorCode } from './smtp-error-codes';
import {
  DEFAULT_SMTP_TIMEOUTS,
  accountSecrets,
  ehloNameFor,
  isOAuth2,
  oauthUser,
  provisionCallback,
  serverLabel,
  signInLogin,
  smtpConnectionOptions,
  type AccessTokenProvider,
  type SmtpTimeouts,
} from './smtp-settings';

/** The steps of a connection test, in order. */
export type VerifyStage = 'CONNECT' | 'TLS' | 'AUTH' | 'DONE';

export interface VerifyResult {
  ok: boolean;
  /** Where the test stopped: the step that failed, or DONE when every step passed. */
  stage: VerifyStage;
  /** The server's last reply (the failing one, or its answer to EHLO / AUTH), one line, secrets removed. */
  reply?: string;
  /** Whether the session was encrypted when it stopped. */
  secure: boolean;
  /** The name the test greeted the server with (EHLO), when one was chosen rather than left to nodemailer. */
  ehloName?: string;
  error?: ClassifiedError;
}

export interface VerifyOptions {
  timeouts?: Partial<SmtpTimeouts>;
  accessTokenProvider?: AccessTokenProvider;
  /** As the dispatcher's: MAESTRO_EHLO_NAME or the machine's full name. */
  clientName?: string | null;
  /** The address messages go out from, whose domain is the EHLO name when nothing else gives one. */
  senderAddress?: string | null;
  /** Which hosts may be connected to (hosted installations refuse internal addresses). */
  hostPolicy?: HostPolicy;
}

/** A server reply as SMTP writes it ("250 ...", "535-5.7.8 ..."); anything else is not passed on. */
const SMTP_REPLY = /^[2-5]\d\d(?:[ -]|$)/;

const TLS_CODES: ReadonlySet<SmtpErrorCode> = new Set<SmtpErrorCode>([
  'TLS_FAILED',
  'WRONG_ENCRYPTION',
  'CERT_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_HOSTNAME_MISMATCH',
  'STARTTLS_UNAVAILABLE',
]);

/** connect() does TCP, TLS, greeting, EHLO and STARTTLS in one go; the failure's code tells which step broke. */
function stageOfConnectFailure(error: ClassifiedError, timeoutType: unknown): VerifyStage {
  if (TLS_CODES.has(error.code) || timeoutType === 'UPGRADE_TIMEOUT') return 'TLS';
  return 'CONNECT';
}

/**
 * Runs one step of the session. A step can end three ways: its callback, an 'error' event (nodemailer
 * reports socket and protocol failures there, not always to the callback), or the connection closing.
 */
function step(connection: SMTPConnection, run: (done: (err?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => finish(err);
    const onEnd = (): void => finish(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
    const finish = (err?: Error | null): void => {
      connection.off('error', onError);
      connection.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    connection.on('error', onError);
    connection.on('end', onEnd);
    run(finish);
  });
}

/**
 * The "test connection" button: connect, TLS (implicit or STARTTLS, as the account says), AUTH when
 * enabled, QUIT — with the same connection settings the dispatcher uses. Sends no message. Reports
 * the step it stopped at with a reason a person can act on: wrong port or encryption, no STARTTLS
 * offered, certificate not trusted, login refused (535), unknown host, refused connection.
 */
export async function verifySmtpAccount(account: SmtpAccount, options: VerifyOptions = {}): Promise<VerifyResult> {
  const provider = options.accessTokenProvider;
  if (!provider || !account.authEnabled || !isOAuth2(account)) return verifyOnce(account, options);
  let renewals = 0;
  const counting: AccessTokenProvider = (a, o) => {
    if (o.renew) renewals += 1;
    return provider(a, o);
  };
  const first = await verifyOnce(account, { ...options, accessTokenProvider: counting });
  if (first.ok || first.error?.code !== 'OAUTH_TOKEN_REFUSED' || renewals > 0) return first;
  // As the dispatcher does: a server that refuses the token at once (Microsoft) gets one fresh token.
  try {
    await provider(account, { renew: true });
  } catch (err) {
    return { ok: false, stage: 'AUTH', secure: first.secure, error: classifySmtpError(err, { secrets: accountSecrets(account), server: serverLabel(account), mailbox: signInLogin(account) }) };
  }
  return verifyOnce(account, options);
}

async function verifyOnce(account: SmtpAccount, options: VerifyOptions): Promise<VerifyResult> {
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const secrets = accountSecrets(account);
  const server = serverLabel(account);
  const ehloName = ehloNameFor(account, options.senderAddress ?? null, options.clientName);
  const context = { secrets, server, mailbox: signInLogin(account), ehloName };
  const named = ehloName ? { ehloName } : {};
  const policy = options.hostPolicy ?? OPEN_HOST_POLICY;
  const connectionOptions = smtpConnectionOptions(account, timeouts, ehloName);
  if (policy.refuseInternal) {
    // The checked address is the one connected to; nodemailer starts TLS on it with the host's name.
    try {
      connectionOptions.connection = await connectChecked(account.host, account.port, policy, timeouts.connectionMs);
    } catch (err) {
      // Refused before any greeting: no EHLO name to report.
      return { ok: false, stage: 'CONNECT', secure: false, error: classifySmtpError(err, context) };
    }
  }
  const connection = new SMTPConnection(connectionOptions);
  const lastReply = (): string | undefined => {
    const last = connection.lastServerResponse;
    return last && SMTP_REPLY.test(last) ? sanitizeDetail(last, secrets) : undefined;
  };
  const fail = (stage: VerifyStage, error: ClassifiedError): VerifyResult => {
    const reply = error.code === 'NOT_SMTP_SERVER' ? undefined : error.responseCode ? error.detail : lastReply();
    const secure = connection.secure;
    connection.close();
    return { ok: false, stage, secure, error, ...named, ...(reply ? { reply } : {}) };
  };
  // Errors after a step has settled (a late socket reset) must not crash the process.
  connection.on('error', () => undefined);

  try {
    await step(connection, (done) => connection.connect((err) => done(err)));
  } catch (err) {
    const error = classifySmtpError(err, context);
    return fail(stageOfConnectFailure(error, (err as { timeoutType?: unknown }).timeoutType), error);
  }

  if (account.authEnabled) {
    let auth: SMTPConnectionAuth;
    if (isOAuth2(account)) {
      if (!options.accessTokenProvider) {
        return fail('AUTH', makeClassifiedError('OAUTH_TOKEN_FAILED', { detail: 'no OAuth2 access token provider is configured' }));
      }
      const user = oauthUser(account);
      auth = { user, oauth2: new XOAuth2({ user, provisionCallback: provisionCallback(account, options.accessTokenProvider) }, false) };
    } else {
      if (!account.username.trim() || !account.password) return fail('AUTH', makeClassifiedError('CREDENTIALS_MISSING'));
      auth = { user: account.username.trim(), pass: account.password };
    }
    if (!connection.allowsAuth) {
      return fail('AUTH', makeClassifiedError('AUTH_NOT_OFFERED', { detail: lastReply() ?? '', server }));
    }
    try {
      await step(connection, (done) => connection.login(auth, (err) => done(err)));
    } catch (err) {
      return fail('AUTH', classifySmtpError(err, context));
    }
  }

  const reply = lastReply();
  const secure = connection.secure;
  connection.quit();
  return { ok: true, stage: 'DONE', secure, ...named, ...(reply ? { reply } : {}) };
}
