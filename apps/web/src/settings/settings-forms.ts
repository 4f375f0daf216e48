import {
  SIGNATURE_LINE_COUNT,
  SMS_GATEWAY_PRESETS,
  SMS_GATEWAY_PRESET_IDS,
  applySmsGatewayPreset,
  companyMessageSettingsSchema,
  smsSettingsSchema,
  userMailSettingsSchema,
  type SmsGatewayPresetId,
} from '@maestro/settings-schema';
import type {
  CompanyMessageSettingsFieldsFragment,
  CompanyMessageSettingsInput,
  SmsSettingsFieldsFragment,
  SmsSettingsInput,
  UserMailSettingsFieldsFragment,
  UserMailSettingsInput,
} from '../gql/graphql';
import { secretForValidation, secretFrom, secretInput, validateKeepingSecrets, type SecretEdit } from '../forms/secret-edit';
import { parseNumberText, smtpAccountForm, smtpAccountInput, smtpAccountRecord, type SmtpAccountForm } from './smtp-account-form';

// Each record has three shapes: the form being edited, the settings-schema record the client
// validates (the server's rules), and the API input (secrets only when changed). A stored secret the
// form keeps is present in the record as a placeholder, so each form is validated with
// validateKeepingSecrets, which never judges that placeholder's content.

export interface CompanySettingsForm {
  enabledChannels: CompanyMessageSettingsFieldsFragment['enabledChannels'];
  smtpSendingEnabled: boolean;
  companyEmail: string;
  senderName: string;
  smtp: SmtpAccountForm;
  defaultRecipients: string;
  defaultRecipientsField: CompanyMessageSettingsFieldsFragment['defaultRecipientsField'];
}

export function companySettingsForm(s: CompanyMessageSettingsFieldsFragment): CompanySettingsForm {
  return {
    enabledChannels: s.enabledChannels,
    smtpSendingEnabled: s.smtpSendingEnabled,
    companyEmail: s.companyEmail,
    senderName: s.senderName,
    smtp: smtpAccountForm(s.smtp),
    defaultRecipients: s.defaultRecipients,
    defaultRecipientsField: s.defaultRecipientsField,
  };
}

export function companySettingsRecord(f: CompanySettingsForm) {
  return { ...f, smtp: smtpAccountRecord(f.smtp) };
}

export function validateCompanySettingsForm(f: CompanySettingsForm) {
  return validateKeepingSecrets(companyMessageSettingsSchema, companySettingsRecord(f), f);
}

export function companySettingsInput(f: CompanySettingsForm): CompanyMessageSettingsInput {
  return { ...f, smtp: smtpAccountInput(f.smtp) };
}

export interface SmsSettingsForm {
  senderEmail: string;
  smtp: SmtpAccountForm;
  gatewayAddress: string;
  gatewayPassword: SecretEdit;
  phoneNumberPlacement: SmsSettingsFieldsFragment['phoneNumberPlacement'];
  gatewayPasswordPlacement: SmsSettingsFieldsFragment['gatewayPasswordPlacement'];
  maxSegments: string;
}

export function smsSettingsForm(s: SmsSettingsFieldsFragment): SmsSettingsForm {
  return {
    senderEmail: s.senderEmail,
    smtp: smtpAccountForm(s.smtp),
    gatewayAddress: s.gatewayAddress,
    gatewayPassword: secretFrom(s.gatewayPasswordSet),
    phoneNumberPlacement: s.phoneNumberPlacement,
    gatewayPasswordPlacement: s.gatewayPasswordPlacement,
    maxSegments: String(s.maxSegments),
  };
}

export function smsSettingsRecord(f: SmsSettingsForm) {
  return { ...f, smtp: smtpAccountRecord(f.smtp), gatewayPassword: secretForValidation(f.gatewayPassword), maxSegments: parseNumberText(f.maxSegments) };
}

export function validateSmsSettingsForm(f: SmsSettingsForm) {
  return validateKeepingSecrets(smsSettingsSchema, smsSettingsRecord(f), f);
}

export function smsSettingsInput(f: SmsSettingsForm): SmsSettingsInput {
  const input: SmsSettingsInput = {
    ...f,
    smtp: smtpAccountInput(f.smtp),
    gatewayPassword: secretInput(f.gatewayPassword),
    maxSegments: parseNumberText(f.maxSegments) ?? undefined,
  };
  if (input.gatewayPassword === undefined) delete input.gatewayPassword;
  return input;
}

/** The SMS tab with a gateway preset's address and number placement (settings-schema's applySmsGatewayPreset). */
export function applySmsGatewayPresetToForm(f: SmsSettingsForm, presetId: SmsGatewayPresetId): { form: SmsSettingsForm; changed: (keyof SmsSettingsForm)[] } {
  const record = smsSettingsRecord(f);
  const applied = applySmsGatewayPreset({ ...record, smtp: { ...record.smtp, port: record.smtp.port ?? Number.NaN }, maxSegments: record.maxSegments ?? Number.NaN }, presetId);
  return {
    form: { ...f, gatewayAddress: applied.gatewayAddress, phoneNumberPlacement: applied.phoneNumberPlacement },
    changed: Object.keys(SMS_GATEWAY_PRESETS[presetId].settings) as (keyof SmsSettingsForm)[],
  };
}

/** The gateway preset the SMS tab has: its address (case aside) and number placement. */
export function matchingSmsGatewayPreset(f: Pick<SmsSettingsForm, 'gatewayAddress' | 'phoneNumberPlacement'>): SmsGatewayPresetId | null {
  const address = f.gatewayAddress.trim().toLowerCase();
  return (
    SMS_GATEWAY_PRESET_IDS.find((id) => {
      const { settings } = SMS_GATEWAY_PRESETS[id];
      return settings.gatewayAddress.toLowerCase() === address && settings.phoneNumberPlacement === f.phoneNumberPlacement;
    }) ?? null
  );
}

export interface UserSettingsForm {
  email: string;
  senderName: string;
  smtp: SmtpAccountForm;
  /** Always the seed's eight lines. */
  signatureLines: string[];
  defaultRecipient: string;
}

export function userSettingsForm(s: UserMailSettingsFieldsFragment): UserSettingsForm {
  return {
    email: s.email,
    senderName: s.senderName,
    smtp: smtpAccountForm(s.smtp),
    signatureLines: Array.from({ length: SIGNATURE_LINE_COUNT }, (_, i) => s.signatureLines[i] ?? ''),
    defaultRecipient: s.defaultRecipient,
  };
}

export function userSettingsRecord(f: UserSettingsForm) {
  return { ...f, smtp: smtpAccountRecord(f.smtp) };
}

export function validateUserSettingsForm(f: UserSettingsForm) {
  return validateKeepingSecrets(userMailSettingsSchema, userSettingsRecord(f), f);
}

export function userSettingsInput(f: UserSettingsForm): UserMailSettingsInput {
  return { ...f, smtp: smtpAccountInput(f.smtp) };
}
