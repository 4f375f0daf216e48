import { sendsToSameAddress } from './envelope-address';

describe('the envelope address check', () => {
  it('passes an ordinary address with a quoted name', () => {
    expect(sendsToSameAddress({ name: 'Virtanen, Matti', address: 'matti@yritys.fi' })).toBe(true);
    expect(sendsToSameAddress({ name: '', address: 'myynti@pörssi.fi' })).toBe(true);
  });

  it('fails an address that nodemailer would split at a line separator and send elsewhere', () => {
    expect(sendsToSameAddress({ name: '', address: 'Boss\u2028attacker@evil.test' })).toBe(false);
  });

  it('fails an address with a space that nodemailer would cut', () => {
    expect(sendsToSameAddress({ name: '', address: 'boss attacker@evil.test' })).toBe(false);
  });
});
