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
  oauthServiceAccountKey: SecretEdit;
  oauthUser: string;
  caCertificate: string;
  messagesPerMinute: string;
  recipientsPerMessage: string;
  recipientsPerDay: string;
  recipientLimitAction: SmtpAccountFieldsFragment['recipientLimitAction'];
}

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
    oauthServiceAccountKey: secretFrom(account.oauthServiceAccountKeySet),
    oauthUser: account.oauthUser,
    caCertificate: account.caCertificate,
    messagesPerMinute: numberText(account.messagesPerMinute),
    recipientsPerMessage: numberText(account.recipientsPerMessage),
    recipientsPerDay: numberText(account.recipientsPerDay),
    recipientLimitAction: account.recipientLimitAction,
  };
}

/** The block as a settings-schema SmtpAccount, for client-side validation with the server's rules. */
export function smtpAccountRecord(form: SmtpAccountForm) {
  return {
    host: form.host,
    authEnabled: form.authEnabled,
    port: parseNumberText(form.port),
    encryption: form.encryption,
    username: form.username,
    password: secretForValidation(form.password),
    authMethod: form.authMethod,
    oauthTenantId: form.oauthTenantId,
    oauthClientId: form.oauthClientId,
    oauthClientSecret: secretForValidation(form.oauthClientSecret),
    oauthServiceAccountKey: secretForValidation(form.oauthServiceAccountKey),
    oauthUser: form.oauthUser,
    caCertificate: form.caCertificate,
    messagesPerMinute: parseNumberText(form.messagesPerMinute),
    recipientsPerMessage: parseNumberText(form.recipientsPerMessage),
    recipientsPerDay: parseNumberText(form.recipientsPerDay),
    recipientLimitAction: form.recipientLimitAction,
  };
}

/** The block as the API input: every plain field, and only the secrets the user changed. */
export function smtpAccountInput(form: SmtpAccountForm): SmtpAccountInput {
  const record = smtpAccountRecord(form);
  const input: SmtpAccountInput = {
    ...record,
    port: record.port ?? undefined,
    password: secretInput(form.password),
    oauthClientSecret: secretInput(form.oauthClientSecret),
    oauthServiceAccountKey: secretInput(form.oauthServiceAccountKey),
  };
  // An omitted secret keeps its stored value: leave the key out rather than sending null.
  for (const key of ['password', 'oauthClientSecret', 'oauthServiceAccountKey'] as const) if (input[key] === undefined) delete input[key];
  return input;
}
