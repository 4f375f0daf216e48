import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';
import { startMailbox, useMailbox, type Mailbox } from './mailbox-fixtures';

jest.setTimeout(30_000);

const TEST = `mutation($k: SmtpAccountKind!, $c: SmtpAccountInput) { testSmtpConnection(account: $k, changes: $c) {
  ok stage imap { ok stage secure code message sentFolder sentFolderFoundBy } } }`;

interface Result {
  testSmtpConnection: { ok: boolean; stage: string; imap: { ok: boolean; stage: string; secure: boolean; code: string | null; message: string | null; sentFolder: string | null; sentFolderFoundBy: string | null } | null };
}

describe.each(DATABASE_KINDS)('"Testaa yhteys" for the IMAP server on %s', (kind) => {
  let api: TestApi;
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
    api = await startTestApi(kind);
    await useMailbox(api, api.a.id, mailbox);
  });
  afterAll(async () => {
    await api?.close();
    await mailbox?.stop();
  });

  const test = (changes?: Record<string, unknown>, language = 'fi') =>
    api.gql<Result>(TEST, { k: 'COMPANY', c: changes ?? null }, { token: api.a.admin.token, headers: { 'accept-language': language } });

  it('passes every IMAP stage with the SMTP sign-in and names the Sent folder it found by its \\Sent flag', async () => {
    const result = await test();
    expect(result.errors).toBeUndefined();
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: true, stage: 'DONE' });
    expect(result.data?.testSmtpConnection.imap).toEqual({ ok: true, stage: 'DONE', secure: true, code: null, message: null, sentFolder: 'Sent', sentFolderFoundBy: 'SPECIAL_USE' });
  });

  it('tests STARTTLS on the plain port too', async () => {
    const result = await test({ imapPort: mailbox.dovecot.port, imapEncryption: 'TLS', password: 'Salasana-2026!' });
    expect(result.data?.testSmtpConnection.imap).toMatchObject({ ok: true, stage: 'DONE', secure: true });
  });

  it('stops at CONNECT when nothing answers on the IMAP port, with a text that says what to check', async () => {
    const result = await test({ imapPort: 1, password: 'Salasana-2026!' });
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: true, imap: { ok: false, stage: 'CONNECT', code: 'CONNECTION_REFUSED' } });
    expect(result.data?.testSmtpConnection.imap?.message).toContain('tarkista IMAP-palvelin ja portti');
  });

  it('stops at SENT_FOLDER when the folder the settings name is not in the mailbox, in English when asked', async () => {
    const result = await test({ imapSentFolder: 'INBOX.Sent' }, 'en');
    expect(result.data?.testSmtpConnection.imap).toMatchObject({ ok: false, stage: 'SENT_FOLDER', code: 'SENT_FOLDER_SETTING_NOT_FOUND' });
    expect(result.data?.testSmtpConnection.imap?.message).toContain('The Sent folder named in the settings "INBOX.Sent" is not in the mailbox');
  });

  it('will not take the stored password to another IMAP server in a test either', async () => {
    const result = await test({ imapHost: 'localhost' });
    expect(result.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'smtp.password', code: 'SECRET_REQUIRED_AGAIN' })]);
  });

  it('answers no IMAP result for an account without an IMAP server', async () => {
    const result = await test({ imapHost: '', password: 'Salasana-2026!' });
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: true, imap: null });
  });
});
