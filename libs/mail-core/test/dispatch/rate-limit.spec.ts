import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { InMemoryRateLimiter, createDispatcher, type SmtpDispatcher } from '../../src/dispatch';
import { ManualClock, TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

/** Records the order in which acquire() calls are granted. */
function track(limiter: InMemoryRateLimiter, key: string, perMinute: number, label: string, granted: string[]): Promise<void> {
  return limiter.acquire(key, perMinute).then(() => {
    granted.push(label);
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

describe('InMemoryRateLimiter', () => {
  it('lets the first N messages of a minute start at once', async () => {
    const limiter = new InMemoryRateLimiter(new ManualClock());
    const granted: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((l) => track(limiter, 'account', 3, l, granted)));
    expect(granted).toEqual(['a', 'b', 'c']);
  });

  it('holds the N+1th message until the first one is a minute old', async () => {
    const clock = new ManualClock();
    const limiter = new InMemoryRateLimiter(clock);
    const granted: string[] = [];
    ['a', 'b', 'c'].forEach((l) => void track(limiter, 'account', 2, l, granted));
    await clock.somebodySleeps();
    await settle();
    expect(granted).toEqual(['a', 'b']);
    expect(clock.pendingSleeps).toEqual([60_000]);

    clock.advance(59_999);
    await settle();
    expect(granted).toEqual(['a', 'b']);

    clock.advance(1);
    await settle();
    expect(granted).toEqual(['a', 'b', 'c']);
  });

  it('never lets more than N start in any rolling minute', async () => {
    const clock = new ManualClock();
    const limiter = new InMemoryRateLimiter(clock);
    const granted: string[] = [];
    void track(limiter, 'account', 2, 'a', granted);
    await settle();
    clock.advance(30_000);
    ['b', 'c'].forEach((l) => void track(limiter, 'account', 2, l, granted));
    await settle();
    // a at 0 s, b at 30 s; c must wait until a is a minute old (60 s), not start at 30 s.
    expect(granted).toEqual(['a', 'b']);
    clock.advance(30_000);
    await settle();
    expect(granted).toEqual(['a', 'b', 'c']);
  });

  it('counts each account on its own', async () => {
    const limiter = new InMemoryRateLimiter(new ManualClock());
    const granted: string[] = [];
    void track(limiter, 'company', 1, 'company-1', granted);
    void track(limiter, 'company', 1, 'company-2', granted);
    void track(limiter, 'sms', 1, 'sms-1', granted);
    await settle();
    expect(granted.sort()).toEqual(['company-1', 'sms-1']);
  });
});

describe('dispatcher with messagesPerMinute', () => {
  let server: RunningSmtpServer;
  let dispatcher: SmtpDispatcher;
  afterEach(async () => {
    await dispatcher.close();
    await server.close();
  });

  it('queues the N+1th message of a minute and sends it, in order, when the minute has passed', async () => {
    const clock = new ManualClock();
    server = await startSmtpServer();
    dispatcher = createDispatcher({ timeouts: TEST_TIMEOUTS, clock });
    const account = accountFor(server, { messagesPerMinute: 2 });
    const messages = [orderConfirmation(), orderConfirmation(), orderConfirmation()];

    const sends = messages.map((m) => dispatcher.send(account, m));
    await server.waitFor(2);
    await clock.somebodySleeps();
    expect(server.count).toBe(2);

    clock.advance(60_000);
    await expect(Promise.all(sends)).resolves.toEqual(messages.map(() => expect.objectContaining({ ok: true })));
    const arrived = await server.waitFor(3);
    const ids = await Promise.all(arrived.map(async (mail) => (await mail.parse()).messageId));
    // The first two may share the pool's connections in any order; the third comes after the minute.
    expect(ids.slice(0, 2).sort()).toEqual([messages[0]!.messageId, messages[1]!.messageId].sort());
    expect(ids[2]).toBe(messages[2]!.messageId);
  });

  it('does not hold messages of an account without a limit', async () => {
    const clock = new ManualClock();
    server = await startSmtpServer();
    dispatcher = createDispatcher({ timeouts: TEST_TIMEOUTS, clock });
    const account = accountFor(server, { messagesPerMinute: null });
    const outcomes = await Promise.all([1, 2, 3].map(() => dispatcher.send(account, orderConfirmation())));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(clock.pendingSleeps).toEqual([]);
  });
});
