import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SecretBox } from '../../src/modules/secrets/secret-box';
import { loadOrCreateKeyFile } from '../../src/modules/secrets/secret-key-file';

describe('the secret box', () => {
  it('seals with a fresh IV each time, so the same password never looks the same twice', () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal('salasana');
    const b = box.seal('salasana');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1:')).toBe(true);
    expect(box.open(a)).toBe('salasana');
  });

  it('refuses a sealed value that was tampered with', () => {
    const box = new SecretBox(randomBytes(32));
    const parts = box.seal('salasana').split(':');
    const ct = Buffer.from(parts[4] as string, 'base64');
    ct[0] = (ct[0] as number) ^ 1;
    parts[4] = ct.toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('opens what an earlier key sealed after the key is rotated', () => {
    const oldKey = randomBytes(32);
    const sealed = new SecretBox(oldKey).seal('vanha');
    const rotated = new SecretBox(randomBytes(32), [oldKey]);
    expect(rotated.open(sealed)).toBe('vanha');
  });

  it('says which key is missing when a value was sealed with an unknown key', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('x');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(/MAESTRO_PREVIOUS_SECRET_KEYS/);
  });

  it('generates the embedded key file once, readable by its owner only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'maestro-key-'));
    const first = loadOrCreateKeyFile(dir);
    expect(loadOrCreateKeyFile(dir).equals(first)).toBe(true);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
