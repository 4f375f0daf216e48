import { companyShare, shareOut, type DueAccount } from '../../src/modules/messages/dispatch/claim-due-messages';

const account = (companyId: string, accountKey: string, due: number, free = 3): DueAccount => ({ companyId, accountKey, due, cap: 3, busy: 3 - free, free, lastClaimedAt: null, known: true, troubled: false });

/** The shares by `company/account`, for reading. */
const shares = (result: Map<DueAccount, number>) => Object.fromEntries([...result].map(([a, n]) => [`${a.companyId}/${a.accountKey}`, n]));

describe('sharing out one claim over companies and their sending accounts', () => {
  it('gives a company with many accounts the same share as a company with one', () => {
    const result = shareOut([account('a', '1', 10), account('a', '2', 10), account('a', '3', 10), account('b', '1', 10)], 6);
    expect(shares(result)).toEqual({ 'a/1': 1, 'a/2': 1, 'a/3': 1, 'b/1': 3 });
  });

  it('never gives an account more than its free slots or its due messages', () => {
    const result = shareOut([account('a', '1', 10, 2), account('a', '2', 1)], 10);
    expect(shares(result)).toEqual({ 'a/1': 2, 'a/2': 1 });
  });

  it('gives a company no more than the room it has left in this worker, and the rest to the others', () => {
    const accounts = [account('a', '1', 10), account('a', '2', 10), account('a', '3', 10), account('b', '1', 10)];
    const result = shareOut(accounts, 10, (companyId) => (companyId === 'a' ? 2 : 10));
    expect(shares(result)).toEqual({ 'a/1': 1, 'a/2': 1, 'b/1': 3 });
  });

  it('keeps a quarter of a worker’s slots from any one company, and never all of them', () => {
    expect([1, 2, 4, 5, 10, 20].map(companyShare)).toEqual([1, 1, 3, 3, 7, 15]);
  });
});
