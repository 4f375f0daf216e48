import { generateKeyPairSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * An app registration in a Microsoft Entra ID tenant, as far as SMTP sending needs it: the app's
 * client secret, and the mailboxes its Exchange Online service principal holds rights on
 * (New-ServicePrincipal + Add-MailboxPermission). Mutable: a test may change the secret.
 */
export interface MicrosoftAppRegistration {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  mailboxes: string[];
}

/**
 * A Google service account with domain-wide delegation: its public key (to check the signed
 * assertion), the scopes the Workspace admin delegated to it, and the users of the domain.
 */
export interface GoogleServiceAccountRegistration {
  clientEmail: string;
  /** PEM (SPKI). */
  publicKey: string;
  delegatedScopes: string[];
  users: string[];
}

export interface IdentityProviderOptions {
  /**
   * Serve HTTPS with this certificate (MSAL accepts only https authorities); plain HTTP without it
   * (Google's client library fetches with Node's fetch, which cannot be given a CA).
   */
  tls?: { key: string; cert: string };
  microsoft?: MicrosoftAppRegistration[];
  google?: GoogleServiceAccountRegistration[];
  /** Lifetime of the tokens issued from now on, in seconds. Default 3599 (as Entra ID and Google). */
  expiresInSeconds?: number;
}

/** The claims of the last JWT assertion a Google client sent, after its signature was checked. */
export interface GoogleAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

interface IssuedToken {
  provider: 'microsoft' | 'google';
  /** Microsoft: the app's registration; Google: the impersonated user. */
  microsoftApp?: MicrosoftAppRegistration;
  googleUser?: string;
  expiresAt: number;
}

export interface RunningIdentityProvider {
  /** `https://127.0.0.1:<port>` (or http without `tls`): the Microsoft authority host. */
  readonly origin: string;
  /** Where a Google client posts its assertion: `<origin>/token`. */
  readonly googleTokenUrl: string;
  /** Token requests (answered or refused) since the start or the last clear(). */
  readonly tokenRequests: number;
  /** Tokens issued since the start or the last clear(). */
  readonly issuedTokens: number;
  readonly lastGoogleAssertion: GoogleAssertion | null;
  /** Lifetime in seconds of the tokens issued from now on. */
  expiresInSeconds: number;
  /**
   * The SMTP server's side of XOAUTH2: is `token` a live token that may send as `mailbox`? A
   * Microsoft token works for the mailboxes the app's service principal has rights on; a Google
   * token for the user it was issued for.
   */
  acceptsToken(mailbox: string, token: string): boolean;
  /**
   * The IMAP server's side of XOAUTH2 for a server that asks over HTTP (Dovecot's oauth2 passdb,
   * `tokeninfo_url`): `GET <this URL><token>` answers `{ active: true, email: mailbox }` when
   * `acceptsToken(mailbox, token)`, else 401 `{ active: false }`. The mailbox is in the path as is
   * (no percent-encoding: Dovecot would read `%` as a variable).
   */
  tokenInfoUrl(mailbox: string): string;
  /** Token-info requests (GET /tokeninfo/...) answered since the start or the last clear(). */
  readonly tokenInfoRequests: number;
  /** The secret in Entra ID is deleted: every request with the old one gets 401 invalid_client. */
  revokeClientSecret(clientId: string): void;
  /** The secret's expiry date passed: every request with it gets 401 invalid_client, AADSTS7000222. */
  expireClientSecret(clientId: string): void;
  clear(): void;
  close(): Promise<void>;
}

const GOOGLE_AUDIENCE = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MICROSOFT_SCOPE = 'https://outlook.office365.com/.default';

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.end(text);
}

/** An Entra ID error body, as the v2.0 token endpoint sends it. */
function entraError(error: string, code: number, description: string) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

