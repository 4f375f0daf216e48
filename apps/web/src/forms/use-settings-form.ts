import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { useLanguage, useT } from '../i18n/i18n';

export interface SettingsFormOptions<F, R> {
  /** The record as the API returned it; the form starts from it once it has loaded. */
  data: R | undefined;
  toForm: (data: R) => F;
  /** settings-schema's validator on the form as a record: the same rules the server applies. */
  validate: (form: F) => { ok: true } | { ok: false; problems: Problem[] };
  /** Sends the form; resolves with the saved record, rejects with the API's error. */
  save: (form: F) => Promise<R>;
}

export interface SettingsForm<F> {
  form: F | null;
  /** The next form, and the field or fields (dotted paths) that changed: their problems go away. */
  change: (next: F, changed: string | readonly string[]) => void;
  dirty: boolean;
  /** Field problems to show: the client's validation, or the API's BAD_USER_INPUT fields. */
  errors: readonly FieldError[];
  errorSource: 'client' | 'server' | null;
  /** An error that belongs to no field (network, permission). */
  generalError: string | null;
  /** Client-side validation; shows every problem and says whether saving may go on. */
  check: () => boolean;
  /** Saves when there are changes; true when nothing is left unsaved. Call check() first. */
  save: () => Promise<boolean>;
}

/**
 * State of one settings record being edited: the form, whether it changed, and the problems to show
 * beside its fields. A failed save keeps everything the user typed.
 */
export function useSettingsForm<F, R>({ data, toForm, validate, save }: SettingsFormOptions<F, R>): SettingsForm<F> {
  const language = useLanguage();
  const t = useT();
  const [form, setForm] = useState<F | null>(null);
  const [initial, setInitial] = useState<F | null>(null);
  const [problems, setProblems] = useState<{ source: 'client'; list: Problem[] } | { source: 'server'; list: FieldError[] } | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const latest = useRef({ toForm, validate, save });
  latest.current = { toForm, validate, save };

  // The form starts from the first answer; later answers (a language switch refetches the warnings)
  // must not overwrite what the user is typing.
  useEffect(() => {
    if (data !== undefined && initial === null) {
      const start = latest.current.toForm(data);
      setForm(start);
      setInitial(start);
    }
  }, [data, initial]);

  const dirty = useMemo(() => form !== null && JSON.stringify(form) !== JSON.stringify(initial), [form, initial]);

  const change = useCallback((next: F, changed: string | readonly string[]) => {
    setForm(next);
    setGeneralError(null);
    // The problem the user is fixing goes away; the others stay until the next check.
    const paths = typeof changed === 'string' ? [changed] : changed;
    setProblems((current) => {
      if (!current) return current;
      const touched = (field: string) => paths.some((path) => field === path || field.startsWith(`${path}.`));
      return current.source === 'client'
        ? { source: 'client', list: current.list.filter((p) => !touched(p.path)) }
        : { source: 'server', list: current.list.filter((p) => !touched(p.field)) };
    });
  }, []);

  const check = useCallback(() => {
    if (form === null || !dirty) return true;
    const result = latest.current.validate(form);
    setGeneralError(null);
    setProblems(result.ok ? null : { source: 'client', list: result.problems });
    return result.ok;
  }, [form, dirty]);

  const submit = useCallback(async () => {
    if (form === null || !dirty) return true;
    setGeneralError(null);
    try {
      const saved = latest.current.toForm(await latest.current.save(form));
      setForm(saved);
      setInitial(saved);
      setProblems(null);
      return true;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setProblems(fields.length > 0 ? { source: 'server', list: fields } : null);
      // A field-less refusal (permission, network) still has to be shown somewhere.
      setGeneralError(fields.length > 0 ? null : messageOf(error, t));
      return false;
    }
  }, [form, dirty, t]);

  const errors = useMemo<FieldError[]>(() => {
    if (!problems) return [];
    if (problems.source === 'server') return problems.list;
    return problems.list.map((p) => ({ field: p.path, code: p.code, message: p.message[language] }));
  }, [problems, language]);

  return { form, change, dirty, errors, errorSource: problems?.source ?? null, generalError, check, save: submit };
}
