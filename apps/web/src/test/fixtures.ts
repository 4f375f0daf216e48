// API answers shaped as the schema returns them (with __typename, as Apollo asks for it), typed from the
// generated types (src/gql): a field the contract renames or drops breaks these at compile time.
import type { Me } from '../auth/me-context';
import type {
  CompanyMessageSettingsFieldsFragment,
  ComposeDraftQuery,
  DraftFieldsFragment,
  MeQuery,
  MessageDetailFieldsFragment,
  SmsSettingsFieldsFragment,
  SmtpAccountFieldsFragment,
  UserMailSettingsFieldsFragment,
} from '../gql/graphql';

/** An answer as the API sends it: the generated type, with the __typename Apollo asks for at every level. */
export type Answer<T> = T extends readonly (infer U)[]
  ? Answer<U>[]
  : T extends object
    ? { [K in keyof T]: Answer<T[K]> } & { __typename?: string }
    : T;

type Overrides<T> = Partial<Answer<T>>;

export function smtpAccount(overrides: Overrides<SmtpAccountFieldsFragment> = {}): Answer<SmtpAccountFieldsFragment> {
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
    oauthClientSecretExpiresAt: '',
    oauthServiceAccountKeySet: false,
    oauthUser: '',
    caCertificate: '',
    messagesPerMinute: null,
    recipientsPerMessage: null,
    recipientsPerDay: null,
    recipientLimitAction: 'SPLIT',
    maxConnections: 3,
    ehloName: '',
    imapHost: '',
    imapPort: 993,
    imapEncryption: 'SSL',
    imapAppendToSent: true,
    imapSentFolder: '',
    imapBounceFolder: '',
    ...overrides,
  };
}

export function warning(field: string, code: string, message: string): Answer<CompanyMessageSettingsFieldsFragment['warnings'][number]> {
  return { __typename: 'SettingsWarning', field, code, message };
}

/** The seed's example: Viestiasetukset, Sähköposti lähetykset. */
export function companySettings(overrides: Overrides<CompanyMessageSettingsFieldsFragment> = {}): Answer<CompanyMessageSettingsFieldsFragment> {
  return {
    __typename: 'CompanyMessageSettingsType',
    enabledChannels: 'EMAIL_AND_SMS',
    smtpSendingEnabled: true,
    companyEmail: 'yritys@yritys.fi',
    senderName: 'Yrityksen edustaja',
    smtp: smtpAccount(),
    defaultRecipients: 'vakio.asiakas@asiakasyritys.fi',
    defaultRecipientsField: 'TO',
    warnings: [],
    ...overrides,
  };
}

/** The seed's example: Viestiasetukset, Tekstiviesti lähetykset. */
export function smsSettings(overrides: Overrides<SmsSettingsFieldsFragment> = {}): Answer<SmsSettingsFieldsFragment> {
  return {
    __typename: 'SmsSettingsType',
    senderEmail: 'fff@maestro.fi',
    smtp: smtpAccount({ username: 'fff.maestro@maestro.fi' }),
    gatewayAddress: '@smsmail.labyrintti.com',
    gatewayPasswordSet: true,
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'SUBJECT',
    maxSegments: 6,
    templateMode: 'SIMPLE',
    addressTemplate: '{number}@smsmail.labyrintti.com',
    subjectTemplate: '{password}',
    firstLineTemplate: '',
    ucs2Domain: '',
    warnings: [],
    ...overrides,
  };
}

/** The seed's example: Sähköposti määrittely - POMO. */
export function userMailSettings(overrides: Overrides<UserMailSettingsFieldsFragment> = {}): Answer<UserMailSettingsFieldsFragment> {
  return {
    __typename: 'UserMailSettingsType',
    userId: 'user-1',
    email: 'oma.nimi@sahkoposti.fi',
    senderName: 'Oma Nimi',
    smtp: smtpAccount({ host: '', passwordSet: false, username: '' }),
    signatureLines: ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''],
    defaultRecipient: 'vakio.asiakas@asiakasyritys.fi',
    senderConfirmed: true,
    warnings: [],
    ...overrides,
  };
}

export const ADMIN: Me = {
  companyId: 'company-1',
  companyName: 'Demo Oy',
  smsMaxSegments: 6,
  user: { id: 'admin-1', username: 'admin', displayName: 'Pääkäyttäjä', role: 'ADMIN' },
};

export const USER: Me = {
  companyId: 'company-1',
  companyName: 'Demo Oy',
  smsMaxSegments: 6,
  user: { id: 'user-1', username: 'myyja', displayName: 'Maija Myyjä', role: 'USER' },
};

/** The `me` query's answer for a caller. */
export function meAnswer(me: Me): Answer<MeQuery> {
  return { me: { __typename: 'Me', ...me, user: { __typename: 'User', ...me.user } } };
}

