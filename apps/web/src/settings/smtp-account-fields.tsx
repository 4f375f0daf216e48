import { useId, useState, type ReactNode } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  DEFAULT_IMAP_PORT_BY_ENCRYPTION,
  IMAP_ENCRYPTIONS,
  RECIPIENT_LIMIT_ACTIONS,
  SMTP_AUTH_METHODS,
  SMTP_ENCRYPTIONS,
  SMTP_PRESETS,
  SMTP_PRESET_IDS,
  defaultPortFor,
  smtpAccountSchema,
  type ImapEncryption,
  type SmtpEncryption,
  type SmtpPresetId,
} from '@maestro/settings-schema';
import { BooleanField, ChoiceField, choicesOf, type Choice } from '../forms/choice-field';
import { hasMessagesUnder, type FieldMessages } from '../forms/field-messages';
import { secretForValidation } from '../forms/secret-edit';
import { SecretField } from '../forms/secret-field';
import { TextField } from '../forms/text-field';
import { useFieldTexts } from '../i18n/field-texts';
import { useLanguage, useT } from '../i18n/i18n';
import { applySmtpPresetToForm, shownSmtpPreset, type SmtpAccountField, type SmtpAccountForm } from './smtp-account-form';

const ADVANCED_PATHS = ['caCertificate', 'messagesPerMinute', 'recipientsPerMessage', 'recipientsPerDay', 'recipientLimitAction', 'maxConnections', 'ehloName'] as const;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  advancedHeading: { margin: 0 },
  toFill: { marginTop: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  advanced: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalM },
  connectionTest: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
});

export interface SmtpAccountFieldsProps {
  value: SmtpAccountForm;
  /** The next block, and the field or fields (within the block) that changed. */
  onChange: (next: SmtpAccountForm, changed: SmtpAccountField | readonly SmtpAccountField[]) => void;
  /** Errors and warnings of this block, paths relative to it (`port`, not `smtp.port`). */
  messages: FieldMessages;
  /** Shown above the fields, e.g. that a user's own server is used only when it is filled in. */
  note?: ReactNode;
  /** The spot for "Testaa yhteys" (ConnectionTest with COMPANY, SMS, MINE or USER), under the block's fields. */
  connectionTest?: ReactNode;
  /** Show the IMAP block (Sent folder and bounces): the company's and the users' accounts, not the SMS account. */
  imap?: boolean;
}

const NO_PRESET = 'NONE';

/** Whether a field a preset leaves to the admin is still empty (a kept stored secret counts as given). */
function isEmpty(value: SmtpAccountForm[SmtpAccountField]): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'object') return secretForValidation(value) === null;
  return false;
}

/**
 * The seed's SMTP block (SMTP-palvelin, Autentikointi, Portti, Salaustapa, Käyttäjätunnus, Salasana)
 * with provider presets, the newer sign-in methods and limits; the same component in the company, SMS
 * and user forms. The sign-in method decides the credential fields: a username and password, or the
 * OAuth2 details of Microsoft 365 or Google Workspace.
 */
