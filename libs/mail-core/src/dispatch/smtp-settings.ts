import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { effectiveMaxConnections, normalizeHostname, secretPaths, smtpAccountSchema, type SmtpAccount } from '@maestro/settings-schema';
import type { SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import type { XOAuth2ProvisionCallback } from 'nodemailer/lib/xoauth2';
import { cacheKey } from '../oauth/cache-key';
import { AccessTokenError, OAUTH_PROVIDER_ERROR } from './access-token-error';

/**
 * Gets an OAuth2 access token for an account whose authMethod is OAUTH2_MICROSOFT or OAUTH2_GOOGLE.
 * `renew` is true when the server refused the last token: fetch a new one, do not serve it from a cache.
 * The provider caches tokens itself; it is asked for every new connection. It may throw an
 * AccessTokenError to say what the admin should check (see `createAccessTokenProvider`).
 */
export type AccessTokenProvider = (account: SmtpAccount, options: { renew: boolean }) => Promise<string>;

/** How long to wait for the server, in milliseconds. Short in tests, generous in production. */
export interface SmtpTimeouts {
  /** TCP connect (and the implicit TLS handshake). */
  connectionMs: number;
  /** The server's 220 greeting after connecting (and a STARTTLS upgrade). */
  greetingMs: number;
  /** Silence in the middle of a session. */
  socketMs: number;
  /** The DNS lookup of the host. */
  dnsMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: Readonly<SmtpTimeouts> = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000, dnsMs: 30_000 };

/**
 * The nodemailer connection options for an account.
 *
 * - NONE: plain SMTP, never TLS — not even when the server offers STARTTLS. NONE is the admin's
 *   explicit choice (typically an internal relay on port 25); opportunistic STARTTLS would either fail
 *   on the self-signed certificates such relays often have (turning a working setting into failures)
 *   or, unverified, only pretend to protect. What is chosen is what happens.
 * - SSL: implicit TLS from the first byte (port 465).
 * - TLS: STARTTLS required: if the server does not offer it or the upgrade fails, the session ends
 *   before MAIL FROM or AUTH — nothing ever goes out in clear.
 * Certificates are always verified: against the public roots, plus the account's own CA when given.
 */
export function smtpConnectionOptions(account: SmtpAccount, timeouts: SmtpTimeouts, ehloName?: string): SMTPConnectionOptions {
  const ca = account.caCertificate.trim();
  return {
    ...(ehloName ? { name: ehloName } : {}),
    host: account.host.trim(),
    port: account.port,
    secure: account.encryption === 'SSL',
    requireTLS: account.encryption === 'TLS',
    ignoreTLS: account.encryption === 'NONE',
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(ca ? { ca: [...rootCertificates, ca] } : {}),
    },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.dnsMs,
    logger: false,
  };
}

/** The domain of an address in its ASCII form, or null. */
function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at < 0 ? null : normalizeHostname(address.slice(at + 1));
}

/**
 * The name to greet the server with (EHLO): the account's own client host name, else the process's
 * (MAESTRO_EHLO_NAME, or the machine's full name), else the sender's domain. nodemailer's own default
 * is the host name only when it has a dot, otherwise `[127.0.0.1]`, which Google's relay and other
 * strict servers refuse with 421. Undefined leaves it to nodemailer (no sender to go by).
 */
export function ehloNameFor(account: SmtpAccount, senderAddress: string | null, processName?: string | null): string | undefined {
  const own = account.ehloName.trim();
  if (own) return normalizeHostname(own) ?? own;
  if (processName) return processName;
  return (senderAddress ? domainOf(senderAddress) : null) ?? undefined;
}

/** The login the account signs in with, for messages that name the mailbox (never a secret). */
export function signInLogin(account: SmtpAccount): string {
  if (!account.authEnabled) return '';
  return isOAuth2(account) ? oauthUser(account) : account.username.trim();
}

export function isOAuth2(account: SmtpAccount): boolean {
  return account.authMethod === 'OAUTH2_MICROSOFT' || account.authMethod === 'OAUTH2_GOOGLE';
}

