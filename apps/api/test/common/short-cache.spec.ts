import { ShortCache } from '../../src/common/short-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the short cache of settings', () => {
  it('answers a repeated read from memory within its time', async () => {
    const cache = new ShortCache(60_000);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await cache.get('c1:settings', load);
    expect(await cache.get('c1:settings', load)).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });

  it('lets readers that miss at the same moment share one load', async () => {
    const cache = new ShortCache(60_000);
    const row = deferred<{ host: string }>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return row.promise;
    };
    const readers = Array.from({ length: 10 }, () => cache.get('c1:settings', load));
    row.resolve({ host: 'smtp.yritys.fi' });
    const values = await Promise.all(readers);
    expect(loads).toBe(1);
    expect(values.every((v) => v.host === 'smtp.yritys.fi')).toBe(true);
  });

  it('does not keep a failed load: the next reader tries again', async () => {
    const cache = new ShortCache(60_000);
    await expect(cache.get('c1:settings', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    await expect(cache.get('c1:settings', () => { throw new Error('thrown at once'); })).rejects.toThrow('thrown at once');
    expect(await cache.get('c1:settings', async () => 'read')).toBe('read');
  });

  it('never stores what a load read before a change was forgotten', async () => {
    const cache = new ShortCache(60_000);
    const before = deferred<string>();
    const stale = cache.get('c1:settings', () => before.promise);
    cache.forget('c1:');
    before.resolve('old host');
    expect(await stale).toBe('old host');
    expect(await cache.get('c1:settings', async () => 'new host')).toBe('new host');
  });

  it('forgets only the keys of the prefix it is given', async () => {
    const cache = new ShortCache(60_000);
    await cache.get('c1:settings', async () => 'one');
    await cache.get('c2:settings', async () => 'two');
    cache.forget('c1:');
    expect(await cache.get('c1:settings', async () => 'one, reread')).toBe('one, reread');
    expect(await cache.get('c2:settings', async () => 'two, reread')).toBe('two');
  });

  it('hands out frozen values, so no reader can change what the next one gets', async () => {
    const cache = new ShortCache(60_000);
    const value = await cache.get('c1:settings', async () => ({ account: { host: 'smtp.yritys.fi' } }));
    expect(() => {
      (value.account as { host: string }).host = 'changed';
    }).toThrow(TypeError);
  });
});
