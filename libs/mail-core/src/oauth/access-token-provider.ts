import type { SmtpAccount } from '@maestro/settings-schema';
import { oauthUser, type AccessTokenProvider } from '../dispatch/smtp-settings';
import { cacheKey, setBounded } from './cache-key';
import { createGoogleTokenSource, type GoogleTokenOptions } from './google-token-source';
import { createMicrosoftTokenSource, type MicrosoftTokenOptions } from './microsoft-token-source';
import { oauthFailure } from './oauth-failures';
import type { TokenSource } from './token-source';

export interface AccessTokenProviderOptions {
  /** Where Microsoft's tokens come from; Entra ID's global cloud unless given. */
  microsoft?: MicrosoftTokenOptions;
  /** Where Google's tokens come from; Google's token endpoint unless given. */
  google?: GoogleTokenOptions;
  /** Give up on getting a token after this long, retries of the client library included. Default 20 s. */
  timeoutMs?: number;
  /** Renew a cached token this long before it expires, at most a tenth of its lifetime. Default 5 minutes. */
  refreshMarginMs?: number;
  /** Time as the cache sees it; tests move it by hand. */
  clock?: { now(): number };
}

interface CachedToken {
  token: string;
  /** Past this, ask for a new one (shortly before the real expiry). */
  renewAt: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_CACHED = 2000;

/** Which token an account gets: the identity, the credentials (hashed with the rest) and the mailbox. */
function tokenKey(account: SmtpAccount): string {
  return cacheKey([
    account.authMethod,
    account.oauthTenantId.trim().toLowerCase(),
    account.oauthClientId.trim(),
    account.oauthClientSecret,
    account.oauthServiceAccountKey,
    oauthUser(account).toLowerCase(),
  ]);
}

/**
 * The OAuth2 access tokens of Microsoft 365 and Google Workspace accounts, for the dispatcher and the
 * connection test (`AccessTokenProvider`). One per process.
 *
 * - OAUTH2_MICROSOFT: client credentials with MSAL (tenant, client id, secret), scope
 *   https://outlook.office365.com/.default — the app holds SMTP.SendAsApp.
 * - OAUTH2_GOOGLE: the service account's signed assertion for the mailbox (domain-wide delegation),
 *   scope https://mail.google.com/, with google-auth-library.
 *
 * Each token is cached, keyed by a salted hash of the account's identity and credentials, until
 * shortly before it expires; concurrent requests for one key share one fetch. `renew: true` (the
 * server refused the token) drops it and fetches one new token, shared by whoever asks meanwhile.
 * Failures are AccessTokenErrors saying what to check; no secret or token is in any message.
 */
export function createAccessTokenProvider(options: AccessTokenProviderOptions = {}): AccessTokenProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const clock = options.clock ?? { now: () => Date.now() };
  const sources: Record<Exclude<SmtpAccount['authMethod'], 'PASSWORD'>, TokenSource> = {
    OAUTH2_MICROSOFT: createMicrosoftTokenSource({ ...options.microsoft, timeoutMs }),
    OAUTH2_GOOGLE: createGoogleTokenSource({ ...options.google, timeoutMs }),
  };
  const cache = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<string>>();

  // The libraries retry on their own (gaxios up to three times): one deadline over all of it, so a
  // silent identity provider fails the send with its own reason rather than an SMTP socket timeout.
  const withDeadline = <T>(work: Promise<T>, account: SmtpAccount): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const provider = account.authMethod === 'OAUTH2_GOOGLE' ? 'GOOGLE' : 'MICROSOFT';
        reject(oauthFailure('PROVIDER_UNREACHABLE', provider, `no token within ${timeoutMs} ms`));
      }, timeoutMs);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });

  const fetchInto = async (key: string, source: TokenSource, account: SmtpAccount): Promise<string> => {
    const fetched = await withDeadline(source(account), account);
    const lifetime = Math.max(0, fetched.lifetimeMs);
    const margin = Math.min(refreshMarginMs, lifetime / 10);
    setBounded(cache, key, { token: fetched.accessToken, renewAt: clock.now() + lifetime - margin }, MAX_CACHED);
    return fetched.accessToken;
  };

  return async (account, { renew }) => {
    if (account.authMethod === 'PASSWORD') throw new Error('this account signs in with a password, not OAuth2');
    const key = tokenKey(account);
    // A fetch under way started after any token handed out so far: it serves a renewal too.
    const pending = inFlight.get(key);
    if (pending) return pending;
    if (!renew) {
      const cached = cache.get(key);
      if (cached && clock.now() < cached.renewAt) return cached.token;
    }
    cache.delete(key);
    const fetching = fetchInto(key, sources[account.authMethod], account);
    inFlight.set(key, fetching);
    try {
      return await fetching;
    } finally {
      inFlight.delete(key);
    }
  };
}
