// Field labels come from settings-schema (the seed's Finnish texts and their English), never from
// the dictionary. Kept apart from i18n.ts so the main bundle does not pull in the schemas.
import { useMemo } from 'react';
import { listFields, type FieldDescriptor } from '@maestro/settings-schema';
import type { Dictionary, UiLanguage } from './dictionary';
import { useLanguage, useT } from './i18n';

export interface FieldText {
  label: string;
  help?: string;
}

export type FieldTexts = (path: string) => FieldText;

type RecordSchema = Parameters<typeof listFields>[0];

/** Labels and help of a record's fields, by dotted path, in one language. */
export function fieldTextsOf(fields: readonly FieldDescriptor[], language: UiLanguage): FieldTexts {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  return (path) => {
    const field = byPath.get(path);
    // A typo in a path must fail the tests, not render an empty label.
    if (!field) throw new Error(`settings-schema has no label for "${path}"`);
    return language === 'fi' ? { label: field.labelFi, help: field.helpFi } : { label: field.labelEn, help: field.helpEn };
  };
}

/** The labels of a record schema's fields in the UI language. */
export function useFieldTexts(schema: RecordSchema): FieldTexts {
  const language = useLanguage();
  return useMemo(() => fieldTextsOf(listFields(schema), language), [schema, language]);
}

/**
 * The label for a problem's path, as the error summary shows it; list items (`signatureLines.2`)
 * name their line. Undefined for a path that is no field of the record.
 */
export function labelOfPath(fields: readonly FieldDescriptor[], language: UiLanguage, t: Dictionary): (path: string) => string | undefined {
  const texts = new Map(fields.map((f) => [f.path, language === 'fi' ? f.labelFi : f.labelEn]));
  return (path) => {
    const exact = texts.get(path);
    if (exact) return exact;
    const item = /^(.*)\.(\d+)$/.exec(path);
    const listLabel = item ? texts.get(item[1] ?? '') : undefined;
    return listLabel && item ? t.settings.signatureLine(listLabel, Number(item[2]) + 1) : undefined;
  };
}

export function useLabelOfPath(schema: RecordSchema): (path: string) => string | undefined {
  const language = useLanguage();
  const t = useT();
  return useMemo(() => labelOfPath(listFields(schema), language, t), [schema, language, t]);
}
