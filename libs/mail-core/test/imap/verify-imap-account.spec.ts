import { freePort, makeSelfSignedCertificate, startDovecot, type RunningDovecot, type SelfSignedCertificate } from '@maestro/test-support';
import { verifyImapAccount } from '../../src/imap';
import { IMAP_TEST_TIMEOUTS, MAILBOX, PASSWORD, implicitTls, passwordAccount, startTls } from './imap-fixtures';

// "Testaa yhteys", IMAP half: each step against a real Dovecot, stopping at the one that fails.
jest.setTimeout(30_000);

let certificate: SelfSignedCertificate;
let dovecot: RunningDovecot;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
  dovecot = await startDovecot({ tls: certificate, users: { [MAILBOX]: PASSWORD } });
});

afterAll(async () => {
  await dovecot.stop();
});

it('passes every step and names the Sent folder it found, storing nothing', async () => {
  const result = await verifyImapAccount(startTls(dovecot, certificate), passwordAccount(), { timeouts: IMAP_TEST_TIMEOUTS });
  expect(result).toEqual({ ok: true, stage: 'DONE', secure: true, sentFolder: { path: 'Sent', foundBy: 'SPECIAL_USE' } });
  expect(await dovecot.messages(MAILBOX, 'Sent')).toHaveLength(0);
});

it('stops at CONNECT when nothing listens on the port, saying to check the server and port', async () => {
  const port = await freePort();
  const result = await verifyImapAccount({ host: '127.0.0.1', port, encryption: 'SSL' }, passwordAccount(), { timeouts: IMAP_TEST_TIMEOUTS });
  expect(result).toMatchObject({ ok: false, stage: 'CONNECT', secure: false, error: { code: 'CONNECTION_REFUSED' } });
  expect(result.error?.message.fi).toContain(`127.0.0.1:${port}`);
});

it('stops at CONNECT when the IMAP server is not set', async () => {
  const result = await verifyImapAccount({ host: ' ', port: 993, encryption: 'SSL' }, passwordAccount());
  expect(result).toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'IMAP_NOT_CONFIGURED', settingsProblem: true } });
});

it('stops at TLS when the given CA did not issue the server’s certificate', async () => {
  const other = await makeSelfSignedCertificate();
  const result = await verifyImapAccount({ ...implicitTls(dovecot, certificate), ca: other.cert }, passwordAccount(), { timeouts: IMAP_TEST_TIMEOUTS });
  expect(result).toMatchObject({ ok: false, stage: 'TLS', error: { code: 'CERT_UNTRUSTED' } });
});

it('stops at AUTH for a wrong password, over an encrypted session', async () => {
  const own = await startDovecot({ tls: certificate, users: { [MAILBOX]: PASSWORD } });
  try {
    const result = await verifyImapAccount(implicitTls(own, certificate), passwordAccount({ password: 'vaara' }), { timeouts: IMAP_TEST_TIMEOUTS });
    expect(result).toMatchObject({ ok: false, stage: 'AUTH', secure: true, error: { code: 'AUTH_FAILED' } });
  } finally {
    await own.stop();
  }
});

it('stops at SENT_FOLDER when the mailbox has no Sent folder', async () => {
  const bare = await startDovecot({ tls: certificate, users: { [MAILBOX]: PASSWORD }, folders: [] });
  try {
    const result = await verifyImapAccount(implicitTls(bare, certificate), passwordAccount(), { timeouts: IMAP_TEST_TIMEOUTS });
    expect(result).toMatchObject({ ok: false, stage: 'SENT_FOLDER', secure: true, error: { code: 'SENT_FOLDER_NOT_FOUND' } });
  } finally {
    await bare.stop();
  }
});
