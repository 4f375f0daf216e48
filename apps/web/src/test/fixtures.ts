// API answers shaped as the schema returns them (with __typename, as Apollo asks for it).
import type { Me } from '../auth/me-context';

export function smtpAccount(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'SmtpAccountType',
    host: 'smtp.office365.com',
    authEnabled: true,
    port: 587,
    encryption: 'TLS',
    username: 'yritys.tunnus@yritys.fi',
    passwordSet: true,
    authMethod: 'PASSWORD',
    oauthTenantId: '',
    oauthClientId: '',
    oauthClientSecretSet: false,
    oauthServiceAccountKeySet: false,
    oauthUser: '',
    caCertificate: '',
    messagesPerMinute: null,
    recipientsPerMessage: null,
    recipientsPerDay: null,
    recipientLimitAction: 'SPLIT',
    ...overrides,
  };
}

export function warning(field: string, code: string, message: string) {
  return { __typename: 'SettingsWarning', field, code, message };
}

/** The seed's example: Viestiasetukset, Sähköposti lähetykset. */
export function companySettings(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'CompanyMessageSettingsType',
    enabledChannels: 'EMAIL_AND_SMS',
    smtpSendingEnabled: true,
    companyEmail: 'yritys@yritys.fi',
    senderName: 'Yrityksen edustaja',
    smtp: smtpAccount(),
    defaultRecipients: 'vakio.asiakas@asiakasyritys.fi',
    warnings: [],
    ...overrides,
  };
}

/** The seed's example: Viestiasetukset, Tekstiviesti lähetykset. */
export function smsSettings(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'SmsSettingsType',
    senderEmail: 'fff@maestro.fi',
    smtp: smtpAccount({ username: 'fff.maestro@maestro.fi' }),
    gatewayAddress: '@smsmail.labyrintti.com',
    gatewayPasswordSet: true,
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'SUBJECT',
    maxSegments: 6,
    warnings: [],
    ...overrides,
  };
}

/** The seed's example: Sähköposti määrittely - POMO. */
export function userMailSettings(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'UserMailSettingsType',
    userId: 'user-1',
    email: 'oma.nimi@sahkoposti.fi',
    senderName: 'Oma Nimi',
    smtp: smtpAccount({ host: '', passwordSet: false, username: '' }),
    signatureLines: ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''],
    defaultRecipient: 'vakio.asiakas@asiakasyritys.fi',
    warnings: [],
    ...overrides,
  };
}

export const ADMIN: Me = {
  companyId: 'company-1',
  companyName: 'Demo Oy',
  user: { id: 'admin-1', username: 'admin', displayName: 'Pääkäyttäjä', role: 'ADMIN' },
};

export const USER: Me = {
  companyId: 'company-1',
  companyName: 'Demo Oy',
  user: { id: 'user-1', username: 'myyja', displayName: 'Maija Myyjä', role: 'USER' },
};

/** The `me` query's answer for a caller. */
export function meAnswer(me: Me) {
  return { me: { __typename: 'Me', ...me, user: { __typename: 'User', ...me.user } } };
}

export function badUserInput(fields: { field: string; code: string; message: string }[]) {
  return {
    data: null,
    errors: [{ message: 'Tiedoissa on virheitä: korjaa merkityt kentät.', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELDS', fields } }],
  };
}
