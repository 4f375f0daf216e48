import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { killAllApiProcesses } from '../src/support/api-process';
import { createDeployment, type Deployment } from '../src/support/deployment';
import { SEND_MESSAGE, UPDATE_COMPANY_SETTINGS, companySmtpSettings } from '../src/support/graphql-client';
import { waitFor } from '../src/support/wait';

const MESSAGES = 30;
const LIST = `{ messages(first: 100) { nodes { id messageId status recipients { address outcome } } } }`;

interface Node {
  id: string;
  messageId: string;
  status: string;
  recipients: Array<{ address: string; outcome: string }>;
}

describe('a server that refuses one recipient of three for now (452), then takes it', () => {
  let deployment: Deployment | undefined;
  let smtp: RunningSmtpServer | undefined;

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await smtp?.close();
  });

  it('delivers to every recipient exactly once, the deferred ones in a follow-up of the same message', async () => {
    // Each message's Cc is refused at its first RCPT TO and accepted at the next.
    const refusedOnce = new Set<string>();
    smtp = await startSmtpServer({
      maxMessages: 1000,
      rejectRecipient: (address) => {
        if (!address.startsWith('ostot') || refusedOnce.has(address)) return null;
        refusedOnce.add(address);
        return { code: 452, message: '4.2.2 Mailbox busy, try again later' };
      },
    });
    deployment = await createDeployment('sqlite', { env: { MAESTRO_RETRY_BASE_SECONDS: '1', MAESTRO_RETRY_MAX_DELAY_SECONDS: '2', MAESTRO_DISPATCH_POLL_MS: '100' } });
    const api = await deployment.startApi();
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(smtp.port) });

    const recipientsOf = (n: number) => [`matti${n}@asiakas.example`, `liisa${n}@asiakas.example`, `ostot${n}@asiakas.example`];
    const accepted = new Map<string, string[]>();
    for (let n = 0; n < MESSAGES; n++) {
      const [matti, liisa, ostot] = recipientsOf(n);
      const data = await client.expectData<{ sendMessage: { messageId: string } }>(SEND_MESSAGE, {
        input: { source: 'SALES_ORDER', documentRef: `OSA-${n}`, to: [matti, liisa], cc: [ostot], subject: `Tilausvahvistus ${n}`, body: 'Hei' },
      });
      accepted.set(data.sendMessage.messageId, recipientsOf(n));
    }

    const seen = new Set<string>();
    const final = await waitFor(
      'every message SENT',
      async () => {
        const data = await client.expectData<{ messages: { nodes: Node[] } }>(LIST);
        for (const node of data.messages.nodes) seen.add(node.status);
        return data.messages.nodes.every((m) => m.status === 'SENT') ? data.messages.nodes : undefined;
      },
      60_000,
      100,
    );

    // Every recipient got each of its messages once: two in the first transaction, the third in a follow-up.
    const deliveries = new Map<string, string[]>();
    for (const mail of smtp.messages) {
      const id = (await mail.parse()).messageId as string;
      deliveries.set(id, [...(deliveries.get(id) ?? []), ...mail.envelope.to]);
    }
    for (const [messageId, recipients] of accepted) expect([messageId, [...(deliveries.get(messageId) ?? [])].sort()]).toEqual([messageId, [...recipients].sort()]);
    expect(smtp.count).toBe(MESSAGES * 2);
    expect(final.flatMap((m) => m.recipients.filter((r) => r.outcome !== 'ACCEPTED'))).toEqual([]);
    expect(refusedOnce.size).toBe(MESSAGES);
    // The in-between state is the visible PARTIALLY_SENT (when a read happened to fall in it).
    expect([...seen].filter((s) => !['QUEUED', 'SENDING', 'PARTIALLY_SENT', 'SENT'].includes(s))).toEqual([]);
  });
});
