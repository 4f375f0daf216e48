import {
  companyMessageSettingsWarnings,
  smsSettingsWarnings,
  userMailSettingsWarnings,
  type CompanyMessageSettings,
  type SettingsWarning,
  type SmsSettings,
  type UserMailSettings,
} from '@maestro/settings-schema';
import type { UiLanguage } from '../i18n/dictionary';
import { companySettingsRecord, smsSettingsRecord, userSettingsRecord, type CompanySettingsForm, type SmsSettingsForm, type UserSettingsForm } from './settings-forms';

// The API answers a record's warnings only when it is read or saved; the admin should see them while
// typing. They are settings-schema's own rules (the API runs the same functions), on the form as it is.

export interface ShownWarning {
  field: string;
  code: string;
  message: string;
}

const shown = (warnings: readonly SettingsWarning[], language: UiLanguage): ShownWarning[] => warnings.map((w) => ({ field: w.field, code: w.code, message: w.message[language] }));

// The form's record is what the validator sees: a number still being typed is null, which no warning
// rule matches; a kept secret is a stand-in, so "password missing" is not said of a stored one.
export function companyFormWarnings(form: CompanySettingsForm, language: UiLanguage): ShownWarning[] {
  return shown(companyMessageSettingsWarnings(companySettingsRecord(form) as unknown as CompanyMessageSettings), language);
}

export function smsFormWarnings(form: SmsSettingsForm, language: UiLanguage): ShownWarning[] {
  return shown(smsSettingsWarnings(smsSettingsRecord(form) as unknown as SmsSettings), language);
}

export function userFormWarnings(form: UserSettingsForm, language: UiLanguage): ShownWarning[] {
  return shown(userMailSettingsWarnings(userSettingsRecord(form) as unknown as UserMailSettings), language);
}
