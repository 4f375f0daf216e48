import { KeyedTurns } from '../../src/common/keyed-turns';

describe('one holder at a time for each key', () => {
  it('runs the work of one key one after another, in the order it came, and other keys alongside', async () => {
    const turns = new KeyedTurns();
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`${name} begins`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} ends`);
    };
    await Promise.all([turns.run('a', work('a1', 30)), turns.run('a', work('a2', 1)), turns.run('b', work('b1', 5))]);
    expect(log.indexOf('a2 begins')).toBeGreaterThan(log.indexOf('a1 ends'));
    expect(log.indexOf('b1 ends')).toBeLessThan(log.indexOf('a1 ends'));
  });

  it('lets the next holder in when the one before fails', async () => {
    const turns = new KeyedTurns();
    await expect(turns.run('a', () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    await expect(turns.run('a', async () => 'next')).resolves.toBe('next');
  });
});
