import { Field, Input } from '@fluentui/react-components';
import { useLanguage, useT } from '../i18n/i18n';
import { DATE_FORMAT, parseDate, parseDateTime } from './format-date';

export interface DateFieldProps {
  label: string;
  /** What is typed; the caller reads it with parseDate / parseDateTime. */
  value: string;
  onChange: (value: string) => void;
  /** A day and a time (Lähetysaika) instead of a day. */
  withTime?: boolean;
  /** A problem found elsewhere (required, in the past). */
  error?: string;
  className?: string;
}

/**
 * A day (or day and time) typed in the UI language's format, not the browser's: a native date input
 * shows whatever locale the browser has. A typed value that is no day says so under the field.
 */
export function DateField({ label, value, onChange, withTime, error, className }: DateFieldProps) {
  const t = useT();
  const language = useLanguage();
  const format = withTime ? `${DATE_FORMAT[language].date} ${DATE_FORMAT[language].time}` : DATE_FORMAT[language].date;
  const invalid = value.trim() !== '' && (withTime ? parseDateTime(value) : parseDate(value)) === null;
  const message = invalid ? (withTime ? t.form.invalidDateTime(format) : t.form.invalidDate(format)) : error;
  return (
    <Field label={label} hint={t.form.dateHint(format)} validationState={message ? 'error' : 'none'} validationMessage={message} className={className}>
      <Input value={value} placeholder={format} autoComplete="off" onChange={(_e, data) => onChange(data.value)} />
    </Field>
  );
}
