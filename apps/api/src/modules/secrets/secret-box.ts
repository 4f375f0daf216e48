import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM for secrets at rest. A stored value is `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64
 * parts): the key id lets a rotated key still open what the previous key sealed.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly keys = new Map<string, Buffer>();

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    if (currentKey.length !== 32) throw new Error('The secret key must be 32 bytes.');
    this.current = { id: keyId(currentKey), key: currentKey };
    for (const key of [currentKey, ...previousKeys]) this.keys.set(keyId(key), key);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, id, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || !id || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('A stored secret is not in the expected format.');
    }
    const key = this.keys.get(id);
    if (!key) throw new Error(`A stored secret was sealed with key ${id}, which is not configured (MAESTRO_PREVIOUS_SECRET_KEYS).`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  /** A key for signing session tokens, derived so that it is never the encryption key itself. */
  deriveKey(purpose: string): Uint8Array {
    return createHash('sha256').update(this.current.key).update(`maestro:${purpose}`).digest();
  }
}
