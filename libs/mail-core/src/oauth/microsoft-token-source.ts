import type * as Msal from '@azure/msal-node';

/** Loaded on first use: most installations never sign in to Microsoft, and the library is large. */
let msal: Promise<typeof Msal> | undefined;
const loadMsal = () => (msal ??= import('@azure/msal-node'));
import type { SmtpAccount } from '@maestro/settings-schema';
import { AccessTokenError } from '../dispatch/access-token-error';
import { cacheKey, setBounded } from './cache-key';
import { HttpsTransport } from './https-transport';
import { oauthFailure, type OAuthFailureReason } from './oauth-failures';
import type { FetchedToken } from './token-source';

/** Entra ID's global cloud. */
export const MICROSOFT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** SMTP AUTH with an app-only token: the app holds the application permission SMTP.SendAsApp. */
export const MICROSOFT_SMTP_SCOPE = 'https://outlook.office365.com/.default';

export interface MicrosoftTokenOptions {
  /**
   * The authority's origin, `https://login.microsoftonline.com` by default. Anything else (a test
   * stand-in, a national cloud) is added to MSAL's `knownAuthorities`, so MSAL trusts it without
   * asking Microsoft's instance discovery and reads its OpenID metadata from
   * `<host>/<tenant>/v2.0/.well-known/openid-configuration`. MSAL accepts only https.
   */
  authorityHost?: string;
  /** A CA (PEM) to trust for the authority besides the public roots. */
  ca?: string;
}

// A tenant is a GUID or a verified domain (yritys.onmicrosoft.com, yritys.fi).
const TENANT_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$/;
const MAX_CLIENTS = 500;

interface MsalClient {
  app: Msal.ConfidentialClientApplication;
  transport: HttpsTransport;
}

/** What MSAL puts on its errors (ServerError, ClientAuthError, ...). */
interface MsalLikeError {
  errorCode?: unknown;
  errorNo?: unknown;
  errorMessage?: unknown;
  message?: unknown;
}

function reasonFor(errorCode: string, errorNo: string): OAuthFailureReason {
  if (['network_error', 'openid_config_error', 'endpoints_resolution_error'].includes(errorCode)) return 'PROVIDER_UNREACHABLE';
  // 90002 tenant not found, 900023 not a valid tenant identifier, 90013 invalid input; "common" etc. refused by MSAL.
  if (errorCode === 'missing_tenant_id_error' || ['90002', '900023', '90013'].includes(errorNo)) return 'TENANT_NOT_FOUND';
  if (errorNo === '700016' || errorCode === 'unauthorized_client') return 'CLIENT_NOT_FOUND';
  // 7000215 invalid secret, 7000222 expired secret, 7000216 no secret sent.
  if (errorNo === '7000222') return 'CLIENT_SECRET_EXPIRED';
  if (['7000215', '7000216'].includes(errorNo) || errorCode === 'invalid_client') return 'CLIENT_SECRET_INVALID';
  // 65001 no consent, 500011 Exchange Online not in the tenant (no consent given for it).
  if (['65001', '500011'].includes(errorNo) || errorCode === 'consent_required') return 'CONSENT_MISSING';
  return 'PROVIDER_REFUSED';
}

function failureFrom(err: unknown, transport: HttpsTransport, secret: string): AccessTokenError {
  if (err instanceof AccessTokenError) return err;
  const e: MsalLikeError = typeof err === 'object' && err !== null ? (err as MsalLikeError) : { message: String(err) };
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : '';
  const errorNo = e.errorNo === undefined || e.errorNo === null ? '' : String(e.errorNo);
  const reason = reasonFor(errorCode, errorNo);
  // MSAL's server errors read "Error(s): 7000215 - Timestamp: ... - Description: AADSTS7000215: ... - Correlation ID: ...".
  const serverText = typeof e.errorMessage === 'string' ? e.errorMessage : '';
  const description = /Description: (.*?)(?: - Correlation ID:|$)/.exec(serverText)?.[1] ?? serverText;
  const text = description ? `${errorCode}: ${description}` : String(e.message ?? err);
  const detail = reason === 'PROVIDER_UNREACHABLE' && transport.lastFailure ? `${errorCode}: ${transport.lastFailure}` : text;
  return oauthFailure(reason, 'MICROSOFT', detail, [secret]);
}

/**
 * Microsoft 365: an app-only token by the client-credentials flow, through MSAL's
 * ConfidentialClientApplication (one per tenant, client and secret). The returned function always
 * asks Entra ID (`skipCache`): caching is the provider's job, which knows about renewals.
 */
export function createMicrosoftTokenSource(options: MicrosoftTokenOptions & { timeoutMs: number }): (account: SmtpAccount) => Promise<FetchedToken> {
  const authorityHost = (options.authorityHost ?? MICROSOFT_AUTHORITY_HOST).replace(/\/+$/, '');
  const knownAuthorities = authorityHost === MICROSOFT_AUTHORITY_HOST ? [] : [new URL(authorityHost).host];
  const clients = new Map<string, MsalClient>();

  const clientFor = async (tenant: string, clientId: string, secret: string): Promise<MsalClient> => {
    const key = cacheKey([authorityHost, tenant, clientId, secret]);
    const existing = clients.get(key);
    if (existing) return existing;
    const { ConfidentialClientApplication, LogLevel } = await loadMsal();
    const transport = new HttpsTransport({ timeoutMs: options.timeoutMs, ...(options.ca ? { ca: options.ca } : {}) });
    const app = new ConfidentialClientApplication({
      auth: { clientId, clientSecret: secret, authority: `${authorityHost}/${tenant}`, knownAuthorities },
      system: {
        networkClient: transport.networkModule(),
        loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
      },
    });
    const client = { app, transport };
    setBounded(clients, key, client, MAX_CLIENTS);
    return client;
  };

  return async (account) => {
    const tenant = account.oauthTenantId.trim();
    const clientId = account.oauthClientId.trim();
    const secret = account.oauthClientSecret ?? '';
    if (!tenant || !clientId || !secret) throw oauthFailure('SETTINGS_INCOMPLETE', 'MICROSOFT', 'tenant id, client id or client secret is not set');
    if (!TENANT_PATTERN.test(tenant)) throw oauthFailure('TENANT_NOT_FOUND', 'MICROSOFT', `"${tenant}" is neither a tenant id nor a domain`);

    const client = await clientFor(tenant, clientId, secret);
    let result;
    try {
      result = await client.app.acquireTokenByClientCredential({ scopes: [MICROSOFT_SMTP_SCOPE], skipCache: true });
    } catch (err) {
      throw failureFrom(err, client.transport, secret);
    }
    if (!result?.accessToken) throw oauthFailure('PROVIDER_REFUSED', 'MICROSOFT', 'the answer held no access token');
    // MSAL reports the expiry as a wall-clock time; the provider wants the lifetime.
    const lifetimeMs = result.expiresOn ? result.expiresOn.getTime() - Date.now() : 0;
    return { accessToken: result.accessToken, lifetimeMs };
  };
}
