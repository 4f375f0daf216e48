import { Input, Textarea, type InputProps } from '@fluentui/react-components';
import type { FieldMessages } from './field-messages';
import { FormField } from './form-field';

export interface TextFieldProps {
  label: string;
  path: string;
  messages: FieldMessages;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
  type?: InputProps['type'];
  inputMode?: InputProps['inputMode'];
  autoComplete?: string;
  multiline?: boolean;
  monospace?: boolean;
  rows?: number;
}

const MONOSPACE = { fontFamily: 'Consolas, "Courier New", monospace' } as const;

export function TextField({ label, path, messages, value, onChange, hint, disabled, required, type, inputMode, autoComplete, multiline, monospace, rows }: TextFieldProps) {
  return (
    <FormField label={label} path={path} messages={messages} hint={hint} required={required}>
      {multiline ? (
        <Textarea
          value={value}
          disabled={disabled}
          resize="vertical"
          rows={rows ?? 4}
          textarea={monospace ? { style: MONOSPACE } : undefined}
          onChange={(_e, data) => onChange(data.value)}
        />
      ) : (
        <Input
          value={value}
          disabled={disabled}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          input={monospace ? { style: MONOSPACE } : undefined}
          onChange={(_e, data) => onChange(data.value)}
        />
      )}
    </FormField>
  );
}
