import type { z } from 'zod';
import { listFields } from '@maestro/settings-schema';
import type { SecretBox } from '../secrets/secret-box';

/** Column of a secret field `x`: its sealed form is stored as `xSealed` beside the other fields. */
export const sealedColumn = (key: string) => `${key}Sealed`;

type Bag = Record<string, unknown>;

function holderOf(root: Bag, parts: string[], create: boolean): Bag | undefined {
  let holder: Bag | undefined = root;
  for (const part of parts) {
    if (!holder) return undefined;
    if (holder[part] === undefined || holder[part] === null) {
      if (!create) return undefined;
      holder[part] = {};
    }
    holder = holder[part] as Bag;
  }
  return holder;
}

/**
 * Entity -> domain record. Which fields exist and which are secret comes from the settings-schema
 * record itself, so a new field or a new secret needs no change here. Secrets come back opened.
 */
export function readRecord<T extends object>(schema: z.ZodType, entity: object, box: SecretBox, defaults: T): T {
  const record = structuredClone(defaults) as Bag;
  for (const field of listFields(schema)) {
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const source = holderOf(entity as Bag, parts, false);
    const target = holderOf(record, parts, true) as Bag;
    if (!source) continue;
    if (field.secret) {
      const sealed = source[sealedColumn(key)];
      target[key] = typeof sealed === 'string' && sealed !== '' ? box.open(sealed) : null;
    } else if (source[key] !== null && source[key] !== undefined) {
      target[key] = source[key];
    }
  }
  return record as T;
}

/** Domain record -> entity columns, sealing every secret field. */
export function writeRecord(schema: z.ZodType, record: object, entity: object, box: SecretBox): void {
  for (const field of listFields(schema)) {
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const source = holderOf(record as Bag, parts, false);
    const target = holderOf(entity as Bag, parts, true) as Bag;
    const value = source?.[key];
    if (field.secret) target[sealedColumn(key)] = typeof value === 'string' && value !== '' ? box.seal(value) : null;
    else target[key] = value;
  }
}
