import { Readable } from 'node:stream';
import fc from 'fast-check';
import {
  CHANNEL_SETS,
  GATEWAY_PASSWORD_PLACEMENTS,
  LANGUAGES,
  MESSAGE_SOURCES,
  OUTPUT_KINDS,
  PHONE_NUMBER_PLACEMENTS,
  RECIPIENT_LIMIT_ACTIONS,
  ROLES,
  SMS_TEMPLATE_MODES,
  SMTP_AUTH_METHODS,
  SMTP_ENCRYPTIONS,
} from '@maestro/settings-schema';
import { buildGraphqlSchema } from '../../../apps/api/src/graphql/schema';
import { startTestApi, type TestApi } from '../../../apps/api/test/support/test-api';
import {
  badAddressList,
  intOutside,
  longerThan,
  moreBytesThan,
  notABoolean,
  notAString,
  notAnAddress,
  notAnInt,
  notOneOf,
  someOf,
  strangerId,
  withLineBreak,
} from '../src/support/bad-values';
import { DATABASE_KINDS } from '../src/support/deployment';
import { freePort } from '@maestro/test-support';

/** Uploads are capped low here so that oversize files stay cheap to send. */
const MAX_ATTACHMENT_MB = 1;
const MAX_MESSAGE_MB = 2;
const MB = 1024 * 1024;

/** Ids the generators refer to by name; resolved when a call is made (the rows exist only after setup). */
type IdName = 'aUser' | 'aQueuedMessage' | 'aCancelledMessage' | 'aAttachment' | 'aDraft' | 'bUser' | 'bKey' | 'bText' | 'bMessage' | 'bAttachment' | 'bDraft';
const ref = (name: IdName) => `@@${name}`;

type Who = 'admin' | 'user';
interface Call {
  variables: Record<string, unknown>;
  as?: Who;
}

interface OperationCase {
  /** The field the operation answers with: data[field] must be null when refused. */
  field: string;
  query: string;
  /** How many generated inputs this operation gets. */
  runs: number;
  calls: fc.Arbitrary<Call>;
}

const input = (arb: fc.Arbitrary<Record<string, unknown>>, as: Who = 'admin'): fc.Arbitrary<Call> => arb.map((value) => ({ variables: { input: value }, as }));

const badSmtp = someOf({
  host: fc.oneof(withLineBreak, fc.constantFrom('smtp yritys fi', 'http://smtp.yritys.fi', 'a..b', '[::1', 'smtp.yritys.fi/polku', 'smtp_yritys@fi'), longerThan(253)),
  port: fc.oneof(intOutside(1, 65535), notAnInt),
  encryption: notOneOf(SMTP_ENCRYPTIONS),
  authEnabled: notABoolean,
  authMethod: notOneOf(SMTP_AUTH_METHODS),
  username: fc.oneof(withLineBreak, longerThan(320)),
  password: fc.oneof(withLineBreak, longerThan(1024), notAString(false)),
  oauthTenantId: fc.oneof(withLineBreak, longerThan(200)),
  oauthClientSecret: fc.oneof(withLineBreak, longerThan(2000)),
  oauthUser: notAnAddress,
  caCertificate: longerThan(60000),
  messagesPerMinute: intOutside(1, 100000),
  recipientsPerMessage: intOutside(1, 100000),
  recipientsPerDay: intOutside(1, 10000000),
  recipientLimitAction: notOneOf(RECIPIENT_LIMIT_ACTIONS),
  maxConnections: fc.oneof(intOutside(1, 20), notAnInt),
  ehloName: fc.oneof(withLineBreak, fc.constantFrom('localhost', 'erp', '127.0.0.1', '[192.0.2.1]', 'erp yritys.fi'), longerThan(253)),
  oauthClientSecretExpiresAt: fc.oneof(withLineBreak, fc.constantFrom('2027-02-30', '31.12.2027', 'huomenna', '2027-13-01')),
});

const badUserMailSettings = someOf({
  email: fc.oneof(withLineBreak, notAnAddress, longerThan(320)),
  senderName: fc.oneof(withLineBreak, longerThan(200), notAString(false)),
  signatureLines: fc.oneof(
    fc.array(fc.string({ maxLength: 10 }), { minLength: 9, maxLength: 30 }),
    fc.tuple(fc.array(fc.constant('Terveisin'), { maxLength: 7 }), withLineBreak).map(([lines, bad]) => [...lines, bad]),
    longerThan(200).map((line) => [line]),
  ),
  defaultRecipient: fc.oneof(notAnAddress, fc.constantFrom('a@yritys.fi; b@yritys.fi', 'Matti <m@yritys.fi>', 'a@yritys.fi,'), withLineBreak),
  smtp: badSmtp,
});

/** As the compose dialog sends it: the lists and the body are final (no default recipients, no signature added). */
const validMessage = { source: 'QUOTE', to: ['asiakas@asiakas.example'], subject: 'Tarjous', body: 'Hei, tarjous liitteenä.', defaultRecipients: 'EXCLUDE' as const, signature: 'NONE' as const };
const validDraftContent = { to: ['asiakas@asiakas.example'], subject: 'Tarjous', body: 'Hei, tarjous liitteenä.' };

/** What the user may get wrong editing a draft. */
const badDraftContent = someOf({
  subject: fc.oneof(withLineBreak, longerThan(998), notAString(true)),
  to: fc.oneof(fc.array(badAddressList, { minLength: 1, maxLength: 3 }), withLineBreak.map((entry) => [`asiakas@asiakas.example${entry}`]), notAString(false).filter((v) => !Array.isArray(v))),
  cc: fc.array(badAddressList, { minLength: 1, maxLength: 2 }),
  body: fc.oneof(moreBytesThan(65_535), notAString(true)),
  attachmentIds: fc.oneof(fc.constant([ref('bAttachment')]), fc.array(strangerId, { minLength: 1, maxLength: 3 })),
  language: notOneOf(LANGUAGES),
});

