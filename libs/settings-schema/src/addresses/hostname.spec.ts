import { normalizeHostname } from './hostname';

describe('normalizeHostname', () => {
  it.each([
    ['a plain host name, in lower case', 'SMTP.Office365.com', 'smtp.office365.com'],
    ['an IDN host name, as punycode', 'smtp.pörssi.fi', 'smtp.xn--prssi-jua.fi'],
    ['a host name with a trailing dot, without it', 'smtp.yritys.fi.', 'smtp.yritys.fi'],
    ['a host name with blanks around it, trimmed', '  smtp.yritys.fi ', 'smtp.yritys.fi'],
    ['a single-label name such as localhost', 'localhost', 'localhost'],
    ['an IPv4 address', '192.168.1.10', '192.168.1.10'],
    ['an IPv6 address', '2001:db8::25', '2001:db8::25'],
    ['an IPv6 address in brackets, without them', '[::1]', '::1'],
  ])('accepts %s', (_rule, input, expected) => {
    expect(normalizeHostname(input)).toBe(expected);
  });

  it.each([
    ['empty text', ''],
    ['a space inside', 'smtp yritys.fi'],
    ['a port', 'smtp.yritys.fi:587'],
    ['a URL', 'smtp://smtp.yritys.fi'],
    ['an underscore', 'smtp_relay.yritys.fi'],
    ['a label starting with a hyphen', '-smtp.yritys.fi'],
    ['an empty label', 'smtp..yritys.fi'],
    ['a label over 63 characters', `${'a'.repeat(64)}.fi`],
    ['a name over 253 characters', `${'a.'.repeat(127)}fi`],
    ['an IPv4 octet over 255', '192.168.1.300'],
    ['an IPv4 octet with a leading zero, read as octal by some', '192.168.1.08'],
    ['a short numeric form that resolvers read as an IPv4 address', '127.1'],
    ['a malformed IPv6 address', '2001:db8:::25:zz'],
  ])('refuses %s', (_rule, input) => {
    expect(normalizeHostname(input)).toBeNull();
  });
});
