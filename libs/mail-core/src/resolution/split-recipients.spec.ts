import { splitRecipients } from './split-recipients';

const m = (n: number) => ({ name: '', address: `r${n}@x.fi` });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => m(from + i));

describe('splitting recipients for an account with a per-message limit', () => {
  it('keeps a message within the limit whole', () => {
    expect(splitRecipients({ to: range(1, 2), cc: range(3, 1), bcc: [] }, 3)).toEqual([{ to: range(1, 2), cc: range(3, 1), bcc: [] }]);
  });

  it('cuts To, then Cc, then Bcc into parts of at most the limit, each recipient in its own field', () => {
    const parts = splitRecipients({ to: range(1, 3), cc: range(4, 2), bcc: range(6, 2) }, 3);
    expect(parts).toEqual([
      { to: range(1, 3), cc: [], bcc: [] },
      { to: [], cc: range(4, 2), bcc: range(6, 1) },
      { to: [], cc: [], bcc: range(7, 1) },
    ]);
  });

  it('sends every recipient exactly once', () => {
    const parts = splitRecipients({ to: range(1, 250), cc: range(251, 120), bcc: range(371, 30) }, 100);
    const all = parts.flatMap((p) => [...p.to, ...p.cc, ...p.bcc].map((x) => x.address));
    expect(parts).toHaveLength(4);
    expect(new Set(all).size).toBe(400);
    expect(parts.every((p) => p.to.length + p.cc.length + p.bcc.length <= 100)).toBe(true);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => splitRecipients({ to: range(1, 2), cc: [], bcc: [] }, 0)).toThrow(RangeError);
  });
});