/** Every mutation (and composeDraft, the one query that takes free text), with bad inputs of its own. */
/** sendMessage inputs that must each be refused, with nothing stored. */
const badSendMessageCalls = someOf({
      subject: fc.oneof(withLineBreak, longerThan(998), notAString(true)),
      to: fc.oneof(
        fc.constantFrom([], [''], [' ; , '], null),
        fc.array(badAddressList, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 501, max: 1500 }).map((n) => Array.from({ length: n }, (_, i) => `asiakas${i}@asiakas.example`)),
        longerThan(4000).map((entry) => [entry]),
        withLineBreak.map((entry) => [`asiakas@asiakas.example${entry}`]),
        notAString(false).filter((v) => !Array.isArray(v)),
      ),
      cc: fc.array(badAddressList, { minLength: 1, maxLength: 2 }),
      bcc: fc.array(badAddressList, { minLength: 1, maxLength: 2 }),
      body: fc.oneof(moreBytesThan(65_535), notAString(true)),
      source: notOneOf(MESSAGE_SOURCES),
      attachmentIds: fc.oneof(fc.constant([ref('bAttachment')]), fc.array(strangerId, { minLength: 1, maxLength: 3 })),
      sendAt: fc.constantFrom('2999-01-01T00:00:00Z', 'huomenna', '2024-13-45T25:61:00Z', ''),
      documentRef: fc.oneof(withLineBreak, longerThan(200)),
      idempotencyKey: longerThan(200),
      language: notOneOf(LANGUAGES),
      onBehalfOfUserId: fc.constantFrom(ref('bUser'), ref('aUser'), ref('bMessage')),
    })
      .filter((bad) => !(Object.keys(bad).length === 1 && bad.onBehalfOfUserId === ref('aUser')))
      .map((bad) => ({ variables: { input: { ...validMessage, ...bad } }, as: 'user' as const }));