/** Checks an RS256 JWT against a public key; returns its parts, or null when anything is off. */
function verifyJwt(token: string, publicKey: string): GoogleAssertion | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return null;
    return {
      header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
      claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

/**
 * A stand-in for the identity providers, in-process on a free port: Microsoft Entra ID's v2.0
 * OpenID metadata and client-credentials token endpoint (`/<tenant>/v2.0/.well-known/openid-configuration`,
 * `/<tenant>/oauth2/v2.0/token`), and Google's OAuth 2.0 token endpoint for service accounts with
 * domain-wide delegation (`/token`, RS256 assertion checked). The real ones cannot be reached from
 * tests; the client libraries (MSAL, google-auth-library) run unchanged against this. Errors are the
 * providers' own: AADSTS codes, `invalid_grant`, `unauthorized_client`.
 */
export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<RunningIdentityProvider> {
  const microsoftApps = options.microsoft ?? [];
  const googleAccounts = options.google ?? [];
  const tokens = new Map<string, IssuedToken>();
  // Secrets (app:secret) whose expiry date has passed.
  const expiredSecrets = new Set<string>();
  let tokenRequests = 0;
  let tokenInfoRequests = 0;
  let lastGoogleAssertion: GoogleAssertion | null = null;
  let origin = '';

  const state = { expiresInSeconds: options.expiresInSeconds ?? 3599 };

  const issue = (token: Omit<IssuedToken, 'expiresAt'>) => {
    const accessToken = `${token.provider === 'google' ? 'ya29.' : 'eyJ0eXAi.'}${base64url(randomBytes(32))}`;
    tokens.set(accessToken, { ...token, expiresAt: Date.now() + state.expiresInSeconds * 1000 });
    return { token_type: 'Bearer', expires_in: state.expiresInSeconds, ext_expires_in: state.expiresInSeconds, access_token: accessToken };
  };

  const openIdConfiguration = (tenant: string) => ({
    token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${origin}/${tenant}/v2.0`,
    authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
    tenant_region_scope: 'EU',
  });

  const microsoftToken = (res: ServerResponse, tenant: string, form: URLSearchParams): void => {
    tokenRequests += 1;
    if (!microsoftApps.some((app) => app.tenantId === tenant)) {
      return json(res, 400, entraError('invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`));
    }
    const clientId = form.get('client_id') ?? '';
    const app = microsoftApps.find((a) => a.tenantId === tenant && a.clientId === clientId);
    if (!app) {
      return json(res, 400, entraError('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`));
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return json(res, 400, entraError('unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'));
    }
    if (expiredSecrets.has(`${app.clientId}:${app.clientSecret}`) && form.get('client_secret') === app.clientSecret) {
      return json(res, 401, entraError('invalid_client', 7000222, `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app.`));
    }
    if (form.get('client_secret') !== app.clientSecret) {
      return json(res, 401, entraError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`));
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.includes(MICROSOFT_SCOPE)) {
      return json(res, 400, entraError('invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`));
    }
    return json(res, 200, issue({ provider: 'microsoft', microsoftApp: app }));
  };

  const googleToken = (res: ServerResponse, form: URLSearchParams): void => {
    tokenRequests += 1;
    if (form.get('grant_type') !== JWT_BEARER) {
      return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (form.get('grant_type') ?? '') });
    }
    const assertion = form.get('assertion') ?? '';
    const payload = assertion.split('.')[1] ?? '';
    let unverified: Record<string, unknown> = {};
    try {
      unverified = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT.' });
    }
    const account = googleAccounts.find((a) => a.clientEmail === unverified.iss);
    if (!account) return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    const checked = verifyJwt(assertion, account.publicKey);
    if (!checked) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    lastGoogleAssertion = checked;
    const { claims } = checked;
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== GOOGLE_AUDIENCE) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: Audience mismatch.' });
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp < now || claims.exp - claims.iat > 3600) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.' });
    }
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (subject && !account.users.some((u) => u.toLowerCase() === subject.toLowerCase())) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid email or User ID' });
    }
    const scopes = String(claims.scope ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || !scopes.every((s) => account.delegatedScopes.includes(s))) {
      return json(res, 401, {
        error: 'unauthorized_client',
        error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      });
    }
    return json(res, 200, issue({ provider: 'google', googleUser: subject || account.clientEmail }));
  };

  const acceptsToken = (mailbox: string, token: string): boolean => {
    const issued = tokens.get(token);
    if (!issued || issued.expiresAt <= Date.now()) return false;
    const wanted = mailbox.toLowerCase();
    if (issued.provider === 'microsoft') return !!issued.microsoftApp?.mailboxes.some((m) => m.toLowerCase() === wanted);
    return issued.googleUser?.toLowerCase() === wanted;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && segments.length === 4 && segments[1] === 'v2.0' && segments[2] === '.well-known' && segments[3] === 'openid-configuration') {
      return json(res, 200, openIdConfiguration(segments[0] as string));
    }
    if (req.method === 'GET' && segments.length === 2 && segments[0] === 'tokeninfo') {
      tokenInfoRequests += 1;
      const mailbox = segments[1] as string;
      const token = url.searchParams.get('access_token') ?? '';
      if (!acceptsToken(mailbox, token)) return json(res, 401, { active: false, error: 'invalid_token' });
      return json(res, 200, { active: true, email: mailbox });
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      if (segments.length === 4 && segments[1] === 'oauth2' && segments[2] === 'v2.0' && segments[3] === 'token') {
        return microsoftToken(res, segments[0] as string, form);
      }
      if (segments.length === 1 && segments[0] === 'token') return googleToken(res, form);
    }
    return json(res, 404, { error: 'not_found' });
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => json(res, 500, { error: 'server_error' }));
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    googleTokenUrl: `${origin}/token`,
    get tokenRequests() {
      return tokenRequests;
    },
    get issuedTokens() {
      return tokens.size;
    },
    get lastGoogleAssertion() {
      return lastGoogleAssertion;
    },
    get expiresInSeconds() {
      return state.expiresInSeconds;
    },
    set expiresInSeconds(value: number) {
      state.expiresInSeconds = value;
    },
    acceptsToken,
    tokenInfoUrl(mailbox) {
      return `${origin}/tokeninfo/${mailbox}?access_token=`;
    },
    get tokenInfoRequests() {
      return tokenInfoRequests;
    },
    expireClientSecret(clientId) {
      for (const app of microsoftApps) if (app.clientId === clientId) expiredSecrets.add(`${app.clientId}:${app.clientSecret}`);
    },
    revokeClientSecret(clientId) {
      for (const app of microsoftApps) if (app.clientId === clientId) app.clientSecret = `revoked-${randomUUID()}`;
    },
    clear() {
      tokens.clear();
      tokenRequests = 0;
      tokenInfoRequests = 0;
      lastGoogleAssertion = null;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export interface ServiceAccountKey {
  /** The key file as Google hands it out: paste this into "Palvelutilin avain (JSON)". */
  json: string;
  /** The public half, for `startIdentityProvider({ google: [{ publicKey }] })`. */
  publicKey: string;
  clientEmail: string;
}

/** A fresh Google service-account key file (RSA 2048, the shape Google Cloud console downloads). */
export function makeServiceAccountKey(clientEmail = 'maestro-smtp@maestro-testi.iam.gserviceaccount.com'): ServiceAccountKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const projectId = clientEmail.split('@')[1]?.split('.')[0] ?? 'maestro-testi';
  const json = JSON.stringify(
    {
      type: 'service_account',
      project_id: projectId,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey,
      client_email: clientEmail,
      client_id: String(100000000000000000000n + BigInt(randomBytes(4).readUInt32BE())),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: GOOGLE_AUDIENCE,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
      universe_domain: 'googleapis.com',
    },
    null,
    2,
  );
  return { json, publicKey, clientEmail };
}
