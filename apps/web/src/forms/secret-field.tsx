import { Button, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../i18n/i18n';
import type { FieldMessages } from './field-messages';
import { FormField } from './form-field';
import type { SecretEdit } from './secret-edit';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', minHeight: '32px' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dots: { letterSpacing: '2px' },
});

export interface SecretFieldProps {
  label: string;
  path: string;
  messages: FieldMessages;
  edit: SecretEdit;
  onChange: (next: SecretEdit) => void;
  hint?: string;
  disabled?: boolean;
  /** A key file (JSON) rather than a password. */
  multiline?: boolean;
}

/**
 * A write-only secret (the API only says whether it is set): never prefilled. When set it shows
 * "asetettu" with Vaihda (reveals an empty field) and Tyhjennä; an unset secret is an empty field.
 */
export function SecretField({ label, path, messages, edit, onChange, hint, disabled, multiline }: SecretFieldProps) {
  const t = useT();
  const styles = useStyles();

  if (edit.mode === 'replace') {
    const control = multiline ? (
      <Textarea value={edit.value} disabled={disabled} resize="vertical" rows={4} onChange={(_e, data) => onChange({ ...edit, value: data.value })} />
    ) : (
      <Input type="password" autoComplete="new-password" value={edit.value} disabled={disabled} onChange={(_e, data) => onChange({ ...edit, value: data.value })} />
    );
    return (
      <div className={styles.stack}>
        <FormField label={label} path={path} messages={messages} hint={edit.isSet ? t.secret.replaceHint : hint}>
          {control}
        </FormField>
        {edit.isSet && (
          <div>
            <Button size="small" appearance="subtle" disabled={disabled} aria-label={t.secret.undoLabel(label)} onClick={() => onChange({ ...edit, mode: 'keep', value: '' })}>
              {t.secret.undo}
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <FormField label={label} path={path} messages={messages} hint={hint}>
      {(controlProps) => (
        <div role="group" {...controlProps} className={styles.row}>
          {edit.mode === 'keep' ? (
            <>
              <Text>
                <span className={styles.dots} aria-hidden="true">●●●●●●●● </span>
                {t.secret.isSet}
              </Text>
              <Button size="small" disabled={disabled} aria-label={t.secret.changeLabel(label)} onClick={() => onChange({ ...edit, mode: 'replace', value: '' })}>
                {t.secret.change}
              </Button>
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={t.secret.clearLabel(label)} onClick={() => onChange({ ...edit, mode: 'clear', value: '' })}>
                {t.secret.clear}
              </Button>
            </>
          ) : (
            <>
              <Text>{t.secret.willClear}</Text>
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={t.secret.undoLabel(label)} onClick={() => onChange({ ...edit, mode: 'keep', value: '' })}>
                {t.secret.undo}
              </Button>
            </>
          )}
        </div>
      )}
    </FormField>
  );
}
