import {
  SIGNATURE_LINE_COUNT,
  applySmsGatewayPreset,
  companyMessageSettingsSchema,
  matchingSmsGatewayPreset as matchingPreset,
  simpleGatewayTemplates,
  smsSettingsSchema,
  userMailSettingsSchema,
  type SmsGatewayPresetId,
  type SmsSettings,
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
  templateMode: SmsSettingsFieldsFragment['templateMode'];
  addressTemplate: string;
  subjectTemplate: string;
  firstLineTemplate: string;
  ucs2Domain: string;
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
    templateMode: s.templateMode,
    addressTemplate: s.addressTemplate,
    subjectTemplate: s.subjectTemplate,
    firstLineTemplate: s.firstLineTemplate,
    ucs2Domain: s.ucs2Domain,
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

/** The SMS tab as a settings-schema record (numbers that are no numbers stay NaN, as the presets read them). */
function smsRecordView(f: SmsSettingsForm): SmsSettings {
  const record = smsSettingsRecord(f);
  return { ...record, smtp: { ...record.smtp, port: record.smtp.port ?? Number.NaN, maxConnections: record.smtp.maxConnections ?? Number.NaN, imapPort: record.smtp.imapPort ?? Number.NaN }, maxSegments: record.maxSegments ?? Number.NaN };
}

/**
 * In the simple form the templates follow the seed's fields (settings-schema's simpleGatewayTemplates),
 * so the advanced form starts from what is in use; while they do not fit together they stay as they were.
 */
export function withSimpleTemplates(f: SmsSettingsForm): SmsSettingsForm {
  if (f.templateMode !== 'SIMPLE') return f;
  const simple = simpleGatewayTemplates(f);
  if (!simple.ok) return f;
  return { ...f, addressTemplate: simple.templates.address, subjectTemplate: simple.templates.subject, firstLineTemplate: simple.templates.firstLine };
}

/** The SMS tab with a gateway preset's way of shaping the e-mail (settings-schema's applySmsGatewayPreset); the rest kept. */
export function applySmsGatewayPresetToForm(f: SmsSettingsForm, presetId: SmsGatewayPresetId): { form: SmsSettingsForm; changed: (keyof SmsSettingsForm)[] } {
  const applied = applySmsGatewayPreset(smsRecordView(f), presetId);
  const form: SmsSettingsForm = {
    ...f,
    gatewayAddress: applied.gatewayAddress,
    phoneNumberPlacement: applied.phoneNumberPlacement,
    gatewayPasswordPlacement: applied.gatewayPasswordPlacement,
    templateMode: applied.templateMode,
    addressTemplate: applied.addressTemplate,
    subjectTemplate: applied.subjectTemplate,
    firstLineTemplate: applied.firstLineTemplate,
    ucs2Domain: applied.ucs2Domain,
    maxSegments: Number.isNaN(applied.maxSegments) ? f.maxSegments : String(applied.maxSegments),
  };
  const changed: (keyof SmsSettingsForm)[] = ['gatewayAddress', 'phoneNumberPlacement', 'gatewayPasswordPlacement', 'templateMode', 'addressTemplate', 'subjectTemplate', 'firstLineTemplate', 'ucs2Domain', 'maxSegments'];
  return { form, changed };
}

/** The gateway preset the SMS tab uses (settings-schema's matchingSmsGatewayPreset). */
export function matchingSmsGatewayPreset(f: SmsSettingsForm): SmsGatewayPresetId | null {
  return matchingPreset(smsRecordView(f));
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

/**
 * What a user saves in their own Sähköposti määrittely: the signature, the default recipient and the
 * secrets of their own mailbox (an OAuth2 client secret with its expiry date). The sender and the
 * server are an admin's (the API refuses them here).
 */
export function ownSettingsInput(f: UserSettingsForm): UserMailSettingsInput {
  const smtp = smtpAccountInput(f.smtp);
  return {
    signatureLines: f.signatureLines,
    defaultRecipient: f.defaultRecipient,
    smtp: {
      password: smtp.password,
      oauthClientSecret: smtp.oauthClientSecret,
      // The client secret's expiry date is the user's too: it is kept with the secret they type.
      ...(f.smtp.authMethod === 'OAUTH2_MICROSOFT' ? { oauthClientSecretExpiresAt: smtp.oauthClientSecretExpiresAt } : {}),
      oauthServiceAccountKey: smtp.oauthServiceAccountKey,
    },
  };
}
