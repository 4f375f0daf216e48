import { useRef, useState } from 'react';
import { Button, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useT } from '../i18n/i18n';
import type { FieldMessages } from './field-messages';
import { FormField } from './form-field';
import type { SecretEdit } from './secret-edit';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', minHeight: '32px' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  dots: { letterSpacing: '2px' },
  hidden: { display: 'none' },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
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
  /** Also offer reading the value from a file picked here (read in the browser, e.g. `.json`). */
  fileAccept?: string;
}

/**
 * A write-only secret (the API only says whether it is set): never prefilled. When set it shows
 * "asetettu" with Vaihda (reveals an empty field) and Tyhjennä; an unset secret is an empty field.
 */
export function SecretField({ label, path, messages, edit, onChange, hint, disabled, multiline, fileAccept }: SecretFieldProps) {
  const t = useT();
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    try {
      // Read here and kept in the form like a typed value: the file itself is never uploaded.
      onChange({ ...edit, mode: 'replace', value: await file.text() });
    } catch {
      setFileError(t.secret.fileReadFailed(file.name));
    }
  };

  const fromFile = fileAccept !== undefined && (
    <>
      <Button size="small" icon={<DocumentArrowUp20Regular />} disabled={disabled} onClick={() => fileInput.current?.click()}>
        {t.secret.fromFile}
      </Button>
      <input
        ref={fileInput}
        className={styles.hidden}
        type="file"
        accept={fileAccept}
        aria-label={t.secret.fromFileLabel(label)}
        disabled={disabled}
        onChange={(event) => {
          void readFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {fileError && (
        <Text role="alert" className={styles.error}>
          {fileError}
        </Text>
      )}
    </>
  );

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
        {(edit.isSet || fromFile) && (
          <div className={styles.buttons}>
            {fromFile}
            {edit.isSet && (
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={t.secret.undoLabel(label)} onClick={() => onChange({ ...edit, mode: 'keep', value: '' })}>
                {t.secret.undo}
              </Button>
            )}
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
          {fromFile}
        </div>
      )}
    </FormField>
  );
}
