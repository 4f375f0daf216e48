import { QUICK_SEND_MS, SendPace } from '../../src/modules/messages/dispatch/send-pace';

describe('how fast an account’s sends return', () => {
  it('counts an account as quick once its sends return within the limit', () => {
    const pace = new SendPace();
    for (let i = 0; i < 3; i++) pace.note('a/1', 5);
    expect(pace.quick('a/1')).toBe(true);
  });

  it('counts an account nobody has timed yet as not quick, so every freed slot is filled', () => {
    expect(new SendPace().quick('a/1')).toBe(false);
  });

  it('changes its verdict after a few slow sends in a row, not after one', () => {
    const pace = new SendPace();
    for (let i = 0; i < 20; i++) pace.note('a/1', 5);
    pace.note('a/1', QUICK_SEND_MS * 3);
    expect(pace.quick('a/1')).toBe(true);
    for (let i = 0; i < 5; i++) pace.note('a/1', QUICK_SEND_MS * 3);
    expect(pace.quick('a/1')).toBe(false);
  });

  it('keeps each account’s pace apart', () => {
    const pace = new SendPace();
    pace.note('a/1', 5);
    pace.note('b/1', QUICK_SEND_MS * 10);
    expect([pace.quick('a/1'), pace.quick('b/1')]).toEqual([true, false]);
  });
});
