import {
  addressKey,
  formatAddress,
  formatAddressList,
  mergeAddressLists,
  parseAddressList,
  type AddressError,
  type ParsedAddress,
} from './address-list';

const bare = (address: string): ParsedAddress => ({ name: '', address });
const named = (name: string, address: string): ParsedAddress => ({ name, address });
const invalid = (piece: string): AddressError => ({ piece, code: 'INVALID_ADDRESS' });
const lineBreak = (piece: string): AddressError => ({ piece, code: 'LINE_BREAK' });

describe('parseAddressList accepts', () => {
  it.each<{ rule: string; input: string; addresses: ParsedAddress[] }>([
    { rule: 'a single bare address', input: 'matti@yritys.fi', addresses: [bare('matti@yritys.fi')] },
    {
      rule: 'a quoted name with a comma and two more addresses after ; and , as three addresses',
      input: '"Virtanen, Matti" <matti@yritys.fi>; b@y.fi, c@z.fi',
      addresses: [named('Virtanen, Matti', 'matti@yritys.fi'), bare('b@y.fi'), bare('c@z.fi')],
    },
    {
      rule: 'a semicolon inside quotes as part of the name',
      input: '"Myynti; Oy Ab" <myynti@ab.fi>, tuki@ab.fi',
      addresses: [named('Myynti; Oy Ab', 'myynti@ab.fi'), bare('tuki@ab.fi')],
    },
    {
      rule: 'a comma inside a comment as part of the comment',
      input: 'matti@yritys.fi (Matti, myynti); liisa@yritys.fi',
      addresses: [bare('matti@yritys.fi'), bare('liisa@yritys.fi')],
    },
    {
      rule: 'an unquoted Finnish name with ä and ö',
      input: 'Sörkkä Mäkinen <sorkka@yritys.fi>',
      addresses: [named('Sörkkä Mäkinen', 'sorkka@yritys.fi')],
    },
    {
      rule: 'a quoted UTF-8 name',
      input: '"Åsa Öberg-Lindqvist" <asa@foretag.se>',
      addresses: [named('Åsa Öberg-Lindqvist', 'asa@foretag.se')],
    },
    { rule: 'an IDN domain, kept as typed', input: 'myynti@pörssi.fi', addresses: [bare('myynti@pörssi.fi')] },
    {
      rule: 'an IDN domain with a display name',
      input: 'Pörssi Myynti <myynti@pörssi.fi>',
      addresses: [named('Pörssi Myynti', 'myynti@pörssi.fi')],
    },
    { rule: 'a UTF-8 local part', input: 'jääkiekko@yritys.fi', addresses: [bare('jääkiekko@yritys.fi')] },
    { rule: 'plus-addressing', input: 'matti+tilaukset@yritys.fi', addresses: [bare('matti+tilaukset@yritys.fi')] },
    {
      rule: 'a multi-level domain with hyphens',
      input: 'orders@mail.oma-yritys.co.uk',
      addresses: [bare('orders@mail.oma-yritys.co.uk')],
    },
    { rule: 'an angle address without a name', input: '<matti@yritys.fi>', addresses: [bare('matti@yritys.fi')] },
    { rule: 'empty text as no addresses', input: '', addresses: [] },
    { rule: 'only separators and spaces as no addresses', input: ' ; , ;  ', addresses: [] },
    {
      rule: 'empty pieces and trailing separators by skipping them',
      input: 'a@x.fi;; ,b@y.fi;',
      addresses: [bare('a@x.fi'), bare('b@y.fi')],
    },
    {
      rule: 'spaces, tabs and no-break spaces around addresses by trimming them',
      input: '  a@x.fi\t;\u00a0b@y.fi\u00a0 ',
      addresses: [bare('a@x.fi'), bare('b@y.fi')],
    },
    {
      rule: 'duplicates differing in case as one address, keeping the first',
      input: 'Matti@Yritys.fi; matti@yritys.FI, MATTI@YRITYS.FI',
      addresses: [bare('Matti@Yritys.fi')],
    },
    {
      rule: 'a duplicate with another name as one address, keeping the first name',
      input: 'Matti <matti@yritys.fi>, Matti Virtanen <MATTI@yritys.fi>',
      addresses: [named('Matti', 'matti@yritys.fi')],
    },
    {
      rule: 'an IDN domain and its punycode form as one address',
      input: 'myynti@pörssi.fi, MYYNTI@xn--prssi-jua.fi',
      addresses: [bare('myynti@pörssi.fi')],
    },
    {
      rule: 'an Outlook-pasted list separated by "; "',
      input: 'Virtanen Matti <matti.virtanen@yritys.fi>; Liisa Mäkinen <liisa.makinen@yritys.fi>; ',
      addresses: [named('Virtanen Matti', 'matti.virtanen@yritys.fi'), named('Liisa Mäkinen', 'liisa.makinen@yritys.fi')],
    },
    {
      rule: 'Outlook names "Sukunimi, Etunimi" without quotes as one name each',
      input: 'Virtanen, Matti <matti@yritys.fi>; Korhonen, Liisa <liisa@yritys.fi>',
      addresses: [named('Virtanen, Matti', 'matti@yritys.fi'), named('Korhonen, Liisa', 'liisa@yritys.fi')],
    },
    {
      rule: "Outlook's single-quoted names without the quotes",
      input: "'Matti Virtanen' <matti@yritys.fi>; 'Virtanen, Liisa' <liisa@yritys.fi>",
      addresses: [named('Matti Virtanen', 'matti@yritys.fi'), named('Virtanen, Liisa', 'liisa@yritys.fi')],
    },
    {
      rule: 'a name that only repeats the address as no name',
      input: "'matti@yritys.fi' <matti@yritys.fi>",
      addresses: [bare('matti@yritys.fi')],
    },
    {
      rule: 'a quoted word inside a name as a word of the name, spaces kept',
      input: 'Matti "Masa" Virtanen <masa@yritys.fi>',
      addresses: [named('Matti Masa Virtanen', 'masa@yritys.fi')],
    },
    {
      rule: 'escaped quotes inside a quoted name',
      input: '"Oy \\"Paras\\" Ab" <info@paras.fi>',
      addresses: [named('Oy "Paras" Ab', 'info@paras.fi')],
    },
    {
      rule: 'an unquoted name with an initial and a dot',
      input: 'Matti V. Virtanen <matti@yritys.fi>',
      addresses: [named('Matti V. Virtanen', 'matti@yritys.fi')],
    },
  ])('$rule', ({ input, addresses }) => {
    const result = parseAddressList(input);
    expect(result).toEqual({ ok: true, addresses, formatted: formatAddressList(addresses) });
  });
});

