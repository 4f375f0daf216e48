import type { z } from 'zod';
import { redactSecrets, type LocalizedText } from '@maestro/settings-schema';
import type { UiLanguage } from '../../common/language';
import type { SettingsWarning } from './settings.types';

export interface LocalizedWarning {
  field: string;
  code: string;
  message: LocalizedText;
}

/**
 * The one way a settings record leaves the API: secrets replaced by `<name>Set` booleans (derived
 * from the schema's secret flags), warnings in the caller's language.
 */
export function presentSettings<T>(schema: z.ZodType, record: object, warnings: readonly LocalizedWarning[], language: UiLanguage): T {
  const redacted = redactSecrets(schema, record as Record<string, unknown>);
  const localized: SettingsWarning[] = warnings.map((w) => ({ field: w.field, code: w.code, message: w.message[language] }));
  return { ...redacted, warnings: localized } as T;
}
