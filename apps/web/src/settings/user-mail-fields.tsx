import { Input, makeStyles, tokens } from '@fluentui/react-components';
import { userMailSettingsSchema } from '@maestro/settings-schema';
import { prefixed, scoped, type FieldMessages } from '../forms/field-messages';
import { FormField } from '../forms/form-field';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useT } from '../i18n/i18n';
import { useFormStyles } from './form-styles';
import type { UserSettingsForm } from './settings-forms';
import { ConnectionTest, type ConnectionTestTarget } from './connection-test';
import { SmtpAccountFields } from './smtp-account-fields';

const useStyles = makeStyles({
  signature: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: 'none' },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  line: { fontFamily: tokens.fontFamilyMonospace },
});

export interface UserMailFieldsProps {
  value: UserSettingsForm;
  onChange: (next: UserSettingsForm, changed: string | readonly string[]) => void;
  messages: FieldMessages;
  /** Whose account "Testaa yhteys" tests: MINE for the user's own settings, USER and the id for an admin editing someone's. */
  connectionTest: ConnectionTestTarget;
}

/** Sähköposti määrittely: every field optional; the own SMTP block counts only with a host. */
export function UserMailFields({ value, onChange, messages, connectionTest }: UserMailFieldsProps) {
  const t = useT();
  const styles = useStyles();
  const formStyles = useFormStyles();
  const text = useFieldTexts(userMailSettingsSchema);
  const field = (path: string) => ({ path, messages, label: text(path).label, hint: text(path).help });
  const set = <K extends keyof UserSettingsForm>(key: K, next: UserSettingsForm[K]) => onChange({ ...value, [key]: next }, key);
  const signatureLabel = text('signatureLines').label;

  return (
    <div className={formStyles.fields}>
      <TextField {...field('email')} type="email" autoComplete="off" value={value.email} onChange={(v) => set('email', v)} />
      <TextField {...field('senderName')} autoComplete="off" value={value.senderName} onChange={(v) => set('senderName', v)} />
      <SmtpAccountFields
        imap
        value={value.smtp}
        note={t.settings.ownSmtpNote}
        messages={scoped(messages, 'smtp')}
        onChange={(smtp, changed) => onChange({ ...value, smtp }, prefixed('smtp', changed))}
        connectionTest={<ConnectionTest {...connectionTest} account={value.smtp} />}
      />
      <fieldset className={styles.signature}>
        <legend className={styles.legend}>{signatureLabel}</legend>
        <span className={styles.hint}>{t.settings.signatureHint}</span>
        {value.signatureLines.map((line, i) => (
          <FormField key={i} label={t.settings.signatureLine(signatureLabel, i + 1)} path={`signatureLines.${i}`} messages={messages}>
            <Input
              value={line}
              input={{ className: styles.line }}
              onChange={(_e, data) => onChange({ ...value, signatureLines: value.signatureLines.map((l, j) => (j === i ? data.value : l)) }, `signatureLines.${i}`)}
            />
          </FormField>
        ))}
      </fieldset>
      <TextField {...field('defaultRecipient')} type="email" autoComplete="off" value={value.defaultRecipient} onChange={(v) => set('defaultRecipient', v)} />
    </div>
  );
}
