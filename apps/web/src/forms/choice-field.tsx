import { Select } from '@fluentui/react-components';
import type { FieldMessages } from './field-messages';
import { FormField } from './form-field';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceFieldProps<T extends string> {
  label: string;
  path: string;
  messages: FieldMessages;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  hint?: string;
  disabled?: boolean;
}

/** One of a few values, as a native select: keyboard and screen readers know it, and so do tests. */
export function ChoiceField<T extends string>({ label, path, messages, value, choices, onChange, hint, disabled }: ChoiceFieldProps<T>) {
  return (
    <FormField label={label} path={path} messages={messages} hint={hint}>
      <Select value={value} disabled={disabled} onChange={(_e, data) => onChange(data.value as T)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
}

/** Choices of an enum, labelled from a dictionary record (which the type makes exhaustive). */
export function choicesOf<T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>): Choice<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export interface BooleanFieldProps extends Omit<ChoiceFieldProps<'true' | 'false'>, 'value' | 'choices' | 'onChange'> {
  value: boolean;
  onChange: (value: boolean) => void;
  trueLabel: string;
  falseLabel: string;
}

/** The seed's two-way choices ("Kyllä/Ei", "On käytössä/Ei käytössä"). */
export function BooleanField({ value, onChange, trueLabel, falseLabel, ...rest }: BooleanFieldProps) {
  return (
    <ChoiceField
      {...rest}
      value={value ? 'true' : 'false'}
      choices={[
        { value: 'true', label: trueLabel },
        { value: 'false', label: falseLabel },
      ]}
      onChange={(v) => onChange(v === 'true')}
    />
  );
}
