import type { SecretBox } from './secret-box';

/** Marks a sealed payload that carries its binding; a secret sealed before bindings existed has none. */
const BOUND_PREFIX = 'maestro-bound-secret:';

/** A bound field's value as compared (see settings-schema's `bindingValue`), by the field's path. */
export type Binding = Record<string, string>;

export interface OpenedSecret {
  secret: string;
  /** The values of the bound fields when the secret was saved; null for a secret sealed before bindings. */
  binding: Binding | null;
}

/**
 * Seals a secret together with what it is bound to (DESIGN: a stored secret is used only with the
 * host, port, user name and sign-in method it was stored with, over the encryption it was saved
 * with). Inside the AES-GCM seal, so changing a column in the database does not change the binding.
 */
export function sealBound(box: SecretBox, secret: string, binding: Binding): string {
  return box.seal(BOUND_PREFIX + JSON.stringify({ s: secret, b: binding }));
}

export function openBound(box: SecretBox, sealed: string): OpenedSecret {
  const plain = box.open(sealed);
  if (!plain.startsWith(BOUND_PREFIX)) return { secret: plain, binding: null };
  const parsed = JSON.parse(plain.slice(BOUND_PREFIX.length)) as { s: string; b: Binding };
  return { secret: parsed.s, binding: parsed.b };
}