const CASES: Record<string, OperationCase> = {
  updateCompanyMessageSettings: {
    field: 'updateCompanyMessageSettings',
    query: 'mutation($input: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $input) { senderName } }',
    runs: 20,
    calls: fc.oneof(
      input(
        someOf({
          senderName: fc.oneof(withLineBreak, longerThan(200), notAString(false)),
          companyEmail: fc.oneof(withLineBreak, notAnAddress, longerThan(320)),
          defaultRecipients: fc.oneof(withLineBreak, badAddressList, longerThan(4000)),
          enabledChannels: notOneOf(CHANNEL_SETS),
          smtpSendingEnabled: notABoolean,
          smtp: badSmtp,
        }),
      ),
      // Every field fine on its own, wrong together: e-mail on without a company address or a server.
      fc.constantFrom({ enabledChannels: 'EMAIL', companyEmail: '' }, { smtp: { host: ' ' } }, { smtpSendingEnabled: true, smtp: { host: '' } }).map((value) => ({ variables: { input: value } })),
      fc.constantFrom<Call>({ variables: {} }, { variables: { input: null } }, { variables: { input: 'senderName' } }, { variables: { input: [] } }),
    ),
  },
  updateSmsSettings: {
    field: 'updateSmsSettings',
    query: 'mutation($input: SmsSettingsInput!) { updateSmsSettings(input: $input) { senderEmail } }',
    runs: 16,
    calls: input(
      someOf({
        senderEmail: fc.oneof(withLineBreak, notAnAddress),
        gatewayAddress: fc.oneof(withLineBreak, fc.constantFrom('smsmail.labyrintti.com', '@', '@localhost', 'a b@sms.fi', '@sms fi', '<@sms.fi>'), longerThan(320)),
        gatewayPassword: fc.oneof(withLineBreak, longerThan(200)),
        maxSegments: fc.oneof(intOutside(1, 20), notAnInt),
        phoneNumberPlacement: notOneOf(PHONE_NUMBER_PLACEMENTS),
        gatewayPasswordPlacement: notOneOf(GATEWAY_PASSWORD_PLACEMENTS),
        templateMode: notOneOf(SMS_TEMPLATE_MODES),
        ucs2Domain: fc.oneof(withLineBreak, fc.constantFrom('ucs gateway', 'localhost', '@ucs.fi'), longerThan(253)),
        smtp: badSmtp,
      }),
    ),
  },
  switchToMicrosoftOAuth: {
    field: 'switchToMicrosoftOAuth',
    query: 'mutation($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) { switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) { basicAuthOffByDefault } }',
    runs: 12,
    calls: fc.oneof(
      // Details fine but one or two, for the company's account.
      someOf({
        oauthTenantId: fc.oneof(withLineBreak, longerThan(200), fc.constant(' ')),
        oauthClientId: fc.oneof(withLineBreak, longerThan(200), fc.constant('')),
        oauthClientSecret: fc.oneof(withLineBreak, longerThan(2000), fc.constant('')),
        oauthClientSecretExpiresAt: fc.constantFrom('2027-02-30', '31.12.2027', 'huomenna'),
        oauthUser: fc.oneof(notAnAddress, withLineBreak),
      }).map((bad) => ({
        variables: {
          account: 'COMPANY',
          input: { oauthTenantId: 'yritys.onmicrosoft.com', oauthClientId: 'app', oauthClientSecret: 'Q~salainen', oauthClientSecretExpiresAt: '2028-06-30', oauthUser: 'myynti@yritys-a.example', ...bad },
        },
      })),
      // Another company's user, or no user, or an account kind that has no switch.
      fc
        .constantFrom<Record<string, unknown>>({ account: 'USER', userId: ref('bUser') }, { account: 'USER' }, { account: 'MINE' }, { account: 'SOMEONE' })
        .map((target) => ({ variables: { ...target, input: { oauthTenantId: 't', oauthClientId: 'c', oauthClientSecret: 's', oauthClientSecretExpiresAt: '2028-06-30', oauthUser: '' } } })),
      // A normal user may switch nothing.
      fc.constant<Call>({ variables: { account: 'COMPANY', input: { oauthTenantId: 't', oauthClientId: 'c', oauthClientSecret: 's', oauthClientSecretExpiresAt: '2028-06-30', oauthUser: '' } }, as: 'user' }),
    ),
  },
  updateMyMailSettings: {
    field: 'updateMyMailSettings',
    query: 'mutation($input: UserMailSettingsInput!) { updateMyMailSettings(input: $input) { senderName } }',
    runs: 14,
    calls: input(badUserMailSettings, 'user'),
  },
  updateUserMailSettings: {
    field: 'updateUserMailSettings',
    query: 'mutation($userId: ID!, $input: UserMailSettingsInput!) { updateUserMailSettings(userId: $userId, input: $input) { senderName } }',
    runs: 14,
    calls: fc.oneof(
      badUserMailSettings.map((value) => ({ variables: { userId: ref('aUser'), input: value } })),
      // Fine input, but another company's user or no user at all.
      fc.oneof(fc.constant(ref('bUser')), strangerId).map((userId) => ({ variables: { userId, input: { senderName: 'Kaapattu', email: 'kaapattu@pahis.example' } } })),
    ),
  },
  sendMessage: {
    field: 'sendMessage',
    query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
    runs: 24,
    calls: badSendMessageCalls,
  },
  sendMessages: {
    field: 'sendMessages',
    query: 'mutation($inputs: [SendMessageInput!]!) { sendMessages(inputs: $inputs) { id } }',
    runs: 16,
    calls: fc.oneof(
      // One bad message in a batch of its own: refused at its index, nothing stored.
      badSendMessageCalls.map((call) => ({ variables: { inputs: [call.variables.input] }, as: call.as })),
      // A batch that cannot be done at all: refused whole before anything is stored.
      fc.constantFrom(
        { variables: { inputs: Array.from({ length: 101 }, (_, i) => ({ ...validMessage, documentRef: `ERA-${i}` })) }, as: 'user' as const },
        { variables: { inputs: [validMessage, { ...validMessage, wait: true }] }, as: 'user' as const },
      ),
    ),
  },
  sendSms: {
    field: 'sendSms',
    query: 'mutation($input: SendSmsInput!) { sendSms(input: $input) { id } }',
    runs: 16,
    calls: someOf({
      to: fc.oneof(
        fc.constantFrom([], [''], ['abc'], ['123'], ['09 123 4567'], ['+358 9 123 4567'], ['040 123 4567\r\n050 765 4321x']),
        fc.integer({ min: 101, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `+35840${String(1000000 + i)}`)),
        fc.string({ minLength: 1, maxLength: 30 }).map((s) => [`puh ${s.replace(/\d/g, '')}`]),
      ),
      text: fc.oneof(fc.constantFrom('', '   ', '\r\n'), longerThan(1000)),
      source: fc.oneof(notOneOf(MESSAGE_SOURCES), fc.constantFrom('QUOTE', 'SALES_ORDER')),
      documentRef: longerThan(200),
      idempotencyKey: longerThan(200),
    }).map((bad) => ({ variables: { input: { source: 'CUSTOMER_CARD', to: ['040 123 4567'], text: 'Huolto valmis.', ...bad } }, as: 'admin' as const })),
  },
  createUser: {
    field: 'createUser',
    query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    runs: 14,
    calls: someOf({
      password: fc.string({ maxLength: 9 }),
      username: fc.oneof(fc.constantFrom('', 'a', 'a-admin', 'b-user', 'matti virtanen', 'matti/../root', 'ääkkönen'), withLineBreak, longerThan(100)),
      role: notOneOf(ROLES),
      displayName: longerThan(200),
    }).map((bad) => ({ variables: { input: { username: 'uusi-kayttaja', password: 'Pitka-salasana-1', role: 'USER', ...bad } } })),
  },
  updateUser: {
    field: 'updateUser',
    query: 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }',
    runs: 14,
    calls: fc.oneof(
      someOf({ password: fc.string({ maxLength: 9 }), displayName: longerThan(200), role: notOneOf(ROLES), active: notABoolean }).map((bad) => ({ variables: { id: ref('aUser'), input: bad } })),
      fc.oneof(fc.constant(ref('bUser')), strangerId).map((id) => ({ variables: { id, input: { displayName: 'Kaapattu', active: false } } })),
    ),
  },
  createServiceKey: {
    field: 'createServiceKey',
    query: 'mutation($input: CreateServiceKeyInput!) { createServiceKey(input: $input) { key } }',
    runs: 12,
    calls: someOf({
      name: fc.oneof(fc.constantFrom('', '   '), longerThan(200)),
      module: fc.oneof(fc.constantFrom('', 'Sales', '1sales', 's', 'sales module', 'sales;drop'), withLineBreak, longerThan(50)),
      defaultUserId: fc.oneof(fc.constant(ref('bUser')), fc.uuid()),
    }).map((bad) => ({ variables: { input: { name: 'Avain', module: 'sales', ...bad } } })),
  },
  revokeServiceKey: {
    field: 'revokeServiceKey',
    query: 'mutation($id: ID!) { revokeServiceKey(id: $id) { id } }',
    runs: 8,
    calls: fc.oneof(fc.constant(ref('bKey')), strangerId).map((id) => ({ variables: { id } })),
  },
  updateSendPolicy: {
    field: 'updateSendPolicy',
    query: 'mutation($source: MessageSource!, $input: SendPolicyInput!) { updateSendPolicy(source: $source, input: $input) { sendMode } }',
    runs: 12,
    calls: fc.oneof(
      someOf({ sendMode: fc.oneof(notOneOf(['SEND_NOW', 'OPEN_FOR_EDIT', 'ASK']), withLineBreak), defaultOutput: notOneOf(OUTPUT_KINDS) }).map((bad) => ({ variables: { source: 'SALES_ORDER', input: bad } })),
      notOneOf(MESSAGE_SOURCES).map((source) => ({ variables: { source, input: { sendMode: 'ASK' } } })),
    ),
  },
  upsertStandardText: {
    field: 'upsertStandardText',
    query: 'mutation($input: StandardTextInput!) { upsertStandardText(input: $input) { id } }',
    runs: 14,
    calls: someOf({
      subject: fc.oneof(withLineBreak, longerThan(998)),
      name: fc.oneof(fc.constant(''), withLineBreak, longerThan(100)),
      body: moreBytesThan(65_535),
      id: fc.oneof(fc.constant(ref('bText')), fc.uuid()),
      language: notOneOf(LANGUAGES),
      source: notOneOf(MESSAGE_SOURCES),
    }).map((bad) => ({ variables: { input: { source: 'QUOTE', language: 'FI', name: 'Perustarjous', subject: 'Tarjous {{documentNumber}}', body: 'Hei,\n\ntarjous liitteenä.', ...bad } } })),
  },
  deleteStandardText: {
    field: 'deleteStandardText',
    query: 'mutation($id: ID!) { deleteStandardText(id: $id) }',
    runs: 8,
    calls: fc.oneof(fc.constant(ref('bText')), strangerId).map((id) => ({ variables: { id } })),
  },
  retryMessage: {
    field: 'retryMessage',
    query: 'mutation($id: ID!) { retryMessage(id: $id) { id } }',
    runs: 8,
    // A queued message has nothing to retry; the others are not ours.
    calls: fc.oneof(fc.constantFrom(ref('bMessage'), ref('aQueuedMessage')), strangerId).map((id) => ({ variables: { id } })),
  },
  cancelMessage: {
    field: 'cancelMessage',
    query: 'mutation($id: ID!) { cancelMessage(id: $id) { id } }',
    runs: 8,
    calls: fc.oneof(fc.constantFrom(ref('bMessage'), ref('aCancelledMessage')), strangerId).map((id) => ({ variables: { id } })),
  },
  testSmtpConnection: {
    field: 'testSmtpConnection',
    query: 'mutation($account: SmtpAccountKind!, $changes: SmtpAccountInput) { testSmtpConnection(account: $account, changes: $changes) { ok } }',
    runs: 12,
    calls: fc.oneof(
      fc.tuple(fc.constantFrom('COMPANY', 'SMS', 'MINE'), badSmtp).map(([account, changes]) => ({ variables: { account, changes } })),
      notOneOf(['COMPANY', 'SMS', 'MINE']).map((account) => ({ variables: { account } })),
      // A normal user may test only their own account.
      fc.constantFrom('COMPANY', 'SMS').map((account) => ({ variables: { account }, as: 'user' as const })),
    ),
  },
  changeMyPassword: {
    field: 'changeMyPassword',
    query: 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { token } }',
    runs: 8,
    // Never the right current password: a wrong one, garbage, or the wrong type; new ones short, common or odd.
    calls: fc
      .record({
        c: fc.oneof(fc.constantFrom('', 'väärä-nykyinen-salasana', "' OR '1'='1"), withLineBreak, longerThan(10000), notAString(true)),
        n: fc.oneof(fc.constantFrom('', 'lyhyt', 'password1234', 'qwertyuiop123'), longerThan(5000), notAString(true)),
      })
      .chain((variables) => fc.constantFrom<Who>('admin', 'user').map((as) => ({ variables, as }))),
  },
  clearSuppressedAddress: {
    field: 'clearSuppressedAddress',
    query: 'mutation($address: String!) { clearSuppressedAddress(address: $address) }',
    runs: 6,
    calls: fc.oneof(
      fc.oneof(withLineBreak, longerThan(320), notAString(false)).map((address) => ({ variables: { address } })),
      // Only an admin clears a bounced address.
      fc.constant({ variables: { address: 'asiakas@asiakas.example' }, as: 'user' as const }),
    ),
  },
  probeSendingAccount: {
    field: 'probeSendingAccount',
    query: 'mutation($accountKey: ID!) { probeSendingAccount(accountKey: $accountKey) { accountKey } }',
    runs: 6,
    calls: fc.oneof(
      fc.oneof(strangerId, withLineBreak, longerThan(5000), notAString(false)).map((accountKey) => ({ variables: { accountKey } })),
      // Only an admin ends a park.
      fc.constant({ variables: { accountKey: 'company:tuntematon' }, as: 'user' as const }),
    ),
  },
  confirmUserSender: {
    field: 'confirmUserSender',
    query: 'mutation($userId: ID!) { confirmUserSender(userId: $userId) { email } }',
    runs: 6,
    calls: fc.oneof(
      fc.oneof(fc.constant(ref('bUser')), strangerId).map((userId) => ({ variables: { userId } })),
      // Only an admin confirms a sender.
      fc.constant({ variables: { userId: ref('aUser') }, as: 'user' as const }),
    ),
  },
  login: {
    field: 'login',
    query: 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }',
    runs: 10,
    calls: fc
      .record({
        username: fc.oneof(fc.constantFrom('a-admin', 'b-admin', 'ei-ole', ''), withLineBreak, longerThan(1000), notAString(true)),
        password: fc.oneof(fc.constantFrom('', 'Salasana-123', "' OR '1'='1"), withLineBreak, longerThan(10000), notAString(true)),
      })
      .map((variables) => ({ variables })),
  },
  startSend: {
    field: 'startSend',
    query: 'mutation($input: StartSendInput!) { startSend(input: $input) { outcome url } }',
    runs: 16,
    calls: someOf({
      source: notOneOf(MESSAGE_SOURCES),
      to: fc.oneof(fc.array(badAddressList, { minLength: 1, maxLength: 3 }), withLineBreak.map((entry) => [`asiakas@asiakas.example${entry}`])),
      bcc: fc.array(badAddressList, { minLength: 1, maxLength: 2 }),
      variables: fc.oneof(fc.constantFrom('documentNumber=1', 42, [1, 2]), fc.constant({ customerName: { nested: true } })),
      attachmentIds: fc.oneof(fc.constant([ref('bAttachment')]), fc.array(strangerId, { minLength: 1, maxLength: 3 })),
      standardTextId: fc.oneof(fc.constant(ref('bText')), fc.uuid()),
      onBehalfOfUserId: fc.constantFrom(ref('bUser'), ref('bMessage')),
      documentRef: fc.oneof(withLineBreak, longerThan(200)),
      idempotencyKey: longerThan(200),
      language: notOneOf(LANGUAGES),
    }).map((bad) => ({ variables: { input: { source: 'QUOTE', to: ['asiakas@asiakas.example'], ...bad } }, as: 'user' as const })),
  },
  updateDraft: {
    field: 'updateDraft',
    query: 'mutation($id: ID!, $input: DraftContentInput!) { updateDraft(id: $id, input: $input) { id } }',
    runs: 12,
    calls: fc.oneof(
      badDraftContent.map((bad) => ({ variables: { id: ref('aDraft'), input: { ...validDraftContent, ...bad } }, as: 'user' as const })),
      // Fine content, but another company's draft, another user's (the admin is not its user), or none.
      fc.oneof(fc.constant(ref('bDraft')), strangerId).map((id) => ({ variables: { id, input: validDraftContent }, as: 'user' as const })),
      fc.constant({ variables: { id: ref('aDraft'), input: validDraftContent }, as: 'admin' as const }),
    ),
  },
  sendDraft: {
    field: 'sendDraft',
    query: 'mutation($id: ID!, $input: SendDraftInput!) { sendDraft(id: $id, input: $input) { id } }',
    runs: 12,
    calls: fc.oneof(
      badDraftContent.map((bad) => ({ variables: { id: ref('aDraft'), input: { ...validDraftContent, ...bad } }, as: 'user' as const })),
      fc.constantFrom('2999-01-01T00:00:00Z', 'huomenna').map((sendAt) => ({ variables: { id: ref('aDraft'), input: { ...validDraftContent, sendAt } }, as: 'user' as const })),
      fc.oneof(fc.constant(ref('bDraft')), fc.constant(ref('aQueuedMessage')), strangerId).map((id) => ({ variables: { id, input: validDraftContent }, as: 'user' as const })),
      fc.constant({ variables: { id: ref('aDraft'), input: validDraftContent }, as: 'admin' as const }),
    ),
  },
  discardDraft: {
    field: 'discardDraft',
    query: 'mutation($id: ID!) { discardDraft(id: $id) }',
    runs: 8,
    calls: fc.oneof(
      fc.oneof(fc.constant(ref('bDraft')), fc.constant(ref('aQueuedMessage')), strangerId).map((id) => ({ variables: { id }, as: 'user' as const })),
      fc.constant({ variables: { id: ref('aDraft') }, as: 'admin' as const }),
    ),
  },
  refreshSession: {
    field: 'refreshSession',
    // Without the browser's cookie (none is sent here), or with an argument it does not take.
    query: 'mutation($x: String) { refreshSession(token: $x) { token } }',
    runs: 4,
    calls: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 }), withLineBreak).map((x) => ({ variables: { x } })),
  },
  logout: {
    field: 'logout',
    // An argument it does not take: refused before anything happens (a plain logout would end the session these tests use).
    query: 'mutation($x: String) { logout(everywhere: $x) }',
    runs: 4,
    calls: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })).map((x) => ({ variables: { x } })),
  },
  composeDraft: {
    field: 'composeDraft',
    query: 'query($input: ComposeDraftInput!) { composeDraft(input: $input) { subject } }',
    runs: 10,
    calls: someOf({
      source: notOneOf(MESSAGE_SOURCES),
      to: fc.array(badAddressList, { minLength: 1, maxLength: 2 }),
      standardTextId: fc.oneof(fc.constant(ref('bText')), fc.uuid()),
      variables: fc.oneof(fc.constantFrom('documentNumber=1', 42, [1, 2]), fc.array(fc.string(), { minLength: 1 })),
      language: notOneOf(LANGUAGES),
      onBehalfOfUserId: fc.constant(ref('bUser')),
    }).map((bad) => ({ variables: { input: { source: 'QUOTE', ...bad } }, as: 'user' as const })),
  },
};