describe('parseAddressList refuses', () => {
  it.each<{ rule: string; input: string; errors: AddressError[] }>([
    { rule: 'text without @', input: 'matti.yritys.fi', errors: [invalid('matti.yritys.fi')] },
    { rule: 'a name without an address', input: 'Matti Virtanen', errors: [invalid('Matti Virtanen')] },
    { rule: 'a double @', input: 'matti@@yritys.fi', errors: [invalid('matti@@yritys.fi')] },
    { rule: 'two @ signs', input: 'matti@yritys@posti.fi', errors: [invalid('matti@yritys@posti.fi')] },
    { rule: 'a space in an unquoted local part', input: 'matti virtanen@yritys.fi', errors: [invalid('matti virtanen@yritys.fi')] },
    { rule: 'a quoted local part, which no real mailbox here uses', input: '"matti virtanen"@yritys.fi', errors: [invalid('"matti virtanen"@yritys.fi')] },
    { rule: 'a local part ending in a dot', input: 'matti.@yritys.fi', errors: [invalid('matti.@yritys.fi')] },
    { rule: 'a local part longer than 64 characters', input: `${'m'.repeat(65)}@yritys.fi`, errors: [invalid(`${'m'.repeat(65)}@yritys.fi`)] },
    { rule: 'a domain without a dot (localhost)', input: 'matti@localhost', errors: [invalid('matti@localhost')] },
    { rule: 'a domain without a dot (forgotten .fi)', input: 'matti@yritys', errors: [invalid('matti@yritys')] },
    { rule: 'a domain with an empty label', input: 'matti@yritys..fi', errors: [invalid('matti@yritys..fi')] },
    { rule: 'a domain label starting with a hyphen', input: 'matti@-yritys.fi', errors: [invalid('matti@-yritys.fi')] },
    { rule: 'an IP address as the domain', input: 'matti@192.168.1.10', errors: [invalid('matti@192.168.1.10')] },
    { rule: 'an IP literal as the domain', input: 'matti@[192.168.1.10]', errors: [invalid('matti@[192.168.1.10]')] },
    { rule: 'a missing closing angle bracket', input: 'Matti <matti@yritys.fi', errors: [invalid('Matti <matti@yritys.fi')] },
    {
      rule: 'a comma inside angle brackets as one bad piece, not two addresses',
      input: '<a@x.fi, b@y.fi>',
      errors: [invalid('<a@x.fi, b@y.fi>')],
    },
    {
      rule: 'a missing closing quote, naming the rest of the text',
      input: 'ok@y.fi; "Virtanen, Matti <matti@yritys.fi>, b@y.fi',
      errors: [invalid('"Virtanen, Matti <matti@yritys.fi>, b@y.fi')],
    },
    { rule: 'two addresses separated only by a space', input: 'a@x.fi b@y.fi', errors: [invalid('a@x.fi b@y.fi')] },
    { rule: 'a mailto: link', input: 'mailto:matti@yritys.fi', errors: [invalid('mailto:matti@yritys.fi')] },
    {
      rule: 'group syntax, naming the group piece',
      input: 'Tiimi: a@x.fi, b@y.fi;',
      errors: [invalid('Tiimi: a@x.fi')],
    },
    { rule: 'an empty group', input: 'undisclosed-recipients:;', errors: [invalid('undisclosed-recipients:')] },
    { rule: 'a control character in a quoted name, shown as an escape', input: '"Matti\u0001" <matti@yritys.fi>', errors: [invalid('"Matti\\u0001" <matti@yritys.fi>')] },
    {
      rule: 'a CR/LF header injection with code LINE_BREAK',
      input: 'a@x.fi\r\nBcc: evil@x.com',
      errors: [lineBreak('a@x.fi\\r\\nBcc: evil@x.com')],
    },
    {
      rule: 'a bare LF after a valid address',
      input: 'Matti <m@y.fi>\nBcc: evil@x.com',
      errors: [lineBreak('Matti <m@y.fi>\\nBcc: evil@x.com')],
    },
    {
      rule: 'a CR/LF inside a quoted name',
      input: '"Matti\r\nBcc: evil@x.com" <m@y.fi>',
      errors: [lineBreak('"Matti\\r\\nBcc: evil@x.com" <m@y.fi>')],
    },
    { rule: 'a line break left alone after the last separator', input: 'a@x.fi;\r\n', errors: [lineBreak('\\r\\n')] },
    {
      rule: 'every bad piece at once, in order',
      input: 'hyva@yritys.fi; huono; toinen@@x.fi, ok@y.fi\n',
      errors: [invalid('huono'), invalid('toinen@@x.fi'), lineBreak('ok@y.fi\\n')],
    },
  ])('$rule', ({ input, errors }) => {
    expect(parseAddressList(input)).toEqual({ ok: false, errors });
  });
});

