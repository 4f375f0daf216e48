/**
 * A fresh idempotencyKey: the API stores a message once per key, so a double click or a repeated
 * request (a reload, a network retry) sends it once. One key per compose session.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const random = () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return `${Date.now().toString(16)}-${random()}-${random()}`;
}
