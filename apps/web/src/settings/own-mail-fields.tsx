import { Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { smtpAccountSchema, userMailSettingsSchema } from '@maestro/settings-schema';
import { scoped, type FieldMessages } from '../forms/field-messages';
import { FormField } from '../forms/form-field';
import { SecretField } from '../forms/secret-field';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useT } from '../i18n/i18n';
import { ConnectionTest } from './connection-test';
import { useFormStyles } from './form-styles';
import type { UserSettingsForm } from './settings-forms';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  signature: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: 'none' },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  line: { fontFamily: tokens.fontFamilyMonospace },
});

export interface OwnMailFieldsProps {
  value: UserSettingsForm;
  onChange: (next: UserSettingsForm, changed: string | readonly string[]) => void;
  messages: FieldMessages;
  /** Whether an admin set or confirmed the sender address and name shown. */
  senderConfirmed: boolean;
}

/**
 * A user's own Sähköposti määrittely: the sender address and name and the SMTP server are shown, not
 * edited (an admin sets them, so nobody sends in another's name); the user edits the signature, the
 * default recipient and the password (or OAuth2 secret, with its expiry date) of their own mailbox, and
 * tests the saved account.
 */
export function OwnMailFields({ value, onChange, messages, senderConfirmed }: OwnMailFieldsProps) {
  const t = useT();
  const styles = useStyles();
  const formStyles = useFormStyles();
  const text = useFieldTexts(userMailSettingsSchema);
  const smtpText = useFieldTexts(smtpAccountSchema);
  const smtp = value.smtp;
  const hasServer = smtp.host.trim() !== '';
  const signatureLabel = text('signatureLines').label;
  const smtpMessages = scoped(messages, 'smtp');
  const setSmtp = (next: Partial<UserSettingsForm['smtp']>, path: string) => onChange({ ...value, smtp: { ...smtp, ...next } }, `smtp.${path}`);
  // As in the admin's SMTP block: the expiry date belongs to the secret it came with (the API clears it
  // with a new secret too), so a newly typed secret empties it and the user gives the new one's date.
  const changeClientSecret = (oauthClientSecret: UserSettingsForm['smtp']['oauthClientSecret']) => {
    const replacing = oauthClientSecret.mode !== 'keep' && smtp.oauthClientSecret.mode === 'keep';
    onChange({ ...value, smtp: { ...smtp, oauthClientSecret, ...(replacing ? { oauthClientSecretExpiresAt: '' } : {}) } }, ['smtp.oauthClientSecret', 'smtp.oauthClientSecretExpiresAt']);
  };

  const facts: Array<[string, string]> = [
    [text('email').label, value.email || t.security.companyAddress],
    [text('senderName').label, value.senderName || t.security.companyName],
    [t.security.ownServer, hasServer ? t.security.serverSummary(smtp.host, Number(smtp.port), t.enums.encryption[smtp.encryption]) : t.security.noOwnServer],
  ];
  if (hasServer && smtp.authEnabled) facts.push([smtpText('username').label, smtp.authMethod === 'PASSWORD' ? smtp.username : smtp.oauthUser]);

  return (
    <div className={formStyles.fields}>
      <Text>{t.security.adminSetsThese}</Text>
      {!senderConfirmed && value.email.trim() !== '' && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.security.unconfirmedOwn}</MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.facts}>
        {facts.map(([term, shown]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{shown}</dd>
          </div>
        ))}
      </dl>
      {hasServer && smtp.authEnabled && smtp.authMethod === 'PASSWORD' && (
        <SecretField label={smtpText('password').label} path="password" messages={smtpMessages} edit={smtp.password} onChange={(password) => setSmtp({ password }, 'password')} />
      )}
      {hasServer && smtp.authEnabled && smtp.authMethod === 'OAUTH2_MICROSOFT' && (
        <>
          <SecretField label={smtpText('oauthClientSecret').label} path="oauthClientSecret" messages={smtpMessages} edit={smtp.oauthClientSecret} onChange={changeClientSecret} />
          <TextField
            label={smtpText('oauthClientSecretExpiresAt').label}
            hint={smtp.oauthClientSecret.mode !== 'keep' && smtp.oauthClientSecretExpiresAt === '' ? t.settings.clientSecretExpiryHint : smtpText('oauthClientSecretExpiresAt').help}
            path="oauthClientSecretExpiresAt"
            messages={smtpMessages}
            type="date"
            value={smtp.oauthClientSecretExpiresAt}
            onChange={(oauthClientSecretExpiresAt) => setSmtp({ oauthClientSecretExpiresAt }, 'oauthClientSecretExpiresAt')}
          />
        </>
      )}
      {hasServer && smtp.authEnabled && smtp.authMethod === 'OAUTH2_GOOGLE' && (
        <SecretField
          label={smtpText('oauthServiceAccountKey').label}
          path="oauthServiceAccountKey"
          messages={smtpMessages}
          edit={smtp.oauthServiceAccountKey}
          multiline
          fileAccept=".json,application/json"
          onChange={(oauthServiceAccountKey) => setSmtp({ oauthServiceAccountKey }, 'oauthServiceAccountKey')}
        />
      )}
      {hasServer && <ConnectionTest kind="MINE" account={smtp} savedOnly />}
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
      <TextField
        label={text('defaultRecipient').label}
        hint={text('defaultRecipient').help}
        path="defaultRecipient"
        messages={messages}
        type="email"
        autoComplete="off"
        value={value.defaultRecipient}
        onChange={(defaultRecipient) => onChange({ ...value, defaultRecipient }, 'defaultRecipient')}
      />
    </div>
  );
}