export function badUserInput(fields: { field: string; code: string; message: string }[]) {
  return {
    data: null,
    errors: [{ message: 'Tiedoissa on virheitä: korjaa merkityt kentät.', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELDS', fields } }],
  };
}

/** composeDraft's answer: the seed's example, opened from a sales order. */
export function composeDraft(overrides: Overrides<ComposeDraftQuery['composeDraft']> = {}): Answer<ComposeDraftQuery['composeDraft']> {
  return {
    __typename: 'ComposedDraftType',
    source: 'SALES_ORDER',
    documentRef: 'MT-1001',
    from: { __typename: 'MailboxType', name: 'Maija Myyjä', address: 'testi.yritys@maestro.fi', formatted: 'Maija Myyjä <testi.yritys@maestro.fi>' },
    to: [{ __typename: 'MailboxType', name: '', address: 'etu.sukunimi@maestro.fi', formatted: 'etu.sukunimi@maestro.fi' }],
    cc: [],
    bcc: [],
    subject: 'Testilähetys',
    body: 'Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro',
    attachments: [],
    attachmentsAllowed: true,
    sendMode: 'OPEN_FOR_EDIT',
    delivery: 'SMTP',
    missingPlaceholders: [],
    language: 'FI',
    standardTextId: null,
    ...overrides,
  };
}

/** A draft a program stored for the user (startSend), as `draft(id)` answers it. */
export function messageDraft(overrides: Overrides<DraftFieldsFragment> = {}): Answer<DraftFieldsFragment> {
  return {
    ...composeDraft(),
    __typename: 'MessageDraft',
    id: 'draft-1',
    to: [{ __typename: 'MailboxType', name: '', address: 'matti@asiakas.fi', formatted: 'matti@asiakas.fi' }],
    subject: 'Tilausvahvistus MT-1001',
    body: 'Hei,\n\nliitteenä tilausvahvistus.\n\nMaija Myyjä',
    attachments: [{ __typename: 'AttachmentType', id: 'att-1', filename: 'MT-1001.pdf', size: 2048, contentType: 'application/pdf', sha256: 'ab' }],
    hold: null,
    variables: { documentNumber: 'MT-1001' },
    createdBy: 'sales (palveluavain)',
    createdAt: '2026-03-02T08:00:00.000Z',
    expiresAt: '2026-03-09T08:00:00.000Z',
    ...overrides,
  };
}

/** An OutboundMessage with every field the web asks for. */
export function outboundMessage(overrides: Overrides<MessageDetailFieldsFragment> = {}): Answer<MessageDetailFieldsFragment> {
  return {
    __typename: 'OutboundMessage',
    id: 'msg-1',
    status: 'SENT',
    channel: 'EMAIL',
    source: 'SALES_ORDER',
    documentRef: 'MT-1001',
    subject: 'Testilähetys',
    to: ['etu.sukunimi@maestro.fi'],
    cc: [],
    bcc: [],
    createdAt: '2026-03-02T08:00:00.000Z',
    sentAt: '2026-03-02T08:00:01.000Z',
    attempts: 1,
    nextAttemptAt: null,
    waitReason: null,
    waitMessage: null,
    lastError: null,
    from: { __typename: 'MailboxType', formatted: 'Maija Myyjä <testi.yritys@maestro.fi>' },
    body: 'Hei,\nTämä on testilähetys.',
    language: 'FI',
    messageId: '<abc@maestro.fi>',
    smtpResponse: '250 2.0.0 OK: queued as 1234',
    sentBy: 'myyja',
    splitGroupId: null,
    recipientErrors: [],
    recipients: [],
    attachments: [],
    handOff: null,
    sentCopy: null,
    bounces: [],
    ...overrides,
  };
}

/** The Sent-folder copy of a message, as the API describes it. */
export function sentCopy(status: 'PENDING' | 'DONE' | 'FAILED', message: string, overrides: Record<string, unknown> = {}) {
  return { __typename: 'SentCopyInfo', status, message, folder: status === 'DONE' ? 'Sent' : null, attempts: 1, nextAttemptAt: null, ...overrides };
}

/** A stored attachment as the API describes it. */
export function attachment(id: string, filename: string, overrides: Overrides<MessageDetailFieldsFragment['attachments'][number]> = {}): Answer<MessageDetailFieldsFragment['attachments'][number]> {
  return { __typename: 'AttachmentType', id, filename, size: 2048, contentType: 'application/pdf', sha256: `sha-${id}`, url: `/attachments/${id}`, ...overrides };
}

type RecipientAnswer = Answer<MessageDetailFieldsFragment['recipients'][number]>;

/** One recipient of a message with its outcome. */
export function messageRecipient(address: string, outcome: RecipientAnswer['outcome'], overrides: Overrides<MessageDetailFieldsFragment['recipients'][number]> = {}): RecipientAnswer {
  return { __typename: 'MessageRecipient', address, kind: 'TO', outcome, reply: null, message: null, ...overrides };
}

export function messageError(code: string, message: string, permanent = false): Answer<NonNullable<MessageDetailFieldsFragment['lastError']>> {
  return { __typename: 'MessageError', code, message, permanent };
}

/** A GraphQL error as the API sends a refusal (REFUSED, CONFLICT, ...). */
export function refusal(code: string, message: string, reason?: string) {
  return { data: null, errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] };
}
