import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'mk_';

/** A new key `mk_<id>_<secret>`: the id finds the row, the secret proves possession. */
export function newServiceKey(id: string): { key: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { key: `${PREFIX}${id.replace(/-/g, '')}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function isServiceKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** The row id (uuid with dashes) and secret of a presented key, or null when it is not one of ours. */
export function parseServiceKey(token: string): { id: string; secret: string } | null {
  const match = /^mk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const hex = match[1] as string;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2] as string };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
