import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { freePort } from '@maestro/test-support';
import { killAllApiProcesses } from '../src/support/api-process';
import { createDeployment, type Deployment } from '../src/support/deployment';
import { SEND_MESSAGE, UPDATE_COMPANY_SETTINGS, companySmtpSettings } from '../src/support/graphql-client';
import { sleep, waitFor } from '../src/support/wait';

const MESSAGES = 20;
const OUTAGE_MS = 7000;
/** MAESTRO_RETRY_MAX_DELAY_SECONDS plus the policy's +20 % jitter: no retry may be planned further out. */
const LONGEST_WAIT_MS = 2 * 1000 * 1.2;

interface Node {
  id: string;
  messageId: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  waitReason: string | null;
  lastError: { code: string; permanent: boolean } | null;
}

interface Observation {
  /** When the query was answered (this machine's clock, which the API shares). */
  at: number;
  nodes: Node[];
}

const LIST = `{ messages(first: 100) { totalCount nodes { id messageId status attempts nextAttemptAt waitReason lastError { code permanent } } } }`;

describe('the SMTP server down for a while, then up again on the same port', () => {
  let deployment: Deployment | undefined;
  let smtp: RunningSmtpServer | undefined;

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await smtp?.close();
  });

  it('delivers everything once it is back, fails nothing early, and backs off visibly meanwhile', async () => {
    const port = await freePort();
    deployment = await createDeployment('sqlite', {
      env: { MAESTRO_RETRY_BASE_SECONDS: '1', MAESTRO_RETRY_MAX_DELAY_SECONDS: '2', MAESTRO_DISPATCH_POLL_MS: '100', MAESTRO_SMTP_TIMEOUT_SECONDS: '5' },
    });
    const api = await deployment.startApi();
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(port) });

    const accepted: string[] = [];
    for (let n = 0; n < MESSAGES; n++) {
      const data = await client.expectData<{ sendMessage: { messageId: string } }>(SEND_MESSAGE, {
        input: { source: 'QUOTE', documentRef: `KATKO-${n}`, to: [`asiakas${n}@asiakas.example`], subject: `Tarjous ${n}`, body: 'Tarjous liitteenä.' },
      });
      accepted.push(data.sendMessage.messageId);
    }

    // The outage: nothing listens on the port. Watch the archive the whole time.
    const observations: Observation[] = [];
    const outageEnds = Date.now() + OUTAGE_MS;
    while (Date.now() < outageEnds) {
      const data = await client.expectData<{ messages: { nodes: Node[] } }>(LIST);
      observations.push({ at: Date.now(), nodes: data.messages.nodes });
      await sleep(300);
    }
    smtp = await startSmtpServer({ port, maxMessages: 1000 });
    await smtp.waitFor(MESSAGES, 30_000);
    const final = await waitFor(
      'every message SENT',
      async () => {
        const data = await client.expectData<{ messages: { nodes: Node[] } }>(LIST);
        return data.messages.nodes.every((m) => m.status === 'SENT') ? data.messages.nodes : undefined;
      },
      15_000,
      200,
    );

    // Nothing went FAILED early: during the outage every message waited for a retry (or was being tried).
    const seen = observations.flatMap((o) => o.nodes);
    expect(seen.filter((m) => !['QUEUED', 'SENDING', 'RETRYING'].includes(m.status))).toEqual([]);
    expect(seen.filter((m) => m.lastError?.permanent)).toEqual([]);

    // The backoff is visible: retries planned in the future (never beyond the configured longest wait),
    // and several attempts per message before the server came back.
    const retrying = observations.flatMap((o) => o.nodes.filter((m) => m.status === 'RETRYING').map((m) => ({ ...m, at: o.at })));
    expect(retrying.length).toBeGreaterThan(0);
    const waits = retrying.map((m) => ({ id: m.id, attempts: m.attempts, waitMs: Date.parse(m.nextAttemptAt ?? '') - m.at, parked: m.waitReason === 'ACCOUNT_UNREACHABLE' }));
    expect(waits.filter((w) => !(w.waitMs <= LONGEST_WAIT_MS))).toEqual([]);
    // A due retry may be seen a moment before the dispatcher claims it, or wait for its parked account
    // (which says so in waitReason); most must still visibly wait.
    expect(waits.filter((w) => w.waitMs > 0 || w.parked).length).toBeGreaterThan(waits.length / 2);
    const lastDuringOutage = observations[observations.length - 1]?.nodes ?? [];
    // Each message was tried, or waits aside while its account is parked (issue 13: a
    // dead server does not take every dispatch slot with the messages of one account).
    expect(lastDuringOutage.filter((m) => !(m.attempts >= 1 || m.waitReason === 'ACCOUNT_UNREACHABLE'))).toEqual([]);
    expect(seen.some((m) => m.waitReason === 'ACCOUNT_UNREACHABLE')).toBe(true);

    // Everything arrived, once each.
    const arrived = await Promise.all(smtp.messages.map(async (mail) => (await mail.parse()).messageId));
    expect([...arrived].sort()).toEqual([...accepted].sort());
    expect(smtp.count).toBe(MESSAGES);
    expect(final).toHaveLength(MESSAGES);
  });
});
