import { useState } from 'react';
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { userMailSettingsSchema } from '@maestro/settings-schema';
import { DialogButtons } from '../forms/dialog-buttons';
import { ErrorSummary } from '../forms/error-summary';
import { useSettingsForm } from '../forms/use-settings-form';
import type { UserMailSettingsFieldsFragment, UserMailSettingsInput } from '../gql/graphql';
import { useLabelOfPath } from '../i18n/field-texts';
import { useLanguage, useT } from '../i18n/i18n';
import type { ConnectionTestTarget } from './connection-test';
import { userFormWarnings } from './live-warnings';
import { OwnMailFields } from './own-mail-fields';
import { ownSettingsInput, userSettingsForm, userSettingsInput, validateUserSettingsForm } from './settings-forms';
import { UserMailFields } from './user-mail-fields';

const useStyles = makeStyles({
  // One column like the seed's dialog, with OK / Peruuta / Käytä right under the fields.
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px' },
});

export interface UserMailSettingsEditorProps {
  data: UserMailSettingsFieldsFragment;
  /** updateMyMailSettings, or updateUserMailSettings for an admin editing someone else. */
  save: (input: UserMailSettingsInput) => Promise<UserMailSettingsFieldsFragment>;
  onClose: () => void;
  /** Whose account "Testaa yhteys" tests: MINE for "my settings", USER and the user's id for an admin. */
  connectionTest: ConnectionTestTarget;
  /** The user's own page: sender and server shown, not edited (an admin sets them). */
  selfService?: boolean;
}

/** Sähköposti määrittely with the seed's OK / Peruuta / Käytä; used for "my settings" and by admins. */
export function UserMailSettingsEditor({ data, save, onClose, connectionTest, selfService }: UserMailSettingsEditorProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const labelOf = useLabelOfPath(userMailSettingsSchema);
  const settings = useSettingsForm({
    data,
    toForm: userSettingsForm,
    validate: validateUserSettingsForm,
    save: (f) => save(selfService ? ownSettingsInput(f) : userSettingsInput(f)),
  });

  const saveIfValid = async () => {
    setSaved(false);
    if (!settings.check()) return false;
    setBusy(true);
    try {
      return await settings.save();
    } finally {
      setBusy(false);
    }
  };

  if (!settings.form) return null;
  return (
    <div className={styles.body}>
      <ErrorSummary errors={settings.errors} source={settings.errorSource} generalError={settings.generalError} labelOf={labelOf} />
      {!selfService && !data.senderConfirmed && (data.email.trim() !== '' || data.senderName.trim() !== '') && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.security.unconfirmedInEditor}</MessageBarBody>
        </MessageBar>
      )}
      {selfService ? (
        <OwnMailFields
          value={settings.form}
          senderConfirmed={data.senderConfirmed}
          messages={{ errors: settings.errors, warnings: userFormWarnings(settings.form, language) }}
          onChange={(next, path) => {
            setSaved(false);
            settings.change(next, path);
          }}
        />
      ) : (
        <UserMailFields
          connectionTest={connectionTest}
          value={settings.form}
          messages={{ errors: settings.errors, warnings: userFormWarnings(settings.form, language) }}
          onChange={(next, path) => {
            setSaved(false);
            settings.change(next, path);
          }}
        />
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t.dialog.saved}</MessageBarBody>
        </MessageBar>
      )}
      <DialogButtons
        busy={busy}
        dirty={settings.dirty}
        onOk={() => {
          void saveIfValid().then((saved) => saved && onClose());
        }}
        onApply={() => {
          void saveIfValid().then((saved) => saved && setSaved(true));
        }}
        onCancel={onClose}
      />
    </div>
  );
}
