import { killAllApiProcesses, type ApiProcess } from '../src/support/api-process';
import { startCountingSink, type CountingSink } from '../src/support/counting-sink';
import { DATABASE_KINDS, createDeployment, type Deployment } from '../src/support/deployment';
import { SEND_MESSAGE, UPDATE_COMPANY_SETTINGS, companySmtpSettings, type GraphqlAnswer } from '../src/support/graphql-client';
import { waitFor } from '../src/support/wait';

/** sendMessage calls in flight at once. */
const IN_FLIGHT = 50;

// The outbox insert runs while dispatchers claim (SELECT ... FOR UPDATE SKIP LOCKED, then UPDATE) on the
// same table. On MariaDB this uses the README's scale-out, the API plus two `npm run worker` processes:
// three dispatchers. A lock conflict there must neither reach a caller nor be an error in the logs.
describe.each(DATABASE_KINDS)('a burst of sendMessage calls while dispatchers send, on %s', (kind) => {
  const MESSAGES = kind === 'mysql' ? 1000 : 300;
  const WORKERS = kind === 'mysql' ? 2 : 0;
  let deployment: Deployment | undefined;
  let sink: CountingSink | undefined;
  const processes: ApiProcess[] = [];
  const answers: Array<GraphqlAnswer<{ sendMessage: { messageId: string } }>> = [];

  beforeAll(async () => {
    sink = await startCountingSink();
    deployment = await createDeployment(kind, { env: { MAESTRO_DISPATCH_CONCURRENCY: '10', MAESTRO_DISPATCH_POLL_MS: '10' } });
    const api = await deployment.startApi();
    processes.push(api);
    for (let i = 0; i < WORKERS; i++) processes.push(await deployment.startWorker());
    const client = await deployment.adminClient(api);
    await client.expectData(UPDATE_COMPANY_SETTINGS, { input: companySmtpSettings(sink.port) });
    for (let start = 0; start < MESSAGES; start += IN_FLIGHT) {
      const batch = Array.from({ length: Math.min(IN_FLIGHT, MESSAGES - start) }, (_, i) => start + i);
      const input = (n: number) => ({ source: 'SALES_ORDER', documentRef: `KUORMA-${n}`, to: [`asiakas${n}@asiakas.example`], subject: `Tilaus ${n}`, body: 'Kiitos tilauksesta.' });
      answers.push(...(await Promise.all(batch.map((n) => client.request<{ sendMessage: { messageId: string } }>(SEND_MESSAGE, { input: input(n) })))));
    }
    const expected = answers.filter((a) => a.data?.sendMessage).length;
    await waitFor(`the ${expected} accepted messages at the sink`, () => sink!.distinct >= expected, 60_000);
  });

  afterAll(async () => {
    await killAllApiProcesses();
    await deployment?.destroy();
    await sink?.close();
  });

  /** Error-level log lines of the API and the workers, as "role: message: error". */
  const errorLines = () =>
    processes
      .flatMap((p) => p.output)
      .join('')
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .map((line) => {
        const entry = JSON.parse(line) as { msg?: string; role?: string; err?: { message?: string } };
        return `${entry.role ?? 'api'}: ${entry.msg}: ${entry.err?.message}`;
      });

  it(`accepts every one of the calls (${kind === 'mysql' ? '1000' : '300'}, 50 at a time)`, () => {
    const refused = answers.filter((a) => a.errors?.length || !a.data?.sendMessage);
    expect({ refused: refused.map((a) => a.errors?.[0]?.extensions?.code ?? a.status), log: [...new Set(errorLines().filter((l) => l.startsWith('api: unexpected')))] }).toEqual({ refused: [], log: [] });
  });

  it('logs no error while doing it (no lock conflict between accepting and claiming, or between claims)', () => {
    expect([...new Set(errorLines())]).toEqual([]);
  });

  it('sends each accepted message exactly once', () => {
    const accepted = answers.flatMap((a) => (a.data?.sendMessage ? [a.data.sendMessage.messageId.replace(/^<|>$/g, '')] : []));
    expect(sink!.duplicates()).toEqual(new Map());
    expect([...sink!.arrivals].sort()).toEqual(accepted.sort());
  });
});