/** How a bad document is described: small, since fast-check prints the counterexample; built when sent. */
interface DocumentCase {
  /** Levels of nesting, for the deep kinds. */
  levels: number;
  /** Aliases or repetitions, for the costly kinds (kept under the complexity library's 10,000-node cap). */
  n: number;
  junk: string;
}

const DOCUMENTS: Record<string, (d: DocumentCase) => string> = {
  // Introspection that grows with every level (a type's fields' types' fields ...).
  'introspection levels of fields': (d) => JSON.stringify({ query: `{ __schema { types { ${'fields { type { ofType { '.repeat(d.levels)}name${' } } }'.repeat(d.levels)} } } }` }),
  'selections deeper than the limit': (d) => JSON.stringify({ query: `{ messages { nodes { from ${'{ formatted '.repeat(d.levels + 10)}${'}'.repeat(d.levels + 10)} } } }` }),
  // Costly: the same list asked for over a thousand times under aliases.
  'aliased lists': (d) => JSON.stringify({ query: `{ ${Array.from({ length: d.n }, (_, i) => `p${i}: sendPolicies { source sendMode sourceLabel }`).join(' ')} }` }),
  // 450 pages of up to 200 messages each (90,000 rows): priced at 11 per page, just under the limit, unless the page size counts.
  'aliased pages of 200 messages': () => JSON.stringify({ query: `{ ${Array.from({ length: 450 }, (_, i) => `m${i}: messages(first: 200) { nodes { id subject body to cc bcc attachments { id filename } } }`).join(' ')} }` }),
  // More than the 10,000 nodes graphql-query-complexity prices by default: must be refused, not run unpriced.
  'too many nodes to price': () => JSON.stringify({ query: `{ ${Array.from({ length: 2600 }, (_, i) => `p${i}: sendPolicies { source sendMode sourceLabel }`).join(' ')} }` }),
  'repeated directives': (d) => JSON.stringify({ query: `{ me { companyId ${'@include(if: true) '.repeat(d.n)} } }` }),
  'fragment cycle': () => JSON.stringify({ query: '{ me { ...A } } fragment A on Me { user { id } ...B } fragment B on Me { ...A }' }),
  'syntax error': () => JSON.stringify({ query: '{ me { companyId ' }),
  'unknown field': () => JSON.stringify({ query: '{ passwords { hash } }' }),
  'no query': () => JSON.stringify({ variables: {} }),
  'two operations, none named': () => JSON.stringify({ query: 'query A { me { companyId } } query B { me { companyId } }' }),
  'a batch': () => JSON.stringify([{ query: '{ me { companyId } }' }, { query: '{ users { id } }' }]),
  'a body that is not an object': () => JSON.stringify('{ me { companyId } }'),
  'variables that are not an object': () => JSON.stringify({ query: 'query($x: Int) { me { companyId } }', variables: 'x=1' }),
  'truncated JSON': () => '{"query": "{ me { companyId } }"',
  'a query larger than the body limit': () => JSON.stringify({ query: `{ me { ${'companyId '.repeat(130_000)} } }` }),
  junk: (d) => JSON.stringify({ query: d.junk }),
};

