import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logger';
import { CompanionLoop, type RoundResult } from '../../src/modules/messages/dispatch/companion-loop';

// The loop's pause is a timer: Jest's fake clock moves it, so "nothing happened yet" is a clock that
// was not moved far enough, never a sleep.
const PAUSE_MS = 60_000;

interface LogLine {
  level: number;
  msg: string;
  code?: string;
}
const WARN = 40;
const ERROR = 50;

/** A loop whose rounds are counted and answered by the test, with its log lines as objects. */
function loopWith(answer: (round: number) => Promise<RoundResult>) {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as LogLine);
      done();
    },
  });
  let rounds = 0;
  const loop = new CompanionLoop(() => answer(++rounds), { name: 'the test loop', pauseMs: PAUSE_MS, log: createLogger('debug', sink) });
  return { loop, lines, rounds: () => rounds };
}

/** Lets every promise the loop is waiting on settle, without moving the clock. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('the companion loop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a round at start and the next one after the pause', async () => {
    const { loop, rounds } = loopWith(async () => 'idle');
    loop.start();
    await settle();
    expect(rounds()).toBe(1);
    await jest.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(rounds()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds()).toBe(2);
    await loop.stop();
  });

  it('goes round again without a pause while a round says more may be waiting', async () => {
    const { loop, rounds } = loopWith(async (n) => (n < 3 ? 'more' : 'idle'));
    loop.start();
    await settle();
    expect(rounds()).toBe(3);
    await loop.stop();
  });

  it('runs the next round at once when woken in its pause', async () => {
    const { loop, rounds } = loopWith(async () => 'idle');
    loop.start();
    await settle();
    loop.wake();
    await settle();
    expect(rounds()).toBe(2);
    await loop.stop();
  });

  it('ends when stopped: no round after it and no timer left behind', async () => {
    const { loop, rounds } = loopWith(async () => 'idle');
    loop.start();
    await settle();
    await loop.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(PAUSE_MS * 3);
    expect(rounds()).toBe(1);
  });

  it('ends without a pause when stopped during a round', async () => {
    let finishRound: () => void = () => undefined;
    const { loop } = loopWith(() => new Promise<RoundResult>((resolve) => (finishRound = () => resolve('idle'))));
    loop.start();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    finishRound();
    await settle();
    expect(stopped).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    await stopping;
  });

  it('starts once however often it is started', async () => {
    const { loop, rounds } = loopWith(async () => 'idle');
    loop.start();
    loop.start();
    await settle();
    expect(rounds()).toBe(1);
    await loop.stop();
  });

  it('goes on after a round that throws, logging it as an error', async () => {
    const { loop, rounds, lines } = loopWith(async (n) => {
      if (n === 1) throw new Error('the settings row is not JSON');
      return 'idle';
    });
    loop.start();
    await settle();
    expect(lines).toEqual([expect.objectContaining({ level: ERROR, msg: 'the test loop failed; trying again' })]);
    await jest.advanceTimersByTimeAsync(PAUSE_MS);
    expect(rounds()).toBe(2);
    await loop.stop();
  });

  it('logs a database outage as a warning that it waits, and goes on', async () => {
    const { loop, rounds, lines } = loopWith(async (n) => {
      if (n === 1) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
      return 'idle';
    });
    loop.start();
    await settle();
    expect(lines).toEqual([expect.objectContaining({ level: WARN, msg: 'the test loop waits for the database', code: 'ECONNREFUSED' })]);
    await jest.advanceTimersByTimeAsync(PAUSE_MS);
    expect(rounds()).toBe(2);
    await loop.stop();
  });
});
