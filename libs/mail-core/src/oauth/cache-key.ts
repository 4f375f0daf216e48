import { createHmac, randomBytes } from 'node:crypto';

// Lives in this process only; a random salt keeps a key seen in a heap dump from being checked
// against guessed secrets.
const SALT = randomBytes(32);

/**
 * A map key for cached tokens and clients: a salted HMAC over the parts. Secrets go into it (a
 * company that knows another's tenant and client id but not its secret must not be served that
 * company's token), but never in clear.
 */
export function cacheKey(parts: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return createHmac('sha256', SALT).update(JSON.stringify(parts)).digest('hex');
}

/** Sets a value and forgets the oldest entries beyond `max` (a Map iterates in insertion order). */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
