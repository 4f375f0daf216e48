import { QUICK_SEND_MS, SendPace } from '../../src/modules/messages/dispatch/send-pace';

/** A pace on a clock the test moves; `send` runs one send of `ms` through it. */
function paceOnClock() {
  let now = 0;
  const pace = new SendPace(() => now);
  return {
    pace,
    send(account: string, ms: number) {
      const started = pace.started(account);
      now += ms;
      pace.finished(account, started);
    },
    wait(ms: number) {
      now += ms;
    },
  };
}

describe('how fast an account’s sends return', () => {
  it('counts an account as quick once its sends return within the limit', () => {
    const { pace, send } = paceOnClock();
    for (let i = 0; i < 3; i++) send('a/1', 5);
    expect(pace.quick('a/1')).toBe(true);
  });

  it('counts an account nobody has timed yet as not quick, so every freed slot is filled', () => {
    expect(new SendPace().quick('a/1')).toBe(false);
  });

  it('changes its verdict after a few slow sends in a row, not after one', () => {
    const { pace, send } = paceOnClock();
    for (let i = 0; i < 20; i++) send('a/1', 5);
    send('a/1', QUICK_SEND_MS * 3);
    expect(pace.quick('a/1')).toBe(true);
    for (let i = 0; i < 5; i++) send('a/1', QUICK_SEND_MS * 3);
    expect(pace.quick('a/1')).toBe(false);
  });

  it('counts a quick account as not quick while one of its sends has run longer than a quick one takes', () => {
    const { pace, send, wait } = paceOnClock();
    for (let i = 0; i < 5; i++) send('a/1', 5);
    const hanging = pace.started('a/1');
    wait(QUICK_SEND_MS / 2);
    expect(pace.quick('a/1')).toBe(true);
    wait(QUICK_SEND_MS);
    expect(pace.quick('a/1')).toBe(false);
    pace.finished('a/1', hanging);
    for (let i = 0; i < 20; i++) send('a/1', 5);
    expect(pace.quick('a/1')).toBe(true);
  });

  it('keeps each account’s pace apart', () => {
    const { pace, send } = paceOnClock();
    send('a/1', 5);
    send('b/1', QUICK_SEND_MS * 10);
    expect([pace.quick('a/1'), pace.quick('b/1')]).toEqual([true, false]);
  });
});