describe('formatAddress', () => {
  it('writes a bare address when there is no name', () => {
    expect(formatAddress(bare('matti@yritys.fi'))).toBe('matti@yritys.fi');
  });

  it('writes a plain name without quotes', () => {
    expect(formatAddress(named('Matti Virtanen', 'matti@yritys.fi'))).toBe('Matti Virtanen <matti@yritys.fi>');
  });

  it('writes a UTF-8 name without quotes', () => {
    expect(formatAddress(named('Sörkkä Mäkinen', 'sorkka@yritys.fi'))).toBe('Sörkkä Mäkinen <sorkka@yritys.fi>');
  });

  it('quotes a name with a comma', () => {
    expect(formatAddress(named('Virtanen, Matti', 'matti@yritys.fi'))).toBe('"Virtanen, Matti" <matti@yritys.fi>');
  });

  it('quotes a name with a semicolon, a dot or an @', () => {
    expect(formatAddress(named('Myynti; Oy', 'a@x.fi'))).toBe('"Myynti; Oy" <a@x.fi>');
    expect(formatAddress(named('Matti V. Virtanen', 'a@x.fi'))).toBe('"Matti V. Virtanen" <a@x.fi>');
    expect(formatAddress(named('myynti@ab.fi', 'a@x.fi'))).toBe('"myynti@ab.fi" <a@x.fi>');
  });

  it('escapes quotes and backslashes inside a quoted name', () => {
    expect(formatAddress(named('Oy "Paras" Ab \\ Myynti', 'info@paras.fi'))).toBe('"Oy \\"Paras\\" Ab \\\\ Myynti" <info@paras.fi>');
  });

  it('turns line breaks in a name into spaces so it cannot start a header', () => {
    expect(formatAddress(named('Matti\r\nBcc: evil@x.com', 'm@y.fi'))).toBe('"Matti Bcc: evil@x.com" <m@y.fi>');
  });

  it('joins a list with "; "', () => {
    expect(formatAddressList([named('Virtanen, Matti', 'matti@yritys.fi'), bare('b@y.fi')])).toBe('"Virtanen, Matti" <matti@yritys.fi>; b@y.fi');
  });

  it('formats a list that parses back to the same addresses', () => {
    const list = [
      named('Virtanen, Matti', 'matti@yritys.fi'),
      named('Oy "Paras" Ab', 'info@paras.fi'),
      named('Matti V. Virtanen', 'mv@yritys.fi'),
      named('Pörssi Myynti', 'myynti@pörssi.fi'),
      bare('c@z.fi'),
    ];
    expect(parseAddressList(formatAddressList(list))).toEqual({ ok: true, addresses: list, formatted: formatAddressList(list) });
  });
});

