import { defaultSmtpAccount, secretBindings, smtpAccountSchema, type SecretBinding } from '@maestro/settings-schema';
import { bindingHolds } from '../../src/modules/settings/settings-record-mapper';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const IMAP_FIELDS = 'host passwordSet imapHost imapPort imapEncryption imapAppendToSent imapSentFolder imapBounceFolder';
const COMPANY = `mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { smtp { ${IMAP_FIELDS} } } }`;
const USER = `mutation($u: ID!, $i: UserMailSettingsInput!) { updateUserMailSettings(userId: $u, input: $i) { smtp { ${IMAP_FIELDS} } } }`;
const MINE = `mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { smtp { ${IMAP_FIELDS} } } }`;
const SMS = 'mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) { smtp { imapHost } } }';

const WEB_HOTEL = {
  host: 'smtp.webhotelli.fi',
  port: 587,
  encryption: 'TLS',
  authEnabled: true,
  authMethod: 'PASSWORD',
  username: 'myynti@yritys.fi',
  password: 'Salasana-2026!',
  imapHost: 'imap.webhotelli.fi',
  imapPort: 993,
  imapEncryption: 'SSL',
  imapAppendToSent: true,
  imapSentFolder: 'INBOX.Sent',
  imapBounceFolder: 'INBOX.Palautukset',
};

type Fields = Array<{ field: string; code: string }>;
const fieldsOf = (r: { errors?: Array<{ extensions?: { fields?: Fields } }> }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => [f.field, f.code]);

describe.each(DATABASE_KINDS)('IMAP settings of an SMTP account on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  const company = (i: Record<string, unknown>) => api.gql<{ updateCompanyMessageSettings: { smtp: Record<string, unknown> } }>(COMPANY, { i }, { token: api.a.admin.token });

  it('stores the company account’s IMAP block and answers it back', async () => {
    const result = await company({ smtp: WEB_HOTEL });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCompanyMessageSettings.smtp).toEqual({
      host: 'smtp.webhotelli.fi',
      passwordSet: true,
      imapHost: 'imap.webhotelli.fi',
      imapPort: 993,
      imapEncryption: 'SSL',
      imapAppendToSent: true,
      imapSentFolder: 'INBOX.Sent',
      imapBounceFolder: 'INBOX.Palautukset',
    });
    expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp).toMatchObject({ imapHost: 'imap.webhotelli.fi', password: 'Salasana-2026!' });
  });

  it('asks for the password again when the IMAP server changes, saving nothing', async () => {
    await company({ smtp: WEB_HOTEL });
    const before = await api.runtime.services.settings.companySettings(api.a.id);
    const moved = await company({ smtp: { imapHost: 'imap.evil.test' } });
    expect(fieldsOf(moved)).toEqual([['smtp.password', 'SECRET_REQUIRED_AGAIN']]);
    expect(await api.runtime.services.settings.companySettings(api.a.id)).toEqual(before);
    const encryption = await company({ smtp: { imapEncryption: 'TLS', imapPort: 143 } });
    expect(fieldsOf(encryption)).toEqual([['smtp.password', 'SECRET_REQUIRED_AGAIN']]);
  });

  it('keeps the password when only the Sent folder, the bounce folder or the copy switch changes', async () => {
    await company({ smtp: WEB_HOTEL });
    const result = await company({ smtp: { imapSentFolder: '', imapAppendToSent: false, imapBounceFolder: '' } });
    expect(result.errors).toBeUndefined();
    expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp).toMatchObject({ password: 'Salasana-2026!', imapAppendToSent: false, imapSentFolder: '' });
  });

  it('keeps the password while the IMAP server stays empty, and asks for it again once one is set', async () => {
    await company({ smtp: { ...WEB_HOTEL, imapHost: '' } });
    expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp.password).toBe('Salasana-2026!');
    const set = await company({ smtp: { imapHost: 'imap.webhotelli.fi' } });
    expect(fieldsOf(set)).toEqual([['smtp.password', 'SECRET_REQUIRED_AGAIN']]);
  });

  it('refuses plain IMAP and a bad IMAP host with the field named', async () => {
    const result = await company({ smtp: { ...WEB_HOTEL, imapHost: 'imap..fi' } });
    expect(fieldsOf(result)).toEqual([['smtp.imapHost', 'INVALID_IMAP_HOST']]);
    const plain = await api.gql(COMPANY, { i: { smtp: { imapEncryption: 'NONE' } } }, { token: api.a.admin.token });
    expect(plain.errors?.[0]?.message).toMatch(/ImapEncryption/);
  });

  it("stores a user's own account's IMAP block, set by an admin", async () => {
    const result = await api.gql<{ updateUserMailSettings: { smtp: Record<string, unknown> } }>(USER, { u: api.a.user.id, i: { smtp: { ...WEB_HOTEL, imapSentFolder: '' } } }, { token: api.a.admin.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateUserMailSettings.smtp).toMatchObject({ imapHost: 'imap.webhotelli.fi', imapSentFolder: '' });
  });

  it('lets a user not change the IMAP server of their own account: an admin sets where the secret goes', async () => {
    const result = await api.gql(MINE, { i: { smtp: { imapHost: 'imap.muualla.example' } } }, { token: api.a.user.token });
    expect(fieldsOf(result)).toContainEqual(['smtp.imapHost', 'ADMIN_ONLY']);
  });

  it('refuses an IMAP server on the SMS account', async () => {
    const result = await api.gql(SMS, { i: { smtp: { host: 'smtp.webhotelli.fi', username: 'sms@yritys.fi', password: 'x', imapHost: 'imap.webhotelli.fi' } } }, { token: api.a.admin.token });
    expect(fieldsOf(result)).toContainEqual(['smtp.imapHost', 'IMAP_NOT_FOR_SMS']);
  });
});

describe('a password saved before the IMAP block existed', () => {
  const binding = secretBindings(smtpAccountSchema).find((b) => b.path === 'password') as SecretBinding;
  // What issue 12's seal stored beside the password: the five SMTP fields, no IMAP ones.
  const sealedBefore = { host: 'smtp.webhotelli.fi', port: '587', encryption: 'TLS', username: 'myynti@yritys.fi', authMethod: 'PASSWORD' };
  const migrated = { ...defaultSmtpAccount(), host: 'smtp.webhotelli.fi', port: 587, encryption: 'TLS' as const, username: 'myynti@yritys.fi' };

  it('is still used after the migration gave the account the IMAP defaults (port 993, SSL) without a server', () => {
    expect(bindingHolds(binding, sealedBefore, migrated)).toBe(true);
  });

  it('is not used once an IMAP server is written into the row behind the API', () => {
    expect(bindingHolds(binding, sealedBefore, { ...migrated, imapHost: 'imap.evil.test' })).toBe(false);
  });
});
