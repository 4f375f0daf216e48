import { rootCertificates } from 'node:tls';
import type { SmtpAccount, SmtpEncryption } from '@maestro/settings-schema';
import type { ImapFlowOptions } from 'imapflow';
import { MICROSOFT_SMTP_SCOPE } from '../oauth/microsoft-token-source';
import { GOOGLE_MAIL_SCOPE } from '../oauth/google-token-source';

/**
 * Where the sender's mailbox is read and written over IMAP: the server of the account's Sent folder.
 * A plain object, so the settings (phase 2) can hold it beside the SMTP block.
 *
 * Encryption as on the SMTP side: SSL = implicit TLS (993), TLS = STARTTLS required (143; nothing,
 * password or token, is sent unless the upgrade succeeded), NONE = plain IMAP, never upgraded — the
 * admin's explicit choice, the only way a secret crosses in clear.
 */
export interface ImapEndpoint {
  host: string;
  port: number;
  encryption: SmtpEncryption;
  /** A CA certificate (PEM) to trust besides the public roots, like the SMTP account's `caCertificate`. */
  ca?: string;
}

/**
 * The account's IMAP endpoint from its IMAP block, with the account's CA (the same mailbox provider);
 * null when the account has no IMAP server.
 */
export function imapEndpointOf(account: SmtpAccount): ImapEndpoint | null {
  const host = account.imapHost.trim();
  if (!host) return null;
  const ca = account.caCertificate.trim();
  return { host, port: account.imapPort, encryption: account.imapEncryption, ...(ca ? { ca } : {}) };
}

/** How long to wait for the IMAP server, in milliseconds. */
export interface ImapTimeouts {
  /** DNS, TCP and the implicit TLS handshake together. */
  connectionMs: number;
  /** The server's greeting after connecting. */
  greetingMs: number;
  /** Silence in the middle of a session (a command without an answer). */
  socketMs: number;
}

export const DEFAULT_IMAP_TIMEOUTS: Readonly<ImapTimeouts> = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 };

/**
 * The OAuth2 scopes IMAP needs are the ones SMTP already asks for, so one token serves both:
 * Microsoft's `https://outlook.office365.com/.default` carries every Exchange Online permission the app
 * was granted (IMAP.AccessAsApp beside SMTP.SendAsApp), and Google's `https://mail.google.com/` is
 * full Gmail access, IMAP included.
 */
export const MICROSOFT_IMAP_SCOPE = MICROSOFT_SMTP_SCOPE;
export const GOOGLE_IMAP_SCOPE = GOOGLE_MAIL_SCOPE;

/** How the account signs in to IMAP: its SMTP sign-in — the same user name and password, or the same OAuth2 mailbox. */
export type ImapCredentials = { user: string; pass: string } | { user: string; accessToken: string };

/** "host:port", for messages. */
export function imapServerLabel(endpoint: ImapEndpoint): string {
  return `${endpoint.host.trim()}:${endpoint.port}`;
}

/**
 * imapflow's options for an endpoint: certificates always verified (public roots plus the endpoint's CA),
 * TLS 1.2 at least, STARTTLS required for TLS and refused for NONE, no IDLE (each session does one job
 * and logs out), nothing logged (a log line could carry a token).
 */
export function imapClientOptions(endpoint: ImapEndpoint, auth: ImapCredentials, timeouts: ImapTimeouts, address?: string): ImapFlowOptions {
  const ca = endpoint.ca?.trim();
  const host = endpoint.host.trim();
  return {
    // A checked address (see the host policy) is connected to; the certificate is still checked for the name.
    host: address ?? host,
    ...(address && address !== host ? { servername: host } : {}),
    port: endpoint.port,
    secure: endpoint.encryption === 'SSL',
    ...(endpoint.encryption === 'SSL' ? {} : { doSTARTTLS: endpoint.encryption === 'TLS' }),
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(ca ? { ca: [...rootCertificates, ca] } : {}) },
    auth,
    logger: false,
    disableAutoIdle: true,
    // A Sent copy needs none of the extensions imapflow would switch on after login (CONDSTORE, UTF8=ACCEPT).
    disableAutoEnable: true,
    clientInfo: { name: 'Maestro Messaging' },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // We only LIST and APPEND: no answer of a sound server comes near these. imapflow's own limits (1 GB)
    // would let a broken or hostile server fill the worker's memory.
    maxLineLength: 1024 * 1024,
    maxLiteralSize: 1024 * 1024,
    maxResponseSize: 4 * 1024 * 1024,
    maxResponseTokens: 200_000,
  };
}
