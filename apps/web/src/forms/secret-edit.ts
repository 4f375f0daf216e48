import { secretPaths, validateRecord, type Problem } from '@maestro/settings-schema';

/**
 * What the user does to a write-only secret. The API returns only `<name>Set`; on saving, an omitted
 * secret keeps its value and "" clears it (SmtpAccountInput).
 */
export interface SecretEdit {
  /** Whether the API holds a value now. */
  isSet: boolean;
  /** keep: leave as is; replace: the typed value (empty keeps); clear: remove it. */
  mode: 'keep' | 'replace' | 'clear';
  value: string;
}

export function secretFrom(isSet: boolean): SecretEdit {
  return { isSet, mode: isSet ? 'keep' : 'replace', value: '' };
}

/** The value for the API input: undefined keeps the stored one, "" clears it. */
export function secretInput(edit: SecretEdit): string | undefined {
  if (edit.mode === 'clear') return '';
  if (edit.mode === 'replace' && edit.value !== '') return edit.value;
  return undefined;
}

/** A stored secret that saving leaves as it is: nothing typed over it, not cleared. */
export function isKeptSecret(edit: SecretEdit): boolean {
  return edit.isSet && secretInput(edit) === undefined;
}

/**
 * Stands for a kept secret in the record the client validates: the browser never has the stored value,
 * yet the server validates the record with it merged in, so it must count as given. Only ever in that
 * record — never in the form state, never in a request.
 */
export const KEPT_SECRET_PLACEHOLDER = 'stored secret, kept';

/**
 * The value to validate with settings-schema: what was typed; a kept stored secret as the placeholder
 * (present); null for a secret that is cleared or was never set.
 */
export function secretForValidation(edit: SecretEdit): string | null {
  const input = secretInput(edit);
  if (input !== undefined) return input === '' ? null : input;
  return edit.isSet ? KEPT_SECRET_PLACEHOLDER : null;
}

type RecordSchema = Parameters<typeof validateRecord>[0];
type ValidationResult = { ok: true } | { ok: false; problems: Problem[] };

function valueAt(record: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((holder, key) => (holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined), record);
}

/**
 * The dotted paths of the secrets a form keeps as stored. Which fields are secret comes from the
 * schema's `secret` flag; the form mirrors the record's paths.
 */
export function keptSecretPaths(schema: RecordSchema, form: object): string[] {
  return secretPaths(schema).filter((path) => {
    const edit = valueAt(form, path) as SecretEdit | undefined;
    return edit !== undefined && isKeptSecret(edit);
  });
}

/**
 * settings-schema's verdict on a form's record (the server's rules), minus problems about kept secrets: their value is unknown here
 * (the placeholder only says "present"), and the server checked it when it was saved — a key file's
 * shape, for one, must not be judged on the placeholder.
 */
export function validateKeepingSecrets(schema: RecordSchema, record: unknown, form: object): ValidationResult {
  const result = validateRecord(schema, record);
  if (result.ok) return { ok: true };
  const kept = new Set(keptSecretPaths(schema, form));
  const problems = result.problems.filter((p) => !kept.has(p.path));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
