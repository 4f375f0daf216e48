import { makeSelfSignedCertificate, startDovecot, type RunningDovecot, type SelfSignedCertificate } from '@maestro/test-support';
import { scanInbox, type InboxMessage } from '../../src/imap';
import { IMAP_TEST_TIMEOUTS, MAILBOX, PASSWORD, implicitTls, passwordAccount, rawMessage } from './imap-fixtures';

// The bounce reader's side of IMAP: the new messages of the inbox, against a real Dovecot.
jest.setTimeout(30_000);

let certificate: SelfSignedCertificate;
let dovecot: RunningDovecot;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

beforeEach(async () => {
  dovecot = await startDovecot({ tls: certificate, users: { [MAILBOX]: PASSWORD } });
});

afterEach(async () => {
  await dovecot.stop();
});

const scan = (options: Partial<Parameters<typeof scanInbox>[2]> & { handle: Parameters<typeof scanInbox>[2]['handle'] }) =>
  scanInbox(implicitTls(dovecot, certificate), passwordAccount(), { timeouts: IMAP_TEST_TIMEOUTS, ...options });

it('hands over every message of the inbox, oldest first, and leaves them unread where they are', async () => {
  for (const subject of ['Eka', 'Toka', 'Kolmas']) await dovecot.deliver(MAILBOX, rawMessage(subject));
  const seen: string[] = [];
  const outcome = await scan({ handle: async (m) => (seen.push(/Subject: (.*)/.exec(m.raw!.toString())![1]!.trim()), 'KEEP') });
  expect(outcome).toMatchObject({ ok: true, scanned: 3, moved: 0, more: false, lastUid: 3 });
  expect(seen).toEqual(['Eka', 'Toka', 'Kolmas']);
  const inbox = await dovecot.messages(MAILBOX, 'INBOX');
  expect(inbox).toHaveLength(3);
  expect(inbox.every((m) => !m.flags.includes('\\Seen'))).toBe(true);
});

it('reads only what came after the last scan, and everything again when UIDVALIDITY changed', async () => {
  await dovecot.deliver(MAILBOX, rawMessage('Vanha'));
  const first = await scan({ handle: async () => 'KEEP' });
  if (!first.ok) throw new Error(first.error.detail);
  await dovecot.deliver(MAILBOX, rawMessage('Uusi'));
  const seen: number[] = [];
  const second = await scan({ afterUid: first.lastUid, uidValidity: first.uidValidity, handle: async (m) => (seen.push(m.uid), 'KEEP') });
  expect(second).toMatchObject({ ok: true, scanned: 1, lastUid: 2 });
  expect(seen).toEqual([2]);
  const nothingNew = await scan({ afterUid: 2, uidValidity: first.uidValidity, handle: async () => 'KEEP' });
  expect(nothingNew).toMatchObject({ ok: true, scanned: 0, lastUid: 2 });
  const renumbered = await scan({ afterUid: 2, uidValidity: '1', handle: async () => 'KEEP' });
  expect(renumbered).toMatchObject({ ok: true, scanned: 2 });
});

it('moves the messages it is told to a folder, creating the folder, and leaves the rest', async () => {
  await dovecot.deliver(MAILBOX, rawMessage('Palautus'));
  await dovecot.deliver(MAILBOX, rawMessage('Asiakkaan vastaus'));
  const outcome = await scan({ moveTo: 'Palautukset', handle: async (m) => (m.raw!.toString().includes('Subject: Palautus') ? 'MOVE' : 'KEEP') });
  expect(outcome).toMatchObject({ ok: true, scanned: 2, moved: 1 });
  expect((await dovecot.messages(MAILBOX, 'Palautukset')).map((m) => /Subject: (.*)/.exec(m.text)?.[1])).toEqual(['Palautus']);
  expect((await dovecot.messages(MAILBOX, 'INBOX')).map((m) => /Subject: (.*)/.exec(m.text)?.[1])).toEqual(['Asiakkaan vastaus']);
});

it('does not download a message larger than maxBytes, and goes on when the handler throws', async () => {
  await dovecot.deliver(MAILBOX, rawMessage('Iso', 200_000));
  await dovecot.deliver(MAILBOX, rawMessage('Kaatava'));
  await dovecot.deliver(MAILBOX, rawMessage('Pieni'));
  const seen: InboxMessage[] = [];
  const outcome = await scan({
    maxBytes: 50_000,
    handle: async (m) => {
      seen.push(m);
      if (m.raw?.toString().includes('Subject: Kaatava')) throw new Error('hostile');
      return 'KEEP';
    },
  });
  expect(outcome).toMatchObject({ ok: true, scanned: 3, lastUid: 3 });
  expect(seen[0]).toMatchObject({ uid: 1 });
  expect(seen[0]?.raw).toBeUndefined();
  expect(seen[0]?.size).toBeGreaterThan(200_000);
  expect(seen[2]?.raw?.toString()).toContain('Subject: Pieni');
});

it('scans at most maxMessages at a time and says more are waiting', async () => {
  for (const subject of ['1', '2', '3']) await dovecot.deliver(MAILBOX, rawMessage(subject));
  expect(await scan({ maxMessages: 2, handle: async () => 'KEEP' })).toMatchObject({ ok: true, scanned: 2, lastUid: 2, more: true });
});

it('says why it could not read the inbox: a wrong password at AUTH', async () => {
  const outcome = await scanInbox(implicitTls(dovecot, certificate), passwordAccount({ password: 'väärä' }), { timeouts: IMAP_TEST_TIMEOUTS, handle: async () => 'KEEP' });
  expect(outcome).toMatchObject({ ok: false, stage: 'AUTH', error: { code: 'AUTH_FAILED' } });
});
