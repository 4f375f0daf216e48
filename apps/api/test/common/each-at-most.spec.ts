import { eachAtMost } from '../../src/common/each-at-most';

describe('doing work for each item, a few at a time', () => {
  it('never runs more than the limit at once, and answers in the order of the items', async () => {
    let running = 0;
    let most = 0;
    const answers = await eachAtMost(3, [50, 10, 30, 0, 20, 40, 5], async (ms) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms * 2;
    });
    expect(most).toBe(3);
    expect(answers).toEqual([100, 20, 60, 0, 40, 80, 10]);
  });

  it('answers an empty list without running anything', async () => {
    await expect(eachAtMost(3, [], () => Promise.reject(new Error('not called')))).resolves.toEqual([]);
  });
});
