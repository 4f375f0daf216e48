import type * as GoogleAuth from 'google-auth-library';

/** Loaded on first use: most installations never sign in to Google, and the library is large. */
let googleAuth: Promise<typeof GoogleAuth> | undefined;
const loadGoogleAuth = () => (googleAuth ??= import('google-auth-library'));
import type { SmtpAccount } from '@maestro/settings-schema';
import { AccessTokenError } from '../dispatch/access-token-error';
import { oauthUser } from '../dispatch/smtp-settings';
import { HttpsTransport } from './https-transport';
import { oauthFailure, type OAuthFailureReason } from './oauth-failures';
import type { FetchedToken } from './token-source';

/** Google's OAuth 2.0 token endpoint: where the library posts, and the audience of the assertion it signs. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Full Gmail access: the only scope Gmail's SMTP accepts with XOAUTH2. */
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

export interface GoogleTokenOptions {
  /**
   * Post the signed assertion here instead of Google's token endpoint (a test stand-in). The
   * library has no option for it (the URL is a constant in its token code), so the request is
   * redirected in the client's own HTTP transport (a gaxios request interceptor); the assertion it
   * signs keeps Google's audience, as Google requires.
   */
  tokenUrl?: string;
  /** A CA (PEM) to trust for the token endpoint besides the public roots. */
  ca?: string;
}

interface ServiceAccountKeyFields {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
}

/** The fields of a service-account key file that the flow needs, or null when it is no such file. */
export function readServiceAccountKey(json: string | null): ServiceAccountKeyFields | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    if (typeof parsed.client_email !== 'string' || !parsed.client_email || typeof parsed.private_key !== 'string' || !parsed.private_key) return null;
    return {
      clientEmail: parsed.client_email,
      privateKey: parsed.private_key,
      ...(typeof parsed.private_key_id === 'string' && parsed.private_key_id ? { privateKeyId: parsed.private_key_id } : {}),
    };
  } catch {
    return null;
  }
}

function reasonFor(err: unknown, GaxiosError: typeof GoogleAuth.gaxios.GaxiosError): OAuthFailureReason {
  if (!(err instanceof GaxiosError)) return 'SERVICE_ACCOUNT_KEY_INVALID'; // signing failed here: the key is not a usable RSA key
  const data = err.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  if (!err.response) return 'PROVIDER_UNREACHABLE';
  const error = typeof data?.error === 'string' ? data.error : '';
  const description = typeof data?.error_description === 'string' ? data.error_description : '';
  if (error === 'unauthorized_client') return 'DELEGATION_MISSING';
  if (error === 'invalid_grant' && /email or user id/i.test(description)) return 'USER_NOT_FOUND';
  if (error === 'invalid_client' || (error === 'invalid_grant' && /signature/i.test(description))) return 'SERVICE_ACCOUNT_KEY_INVALID';
  if (err.response.status >= 500) return 'PROVIDER_UNREACHABLE';
  return 'PROVIDER_REFUSED';
}

/**
 * Google Workspace: a service account with domain-wide delegation signs an assertion for the user
 * to impersonate (`sub`) and the scope https://mail.google.com/; google-auth-library's JWT client
 * signs and posts it. A new client per fetch: the library's own token cache would hand back a token
 * the SMTP server has just refused.
 */
export function createGoogleTokenSource(options: GoogleTokenOptions & { timeoutMs: number }): (account: SmtpAccount) => Promise<FetchedToken> {
  const tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  const transport = new HttpsTransport({ timeoutMs: options.timeoutMs, ...(options.ca ? { ca: options.ca } : {}) });
  const fetchImplementation = transport.fetch();

  return async (account) => {
    const secrets = [account.oauthServiceAccountKey];
    if (!account.oauthServiceAccountKey) throw oauthFailure('SETTINGS_INCOMPLETE', 'GOOGLE', 'the service account key is not set');
    const key = readServiceAccountKey(account.oauthServiceAccountKey);
    if (!key) throw oauthFailure('SETTINGS_INCOMPLETE', 'GOOGLE', 'the service account key is not a JSON key file with client_email and private_key', secrets);
    secrets.push(key.privateKey);
    const subject = oauthUser(account);
    if (!subject) throw oauthFailure('SETTINGS_INCOMPLETE', 'GOOGLE', 'the mailbox to send as is not set');

    const { JWT, gaxios } = await loadGoogleAuth();
    const client = new JWT({
      email: key.clientEmail,
      key: key.privateKey,
      ...(key.privateKeyId ? { keyId: key.privateKeyId } : {}),
      scopes: [GOOGLE_MAIL_SCOPE],
      subject,
      transporterOptions: { timeout: options.timeoutMs, fetchImplementation },
    });
    if (tokenUrl !== GOOGLE_TOKEN_URL) {
      client.transporter.interceptors.request.add({
        resolved: async (config) => {
          if (config.url.href === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
          return config;
        },
      });
    }

    let credentials;
    try {
      credentials = await client.authorize();
    } catch (err) {
      if (err instanceof AccessTokenError) throw err;
      const reason = reasonFor(err, gaxios.GaxiosError);
      // gaxios says "Unexpected Gaxios Error" for a failed connection; the cause says which.
      const cause = (err as { cause?: unknown }).cause;
      const detail = reason === 'PROVIDER_UNREACHABLE' && cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
      throw oauthFailure(reason, 'GOOGLE', detail, secrets);
    }
    if (!credentials.access_token) throw oauthFailure('PROVIDER_REFUSED', 'GOOGLE', 'the answer held no access token');
    const lifetimeMs = credentials.expiry_date ? credentials.expiry_date - Date.now() : 0;
    return { accessToken: credentials.access_token, lifetimeMs };
  };
}