const badDocuments: fc.Arbitrary<DocumentCase> = fc.record({
  levels: fc.integer({ min: 4, max: 40 }),
  n: fc.integer({ min: 1300, max: 2400 }),
  junk: fc.string({ maxLength: 200 }),
});

interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** A multipart body built by hand, so that it can be wrong in every way a client can get it wrong. */
function multipart(parts: Array<{ name: string; filename?: string; content: Buffer; contentType?: string | null }>, boundary = 'vikaraja-1234'): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    // As browsers do (WHATWG): CR, LF and quotes in a name travel percent-encoded.
    const quoted = (text: string) => text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
    const disposition = `form-data; name="${quoted(part.name)}"${part.filename === undefined ? '' : `; filename="${quoted(part.filename)}"`}`;
    const type = part.contentType === null ? '' : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** How a bad upload or download is described (small: fast-check prints it); `UPLOADS` builds the request. */
interface UploadCase {
  filename: string;
  /** A count: files, or good files before the bad one. */
  n: number;
  /** Bytes over the per-file limit. */
  over: number;
  /** Where a body is cut short. */
  cut: number;
  junk: Uint8Array;
  id: string;
}

interface UploadRequest {
  method?: 'GET' | 'POST';
  path?: string;
  /** '' sends no content type at all. */
  contentType?: string;
  body?: Buffer;
  token?: 'none' | 'bogus';
}

const oneFile = (name = 'a.txt') => multipart([{ name: 'file', filename: name, content: Buffer.from('x') }]);

const UPLOADS: Record<string, (u: UploadCase) => UploadRequest> = {
  'a zero-byte file': (u) => ({ body: multipart([{ name: 'file', filename: u.filename, content: Buffer.alloc(0) }]) }),
  'a file over the limit': (u) => ({ body: multipart([{ name: 'file', filename: u.filename, content: Buffer.alloc(MAX_ATTACHMENT_MB * MB + u.over, 0x41) }]) }),
  // Each file is fine, together they are over the per-message limit: the ones stored first must go too.
  'files over the message limit together': (u) => ({
    body: multipart(Array.from({ length: 3 + (u.n % 2) }, (_, i) => ({ name: 'file', filename: `osa${i}.bin`, content: Buffer.alloc(Math.floor(MAX_ATTACHMENT_MB * MB * 0.9), 0x42) }))),
  }),
  'good files, then an empty one': (u) => ({
    body: multipart([...Array.from({ length: u.n }, (_, i) => ({ name: 'file', filename: `hyva${i}.txt`, content: Buffer.from(`sisältö ${i}`) })), { name: 'file', filename: u.filename, content: Buffer.alloc(0) }]),
  }),
  'more than 20 files': (u) => ({ body: multipart(Array.from({ length: 20 + u.n }, (_, i) => ({ name: 'file', filename: `f${i}.txt`, content: Buffer.from('x') }))) }),
  'a part with another name': (u) => ({ body: multipart([{ name: ['attachment', 'files[]', 'FILE', ''][u.n % 4]!, filename: 'a.txt', content: Buffer.from('x') }]) }),
  'a text field': () => ({ body: multipart([{ name: 'file', content: Buffer.from('just text'), contentType: null }]) }),
  'no parts': () => ({ body: Buffer.from('--vikaraja-1234--\r\n') }),
  // Cut short anywhere: inside the headers, inside the file, before the closing boundary.
  'a body cut short': (u) => {
    const whole = multipart([{ name: 'file', filename: u.filename, content: Buffer.alloc(4000, 0x43) }]);
    return { body: whole.subarray(0, Math.min(u.cut, whole.length - 10)) };
  },
  'random bytes': (u) => ({ body: Buffer.from(u.junk) }),
  'another boundary than declared': () => ({ contentType: 'multipart/form-data; boundary=toinen', body: oneFile() }),
  'no boundary': () => ({ contentType: 'multipart/form-data', body: oneFile() }),
  'not multipart': () => ({ contentType: 'application/json', body: Buffer.from('{"file": "x"}') }),
  'no content type': () => ({ contentType: '', body: Buffer.from('x') }),
  'no token': () => ({ token: 'none', body: oneFile() }),
  'a made-up token': () => ({ token: 'bogus', body: oneFile() }),
  "another company's attachment": () => ({ method: 'GET', path: `/attachments/${ref('bAttachment')}` }),
  "another company's message as a draft": () => ({ method: 'GET', path: `/messages/${ref('bMessage')}/draft.eml` }),
  'an attachment that is not there': (u) => ({ method: 'GET', path: `/attachments/${encodeURIComponent(u.id || 'x')}` }),
};

