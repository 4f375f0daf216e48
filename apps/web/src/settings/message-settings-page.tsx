import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { MessageBar, MessageBarBody, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { companyMessageSettingsSchema, smsSettingsSchema } from '@maestro/settings-schema';
import { DialogButtons } from '../forms/dialog-buttons';
import { ErrorSummary } from '../forms/error-summary';
import { useSettingsForm } from '../forms/use-settings-form';
import { PageFrame, LoadState } from '../app/page-frame';
import { useLabelOfPath } from '../i18n/field-texts';
import { useLanguage, useT } from '../i18n/i18n';
import { CompanyEmailFields } from './company-email-fields';
import { companyFormWarnings, smsFormWarnings } from './live-warnings';
import { companySettingsForm, companySettingsInput, smsSettingsForm, smsSettingsInput, validateCompanySettingsForm, validateSmsSettingsForm } from './settings-forms';
import { CompanyMessageSettingsQuery, SmsSettingsQuery, UpdateCompanyMessageSettingsMutation, UpdateSmsSettingsMutation } from './settings.operations';
import { SmsFields } from './sms-fields';

type TabName = 'email' | 'sms';

const useStyles = makeStyles({
  // One column like the seed's dialog, with OK / Peruuta / Käytä right under the fields.
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  link: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

function required<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('The API answered without data.');
  return value;
}

export interface MessageSettingsPageProps {
  /** Leaves the dialog (OK after saving, Peruuta). */
  onClose: () => void;
}

/**
 * Viestiasetukset (admin): the seed's two tabs and one OK / Peruuta / Käytä for both. Each tab's
 * record is validated with settings-schema before anything is sent, and saved whole or not at all.
 */
export function MessageSettingsPage({ onClose }: MessageSettingsPageProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>('email');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const company = useQuery(CompanyMessageSettingsQuery, { fetchPolicy: 'network-only' });
  const sms = useQuery(SmsSettingsQuery, { fetchPolicy: 'network-only' });
  const [updateCompany] = useMutation(UpdateCompanyMessageSettingsMutation);
  const [updateSms] = useMutation(UpdateSmsSettingsMutation);

  const companyForm = useSettingsForm({
    data: company.data?.companyMessageSettings,
    toForm: companySettingsForm,
    validate: validateCompanySettingsForm,
    save: async (f) => required((await updateCompany({ variables: { input: companySettingsInput(f) } })).data).updateCompanyMessageSettings,
  });
  const smsForm = useSettingsForm({
    data: sms.data?.smsSettings,
    toForm: smsSettingsForm,
    validate: validateSmsSettingsForm,
    save: async (f) => required((await updateSms({ variables: { input: smsSettingsInput(f) } })).data).updateSmsSettings,
  });
  const companyLabel = useLabelOfPath(companyMessageSettingsSchema);
  const smsLabel = useLabelOfPath(smsSettingsSchema);

  /** Checks both tabs first (every problem is shown), then saves the changed ones. */
  const saveAll = async (): Promise<boolean> => {
    setSaved(false);
    const companyOk = companyForm.check();
    const smsOk = smsForm.check();
    if (!companyOk || !smsOk) {
      if ((tab === 'email' && companyOk) || (tab === 'sms' && smsOk)) setTab(companyOk ? 'sms' : 'email');
      return false;
    }
    setBusy(true);
    try {
      if (!(await companyForm.save())) {
        setTab('email');
        return false;
      }
      if (!(await smsForm.save())) {
        setTab('sms');
        return false;
      }
      return true;
    } finally {
      setBusy(false);
    }
  };

  const tabLabel = (label: string, form: typeof companyForm | typeof smsForm) => (form.errors.length > 0 ? `${label} (${t.form.tabHasErrors(form.errors.length)})` : label);

  return (
    <PageFrame title={t.settings.messageSettingsTitle}>
      <LoadState
        loading={!companyForm.form || !smsForm.form}
        error={company.error ?? sms.error}
        onRetry={() => {
          void company.refetch();
          void sms.refetch();
        }}
      >
        <div className={styles.body}>
          <RouterLink className={styles.link} to="/message-settings/sign-in">
            {t.settings.movingOffPasswordsLink}
          </RouterLink>
          <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as TabName)}>
            <Tab value="email">{tabLabel(t.settings.emailTab, companyForm)}</Tab>
            <Tab value="sms">{tabLabel(t.settings.smsTab, smsForm)}</Tab>
          </TabList>
          {tab === 'email' && companyForm.form && (
            <div role="tabpanel" aria-label={t.settings.emailTab} className={styles.panel}>
              <ErrorSummary errors={companyForm.errors} source={companyForm.errorSource} generalError={companyForm.generalError} labelOf={companyLabel} />
              <CompanyEmailFields
                value={companyForm.form}
                messages={{ errors: companyForm.errors, warnings: companyFormWarnings(companyForm.form, language) }}
                onChange={(next, path) => {
                  setSaved(false);
                  companyForm.change(next, path);
                }}
              />
            </div>
          )}
          {tab === 'sms' && smsForm.form && (
            <div role="tabpanel" aria-label={t.settings.smsTab} className={styles.panel}>
              <ErrorSummary errors={smsForm.errors} source={smsForm.errorSource} generalError={smsForm.generalError} labelOf={smsLabel} />
              <SmsFields
                value={smsForm.form}
                messages={{ errors: smsForm.errors, warnings: smsFormWarnings(smsForm.form, language) }}
                onChange={(next, path) => {
                  setSaved(false);
                  smsForm.change(next, path);
                }}
              />
            </div>
          )}
          {saved && (
            <MessageBar intent="success">
              <MessageBarBody>{t.dialog.saved}</MessageBarBody>
            </MessageBar>
          )}
          <DialogButtons
            busy={busy}
            dirty={companyForm.dirty || smsForm.dirty}
            onOk={() => {
              void saveAll().then((saved) => saved && onClose());
            }}
            onApply={() => {
              void saveAll().then((saved) => saved && setSaved(true));
            }}
            onCancel={onClose}
          />
        </div>
      </LoadState>
    </PageFrame>
  );
}
