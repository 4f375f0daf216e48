import type { z } from 'zod';
import { changedBindingFields, listFields, problem, secretBindings, secretPaths, valueAtPath, type Problem } from '@maestro/settings-schema';

type Bag = Record<string, unknown>;

const isRecord = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);

function holderOf(root: Bag, parts: string[]): Bag | undefined {
  let holder: Bag | undefined = root;
  for (const part of parts) holder = isRecord(holder?.[part]) ? (holder[part] as Bag) : undefined;
  return holder;
}

/**
 * Apply an update to a stored record. Omitted fields keep their value. A secret field (declared in
 * settings-schema) keeps its stored value when omitted or null, and is cleared by "". A field kept
 * with a secret (`belongsToSecret`, e.g. a client secret's expiry date) is cleared with it, and when
 * the secret is replaced without a new value for it: it described the old secret. A value given for it
 * in the same input is kept, so that validation checks what the caller sent.
 */
export function mergeSettingsInput<T extends object>(schema: z.ZodType, stored: T, input: object): T {
  const secrets = new Set(secretPaths(schema));
  const merged = structuredClone(stored) as Bag;
  const given = new Set<string>();
  const changedSecrets = new Set<string>();
  const apply = (target: Bag, patch: Bag, prefix: string) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (secrets.has(path)) {
        if (value === null) continue;
        target[key] = value === '' ? null : value;
        changedSecrets.add(path);
      } else if (isRecord(value) && isRecord(target[key])) {
        apply(target[key] as Bag, value, path);
      } else {
        target[key] = Array.isArray(value) ? [...value] : value;
        given.add(path);
      }
    }
  };
  apply(merged, input as Bag, '');
  for (const field of listFields(schema)) {
    if (!field.belongsToSecret) continue;
    const parts = field.path.split('.');
    const key = parts.pop() as string;
    const secretPath = [...parts, field.belongsToSecret].join('.');
    const holder = holderOf(merged, parts);
    if (!holder) continue;
    const secretGone = holder[field.belongsToSecret] === null || holder[field.belongsToSecret] === '';
    // A value the caller gave is kept for validation to check (a bad date is refused, not cleared away).
    const givenValue = given.has(field.path) && typeof holder[key] === 'string' && holder[key] !== '';
    if ((secretGone && !givenValue) || (changedSecrets.has(secretPath) && !given.has(field.path))) holder[key] = '';
  }
  return merged as T;
}

/**
 * A stored secret that the input keeps (leaves out) while it changes a field the secret is bound to:
 * the secret would go to another server, user or sign-in method, or over another encryption, than it
 * was saved for. Each such secret is a problem that asks for it again (or to clear it) and names what
 * changed. Saves and connection tests alike refuse the whole input then.
 */
export function keptSecretProblems(schema: z.ZodType, stored: object, merged: object, input: object, invalid: readonly Problem[] = []): Problem[] {
  // A bound field that is itself wrong is reported as such: the secret is asked for once it is right.
  const wrong = new Set(invalid.map((p) => p.path));
  const labels = new Map(listFields(schema).map((f) => [f.path, f]));
  const problems: Problem[] = [];
  for (const binding of secretBindings(schema)) {
    const given = valueAtPath(input, binding.path);
    const kept = given === undefined || given === null;
    const storedSecret = valueAtPath(stored, binding.path);
    if (!kept || typeof storedSecret !== 'string' || storedSecret === '') continue;
    const changed = changedBindingFields(binding, stored, merged).filter((path) => !wrong.has(path));
    if (changed.length === 0) continue;
    const secret = labels.get(binding.path);
    problems.push(
      problem(binding.path, 'SECRET_REQUIRED_AGAIN', {
        labelFi: secret?.labelFi ?? binding.path,
        labelEn: secret?.labelEn ?? binding.path,
        changedFi: changed.map((path) => labels.get(path)?.labelFi ?? path).join(', '),
        changedEn: changed.map((path) => labels.get(path)?.labelEn ?? path).join(', '),
      }),
    );
  }
  return problems;
}