export function SmtpAccountFields({ value, onChange, messages, note, connectionTest, imap = false }: SmtpAccountFieldsProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const text = useFieldTexts(smtpAccountSchema);
  const headingId = useId();
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // A preset without a host of its own (the relays) matches no stored account: remember the choice.
  const [chosenPreset, setChosenPreset] = useState<SmtpPresetId | typeof NO_PRESET | null>(null);
  const preset = shownSmtpPreset(value, chosenPreset);
  // A problem in a collapsed section must not go unseen.
  const showAdvanced = advancedOpen || hasMessagesUnder(messages, ADVANCED_PATHS);

  const set = <K extends keyof SmtpAccountForm>(key: K, next: SmtpAccountForm[K]) => onChange({ ...value, [key]: next }, key);

  const changeEncryption = (encryption: SmtpEncryption) => {
    // Suggest the usual port, unless the user chose another one on purpose.
    const port = value.port.trim();
    const suggest = port === '' || port === String(defaultPortFor(value.encryption));
    onChange({ ...value, encryption, port: suggest ? String(defaultPortFor(encryption)) : value.port }, 'encryption');
  };

  const changeImapEncryption = (imapEncryption: ImapEncryption) => {
    const port = value.imapPort.trim();
    const suggest = port === '' || port === String(DEFAULT_IMAP_PORT_BY_ENCRYPTION[value.imapEncryption]);
    onChange({ ...value, imapEncryption, imapPort: suggest ? String(DEFAULT_IMAP_PORT_BY_ENCRYPTION[imapEncryption]) : value.imapPort }, ['imapEncryption', 'imapPort']);
  };
  const usualImapPort = DEFAULT_IMAP_PORT_BY_ENCRYPTION[value.imapEncryption];
  const imapPortHint = value.imapPort.trim() === String(usualImapPort) ? undefined : t.settings.imapPortHint(t.enums.encryption[value.imapEncryption], usualImapPort);
  const imapOff = value.imapHost.trim() === '';

  const usualPort = defaultPortFor(value.encryption);
  const portHint = value.port.trim() === String(usualPort) ? undefined : t.settings.portHint(t.enums.encryption[value.encryption], usualPort);
  const authOff = !value.authEnabled;
  const field = (path: keyof SmtpAccountForm) => ({ path, messages, label: text(path).label, hint: text(path).help });

  const choosePreset = (id: SmtpPresetId | typeof NO_PRESET) => {
    setChosenPreset(id);
    if (id === NO_PRESET) return;
    const applied = applySmtpPresetToForm(value, id);
    onChange(applied.form, applied.changed);
  };
  const presetChoices: Choice<SmtpPresetId | typeof NO_PRESET>[] = [
    { value: NO_PRESET, label: t.settings.presetNone },
    ...SMTP_PRESET_IDS.map((id) => ({ value: id, label: SMTP_PRESETS[id].label[language] })),
  ];
  const toFill = preset ? SMTP_PRESETS[preset].toFill.filter((key) => isEmpty(value[key])).map((key) => text(key).label) : [];
  const oauthUserHint = value.authMethod === 'PASSWORD' ? undefined : t.settings.oauthUserHint[value.authMethod];
  // The expiry date belongs to the secret it came with (the API clears it with a new secret too): a
  // newly typed secret empties it, so the admin gives the new one's date.
  const changeClientSecret = (next: SmtpAccountForm['oauthClientSecret']) => {
    const replacing = next.mode !== 'keep' && value.oauthClientSecret.mode === 'keep';
    onChange({ ...value, oauthClientSecret: next, ...(replacing ? { oauthClientSecretExpiresAt: '' } : {}) }, ['oauthClientSecret', 'oauthClientSecretExpiresAt']);
  };
  const secretTyped = value.oauthClientSecret.mode !== 'keep';

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {t.settings.smtpBlock}
      </h3>
      {note && <Text>{note}</Text>}
      <ChoiceField label={t.settings.preset} hint={t.settings.presetHint} path="preset" messages={messages} value={preset ?? NO_PRESET} choices={presetChoices} onChange={choosePreset} />
      {preset && (
        <div role="note" aria-label={t.settings.presetExplanation}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {SMTP_PRESETS[preset].explanation[language]}
              {toFill.length > 0 && <div className={styles.toFill}>{t.settings.presetToFill(toFill.join(', '))}</div>}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      <TextField {...field('host')} value={value.host} autoComplete="off" onChange={(v) => set('host', v)} />
      <BooleanField {...field('authEnabled')} value={value.authEnabled} trueLabel={t.settings.authOn} falseLabel={t.settings.authOff} onChange={(v) => set('authEnabled', v)} />
      <TextField {...field('port')} hint={portHint} inputMode="numeric" value={value.port} onChange={(v) => set('port', v)} />
      <ChoiceField {...field('encryption')} value={value.encryption} choices={choicesOf(SMTP_ENCRYPTIONS, t.enums.encryption)} onChange={changeEncryption} />
      <ChoiceField
        {...field('authMethod')}
        disabled={authOff}
        value={value.authMethod}
        choices={choicesOf(SMTP_AUTH_METHODS, t.enums.authMethod)}
        onChange={(v) => set('authMethod', v)}
      />
      {value.authMethod === 'PASSWORD' && (
        <>
          <TextField {...field('username')} disabled={authOff} autoComplete="off" value={value.username} onChange={(v) => set('username', v)} />
          <SecretField {...field('password')} disabled={authOff} edit={value.password} onChange={(v) => set('password', v)} />
        </>
      )}
      {value.authMethod === 'OAUTH2_MICROSOFT' && (
        <>
          <TextField {...field('oauthTenantId')} disabled={authOff} value={value.oauthTenantId} onChange={(v) => set('oauthTenantId', v)} />
          <TextField {...field('oauthClientId')} disabled={authOff} value={value.oauthClientId} onChange={(v) => set('oauthClientId', v)} />
          <SecretField {...field('oauthClientSecret')} disabled={authOff} edit={value.oauthClientSecret} onChange={changeClientSecret} />
          <TextField
            {...field('oauthClientSecretExpiresAt')}
            hint={secretTyped && value.oauthClientSecretExpiresAt === '' ? t.settings.clientSecretExpiryHint : text('oauthClientSecretExpiresAt').help}
            type="date"
            disabled={authOff}
            value={value.oauthClientSecretExpiresAt}
            onChange={(v) => set('oauthClientSecretExpiresAt', v)}
          />
        </>
      )}
      {value.authMethod === 'OAUTH2_GOOGLE' && (
        <SecretField
          {...field('oauthServiceAccountKey')}
          multiline
          fileAccept=".json,application/json"
          disabled={authOff}
          edit={value.oauthServiceAccountKey}
          onChange={(v) => set('oauthServiceAccountKey', v)}
        />
      )}
      {value.authMethod !== 'PASSWORD' && (
        <TextField {...field('oauthUser')} hint={oauthUserHint} type="email" autoComplete="off" disabled={authOff} value={value.oauthUser} onChange={(v) => set('oauthUser', v)} />
      )}

      {imap && (
        <section className={styles.section} aria-labelledby={`${headingId}-imap`}>
          <h4 id={`${headingId}-imap`} className={styles.heading}>
            {t.settings.imapBlock}
          </h4>
          <Text>{t.settings.imapNote}</Text>
          <TextField {...field('imapHost')} value={value.imapHost} autoComplete="off" onChange={(v) => set('imapHost', v)} />
          <TextField {...field('imapPort')} hint={imapPortHint} inputMode="numeric" disabled={imapOff} value={value.imapPort} onChange={(v) => set('imapPort', v)} />
          <ChoiceField {...field('imapEncryption')} disabled={imapOff} value={value.imapEncryption} choices={choicesOf(IMAP_ENCRYPTIONS, t.enums.encryption)} onChange={changeImapEncryption} />
          <BooleanField
            {...field('imapAppendToSent')}
            disabled={imapOff}
            value={value.imapAppendToSent}
            trueLabel={t.settings.appendOn}
            falseLabel={t.settings.appendOff}
            onChange={(v) => set('imapAppendToSent', v)}
          />
          <TextField {...field('imapSentFolder')} disabled={imapOff || !value.imapAppendToSent} autoComplete="off" value={value.imapSentFolder} onChange={(v) => set('imapSentFolder', v)} />
          <TextField {...field('imapBounceFolder')} disabled={imapOff} autoComplete="off" value={value.imapBounceFolder} onChange={(v) => set('imapBounceFolder', v)} />
        </section>
      )}

      <Accordion collapsible openItems={showAdvanced ? ['advanced'] : []} onToggle={(_e, data) => setAdvancedOpen(data.openItems.includes('advanced'))}>
        <AccordionItem value="advanced">
          <AccordionHeader as="h4" className={styles.advancedHeading}>
            {t.settings.advanced}
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.advanced}>
              <TextField {...field('caCertificate')} multiline monospace rows={4} value={value.caCertificate} onChange={(v) => set('caCertificate', v)} />
              <TextField {...field('messagesPerMinute')} hint={t.settings.noLimit} inputMode="numeric" value={value.messagesPerMinute} onChange={(v) => set('messagesPerMinute', v)} />
              <TextField {...field('recipientsPerMessage')} hint={t.settings.noLimit} inputMode="numeric" value={value.recipientsPerMessage} onChange={(v) => set('recipientsPerMessage', v)} />
              <TextField {...field('recipientsPerDay')} hint={t.settings.noLimit} inputMode="numeric" value={value.recipientsPerDay} onChange={(v) => set('recipientsPerDay', v)} />
              <ChoiceField
                {...field('recipientLimitAction')}
                value={value.recipientLimitAction}
                choices={choicesOf(RECIPIENT_LIMIT_ACTIONS, t.enums.recipientLimitAction)}
                onChange={(v) => set('recipientLimitAction', v)}
              />
              <TextField {...field('maxConnections')} inputMode="numeric" value={value.maxConnections} onChange={(v) => set('maxConnections', v)} />
              <TextField {...field('ehloName')} autoComplete="off" value={value.ehloName} onChange={(v) => set('ehloName', v)} />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      {connectionTest && <div className={styles.connectionTest}>{connectionTest}</div>}
    </section>
  );
}
