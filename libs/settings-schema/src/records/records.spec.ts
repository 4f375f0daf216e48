import { channelSetAllows } from '../enums';
import { MESSAGE_SOURCES, MESSAGE_SOURCE_INFO } from './message-source';
import { validateSmsSettings, validateSmtpAccount } from '../validation/record-validators';
import { defaultSmsSettings, parseGatewayAddress } from './sms-settings';
import { defaultPortFor, defaultSmtpAccount, hasImapHost, hasSmtpHost } from './smtp-account';
import { SIGNATURE_LINE_COUNT, defaultUserMailSettings } from './user-mail-settings';

describe('SmtpAccount', () => {
  it.each([
    ['NONE', 25],
    ['TLS', 587],
    ['SSL', 465],
  ] as const)('defaultPortFor(%s) is %i', (encryption, port) => {
    expect(defaultPortFor(encryption)).toBe(port);
  });

  it('starts with STARTTLS on port 587 and password authentication', () => {
    expect(defaultSmtpAccount()).toMatchObject({ port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', password: null });
  });

  it('counts an account as usable only once it names a host', () => {
    expect(hasSmtpHost({ host: 'smtp.yritys.fi' })).toBe(true);
    expect(hasSmtpHost({ host: '  ' })).toBe(false);
    expect(hasSmtpHost(null)).toBe(false);
    expect(hasSmtpHost(undefined)).toBe(false);
  });
});

describe('IMAP block of an SMTP account', () => {
  const withImap = (over: Partial<ReturnType<typeof defaultSmtpAccount>>) => ({ ...defaultSmtpAccount(), host: 'smtp.webhotelli.fi', username: 'myynti@yritys.fi', password: 'x', imapHost: 'imap.webhotelli.fi', ...over });
  const codes = (input: unknown) => {
    const result = validateSmtpAccount(input);
    return result.ok ? [] : result.problems.map((p) => [p.path, p.code]);
  };

  it('is off by default: no IMAP server, port 993 with SSL, the Sent copy on once a server is given', () => {
    expect(defaultSmtpAccount()).toMatchObject({ imapHost: '', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: true, imapSentFolder: '' });
    expect(hasImapHost(defaultSmtpAccount())).toBe(false);
  });

  it('accepts an IMAP server with implicit TLS or STARTTLS and a Sent folder of its own', () => {
    expect(codes(withImap({ imapEncryption: 'TLS', imapPort: 143, imapSentFolder: 'INBOX.Sent' }))).toEqual([]);
  });

  it('refuses plain IMAP: the secret would cross in clear', () => {
    expect(codes(withImap({ imapEncryption: 'NONE' as never }))).toEqual([['imapEncryption', 'INVALID_CHOICE']]);
  });

  it('refuses a bad IMAP host name with an IMAP message, and a port out of range', () => {
    const result = validateSmtpAccount(withImap({ imapHost: 'imap..fi', imapPort: 70000 }));
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['imapHost', 'INVALID_IMAP_HOST'], ['imapPort', 'PORT_RANGE']]);
    expect(result.ok ? '' : result.problems[0]?.message.fi).toContain('IMAP-palvelin');
  });

  it('refuses an IMAP server on an account that does not sign in (IMAP uses the SMTP sign-in)', () => {
    expect(codes(withImap({ authEnabled: false }))).toEqual([['imapHost', 'IMAP_NEEDS_SIGN_IN']]);
  });

  it('refuses an IMAP server on the SMS account', () => {
    const sms = defaultSmsSettings();
    const result = validateSmsSettings({ ...sms, smtp: withImap({}) });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toContainEqual(['smtp.imapHost', 'IMAP_NOT_FOR_SMS']);
  });

  it('refuses a line break in the Sent folder name', () => {
    expect(codes(withImap({ imapSentFolder: 'Sent\r\nA1 DELETE INBOX' }))).toEqual([['imapSentFolder', 'LINE_BREAK']]);
  });
});

describe('channels', () => {
  it('allows e-mail with EMAIL and EMAIL_AND_SMS only', () => {
    expect(['NONE', 'EMAIL', 'SMS', 'EMAIL_AND_SMS'].filter((set) => channelSetAllows(set as never, 'EMAIL'))).toEqual(['EMAIL', 'EMAIL_AND_SMS']);
  });

  it('allows SMS with SMS and EMAIL_AND_SMS only', () => {
    expect(['NONE', 'EMAIL', 'SMS', 'EMAIL_AND_SMS'].filter((set) => channelSetAllows(set as never, 'SMS'))).toEqual(['SMS', 'EMAIL_AND_SMS']);
  });
});

describe('message sources', () => {
  it('describes every source', () => {
    for (const source of MESSAGE_SOURCES) expect(MESSAGE_SOURCE_INFO[source].labelFi).toMatch(/\S/);
  });

  it('suggests paper for sales orders, purchase orders and quotes, as their general info does', () => {
    expect(MESSAGE_SOURCES.filter((s) => MESSAGE_SOURCE_INFO[s].defaultOutput === 'PAPER')).toEqual(['SALES_ORDER', 'PURCHASE_ORDER', 'QUOTE']);
  });

  it('spells the sales orders right: the seed\'s labels are the texts, its typo "Myyntilaukset" is not', () => {
    expect(MESSAGE_SOURCE_INFO.SALES_ORDER.labelFi).toBe('Myyntitilaukset');
  });

  it('lets the device card, the customer card and customisations send SMS', () => {
    expect(MESSAGE_SOURCES.filter((s) => MESSAGE_SOURCE_INFO[s].channels.includes('SMS'))).toEqual(['DEVICE_CARD', 'CUSTOMER_CARD', 'CUSTOM']);
  });
});

describe('SMS gateway address', () => {
  it('reads "@domain" as an empty local part at the gateway domain', () => {
    expect(parseGatewayAddress('@smsmail.labyrintti.com')).toEqual({ localPart: '', domain: 'smsmail.labyrintti.com' });
  });

  it('reads "user@domain" with its local part', () => {
    expect(parseGatewayAddress(' sms@SMSmail.labyrintti.com ')).toEqual({ localPart: 'sms', domain: 'smsmail.labyrintti.com' });
  });

  it('refuses a gateway without @ or without a dotted domain', () => {
    expect(parseGatewayAddress('smsmail.labyrintti.com')).toBeNull();
    expect(parseGatewayAddress('@localhost')).toBeNull();
  });
});

describe('UserMailSettings', () => {
  it('starts with the eight empty signature lines of the seed', () => {
    expect(SIGNATURE_LINE_COUNT).toBe(8);
    expect(defaultUserMailSettings().signatureLines).toEqual(['', '', '', '', '', '', '', '']);
  });
});
