import {
  SMTP_PRESETS,
  applySmtpPreset,
  matchingSmtpPreset,
  type SmtpAccount,
  type SmtpPresetId,
} from '@maestro/settings-schema';
import type { SmtpAccountFieldsFragment, SmtpAccountInput } from '../gql/graphql';
import { secretForValidation, secretFrom, secretInput, type SecretEdit } from '../forms/secret-edit';

/** The SMTP block as edited: numbers stay text until validated, secrets are write-only edits. */
export interface SmtpAccountForm {
  host: string;
  authEnabled: boolean;
  port: string;
  encryption: SmtpAccountFieldsFragment['encryption'];
  username: string;
  password: SecretEdit;
  authMethod: SmtpAccountFieldsFragment['authMethod'];
  oauthTenantId: string;
  oauthClientId: string;
  oauthClientSecret: SecretEdit;
  /** YYYY-MM-DD or ''. */
  oauthClientSecretExpiresAt: string;
  oauthServiceAccountKey: SecretEdit;
  oauthUser: string;
  caCertificate: string;
  messagesPerMinute: string;
  recipientsPerMessage: string;
  recipientsPerDay: string;
  recipientLimitAction: SmtpAccountFieldsFragment['recipientLimitAction'];
  maxConnections: string;
  ehloName: string;
  /** The IMAP block (company and user accounts; the SMS account keeps it empty). */
  imapHost: string;
  imapPort: string;
  imapEncryption: SmtpAccountFieldsFragment['imapEncryption'];
  imapAppendToSent: boolean;
  imapSentFolder: string;
  imapBounceFolder: string;
}

export type SmtpAccountField = keyof SmtpAccountForm;

const numberText = (value: number | null) => (value === null ? '' : String(value));

