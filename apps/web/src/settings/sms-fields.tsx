import { GATEWAY_PASSWORD_PLACEMENTS, PHONE_NUMBER_PLACEMENTS, smsSettingsSchema } from '@maestro/settings-schema';
import { ChoiceField, choicesOf } from '../forms/choice-field';
import { scoped, type FieldMessages } from '../forms/field-messages';
import { SecretField } from '../forms/secret-field';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useT } from '../i18n/i18n';
import { useFormStyles } from './form-styles';
import type { SmsSettingsForm } from './settings-forms';
import { ConnectionTest } from './connection-test';
import { SmtpAccountFields } from './smtp-account-fields';

export interface SmsFieldsProps {
  value: SmsSettingsForm;
  onChange: (next: SmsSettingsForm, changedPath: string) => void;
  messages: FieldMessages;
}

/** Viestiasetukset, tab "Tekstiviesti lähetykset": an SMS travels as an e-mail to the gateway. */
export function SmsFields({ value, onChange, messages }: SmsFieldsProps) {
  const t = useT();
  const styles = useFormStyles();
  const text = useFieldTexts(smsSettingsSchema);
  const field = (path: string) => ({ path, messages, label: text(path).label, hint: text(path).help });
  const set = <K extends keyof SmsSettingsForm>(key: K, next: SmsSettingsForm[K]) => onChange({ ...value, [key]: next }, key);

  return (
    <div className={styles.fields}>
      <TextField {...field('senderEmail')} type="email" autoComplete="off" value={value.senderEmail} onChange={(v) => set('senderEmail', v)} />
      <SmtpAccountFields
        value={value.smtp}
        messages={scoped(messages, 'smtp')}
        onChange={(smtp, path) => onChange({ ...value, smtp }, `smtp.${path}`)}
        connectionTest={<ConnectionTest kind="SMS" account={value.smtp} />}
      />
      <TextField {...field('gatewayAddress')} autoComplete="off" value={value.gatewayAddress} onChange={(v) => set('gatewayAddress', v)} />
      <SecretField {...field('gatewayPassword')} edit={value.gatewayPassword} onChange={(v) => set('gatewayPassword', v)} />
      <ChoiceField
        {...field('phoneNumberPlacement')}
        value={value.phoneNumberPlacement}
        choices={choicesOf(PHONE_NUMBER_PLACEMENTS, t.enums.phoneNumberPlacement)}
        onChange={(v) => set('phoneNumberPlacement', v)}
      />
      <ChoiceField
        {...field('gatewayPasswordPlacement')}
        value={value.gatewayPasswordPlacement}
        choices={choicesOf(GATEWAY_PASSWORD_PLACEMENTS, t.enums.gatewayPasswordPlacement)}
        onChange={(v) => set('gatewayPasswordPlacement', v)}
      />
      <TextField {...field('maxSegments')} inputMode="numeric" value={value.maxSegments} onChange={(v) => set('maxSegments', v)} />
    </div>
  );
}
