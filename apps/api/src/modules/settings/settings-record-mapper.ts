import type { z } from 'zod';
import { boundValue, listFields, secretBindings, type SecretBinding } from '@maestro/settings-schema';
import { openBound, sealBound, type Binding } from '../secrets/bound-secret';
import type { SecretBox } from '../secrets/secret-box';

/** Column of a secret field `x`: its sealed form is stored as `xSealed` beside the other fields. */
export const sealedColumn = (key: string) => `${key}Sealed`;

type Bag = Record<string, unknown>;

/** The object at `parts` under `root`, or undefined where the path stops (a step missing or null). */
function findHolder(root: Bag, parts: string[]): Bag | undefined {
  let holder = root;
  for (const part of parts) {
    const next = holder[part];
    if (next === undefined || next === null) return undefined;
    holder = next as Bag;
  }
  return holder;
}

/** The object at `parts` under `root`, with an empty object made for each step missing or null. */
function makeHolder(root: Bag, parts: string[]): Bag {
  let holder = root;
  for (const part of parts) {
    holder[part] ??= {};
    holder = holder[part] as Bag;
  }
  return holder;
}

/** The bound fields' values in a record, as stored with the sealed secret. */
function bindingOf(binding: SecretBinding, record: object): Binding {
  return Object.fromEntries(binding.boundTo.map((path) => [path, boundValue(record, path)]));
}

/**
 * Whether a secret may be used with the record as it is now. A field bound now that the stored binding
 * does not name (the list grew after the secret was saved) counts as empty then. A secret sealed before
 * bindings existed is taken as bound to the record as stored: every save through the API seals anew.
 */
export function bindingHolds(binding: SecretBinding, stored: Binding | null, record: object): boolean {
  if (stored === null) return true;
  return binding.boundTo.every((path) => (stored[path] ?? '') === boundValue(record, path));
}

/**
 * Entity -> domain record. Which fields exist and which are secret comes from the settings-schema
 * record itself, so a new field or a new secret needs no change here. Secrets come back opened — but
 * only when the fields they are bound to still hold the values they were saved with; otherwise the
 * secret is not used (null), whatever changed those columns.
 */
export function readRecord<T extends object>(schema: z.ZodType, entity: object, box: SecretBox, defaults: T): T {
  const record = structuredClone(defaults) as Bag;
  const fields = listFields(schema);
  for (const field of fields.filter((f) => !f.secret)) {
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const source = findHolder(entity as Bag, parts);
    const target = makeHolder(record, parts);
    if (source && source[key] !== null && source[key] !== undefined) target[key] = source[key];
  }
  const bindings = new Map(secretBindings(schema).map((b) => [b.path, b]));
  for (const field of fields.filter((f) => f.secret)) {
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const source = findHolder(entity as Bag, parts);
    const target = makeHolder(record, parts);
    const sealed = source?.[sealedColumn(key)];
    if (typeof sealed !== 'string' || sealed === '') {
      target[key] = null;
      continue;
    }
    const opened = openBound(box, sealed);
    const binding = bindings.get(field.path) as SecretBinding;
    target[key] = bindingHolds(binding, opened.binding, record) ? opened.secret : null;
  }
  return record as T;
}

/** Domain record -> entity columns, sealing every secret field with the values it is bound to. */
export function writeRecord(schema: z.ZodType, record: object, entity: object, box: SecretBox): void {
  const bindings = new Map(secretBindings(schema).map((b) => [b.path, b]));
  for (const field of listFields(schema)) {
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const source = findHolder(record as Bag, parts);
    const target = makeHolder(entity as Bag, parts);
    const value = source?.[key];
    if (field.secret) {
      target[sealedColumn(key)] = typeof value === 'string' && value !== '' ? sealBound(box, value, bindingOf(bindings.get(field.path) as SecretBinding, record)) : null;
    } else {
      target[key] = value;
    }
  }
}
