import { SignJWT, jwtVerify } from 'jose';

export interface SessionClaims {
  userId: string;
  companyId: string;
}

const ISSUER = 'maestro-messaging';
const LIFETIME = '12h';

/** Signed (HS256) session tokens, sent back as `Authorization: Bearer …`. */
export class SessionTokens {
  constructor(private readonly key: Uint8Array) {}

  async issue(claims: SessionClaims): Promise<{ token: string; expiresAt: Date }> {
    const token = await new SignJWT({ cid: claims.companyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(this.key);
    const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER });
    return { token, expiresAt: new Date((payload.exp as number) * 1000) };
  }

  /** The claims of a valid token, or null for a forged, expired or malformed one. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string') return null;
      return { userId: payload.sub, companyId: payload.cid };
    } catch {
      return null;
    }
  }
}
