import { CHANNEL_SETS, DEFAULT_RECIPIENT_FIELDS, companyMessageSettingsSchema } from '@maestro/settings-schema';
import { BooleanField, ChoiceField, choicesOf } from '../forms/choice-field';
import { prefixed, scoped, type FieldMessages } from '../forms/field-messages';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useT } from '../i18n/i18n';
import type { CompanySettingsForm } from './settings-forms';
import { ConnectionTest } from './connection-test';
import { SmtpAccountFields } from './smtp-account-fields';
import { useFormStyles } from './form-styles';

export interface CompanyEmailFieldsProps {
  value: CompanySettingsForm;
  onChange: (next: CompanySettingsForm, changed: string | readonly string[]) => void;
  messages: FieldMessages;
}

/** Viestiasetukset, tab "Sähköposti lähetykset": the seed's fields in the seed's order. */
export function CompanyEmailFields({ value, onChange, messages }: CompanyEmailFieldsProps) {
  const t = useT();
  const styles = useFormStyles();
  const text = useFieldTexts(companyMessageSettingsSchema);
  const field = (path: string) => ({ path, messages, label: text(path).label, hint: text(path).help });
  const set = <K extends keyof CompanySettingsForm>(key: K, next: CompanySettingsForm[K]) => onChange({ ...value, [key]: next }, key);

  return (
    <div className={styles.fields}>
      <ChoiceField {...field('enabledChannels')} value={value.enabledChannels} choices={choicesOf(CHANNEL_SETS, t.enums.channelSet)} onChange={(v) => set('enabledChannels', v)} />
      <BooleanField {...field('smtpSendingEnabled')} value={value.smtpSendingEnabled} trueLabel={t.settings.yes} falseLabel={t.settings.no} onChange={(v) => set('smtpSendingEnabled', v)} />
      <TextField {...field('companyEmail')} type="email" autoComplete="off" value={value.companyEmail} onChange={(v) => set('companyEmail', v)} />
      <TextField {...field('senderName')} autoComplete="off" value={value.senderName} onChange={(v) => set('senderName', v)} />
      <SmtpAccountFields
        imap
        value={value.smtp}
        messages={scoped(messages, 'smtp')}
        onChange={(smtp, changed) => onChange({ ...value, smtp }, prefixed('smtp', changed))}
        connectionTest={<ConnectionTest kind="COMPANY" account={value.smtp} />}
      />
      <TextField {...field('defaultRecipients')} autoComplete="off" value={value.defaultRecipients} onChange={(v) => set('defaultRecipients', v)} />
      <ChoiceField
        {...field('defaultRecipientsField')}
        value={value.defaultRecipientsField}
        choices={choicesOf(DEFAULT_RECIPIENT_FIELDS, t.enums.defaultRecipientField)}
        onChange={(v) => set('defaultRecipientsField', v)}
      />
    </div>
  );
}
