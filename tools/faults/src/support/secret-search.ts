/**
 * The forms a secret can take on its way out: in clear, JSON-escaped, URL-encoded, hex, and inside
 * any base64 text at any of the three byte alignments (AUTH PLAIN sends base64("\0user\0password"),
 * AUTH LOGIN base64("password"), a log may base64 a whole buffer).
 */
export function leakForms(secret: string, username?: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), bytes.toString('hex')]);
  for (let offset = 0; offset < 3; offset++) {
    // Encode behind `offset` filler bytes; keep only the characters made from the secret's bytes alone.
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const start = offset === 0 ? 0 : 4;
    const rest = (bytes.length + offset) % 3;
    // A last partial group (2 or 3 characters once the padding is gone) mixes in whatever follows.
    const end = encoded.length - (rest === 0 ? 0 : rest + 1);
    const core = encoded.slice(start, end);
    if (core.length >= 8) forms.add(core);
  }
  if (username !== undefined) forms.add(Buffer.from(`\u0000${username}\u0000${secret}`).toString('base64'));
  return [...forms];
}

export interface Leak {
  secret: string;
  form: string;
  where: string;
  context: string;
}

/** Every place a secret (in any of its forms) shows up in the haystack; empty when none does. */
export function findLeaks(haystack: string, secrets: Record<string, { value: string; username?: string }>, where: string): Leak[] {
  const leaks: Leak[] = [];
  for (const [name, { value, username }] of Object.entries(secrets)) {
    for (const form of leakForms(value, username)) {
      const at = haystack.indexOf(form);
      if (at >= 0) leaks.push({ secret: name, form, where, context: haystack.slice(Math.max(0, at - 80), at + form.length + 80) });
    }
  }
  return leaks;
}
