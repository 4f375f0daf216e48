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
