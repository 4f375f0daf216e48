import { killAllApiProcesses, type ApiProcess } from '../src/support/api-process';
import { startCountingSink, type CountingSink } from '../src/support/counting-sink';
import { createDeployment, type DatabaseKind, type Deployment } from '../src/support/deployment';
import { SEND_MESSAGE, UPDATE_COMPANY_SETTINGS, companySmtpSettings } from '../src/support/graphql-client';
import { waitFor } from '../src/support/wait';

const MESSAGES = 1000;
/** Messages in flight per dispatcher: the most that may arrive twice after a kill. */
const CONCURRENCY = 10;
/** sendMessage calls in flight at once while the batch is accepted. */
const ACCEPT_BATCH = 25;

interface Scenario {
  name: string;
  kind: DatabaseKind;
  /** Which process runs the dispatcher and gets killed: the API itself, or a separate worker. */
  killed: 'api' | 'worker';
}

const SCENARIOS: Scenario[] = [
  { name: 'the API with its dispatcher, on SQLite', kind: 'sqlite', killed: 'api' },
  ...(process.env.MYSQL_URL
    ? [
        { name: 'the API with its dispatcher, on MariaDB', kind: 'mysql', killed: 'api' } as const,
        { name: 'a separate worker process, on MariaDB', kind: 'mysql', killed: 'worker' } as const,
      ]
    : []),
];

const ENV = {
  MAESTRO_DISPATCH_CONCURRENCY: String(CONCURRENCY),
  MAESTRO_DISPATCH_POLL_MS: '100',
  // The killed process's claims are taken over once their lease runs out: keep it short.
  MAESTRO_DISPATCH_LEASE_SECONDS: '3',
  // The sink holds the first messages while the batch is accepted: the client must wait that long.
  MAESTRO_SMTP_TIMEOUT_SECONDS: '60',
};

/** The API's own error log lines (an errorId in a GraphQL answer points at them). */
const serverErrors = (api: ApiProcess) =>
  api.output
    .join('')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line))
    .map((line) => line.slice(0, 600));

describe.each(SCENARIOS)('kill -9 in the middle of a 1000-message batch: $name', ({ kind, killed }) => {
  let deployment: Deployment | undefined;
  let sink: CountingSink | undefined;

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await sink?.close();
  });

  it('delivers 1000 of 1000 after a restart, none lost, duplicates at most the messages in flight', async () => {
    sink = await startCountingSink({ held: true, delayMs: 3 });
    deployment = await createDeployment(kind, { env: ENV });
    const dispatcherInApi = killed === 'api';
    let api = await deployment.startApi({ MAESTRO_DISPATCHER: String(dispatcherInApi) });
    let worker: ApiProcess | null = dispatcherInApi ? null : await deployment.startWorker();
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(sink.port) });

    // Accept the whole batch while the sink holds the first messages unanswered. A refused call is
    // accept-under-load.spec.ts's subject; here it is tried again under the same idempotency key,
    // which can never store it twice.
    const accept = async (n: number): Promise<string> => {
      const input = { source: 'SALES_ORDER', documentRef: `KILL-${n}`, idempotencyKey: `kill-${n}`, to: [`asiakas${n}@asiakas.example`], subject: `Tilausvahvistus ${n}`, body: `Viesti numero ${n}.` };
      for (let attempt = 1; ; attempt++) {
        const answer = await client.request<{ sendMessage: { messageId: string } }>(SEND_MESSAGE, { input });
        if (answer.data?.sendMessage) return answer.data.sendMessage.messageId.replace(/^<|>$/g, '');
        if (attempt === 3) throw new Error(`sendMessage ${n} refused 3 times: ${JSON.stringify(answer.errors)}\n${serverErrors(api).join('\n')}`);
      }
    };
    const accepted: string[] = [];
    for (let start = 0; start < MESSAGES; start += ACCEPT_BATCH) {
      const batch = Array.from({ length: Math.min(ACCEPT_BATCH, MESSAGES - start) }, (_, i) => start + i);
      accepted.push(...(await Promise.all(batch.map(accept))));
    }
    expect(new Set(accepted).size).toBe(MESSAGES);

    sink.open();
    await waitFor('a third of the batch at the sink', () => sink!.distinct >= MESSAGES / 3, 60_000, 5);
    const victim = dispatcherInApi ? api : (worker as ApiProcess);
    await victim.kill9();
    const arrivedAtKill = sink.distinct;
    // The kill must land mid-batch, or this test proves nothing.
    expect(arrivedAtKill).toBeLessThan(MESSAGES);

    if (dispatcherInApi) {
      api = await deployment.startApi({ MAESTRO_DISPATCHER: 'true' });
      client.baseUrl = api.url;
    } else {
      worker = await deployment.startWorker();
    }
    await waitFor(`all ${MESSAGES} Message-IDs at the sink`, () => sink!.distinct >= MESSAGES, 90_000, 50);

    const arrived = new Set(sink.arrivals);
    expect(accepted.filter((id) => !arrived.has(id))).toEqual([]);
    expect([...arrived].filter((id) => !accepted.includes(id))).toEqual([]);
    const duplicates = sink.arrivals.length - sink.distinct;
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);

    // The archive agrees: every message SENT, once the restarted dispatcher has written its outcomes.
    const sent = await waitFor(
      'every message SENT in the archive',
      async () => {
        const data = await client.expectData<{ messages: { totalCount: number } }>('{ messages(filter: { status: [SENT] }, first: 1) { totalCount } }');
        return data.messages.totalCount === MESSAGES ? data.messages.totalCount : undefined;
      },
      30_000,
      250,
    );
    expect(sent).toBe(MESSAGES);
  });
});
