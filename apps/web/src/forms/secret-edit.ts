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

/**
 * The value to validate with settings-schema: a new value is checked, a kept one is not known here
 * (null passes, as the stored value already did).
 */
export function secretForValidation(edit: SecretEdit): string | null {
  return edit.mode === 'replace' && edit.value !== '' ? edit.value : null;
}
