import { z } from 'zod';
import { fieldMeta, type FieldMeta } from './field-meta';

export interface FieldDescriptor extends FieldMeta {
  /** Dotted path, e.g. `smtp.password`. */
  path: string;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  // Nullable/optional/pipe wrappers do not change which fields a record has.
  for (;;) {
    if (current instanceof z.ZodNullable || current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** Every labelled field of a record schema, nested objects flattened to dotted paths, in order. */
export function listFields(schema: z.ZodType, prefix = ''): FieldDescriptor[] {
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) return [];
  const out: FieldDescriptor[] = [];
  for (const [key, child] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const meta = fieldMeta(child);
    if (meta) out.push({ path, ...meta });
    else out.push(...listFields(child, path));
  }
  return out;
}

/** The dotted paths of every secret field, derived from the `secret` flag on the fields. */
export function secretPaths(schema: z.ZodType): string[] {
  return listFields(schema)
    .filter((f) => f.secret)
    .map((f) => f.path);
}

export interface SecretBinding {
  /** The secret's dotted path, e.g. `smtp.password`. */
  path: string;
  /** The dotted paths, from the record's root, of the fields the secret is bound to. */
  boundTo: string[];
}

/** Every secret with the fields it is bound to (`boundTo` on the field), as paths from the record's root. */
export function secretBindings(schema: z.ZodType): SecretBinding[] {
  return listFields(schema)
    .filter((f) => f.secret)
    .map((f) => {
      const parent = f.path.split('.').slice(0, -1).join('.');
      return { path: f.path, boundTo: (f.boundTo ?? []).map((relative) => (parent ? `${parent}.${relative}` : relative)) };
    });
}

/** The value at a dotted path of a plain record, or undefined. */
export function valueAtPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * The bound fields whose values differ between two versions of a record: where a kept secret would be
 * used with other details than it was saved with. Text is compared trimmed, and host names
 * case-insensitively; an absent value counts as empty, so a field added to a binding later does not
 * unbind secrets saved before it while it stays empty.
 */
export function changedBindingFields(binding: SecretBinding, before: unknown, after: unknown): string[] {
  return binding.boundTo.filter((path) => boundValue(before, path) !== boundValue(after, path));
}

/** Fields that mean nothing while their server is not set: an IMAP port or encryption without an IMAP host. */
const SERVER_OF: Readonly<Record<string, string>> = { imapPort: 'imapHost', imapEncryption: 'imapHost' };

/**
 * The comparable value of one bound field in a record (see `bindingValue`). A field that only
 * describes a server the record does not use (the IMAP port and encryption while no IMAP host is set)
 * counts as empty: their defaults must not unbind a secret saved before the IMAP block existed.
 */
export function boundValue(record: unknown, path: string): string {
  const parts = path.split('.');
  const server = SERVER_OF[parts[parts.length - 1] as string];
  if (server && bindingValue(server, valueAtPath(record, [...parts.slice(0, -1), server].join('.'))) === '') return '';
  return bindingValue(path, valueAtPath(record, path));
}

/** The comparable form of one bound value (see `changedBindingFields`). */
export function bindingValue(path: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value.trim() : String(value);
  return /(^|\.)host$/.test(path) ? text.toLowerCase() : text;
}

/** The last segment of every secret field name (e.g. `password`), for log redaction by key. */
export function secretKeys(...schemas: z.ZodType[]): string[] {
  return [...new Set(schemas.flatMap((s) => secretPaths(s).map((p) => p.split('.').pop() as string)))];
}

/**
 * A copy of a record with each secret replaced by whether it is set: `password` -> `passwordSet`.
 * This is the only shape in which a record with secrets leaves the API.
 */
export function redactSecrets<T extends Record<string, unknown>>(schema: z.ZodType, record: T): Record<string, unknown> {
  const copy = structuredClone(record) as Record<string, unknown>;
  for (const path of secretPaths(schema)) {
    const parts = path.split('.');
    const key = parts.pop() as string;
    let holder: Record<string, unknown> | undefined = copy;
    for (const part of parts) holder = holder?.[part] as Record<string, unknown> | undefined;
    if (!holder) continue;
    const value = holder[key];
    delete holder[key];
    holder[`${key}Set`] = typeof value === 'string' && value !== '';
  }
  return copy;
}