/** The mailbox an OAuth2 login is for: the "send as" mailbox, else the username. */
export function oauthUser(account: SmtpAccount): string {
  return account.oauthUser.trim() || account.username.trim();
}

/** Adapts the provider to nodemailer's provisioning callback; its failures keep a code of their own. */
export function provisionCallback(account: SmtpAccount, provider: AccessTokenProvider): XOAuth2ProvisionCallback {
  return (_user, renew, callback) => {
    provider(account, { renew }).then(
      // Expiring at once makes nodemailer ask again for the next connection; the provider caches.
      (token) => callback(null, token, Date.now()),
      (err: unknown) => {
        // An AccessTokenError goes through as it is: its message for the admin survives nodemailer.
        if (err instanceof AccessTokenError) return callback(err);
        const wrapped = Object.assign(new Error(err instanceof Error ? err.message : String(err)), { code: OAUTH_PROVIDER_ERROR });
        callback(wrapped);
      },
    );
  };
}

/** The account's fields flagged `secret` in settings-schema: a new secret field is scrubbed too. */
const SECRET_FIELDS = secretPaths(smtpAccountSchema) as Array<keyof SmtpAccount>;

/** Every secret of the account, for scrubbing texts that leave the dispatcher. */
export function accountSecrets(account: SmtpAccount): string[] {
  const secrets = SECRET_FIELDS.map((field) => account[field]).filter((s): s is string => typeof s === 'string' && s !== '');
  // AUTH PLAIN sends base64("\0user\0password"): an echoed AUTH line must not leak it either.
  if (account.password) secrets.push(`\u0000${account.username}\u0000${account.password}`);
  // The service account's private key may surface on its own (a library quoting the PEM it could not read).
  const privateKey = serviceAccountPrivateKey(account.oauthServiceAccountKey);
  if (privateKey) secrets.push(privateKey);
  return secrets;
}

function serviceAccountPrivateKey(json: string | null): string | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as { private_key?: unknown };
    return typeof parsed.private_key === 'string' && parsed.private_key !== '' ? parsed.private_key : null;
  } catch {
    return null;
  }
}

/**
 * The pool key: a salted HMAC (the salt lives in this process only) over everything that shapes the
 * connection, credentials included, so a changed password gets a new transport — and no password is
 * ever held in clear as a key.
 * The sending limits are not part of it: they do not change the connection. The EHLO name and the
 * number of connections are: they shape the pool.
 */
export function transportKey(account: SmtpAccount, ehloName?: string): string {
  const shape = [
    ehloName ?? '',
    effectiveMaxConnections(account),
    account.host.trim().toLowerCase(),
    account.port,
    account.encryption,
    account.authEnabled,
    account.authMethod,
    account.username,
    account.password,
    account.oauthTenantId,
    account.oauthClientId,
    account.oauthClientSecret,
    account.oauthServiceAccountKey,
    account.oauthUser,
    account.caCertificate.trim(),
  ];
  return cacheKey(shape);
}

/**
 * Which account this is, whatever its credentials: server, port and the mailbox that signs in (the
 * user name, or with OAuth2 the mailbox the token is for). A newer key for the same identity replaces
 * the older transport; the rate limit is counted per identity.
 */
export function accountIdentity(account: SmtpAccount): string {
  const login = account.authMethod === 'PASSWORD' ? account.username : oauthUser(account);
  return `${account.host.trim().toLowerCase()}:${account.port}/${login.trim().toLowerCase()}`;
}

/**
 * The key the sending limits are counted under in the database: the same in every worker and after a
 * restart (unlike the pool key, whose salt is per process), and kept when the password changes, since
 * the provider counts per mailbox. A hash, so the table holds no login names.
 */
export function sendingQuotaKey(account: SmtpAccount): string {
  return createHash('sha256').update(accountIdentity(account)).digest('hex');
}

/** "host:port", for messages. */
export function serverLabel(account: SmtpAccount): string {
  return `${account.host.trim()}:${account.port}`;
}