const badUploads: fc.Arbitrary<UploadCase> = fc.record({
  filename: fc.oneof(fc.constantFrom('tarjous.pdf', 'kuva.png', '../../etc/passwd', 'C:\\temp\\x.txt', 'a\r\nContent-Type: text/html', 'hinnasto\\', ''), fc.string({ maxLength: 40 })),
  n: fc.integer({ min: 1, max: 20 }),
  over: fc.integer({ min: 1, max: 300_000 }),
  cut: fc.integer({ min: 0, max: 5000 }),
  junk: fc.uint8Array({ minLength: 1, maxLength: 300 }),
  id: strangerId,
});

/** Kinds that take generated parameters get several runs; fixed ones one. */
const runsFor = (build: (description: never) => unknown) => (build.length > 0 ? 3 : 1);

describe.each(DATABASE_KINDS)('generated bad inputs on %s: no crash, no 5xx, a clear error each, nothing half-saved', (kind) => {
  let api: TestApi;
  let ids: Record<IdName, string>;
  // A crash (an uncaught exception or rejection) fails the test under way by itself: Jest 30 takes the
  // process's listeners for those, so a listener of the test's own would never hear one.

  const resolveRefs = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/@@(\w+)/g, (whole, name: string) => (name in ids ? ids[name as IdName] : whole));
    if (Array.isArray(value)) return value.map(resolveRefs);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v)]));
    return value;
  };

  /** Every row of every table, per table: the whole stored state of both companies. */
  const snapshot = async (): Promise<Record<string, string>> => {
    const db = api.runtime.db;
    const tables: Record<string, string> = {};
    for (const meta of db.entityMetadatas) {
      const rows = await db.query(`SELECT * FROM ${db.driver.escape(meta.tableName)}`);
      tables[meta.tableName] = JSON.stringify(rows);
    }
    return tables;
  };
  const changedTables = (before: Record<string, string>, after: Record<string, string>) => Object.keys(before).filter((table) => before[table] !== after[table]);

  const healthy = async () => {
    try {
      return (await fetch(`${api.url}/healthz`)).status === 200;
    } catch {
      return false;
    }
  };

  /** What is wrong with an answer to a call that must be refused; empty when it is a clear refusal. */
  const graphqlRefusalProblems = (answer: HttpAnswer, field?: string): string[] => {
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
    let body: { data?: Record<string, unknown> | null; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> };
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, `not JSON (${answer.contentType}): ${answer.text.slice(0, 200)}`];
    }
    if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push(`no errors: ${answer.text.slice(0, 300)}`);
    for (const error of body.errors ?? []) {
      const code = error.extensions?.code;
      if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) problems.push(`error without a code: ${JSON.stringify(error).slice(0, 300)}`);
      if (code === 'INTERNAL_SERVER_ERROR') problems.push(`unexpected error: ${JSON.stringify(error).slice(0, 300)}`);
      if (typeof error.message !== 'string' || error.message.trim() === '') problems.push(`error without a message: ${JSON.stringify(error).slice(0, 300)}`);
      if (/stacktrace|\.[jt]s:\d+:\d+/.test(JSON.stringify(error))) problems.push(`stack trace: ${JSON.stringify(error).slice(0, 300)}`);
    }
    // A list's items are refused one by one: null at each refused index is no data.
    const answered = field ? body.data?.[field] : null;
    if (answered != null && !(Array.isArray(answered) && answered.every((item) => item === null))) problems.push(`answered with data: ${JSON.stringify(body.data).slice(0, 300)}`);
    return problems;
  };

  const httpRefusalProblems = (answer: HttpAnswer): string[] => {
    const problems: string[] = [];
    if (answer.status < 400 || answer.status >= 500) problems.push(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
    if (!answer.contentType.includes('application/json')) return [...problems, `not JSON (${answer.contentType}): ${answer.text.slice(0, 200)}`];
    const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(body.error.code)) problems.push(`no error code: ${answer.text.slice(0, 200)}`);
    if (typeof body.error?.message !== 'string' || body.error.message.trim() === '') problems.push(`no error message: ${answer.text.slice(0, 200)}`);
    return problems;
  };

  /** Calls, then checks the whole rule: refused clearly, nothing stored, nothing crashed, still healthy. */
  const refusedCleanly = async (label: string, call: () => Promise<HttpAnswer>, problemsOf: (answer: HttpAnswer) => string[]) => {
    const before = await snapshot();
    const answer = await call();
    const problems = problemsOf(answer);
    const changed = changedTables(before, await snapshot());
    if (changed.length) problems.push(`stored something in ${changed.join(', ')}`);
    if (!(await healthy())) problems.push('/healthz does not answer');
    return problems.length ? { label, problems } : null;
  };

  const post = async (path: string, body: Buffer | string, headers: Record<string, string>): Promise<HttpAnswer> => {
    const response = await fetch(`${api.url}${path}`, { method: 'POST', headers, body });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  beforeAll(async () => {
    api = await startTestApi(kind, { env: { MAESTRO_MAX_ATTACHMENT_MB: String(MAX_ATTACHMENT_MB), MAESTRO_MAX_MESSAGE_MB: String(MAX_MESSAGE_MB) } });
    // Valid settings for both companies, so that a refusal is about the input, not missing settings.
    // No dispatcher runs here: accepted messages stay queued and nothing connects to this port.
    const port = await freePort();
    await api.useSmtpServer(api.a.id, { port });
    await api.useSmtpServer(api.b.id, { port });
    const s = api.runtime.services;
    const caller = (company: typeof api.a, prefix: string) => ({ kind: 'USER' as const, userId: company.user.id, companyId: company.id, role: 'USER' as const, username: `${prefix}-user` });
    const seed = async (company: typeof api.a, prefix: string) => {
      const who = caller(company, prefix);
      const key = await s.serviceKeys.create(company.id, { name: `Avain ${prefix}`, module: 'sales' });
      const text = await s.standardTexts.upsert(company.id, { source: 'QUOTE', language: 'FI', name: `Tarjous ${prefix}`, subject: 'Tarjous {{documentNumber}}', body: 'Hei' });
      const queued = await s.messageIntake.send(who, { ...validMessage, source: 'QUOTE', subject: `Jonossa ${prefix}` });
      const cancelled = await s.messageIntake.send(who, { ...validMessage, source: 'QUOTE', subject: `Peruttu ${prefix}` });
      await s.messageLifecycle.cancel(who, cancelled.id);
      const attachment = await s.attachments.store({ companyId: company.id, uploadedByUserId: company.user.id, filename: `${prefix}.txt`, stream: Readable.from([Buffer.from(prefix)]), limitBytes: 1000 });
      await s.settings.updateUserSettings(company.id, company.user.id, { email: `${prefix}-user@yritys-${prefix}.fi`, signatureLines: ['Terveisin', prefix] });
      const started = await s.messageDrafts.startSend(who, { source: 'QUOTE', documentRef: `LUONNOS-${prefix}`, to: ['asiakas@asiakas.example'] });
      if (started.outcome !== 'DRAFT') throw new Error('QUOTE opens for editing by default: expected a draft');
      return { key: key.entity.id, text: text.id, queued: queued.id, cancelled: cancelled.id, attachment: attachment.id, draft: started.draft.id };
    };
    const a = await seed(api.a, 'a');
    const b = await seed(api.b, 'b');
    ids = {
      aUser: api.a.user.id,
      aQueuedMessage: a.queued,
      aCancelledMessage: a.cancelled,
      aAttachment: a.attachment,
      aDraft: a.draft,
      bUser: api.b.user.id,
      bKey: b.key,
      bText: b.text,
      bMessage: b.queued,
      bAttachment: b.attachment,
      bDraft: b.draft,
    };
  });

  afterAll(async () => {
    await api?.close();
  });

  it('has bad inputs for every mutation of the schema, at least 200 in all', () => {
    const mutations = Object.keys(buildGraphqlSchema().getMutationType()!.getFields());
    expect(mutations.filter((name) => !(name in CASES)).sort()).toEqual([]);
    const total = [...Object.values(CASES).map((c) => c.runs), ...Object.values(DOCUMENTS).map(runsFor), ...Object.values(UPLOADS).map(runsFor)].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it.each(Object.entries(CASES))('%s refuses each bad input with a clear error and saves nothing', async (name, testCase) => {
    await fc.assert(
      fc.asyncProperty(testCase.calls, async (call) => {
        const token = call.as === 'user' ? api.a.user.token : api.a.admin.token;
        const failure = await refusedCleanly(
          name,
          () => post('/graphql', JSON.stringify({ query: testCase.query, variables: resolveRefs(call.variables) }), { 'content-type': 'application/json', authorization: `Bearer ${token}` }),
          (answer) => graphqlRefusalProblems(answer, testCase.field),
        );
        expect(failure).toBeNull();
      }),
      { numRuns: testCase.runs },
    );
  });

  it.each(Object.keys(DOCUMENTS))('refuses a query document with %s with a clear error', async (documentKind) => {
    await fc.assert(
      fc.asyncProperty(badDocuments, async (document) => {
        const body = DOCUMENTS[documentKind]!(document);
        const failure = await refusedCleanly(documentKind, () => post('/graphql', body, { 'content-type': 'application/json', authorization: `Bearer ${api.a.admin.token}` }), (answer) => graphqlRefusalProblems(answer));
        expect(failure).toBeNull();
      }),
      { numRuns: runsFor(DOCUMENTS[documentKind]!) },
    );
  });

  it.each(Object.keys(UPLOADS))('refuses %s with a 4xx and a JSON error, and keeps no part of it', async (uploadKind) => {
    await fc.assert(
      fc.asyncProperty(badUploads, async (description) => {
        const upload = UPLOADS[uploadKind]!(description);
        const token = upload.token === 'none' ? undefined : upload.token === 'bogus' ? 'mk_bogus.token' : api.a.admin.token;
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const path = resolveRefs(upload.path ?? '/attachments') as string;
        const failure = await refusedCleanly(
          uploadKind,
          async () => {
            if (upload.method === 'GET') {
              const response = await fetch(`${api.url}${path}`, { headers });
              return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
            }
            const contentType = upload.contentType ?? 'multipart/form-data; boundary=vikaraja-1234';
            return post(path, upload.body ?? Buffer.alloc(0), contentType ? { ...headers, 'content-type': contentType } : headers);
          },
          httpRefusalProblems,
        );
        expect(failure).toBeNull();
      }),
      { numRuns: runsFor(UPLOADS[uploadKind]!) },
    );
  });

  it('stores an enormous but well-formed recipient list whole, or refuses it clearly', async () => {
    // About 60 × 160 addresses: every entry under the 4,000-character limit, the whole under the 1 MB body limit.
    const entries = Array.from({ length: 60 }, (_, e) => Array.from({ length: 160 }, (_, i) => `v${e}x${i}@asiakas.example`).join(';'));
    const total = entries.reduce((sum, entry) => sum + entry.split(';').length, 0);
    const before = await snapshot();
    const answer = await post('/graphql', JSON.stringify({ query: CASES.sendMessage!.query, variables: { input: { ...validMessage, to: entries } } }), {
      'content-type': 'application/json',
      authorization: `Bearer ${api.a.user.token}`,
    });
    const body = JSON.parse(answer.text) as { data?: { sendMessage?: { id: string } | null } | null };
    const id = body.data?.sendMessage?.id;
    if (!id) {
      expect(graphqlRefusalProblems(answer, 'sendMessage')).toEqual([]);
      expect(changedTables(before, await snapshot())).toEqual([]);
      return;
    }
    const stored = await api.gql<{ message: { to: string[] } }>('query($id: ID!) { message(id: $id) { to } }', { id }, { token: api.a.user.token });
    expect(stored.errors).toBeUndefined();
    expect(stored.data?.message.to.length).toBe(total);
  });

  it('stores odd but well-formed text as given (NFC), or refuses it clearly; never a 5xx', async () => {
    const oddText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\u202eevil.exe', 'e\u0301', '\ufeff', '😀'.repeat(400), '\u2028\u2029', '{{#a}}{{/b}}', '<script>alert(1)</script>', "'; DROP TABLE outbound_message; --"),
    );
    await fc.assert(
      fc.asyncProperty(oddText, oddText, async (subjectText, bodyText) => {
        const subject = subjectText.replace(/[\r\n]/g, ' ');
        const before = await snapshot();
        const answer = await post('/graphql', JSON.stringify({ query: CASES.sendMessage!.query, variables: { input: { ...validMessage, subject, body: bodyText } } }), {
          'content-type': 'application/json',
          authorization: `Bearer ${api.a.user.token}`,
        });
        const parsed = JSON.parse(answer.text) as { data?: { sendMessage?: { id: string } | null } | null };
        const id = parsed.data?.sendMessage?.id;
        if (!id) {
          expect({ subject, problems: graphqlRefusalProblems(answer, 'sendMessage'), changed: changedTables(before, await snapshot()) }).toEqual({ subject, problems: [], changed: [] });
          return;
        }
        const stored = await api.gql<{ message: { subject: string; body: string } }>('query($id: ID!) { message(id: $id) { subject body } }', { id }, { token: api.a.user.token });
        // An unpaired surrogate has no UTF-8 form: whatever the database makes of it, it must not break anything.
        const unpaired = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
        if (!unpaired.test(subject)) expect(stored.data?.message.subject.normalize('NFC')).toBe(subject.normalize('NFC'));
        if (!unpaired.test(bodyText)) expect(stored.data?.message.body.normalize('NFC')).toBe(bodyText.normalize('NFC'));
        expect(await healthy()).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  /** The longest value each free-text field allows, in 1-, 2-, 3- and 4-byte characters. */
  const UNITS = [
    ['ASCII', 'x'],
    ['2-byte', 'ä'],
    ['3-byte', '€'],
    ['4-byte', '😀'],
  ] as const;
  // Lengths count code points, as the validation does (an emoji is one character, four bytes of UTF-8).
  const longest = (unit: string, maxLength: number, maxBytes = Infinity) => unit.repeat(Math.min(maxLength, Math.floor(maxBytes / Buffer.byteLength(unit))));
  const company = () => api.runtime.services.settings.companySettings(api.a.id);
  const LONGEST_FIELDS: Array<{ field: string; max: number; maxBytes?: number; query: string; variables: (v: string) => Record<string, unknown>; as?: Who; read: (id?: string) => Promise<unknown> }> = [
    { field: 'senderName', max: 200, query: CASES.updateCompanyMessageSettings!.query, variables: (v) => ({ input: { senderName: v } }), read: async () => (await company()).senderName },
    ...(['username', 'oauthTenantId', 'oauthClientId'] as const).map((key) => ({
      field: `smtp.${key}`,
      max: key === 'username' ? 320 : 200,
      query: CASES.updateCompanyMessageSettings!.query,
      variables: (v: string) => ({ input: { smtp: { [key]: v } } }),
      read: async () => (await company()).smtp[key],
    })),
    // Limits in characters, or (the long texts) in UTF-8 bytes, as settings-schema declares them.
    ...([['password', 1024, undefined], ['oauthClientSecret', 2000, undefined], ['oauthServiceAccountKey', Infinity, 10_000], ['caCertificate', Infinity, 60_000]] as const).map(([key, max, maxBytes]) => ({
      field: `smtp.${key}`,
      max,
      maxBytes,
      query: CASES.updateCompanyMessageSettings!.query,
      variables: (v: string) => ({ input: { smtp: { [key]: v } } }),
      read: async () => (await company()).smtp[key],
    })),
    { field: 'gatewayPassword', max: 200, query: CASES.updateSmsSettings!.query, variables: (v) => ({ input: { gatewayPassword: v } }), read: async () => (await api.runtime.services.settings.smsSettings(api.a.id)).gatewayPassword },
    {
      field: 'signatureLines',
      max: 200,
      query: CASES.updateMyMailSettings!.query,
      variables: (v) => ({ input: { signatureLines: Array.from({ length: 8 }, () => v) } }),
      as: 'user',
      read: async () => (await api.runtime.services.settings.userSettings(api.a.id, api.a.user.id)).signatureLines[7],
    },
    {
      field: 'standard text body',
      max: Infinity,
      maxBytes: 65_535,
      query: 'mutation($input: StandardTextInput!) { upsertStandardText(input: $input) { id } }',
      variables: (v) => ({ input: { source: 'CUSTOM', language: 'EN', name: 'Pisin', subject: 'Pisin', body: v } }),
      read: async () => (await api.runtime.services.standardTexts.list(api.a.id, {})).find((t) => t.name === 'Pisin')?.body,
    },
    {
      field: 'message subject',
      max: 998,
      query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      variables: (v) => ({ input: { ...validMessage, subject: v } }),
      as: 'user',
      read: async (id) => (await api.gql<{ message: { subject: string } }>('query($id: ID!) { message(id: $id) { subject } }', { id }, { token: api.a.user.token })).data?.message.subject,
    },
    {
      field: 'message body',
      max: Infinity,
      maxBytes: 65_535,
      query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      variables: (v) => ({ input: { ...validMessage, body: v } }),
      as: 'user',
      read: async (id) => (await api.gql<{ message: { body: string } }>('query($id: ID!) { message(id: $id) { body } }', { id }, { token: api.a.user.token })).data?.message.body,
    },
  ];

  it.each(LONGEST_FIELDS.map((f) => [f.field, f] as const))('stores the longest %s the rules allow (1- to 4-byte characters) whole, or refuses it clearly', async (_field, spec) => {
    const outcomes: Array<{ unit: string; outcome: string }> = [];
    for (const [unitName, unit] of UNITS) {
      const value = longest(unit, spec.max, spec.maxBytes);
      const before = await snapshot();
      const answer = await post('/graphql', JSON.stringify({ query: spec.query, variables: spec.variables(value) }), {
        'content-type': 'application/json',
        authorization: `Bearer ${spec.as === 'user' ? api.a.user.token : api.a.admin.token}`,
      });
      const body = JSON.parse(answer.text) as { data?: Record<string, { id?: string } | null> | null; errors?: unknown[] };
      if (body.errors?.length) {
        const problems = [...graphqlRefusalProblems(answer), ...changedTables(before, await snapshot()).map((t) => `stored something in ${t}`)];
        outcomes.push({ unit: unitName, outcome: problems.length ? problems.join('; ').slice(0, 300) : 'refused clearly' });
        continue;
      }
      const id = Object.values(body.data ?? {})[0]?.id;
      outcomes.push({ unit: unitName, outcome: (await spec.read(id)) === value ? 'stored whole' : 'stored changed' });
    }
    expect(outcomes.filter((o) => o.outcome !== 'stored whole' && o.outcome !== 'refused clearly')).toEqual([]);
  });
});
