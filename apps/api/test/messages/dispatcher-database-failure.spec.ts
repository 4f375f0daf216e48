import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { committedRows } from '../support/committed-rows';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import type { OutboxDispatcher } from '../../src/modules/messages/dispatch/outbox-dispatcher';
import { startTestApi, type TestApi } from '../support/test-api';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id messageId } }';

/** The SQLite file, its WAL and directory immutable (see database-failures.spec.ts for why chattr, and why not the -shm). */
function diskRefusesWrites(file: string, refuse: boolean): void {
  const targets = [file, `${file}-wal`, path.dirname(file)].filter((f) => existsSync(f));
  execFileSync('chattr', [refuse ? '+i' : '-i', ...targets]);
}

describe('the dispatcher when the database fails after the SMTP server said 250 (SQLite)', () => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  let file: string;
  let cutOnNextMail = false;
  // A promise rejected with no handler (what ended the worker before issue 13) fails the test by
  // itself: Jest 30 reports it against the test under way. A listener of our own would never hear it.

  /** What another process sees: committed rows only. */
  const statusOf = (id: string) => committedRows<{ status: string; lockedBy: string | null }>(file, 'SELECT status, lockedBy FROM outbound_message WHERE id = ?', id)[0] ?? null;
  const copyOf = (id: string) => committedRows<{ status: string }>(file, 'SELECT status FROM sent_copy WHERE messageId = ?', id)[0] ?? null;

  beforeAll(async () => {
    smtp = await startSmtpServer({
      onMail: () => {
        // The server has the message and is about to say 250: now the database goes away.
        if (cutOnNextMail) diskRefusesWrites(file, true);
        cutOnNextMail = false;
        return null;
      },
    });
    api = await startTestApi('sqlite');
    file = (api.db.target as { file: string }).file;
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    if (file) diskRefusesWrites(file, false);
    await api?.close();
    await smtp?.close();
  });

  const send = async (documentRef: string) => {
    const result = await api.gql<{ sendMessage: { id: string; messageId: string } }>(
      SEND,
      { input: { source: 'SALES_ORDER', documentRef, to: ['matti@asiakas.fi'], subject: `Tilaus ${documentRef}`, body: 'Hei.' } },
      { token: api.a.user.token },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.sendMessage;
  };
  const dispatcher = (): OutboxDispatcher => api.runtime.services.createDispatcher({ outcomeRetryPausesMs: [10, 20], pollMs: 20 });
  /**
   * The product's Sent-folder queue, told that the account files copies (an IMAP block needs an SMTP
   * sign-in this plain test server has not; nothing has to answer on IMAP for a copy to be queued).
   */
  const filingDispatcher = (): OutboxDispatcher => {
    const copies = api.runtime.services.sentCopies;
    return api.runtime.services.createDispatcher({
      outcomeRetryPausesMs: [10, 20],
      pollMs: 20,
      onFirstAcceptance: {
        queues: () => true,
        queue: (manager, message, account) => copies.queue(manager, message, { ...account, imapHost: '127.0.0.1', imapAppendToSent: true }),
        written: () => undefined,
      },
    });
  };

  it('keeps the outcome, does not send the message again, and records SENT once the database returns', async () => {
    smtp.clear();
    const message = await send('KATKO-1');
    const worker = dispatcher();
    cutOnNextMail = true;
    const [during] = await worker.runOnce();
    // The outcome could not be written: the message is still the worker's, not lost and not failed.
    expect(during).toEqual({ id: message.id, status: 'SENDING' });
    expect(smtp.count).toBe(1);
    // While the database is away, a round claims nothing: the kept message is not taken again.
    expect(await worker.runOnce()).toEqual([]);
    diskRefusesWrites(file, false);
    expect(statusOf(message.id)?.status).toBe('SENDING');
    // A round writes the kept outcome first (once its backoff has passed) and claims nothing meanwhile.
    await waitUntil(async () => {
      await worker.runOnce();
      return statusOf(message.id)?.status === 'SENT';
    });
    expect(statusOf(message.id)).toEqual({ status: 'SENT', lockedBy: null });
    expect(smtp.count).toBe(1);
    expect(smtp.messages.map((m) => m.raw.toString('utf8')).join('')).toContain(message.messageId);
  });

  it('writes a kept SENT later together with its Sent-folder copy, never one without the other', async () => {
    smtp.clear();
    const message = await send('KATKO-5');
    const worker = filingDispatcher();
    cutOnNextMail = true;
    await worker.runOnce();
    diskRefusesWrites(file, false);
    expect(statusOf(message.id)?.status).toBe('SENDING');
    expect(copyOf(message.id)).toBeNull();
    await waitUntil(async () => {
      await worker.runOnce();
      return statusOf(message.id)?.status === 'SENT';
    });
    expect(copyOf(message.id)).toEqual({ status: 'PENDING' });
    expect(smtp.count).toBe(1);
  });

  it('stores SENT without a copy, and sends nothing again, when the copy alone cannot be written', async () => {
    // A copy row that cannot be stored for a reason other than the database being away.
    await api.runtime.db.query(`CREATE TRIGGER no_copies BEFORE INSERT ON sent_copy BEGIN SELECT RAISE(ABORT, 'no copies here'); END`);
    try {
      smtp.clear();
      const message = await send('KATKO-6');
      const [result] = await filingDispatcher().runOnce();
      expect(result).toEqual({ id: message.id, status: 'SENT' });
      expect(statusOf(message.id)?.status).toBe('SENT');
      expect(copyOf(message.id)).toBeNull();
      expect(smtp.count).toBe(1);
      expect(api.logs.some((line) => line.includes(message.id) && line.includes('could not queue the Sent-folder copy'))).toBe(true);
    } finally {
      await api.runtime.db.query('DROP TRIGGER no_copies');
    }
  });

  it('says in the log when a kept outcome outlives its lease, and still does not send the message again itself', async () => {
    smtp.clear();
    const message = await send('KATKO-4');
    const worker = api.runtime.services.createDispatcher({ outcomeRetryPausesMs: [10], pollMs: 20, leaseMs: 200 });
    cutOnNextMail = true;
    await worker.runOnce();
    await waitUntil(async () => {
      await worker.runOnce();
      return api.logs.some((line) => line.includes(message.id) && line.includes('lease of a message whose outcome is kept ran out'));
    });
    diskRefusesWrites(file, false);
    await waitUntil(async () => {
      await worker.runOnce();
      return statusOf(message.id)?.status === 'SENT';
    });
    // The lease ran out, but nobody else took the message: this worker wrote its outcome before claiming.
    expect(smtp.count).toBe(1);
  });

  it('keeps running in the background loop through the outage and sends what comes after', async () => {
    smtp.clear();
    const worker = dispatcher();
    const first = await send('KATKO-2');
    cutOnNextMail = true;
    worker.start();
    try {
      await waitUntil(() => smtp.count === 1);
      // Still cut: the kept outcome waits. Then the database returns, and a new message follows.
      diskRefusesWrites(file, false);
      const second = await send('KATKO-3');
      await waitUntil(() => statusOf(first.id)?.status === 'SENT' && statusOf(second.id)?.status === 'SENT');
    } finally {
      await worker.stop();
    }
    expect(smtp.count).toBe(2);
  });
});

/** Polls a condition (the dispatcher runs in the background); fails the test after 15 s. */
async function waitUntil(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in 15 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