describe('addressKey and mergeAddressLists', () => {
  it('gives addresses differing only in case the same key', () => {
    expect(addressKey('Matti.Virtanen@Yritys.FI')).toBe(addressKey('matti.virtanen@yritys.fi'));
  });

  it('gives an IDN domain and its punycode form the same key', () => {
    expect(addressKey('Myynti@Pörssi.fi')).toBe(addressKey('myynti@xn--prssi-jua.fi'));
  });

  it('gives different mailboxes different keys', () => {
    expect(addressKey('matti+a@yritys.fi')).not.toBe(addressKey('matti@yritys.fi'));
  });

  it('merges lists in order, each address once, the first occurrence and its name winning', () => {
    const caller = [named('Asiakas', 'asiakas@asiakas.fi')];
    const user = [bare('ASIAKAS@asiakas.fi'), bare('oma@yritys.fi')];
    const company = [named('Arkisto', 'Oma@Yritys.fi'), bare('arkisto@yritys.fi')];
    expect(mergeAddressLists(caller, user, company)).toEqual([
      named('Asiakas', 'asiakas@asiakas.fi'),
      bare('oma@yritys.fi'),
      bare('arkisto@yritys.fi'),
    ]);
  });

  it('merges nothing into an empty list', () => {
    expect(mergeAddressLists()).toEqual([]);
    expect(mergeAddressLists([], [])).toEqual([]);
  });
});
