import type { SmtpAccount } from '@maestro/settings-schema';
import type * as ImapFlowModule from 'imapflow';
import type { ImapFlow } from 'imapflow';
import { accountSecrets, isOAuth2, oauthUser, type AccessTokenProvider } from '../dispatch/smtp-settings';
import { checkSmtpHost, type HostPolicy, type LookupAll } from '../dispatch/host-policy';
import { classifyImapError, makeClassifiedImapError, type ClassifiedImapError } from './classify-imap-error';
import type { ImapErrorCode } from './imap-error-codes';
import { DEFAULT_IMAP_TIMEOUTS, imapClientOptions, imapServerLabel, type ImapCredentials, type ImapEndpoint, type ImapTimeouts } from './imap-endpoint';

/** Loaded on first use: an installation without IMAP settings never needs it, and it is slow to load. */
let imapflow: Promise<typeof ImapFlowModule> | undefined;
const loadImapFlow = () => (imapflow ??= import('imapflow'));

/** The steps of an IMAP session, in order; a failure names the one it stopped at. */
export type ImapStage = 'CONNECT' | 'TLS' | 'AUTH' | 'SENT_FOLDER' | 'APPEND' | 'DONE';

export interface ImapSessionOptions {
  /** Needed when the account signs in with OAuth2: the same provider the SMTP dispatcher uses. */
  accessTokenProvider?: AccessTokenProvider;
  timeouts?: Partial<ImapTimeouts>;
  /**
   * Which hosts may be connected to (a hosted installation refuses internal addresses, as for SMTP):
   * with `refuseInternal`, the name is resolved and checked first, and the checked address is the one
   * connected to (the certificate is still verified for the name).
   */
  hostPolicy?: HostPolicy;
  /** For tests: how host names are resolved under the host policy. */
  lookup?: LookupAll;
  /** The folder the settings name as the Sent folder (`imapSentFolder`); empty: found by `\Sent` or name. */
  sentFolder?: string;
}

export type OpenedSession =
  | { ok: true; client: ImapFlow; secrets: string[]; server: string; oauth2: boolean }
  | { ok: false; stage: ImapStage; secure: boolean; error: ClassifiedImapError };

const TLS_CODES = new Set<ImapErrorCode>(['STARTTLS_UNAVAILABLE', 'WRONG_ENCRYPTION', 'TLS_FAILED', 'CERT_UNTRUSTED', 'CERT_EXPIRED', 'CERT_HOSTNAME_MISMATCH']);
const AUTH_CODES = new Set<ImapErrorCode>(['CREDENTIALS_MISSING', 'AUTH_FAILED', 'AUTH_BASIC_DISABLED', 'AUTH_NOT_OFFERED', 'LOGIN_DISABLED', 'OAUTH_TOKEN_FAILED', 'OAUTH_TOKEN_REFUSED']);

/** imapflow connects, upgrades and signs in in one call: the failure's code tells which step broke. */
function stageOf(code: ImapErrorCode): ImapStage {
  if (TLS_CODES.has(code)) return 'TLS';
  if (AUTH_CODES.has(code)) return 'AUTH';
  return 'CONNECT';
}

/**
 * Connects, encrypts as the endpoint says and signs in with the account's SMTP sign-in (user name and
 * password, or an OAuth2 token for its mailbox). A token the server refuses is renewed once and tried
 * again, as the SMTP dispatcher does (Exchange Online refuses a stale token at once). Never throws.
 * The caller logs out (or closes) the client it gets.
 */
export async function openImapSession(endpoint: ImapEndpoint, account: SmtpAccount, options: ImapSessionOptions = {}): Promise<OpenedSession> {
  const server = imapServerLabel(endpoint);
  const secrets = accountSecrets(account);
  const fail = (stage: ImapStage, error: ClassifiedImapError, secure = false): OpenedSession => ({ ok: false, stage, secure, error });
  if (!endpoint.host.trim() || !Number.isInteger(endpoint.port) || endpoint.port <= 0) {
    return fail('CONNECT', makeClassifiedImapError('IMAP_NOT_CONFIGURED'));
  }
  const timeouts = { ...DEFAULT_IMAP_TIMEOUTS, ...options.timeouts };
  const oauth2 = isOAuth2(account);
  const provider = options.accessTokenProvider;

  const credentials = async (renew: boolean): Promise<ImapCredentials | ClassifiedImapError> => {
    if (!oauth2) {
      const user = account.username.trim();
      return user && account.password ? { user, pass: account.password } : makeClassifiedImapError('CREDENTIALS_MISSING');
    }
    const user = oauthUser(account);
    if (!user) return makeClassifiedImapError('CREDENTIALS_MISSING');
    if (!provider) return makeClassifiedImapError('OAUTH_TOKEN_FAILED', { detail: 'no OAuth2 access token provider is configured' });
    try {
      const accessToken = await provider(account, { renew });
      secrets.push(accessToken);
      return { user, accessToken };
    } catch (err) {
      return classifyImapError(err, { secrets, server });
    }
  };

  let address: string | undefined;
  if (options.hostPolicy?.refuseInternal) {
    try {
      const checked = await checkSmtpHost(endpoint.host, options.hostPolicy, options.lookup);
      if (!checked.ok) return fail('CONNECT', makeClassifiedImapError('HOST_NOT_ALLOWED', { server }));
      address = checked.addresses[0];
    } catch (err) {
      return fail('CONNECT', classifyImapError(err, { secrets, server }));
    }
  }

  const { ImapFlow } = await loadImapFlow();
  for (let renew = false; ; renew = true) {
    const auth = await credentials(renew);
    if (!('user' in auth)) return fail('AUTH', auth);
    const client = new ImapFlow(imapClientOptions(endpoint, auth, timeouts, address));
    // Failures reach the call that hit them; a stray 'error' event after that must not crash the worker.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { ok: true, client, secrets, server, oauth2 };
    } catch (err) {
      // imapflow marks an implicit-TLS client secure before its handshake: only a session that got as
      // far as signing in is known to have been encrypted.
      const wasSecure = client.secureConnection;
      client.close();
      const error = classifyImapError(err, { secrets, server, oauth2 });
      if (error.code === 'OAUTH_TOKEN_REFUSED' && !renew) continue;
      const stage = stageOf(error.code);
      return fail(stage, error, stage === 'AUTH' && wasSecure);
    }
  }
}

/** Logs out politely, or drops the connection when the server does not answer; never throws. */
export async function closeImapSession(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}
