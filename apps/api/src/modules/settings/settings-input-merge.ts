import type { z } from 'zod';
import { secretPaths } from '@maestro/settings-schema';

type Bag = Record<string, unknown>;

const isRecord = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Apply an update to a stored record. Omitted fields keep their value. A secret field (declared in
 * settings-schema) keeps its stored value when omitted or null, and is cleared by "".
 */
export function mergeSettingsInput<T extends object>(schema: z.ZodType, stored: T, input: object): T {
  const secrets = new Set(secretPaths(schema));
  const merged = structuredClone(stored) as Bag;
  const apply = (target: Bag, patch: Bag, prefix: string) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (secrets.has(path)) {
        if (value === null) continue;
        target[key] = value === '' ? null : value;
      } else if (isRecord(value) && isRecord(target[key])) {
        apply(target[key] as Bag, value, path);
      } else {
        target[key] = Array.isArray(value) ? [...value] : value;
      }
    }
  };
  apply(merged, input as Bag, '');
  return merged as T;
}
