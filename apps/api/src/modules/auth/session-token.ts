import { SignJWT, jwtVerify } from 'jose';

export interface SessionClaims {
  userId: string;
  companyId: string;
  /**
   * The user's token version when the token was issued. A password change, a reset, a role change,
   * deactivation and logout raise the user's version, which ends every token issued before.
   */
  tokenVersion: number;
}

const ISSUER = 'maestro-messaging';

export interface SessionTokenOptions {
  /** Refresh tokens name their purpose (on top of their own key); access tokens stay as they were issued before. */
  audience?: 'refresh';
  /** How long a token lives, in seconds. */
  lifetimeSeconds: number;
}

/**
 * Signed (HS256) tokens of a signed-in user: the short-lived access token sent back as
 * `Authorization: Bearer …`, and the refresh token that lives in an httpOnly cookie and gives a new
 * browser tab its own access token. Each kind has its own key and audience.
 */
export class SessionTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly options: SessionTokenOptions = { lifetimeSeconds: 12 * 3600 },
  ) {}

  /** `notAfter`: the token ends then at the latest (an access token never outlives its refresh token). */
  async issue(claims: SessionClaims, notAfter?: Date): Promise<{ token: string; expiresAt: Date }> {
    const ends = Math.floor(Date.now() / 1000) + this.options.lifetimeSeconds;
    const exp = notAfter ? Math.min(ends, Math.floor(notAfter.getTime() / 1000)) : ends;
    const jwt = new SignJWT({ cid: claims.companyId, tv: claims.tokenVersion }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.userId).setIssuer(ISSUER);
    if (this.options.audience) jwt.setAudience(this.options.audience);
    const token = await jwt.setIssuedAt().setExpirationTime(exp).sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims and expiry of a valid token, or null for a forged, expired, malformed or other-purpose one. */
  async verify(token: string): Promise<(SessionClaims & { expiresAt: Date }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], ...(this.options.audience ? { audience: this.options.audience } : {}) });
      if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || typeof payload.exp !== 'number') return null;
      // Tokens issued before versions existed carry none: they count as version 0, the first.
      const tokenVersion = payload.tv === undefined ? 0 : payload.tv;
      if (typeof tokenVersion !== 'number' || !Number.isInteger(tokenVersion)) return null;
      return { userId: payload.sub, companyId: payload.cid, tokenVersion, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }
}
