import { SIGNATURE_LINE_COUNT } from '@maestro/settings-schema';
import type {
  CompanyMessageSettingsFieldsFragment,
  CompanyMessageSettingsInput,
  SmsSettingsFieldsFragment,
  SmsSettingsInput,
  UserMailSettingsFieldsFragment,
  UserMailSettingsInput,
} from '../gql/graphql';
import { secretForValidation, secretFrom, secretInput, type SecretEdit } from '../forms/secret-edit';
import { parseNumberText, smtpAccountForm, smtpAccountInput, smtpAccountRecord, type SmtpAccountForm } from './smtp-account-form';

// Each record has three shapes: the form being edited, the settings-schema record the client
// validates (the server's rules), and the API input (secrets only when changed).

export interface CompanySettingsForm {
  enabledChannels: CompanyMessageSettingsFieldsFragment['enabledChannels'];
  smtpSendingEnabled: boolean;
  companyEmail: string;
  senderName: string;
  smtp: SmtpAccountForm;
  defaultRecipients: string;
}

export function companySettingsForm(s: CompanyMessageSettingsFieldsFragment): CompanySettingsForm {
  return {
    enabledChannels: s.enabledChannels,
    smtpSendingEnabled: s.smtpSendingEnabled,
    companyEmail: s.companyEmail,
    senderName: s.senderName,
    smtp: smtpAccountForm(s.smtp),
    defaultRecipients: s.defaultRecipients,
  };
}

export function companySettingsRecord(f: CompanySettingsForm) {
  return { ...f, smtp: smtpAccountRecord(f.smtp) };
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

export function userSettingsInput(f: UserSettingsForm): UserMailSettingsInput {
  return { ...f, smtp: smtpAccountInput(f.smtp) };
}
