import { useState } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import {
  GATEWAY_PASSWORD_PLACEMENTS,
  PHONE_NUMBER_PLACEMENTS,
  SMS_GATEWAY_PRESETS,
  SMS_GATEWAY_PRESET_IDS,
  SMS_TEMPLATE_MODES,
  fillGatewayTemplate,
  sampleTemplateValues,
  smsSettingsSchema,
  withDomain,
  type SmsGatewayPresetId,
} from '@maestro/settings-schema';
import { ChoiceField, choicesOf, type Choice } from '../forms/choice-field';
import { prefixed, scoped, type FieldMessages } from '../forms/field-messages';
import { SecretField } from '../forms/secret-field';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useLanguage, useT } from '../i18n/i18n';
import { useFormStyles } from './form-styles';
import { applySmsGatewayPresetToForm, matchingSmsGatewayPreset, withSimpleTemplates, type SmsSettingsForm } from './settings-forms';
import { ConnectionTest } from './connection-test';
import { SmtpAccountFields } from './smtp-account-fields';

export interface SmsFieldsProps {
  value: SmsSettingsForm;
  onChange: (next: SmsSettingsForm, changed: string | readonly string[]) => void;
  messages: FieldMessages;
}

const NO_PRESET = 'NONE';

/** Viestiasetukset, tab "Tekstiviesti lähetykset": an SMS travels as an e-mail to the gateway. */
export function SmsFields({ value, onChange, messages }: SmsFieldsProps) {
  const t = useT();
  const language = useLanguage();
  const [noPreset, setNoPreset] = useState(false);
  const styles = useFormStyles();
  const text = useFieldTexts(smsSettingsSchema);
  const field = (path: string) => ({ path, messages, label: text(path).label, hint: text(path).help });
  // In the simple form the templates follow the seed's fields, so the advanced form starts from them.
  const set = <K extends keyof SmsSettingsForm>(key: K, next: SmsSettingsForm[K]) => onChange(withSimpleTemplates({ ...value, [key]: next }), key);
  const changeMode = (mode: SmsSettingsForm['templateMode']) =>
    onChange({ ...withSimpleTemplates({ ...value, templateMode: 'SIMPLE' }), templateMode: mode }, ['templateMode', 'addressTemplate', 'subjectTemplate', 'firstLineTemplate']);
  // What a message to +358 40 123 4567 would look like; the password is never in the browser.
  const sample = sampleTemplateValues('••••', value.senderEmail.trim() || 'sms@yritys.fi');
  const preview = [
    [t.settings.smsPreviewAddress, fillGatewayTemplate(value.addressTemplate, sample)],
    [t.settings.smsPreviewSubject, fillGatewayTemplate(value.subjectTemplate, sample)],
    [t.settings.smsPreviewFirstLine, fillGatewayTemplate(value.firstLineTemplate, sample)],
  ] as const;
  const ucs2Preview = value.ucs2Domain.trim() ? withDomain(preview[0][1], value.ucs2Domain) : null;

  const preset = noPreset ? null : matchingSmsGatewayPreset(value);
  const presetChoices: Choice<SmsGatewayPresetId | typeof NO_PRESET>[] = [
    { value: NO_PRESET, label: t.settings.presetNone },
    ...SMS_GATEWAY_PRESET_IDS.map((id) => ({ value: id, label: SMS_GATEWAY_PRESETS[id].label[language] })),
  ];
  const choosePreset = (id: SmsGatewayPresetId | typeof NO_PRESET) => {
    setNoPreset(id === NO_PRESET);
    if (id === NO_PRESET) return;
    const applied = applySmsGatewayPresetToForm(value, id);
    onChange(applied.form, applied.changed);
  };

  return (
    <div className={styles.fields}>
      <TextField {...field('senderEmail')} type="email" autoComplete="off" value={value.senderEmail} onChange={(v) => set('senderEmail', v)} />
      <SmtpAccountFields
        value={value.smtp}
        messages={scoped(messages, 'smtp')}
        onChange={(smtp, changed) => onChange({ ...value, smtp }, prefixed('smtp', changed))}
        connectionTest={<ConnectionTest kind="SMS" account={value.smtp} />}
      />
      <ChoiceField
        label={t.settings.smsGatewayPreset}
        hint={t.settings.smsGatewayPresetHint}
        path="gatewayPreset"
        messages={messages}
        value={preset ?? NO_PRESET}
        choices={presetChoices}
        onChange={choosePreset}
      />
      {preset && (
        <div role="note" aria-label={t.settings.presetExplanation}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{SMS_GATEWAY_PRESETS[preset].explanation[language]}</MessageBarBody>
          </MessageBar>
        </div>
      )}
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
      <ChoiceField {...field('templateMode')} value={value.templateMode} choices={choicesOf(SMS_TEMPLATE_MODES, t.enums.smsTemplateMode)} onChange={changeMode} />
      {value.templateMode === 'ADVANCED' && (
        <>
          <TextField {...field('addressTemplate')} autoComplete="off" value={value.addressTemplate} onChange={(v) => set('addressTemplate', v)} />
          <TextField {...field('subjectTemplate')} autoComplete="off" value={value.subjectTemplate} onChange={(v) => set('subjectTemplate', v)} />
          <TextField {...field('firstLineTemplate')} multiline rows={2} value={value.firstLineTemplate} onChange={(v) => set('firstLineTemplate', v)} />
          <TextField {...field('ucs2Domain')} autoComplete="off" value={value.ucs2Domain} onChange={(v) => set('ucs2Domain', v)} />
        </>
      )}
      {value.addressTemplate.trim() !== '' && (
        <div role="note" aria-label={t.settings.smsTemplates}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t.settings.smsTemplatesPreview}
              <dl className={styles.preview}>
                {preview.map(([label, shown]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{shown === '' ? t.settings.smsPreviewNone : shown}</dd>
                  </div>
                ))}
                {ucs2Preview && (
                  <div>
                    <dt>{`${t.settings.smsPreviewAddress} (UCS-2)`}</dt>
                    <dd>{ucs2Preview}</dd>
                  </div>
                )}
              </dl>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </div>
  );
}
