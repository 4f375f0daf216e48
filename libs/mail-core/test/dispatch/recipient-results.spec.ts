import { makeClassifiedError, settleRecipients } from '../../src/dispatch';

const deferred = (address: string) => ({ address, error: makeClassifiedError('RECIPIENT_DEFERRED', { responseCode: 452, detail: '452 4.2.2 Over quota', recipient: address }) });
const refused = (address: string) => ({ address, error: makeClassifiedError('RECIPIENT_REJECTED', { responseCode: 550, detail: '550 5.1.1 No such user', recipient: address }) });

describe('settling each recipient of one transaction', () => {
  it('gives every envelope recipient its own result: accepted with the data reply, deferred and refused with their own', () => {
    const results = settleRecipients(['a@x.fi', 'b@x.fi', 'c@x.fi'], ['a@x.fi'], [deferred('b@x.fi'), refused('c@x.fi')], '250 2.0.0 queued as 1');
    expect(results.map((r) => [r.address, r.delivery, r.reply])).toEqual([
      ['a@x.fi', 'ACCEPTED', '250 2.0.0 queued as 1'],
      ['b@x.fi', 'DEFERRED', '452 4.2.2 Over quota'],
      ['c@x.fi', 'REFUSED', '550 5.1.1 No such user'],
    ]);
    expect(results[1]?.error?.code).toBe('RECIPIENT_DEFERRED');
  });

  it('matches the envelope spelling nodemailer reports: punycode domain, other case', () => {
    const results = settleRecipients(['Matti@Jõgeva.ee', 'b@x.fi'], ['b@x.fi'], [deferred('matti@xn--jgeva-dua.ee')], '250 ok');
    expect(results.map((r) => r.delivery)).toEqual(['DEFERRED', 'ACCEPTED']);
  });

  it('counts a recipient the server said nothing about as deferred, so it is tried again rather than dropped', () => {
    const results = settleRecipients(['a@x.fi', 'b@x.fi'], ['a@x.fi'], [], '250 ok');
    expect(results.map((r) => r.delivery)).toEqual(['ACCEPTED', 'DEFERRED']);
  });

  it('pairs an answer in a spelling it cannot match with the recipient left over', () => {
    const results = settleRecipients(['"odd name"@x.fi', 'b@x.fi'], ['oddname@x.fi', 'b@x.fi'], [], '250 ok');
    expect(results.map((r) => r.delivery)).toEqual(['ACCEPTED', 'ACCEPTED']);
  });
});
