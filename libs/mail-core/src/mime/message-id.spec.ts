import { generateMessageId } from './message-id';

describe('generateMessageId', () => {
  it('makes <uuid@sender-domain>', () => {
    expect(generateMessageId('yritys.fi')).toMatch(/^<[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@yritys\.fi>$/);
  });

  it('makes a new id each time', () => {
    expect(generateMessageId('yritys.fi')).not.toBe(generateMessageId('yritys.fi'));
  });

  it('writes an IDN sender domain in punycode', () => {
    expect(generateMessageId('Pörssi.fi')).toMatch(/@xn--prssi-jua\.fi>$/);
  });

  it('falls back to a reserved domain when the sender domain is not a host name', () => {
    expect(generateMessageId('')).toMatch(/@maestro-messaging\.invalid>$/);
  });
});