/** '' is "not set"; anything else goes to validation as a number (NaN is reported there). */
export function parseNumberText(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

export function smtpAccountForm(account: SmtpAccountFieldsFragment): SmtpAccountForm {
  return {
    host: account.host,
    authEnabled: account.authEnabled,
    port: String(account.port),
    encryption: account.encryption,
    username: account.username,
    password: secretFrom(account.passwordSet),
    authMethod: account.authMethod,
    oauthTenantId: account.oauthTenantId,
    oauthClientId: account.oauthClientId,
    oauthClientSecret: secretFrom(account.oauthClientSecretSet),
    oauthClientSecretExpiresAt: account.oauthClientSecretExpiresAt,
    oauthServiceAccountKey: secretFrom(account.oauthServiceAccountKeySet),
    oauthUser: account.oauthUser,
    caCertificate: account.caCertificate,
    messagesPerMinute: numberText(account.messagesPerMinute),
    recipientsPerMessage: numberText(account.recipientsPerMessage),
    recipientsPerDay: numberText(account.recipientsPerDay),
    recipientLimitAction: account.recipientLimitAction,
    maxConnections: String(account.maxConnections),
    ehloName: account.ehloName,
    imapHost: account.imapHost,
    imapPort: String(account.imapPort),
    imapEncryption: account.imapEncryption,
    imapAppendToSent: account.imapAppendToSent,
    imapSentFolder: account.imapSentFolder,
    imapBounceFolder: account.imapBounceFolder,
  };
}

/** Every field but the secrets, typed as the record has them. */
function plainFields(form: SmtpAccountForm) {
  return {
    host: form.host,
    authEnabled: form.authEnabled,
    port: parseNumberText(form.port),
    encryption: form.encryption,
    username: form.username,
    authMethod: form.authMethod,
    oauthTenantId: form.oauthTenantId,
    oauthClientId: form.oauthClientId,
    oauthClientSecretExpiresAt: form.oauthClientSecretExpiresAt,
    oauthUser: form.oauthUser,
    caCertificate: form.caCertificate,
    messagesPerMinute: parseNumberText(form.messagesPerMinute),
    recipientsPerMessage: parseNumberText(form.recipientsPerMessage),
    recipientsPerDay: parseNumberText(form.recipientsPerDay),
    recipientLimitAction: form.recipientLimitAction,
    maxConnections: parseNumberText(form.maxConnections),
    ehloName: form.ehloName,
    imapHost: form.imapHost,
    imapPort: parseNumberText(form.imapPort),
    imapEncryption: form.imapEncryption,
    imapAppendToSent: form.imapAppendToSent,
    imapSentFolder: form.imapSentFolder,
    imapBounceFolder: form.imapBounceFolder,
  };
}

/**
 * The block as a settings-schema SmtpAccount, for client-side validation with the server's rules. A
 * kept stored secret is a placeholder here (see secretForValidation); validate it with
 * validateKeepingSecrets.
 */
export function smtpAccountRecord(form: SmtpAccountForm) {
  return {
    ...plainFields(form),
    password: secretForValidation(form.password),
    oauthClientSecret: secretForValidation(form.oauthClientSecret),
    oauthServiceAccountKey: secretForValidation(form.oauthServiceAccountKey),
  };
}

/** The block as the API input: every plain field, and only the secrets the user changed. */
export function smtpAccountInput(form: SmtpAccountForm): SmtpAccountInput {
  const plain = plainFields(form);
  const input: SmtpAccountInput = { ...plain, port: plain.port ?? undefined, maxConnections: plain.maxConnections ?? undefined, imapPort: plain.imapPort ?? undefined };
  // An omitted secret keeps its stored value: leave the key out rather than sending null.
  for (const key of ['password', 'oauthClientSecret', 'oauthServiceAccountKey'] as const) {
    const value = secretInput(form[key]);
    if (value !== undefined) input[key] = value;
  }
  return input;
}

/** The connection fields as settings-schema's presets read them (a port that is no number matches nothing). */
function presetView(form: SmtpAccountForm): SmtpAccount {
  return {
    ...smtpAccountRecord(form),
    port: parseNumberText(form.port) ?? Number.NaN,
    maxConnections: parseNumberText(form.maxConnections) ?? Number.NaN,
    imapPort: parseNumberText(form.imapPort) ?? Number.NaN,
  };
}

/**
 * The block with a preset's host (where the provider has one), port, encryption, sign-in and limits,
 * by settings-schema's applySmtpPreset; credentials, secrets, the mailbox and the CA stay as typed.
 * Also says which fields it set, so their problems can go.
 */
export function applySmtpPresetToForm(form: SmtpAccountForm, presetId: SmtpPresetId): { form: SmtpAccountForm; changed: SmtpAccountField[] } {
  const applied = applySmtpPreset(presetView(form), presetId);
  const next: SmtpAccountForm = {
    ...form,
    host: applied.host,
    authEnabled: applied.authEnabled,
    port: String(applied.port),
    encryption: applied.encryption,
    authMethod: applied.authMethod,
    messagesPerMinute: numberText(applied.messagesPerMinute),
    recipientsPerMessage: numberText(applied.recipientsPerMessage),
    recipientsPerDay: numberText(applied.recipientsPerDay),
    recipientLimitAction: applied.recipientLimitAction,
    maxConnections: String(applied.maxConnections),
    imapHost: applied.imapHost,
    imapPort: Number.isNaN(applied.imapPort) ? form.imapPort : String(applied.imapPort),
    imapEncryption: applied.imapEncryption,
    imapAppendToSent: applied.imapAppendToSent,
  };
  return { form: next, changed: Object.keys(SMTP_PRESETS[presetId].settings) as SmtpAccountField[] };
}

/**
 * Whether the block still has what the preset decides about the connection (host when the preset has
 * one, port or its alternative, encryption, sign-in) — limits may be tuned without leaving it.
 */
export function fitsSmtpPreset(form: SmtpAccountForm, presetId: SmtpPresetId): boolean {
  const preset = SMTP_PRESETS[presetId];
  const { settings } = preset;
  const port = parseNumberText(form.port);
  const host = form.host.trim().toLowerCase().replace(/\.$/, '');
  const connections = [{ port: settings.port, encryption: settings.encryption }, ...(preset.alternative ? [preset.alternative] : [])];
  return (
    (settings.host === undefined || settings.host === host) &&
    connections.some((c) => c.port === port && c.encryption === form.encryption) &&
    form.authEnabled === settings.authEnabled &&
    form.authMethod === settings.authMethod
  );
}

/**
 * The preset the picker shows: the one chosen in this form while the block still fits it, else the
 * one the stored account matches (settings-schema's matchingSmtpPreset), else none.
 */
export function shownSmtpPreset(form: SmtpAccountForm, chosen: SmtpPresetId | 'NONE' | null): SmtpPresetId | null {
  if (chosen === 'NONE') return null;
  if (chosen !== null && fitsSmtpPreset(form, chosen)) return chosen;
  return matchingSmtpPreset(presetView(form));
}
