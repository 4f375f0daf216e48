import { z } from 'zod';

/**
 * What a form, a redactor and the API need to know about one field, declared once on the field's
 * schema. `secret` fields are write-only: encrypted at rest, never returned, never logged.
 */
export interface FieldMeta {
  /** The seed's Finnish label, the UI's text. */
  labelFi: string;
  labelEn: string;
  /** Write-only: the API answers `<name>Set: Boolean` instead of the value. */
  secret?: boolean;
  /**
   * The secret field this one is kept with (e.g. a client secret's expiry date): cleared when that
   * secret is cleared, or replaced without a new value for this field — it described the old secret.
   */
  belongsToSecret?: string;
  /**
   * A secret's binding: the fields (dotted paths relative to the record the secret sits in, e.g.
   * `host` beside `password`) whose values the secret was given for. The API stores them with the
   * sealed secret and uses the secret only while they are unchanged; changing one asks for the secret
   * again. A list that can grow: a field added later binds secrets saved from then on.
   */
  boundTo?: readonly string[];
  /** A short hint shown under the field. */
  helpFi?: string;
  helpEn?: string;
}

export const fieldRegistry = z.registry<FieldMeta>();

/** Attach labels (and the secret flag) to a field schema. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldRegistry.add(schema, meta);
  return schema;
}

export function fieldMeta(schema: z.ZodType): FieldMeta | undefined {
  return fieldRegistry.get(schema);
}
