import { Field, makeStyles, tokens, type FieldProps } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { errorsAt, warningsAt, type FieldMessages } from './field-messages';

const useStyles = makeStyles({
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

export interface FormFieldProps {
  label: string;
  /** Where the field's problems are reported (`smtp.port`). */
  path: string;
  messages: FieldMessages;
  hint?: FieldProps['hint'];
  required?: boolean;
  /** A Fluent control, or a render function for anything else (it gets id and aria props). */
  children: ReactElement | Extract<FieldProps['children'], (...args: never[]) => unknown>;
}

/**
 * A labelled control with its problems beside it: every error and warning for its path, wired to the
 * control through aria-describedby (Fluent's Field does that), errors marking it aria-invalid.
 */
export function FormField({ label, path, messages, hint, required, children }: FormFieldProps) {
  const styles = useStyles();
  const errors = errorsAt(messages, path);
  const warnings = warningsAt(messages, path);
  const all = [...errors, ...warnings];
  return (
    <Field
      label={label}
      hint={hint}
      required={required}
      validationState={errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'none'}
      validationMessage={
        all.length === 0 ? undefined : all.length === 1 ? all[0] : <span className={styles.messages}>{all.map((m, i) => <span key={i}>{m}</span>)}</span>
      }
    >
      {children}
    </Field>
  );
}
