import { z } from 'zod';
import { defaultCompanyMessageSettings, type CompanyMessageSettings } from '../records/company-message-settings';
import { defaultSendPolicy } from '../records/module-send-policy';
import { defaultSmsSettings } from '../records/sms-settings';
import { defaultSmtpAccount } from '../records/smtp-account';
import { defaultUserMailSettings } from '../records/user-mail-settings';
import { MESSAGE_SOURCES } from '../records/message-source';
import { PROBLEM_MESSAGES, problem, type Problem, type ProblemCode } from './problem';
import {
  validateCompanyMessageSettings,
  validateModuleSendPolicy,
  validateSmsSettings,
  validateSmtpAccount,
  validateStandardText,
  validateUserMailSettings,
} from './record-validators';
import { toProblems, validateRecord } from './validate';

/** A copy of `record` with the value at a dotted path (array indexes allowed) replaced. */
function withValue<T>(record: T, path: string, value: unknown): T {
  const copy = structuredClone(record) as Record<string, unknown>;
  const parts = path.split('.');
  const last = parts.pop() as string;
  let holder: Record<string, unknown> = copy;
  for (const part of parts) holder = holder[part] as Record<string, unknown>;
  holder[last] = value;
  return copy as T;
}

const problemsOf = (result: { ok: true } | { ok: false; problems: Problem[] }) => (result.ok ? [] : result.problems);
const pathsAndCodes = (result: { ok: true } | { ok: false; problems: Problem[] }) => problemsOf(result).map((p) => [p.path, p.code]);

function company(overrides: Partial<CompanyMessageSettings> = {}): CompanyMessageSettings {
  return {
    ...defaultCompanyMessageSettings(),
    enabledChannels: 'EMAIL_AND_SMS',
    companyEmail: 'yritys@yritys.fi',
    senderName: 'Yrityksen edustaja',
    smtp: { ...defaultSmtpAccount(), host: 'smtp.office365.com', username: 'yritys.tunnus@yritys.fi', password: 'salasana' },
    defaultRecipients: 'vakio.asiakas@asiakasyritys.fi',
    ...overrides,
  };
}

describe('defaults', () => {
  it.each([
    ['SmtpAccount', () => validateSmtpAccount(defaultSmtpAccount())],
    ['CompanyMessageSettings', () => validateCompanyMessageSettings(defaultCompanyMessageSettings())],
    ['SmsSettings', () => validateSmsSettings(defaultSmsSettings())],
    ['UserMailSettings', () => validateUserMailSettings(defaultUserMailSettings())],
  ])('%s validates its own defaults', (_name, validate) => {
    expect(validate()).toEqual({ ok: true, value: expect.any(Object) });
  });

  it.each(MESSAGE_SOURCES)('the default send policy of %s validates', (source) => {
    expect(validateModuleSendPolicy(defaultSendPolicy(source))).toEqual({ ok: true, value: defaultSendPolicy(source) });
  });

  it("validates the seed's own company example", () => {
    expect(validateCompanyMessageSettings(company())).toEqual({ ok: true, value: company() });
  });
});

describe('problems', () => {
  it('returns every problem at once, each with its field path', () => {
    const input = company({
      enabledChannels: 'EMAIL',
      companyEmail: '',
      senderName: 'Yritys\r\nBcc: evil@x.com',
      smtp: { ...company().smtp, host: 'smtp yritys fi', port: 0 },
      defaultRecipients: 'a@x.fi; huono; toinen@@x.fi',
    });
    expect(pathsAndCodes(validateCompanyMessageSettings(input))).toEqual([
      ['senderName', 'LINE_BREAK'],
      ['smtp.host', 'INVALID_HOST'],
      ['smtp.port', 'PORT_RANGE'],
      ['defaultRecipients', 'INVALID_ADDRESS'],
      ['defaultRecipients', 'INVALID_ADDRESS'],
      ['companyEmail', 'EMAIL_REQUIRED_FOR_CHANNEL'],
    ]);
  });

  it('gives every problem a Finnish and an English message', () => {
    const result = validateCompanyMessageSettings(company({ senderName: 'a\nb', smtp: { ...company().smtp, port: 70000 }, defaultRecipients: 'huono' }));
    const problems = problemsOf(result);
    expect(problems.length).toBe(3);
    for (const p of problems) {
      expect(p.message.fi).toMatch(/\S/);
      expect(p.message.en).toMatch(/\S/);
      expect(p.message.fi).not.toBe(p.message.en);
    }
  });

  it('names the bad address in the message', () => {
    const [p] = problemsOf(validateCompanyMessageSettings(company({ defaultRecipients: 'ok@x.fi, matti.yritys.fi' })));
    expect(p).toEqual(problem('defaultRecipients', 'INVALID_ADDRESS', { piece: 'matti.yritys.fi' }));
    expect(p?.message.fi).toContain('"matti.yritys.fi"');
  });

  it('has a Finnish and an English message for every problem code', () => {
    for (const code of Object.keys(PROBLEM_MESSAGES) as ProblemCode[]) {
      const { message } = problem('x', code, { piece: 'p', value: 'v', max: 1, min: 0, allowed: 'A', expected: 'string', label: 'L' });
      expect(message.fi).toMatch(/\S/);
      expect(message.en).toMatch(/\S/);
    }
  });

  it('reports a missing field as REQUIRED, also a missing choice', () => {
    expect(pathsAndCodes(validateModuleSendPolicy({ source: 'QUOTE' }))).toEqual([
      ['defaultOutput', 'REQUIRED'],
      ['sendMode', 'REQUIRED'],
    ]);
  });

  it('reports a wrong type in words a person reads', () => {
    const [p] = problemsOf(validateSmtpAccount({ ...defaultSmtpAccount(), port: '587' }));
    expect(p).toMatchObject({ path: 'port', code: 'INVALID_TYPE', message: { fi: 'Väärä tietotyyppi: odotettiin lukua.', en: 'Wrong type: expected a number.' } });
  });

  it('reports an unknown choice with the allowed values', () => {
    const [p] = problemsOf(validateSmtpAccount({ ...defaultSmtpAccount(), encryption: 'STARTTLS' }));
    expect(p).toMatchObject({ path: 'encryption', code: 'INVALID_CHOICE' });
    expect(p?.message.en).toContain('NONE, SSL, TLS');
  });

  it('prefixes paths when asked and maps an unknown custom issue to INVALID_VALUE', () => {
    const schema = z.object({ a: z.string().refine(() => false) });
    const parsed = schema.safeParse({ a: 'x' });
    expect(toProblems(parsed.error?.issues ?? [], 'sms').map((p) => [p.path, p.code])).toEqual([['sms.a', 'INVALID_VALUE']]);
  });

  it('returns the parsed value when there is no problem', () => {
    expect(validateRecord(z.object({ n: z.number() }), { n: 1 })).toEqual({ ok: true, value: { n: 1 } });
  });
});

describe('single-line fields', () => {
  it.each([
    ['CompanyMessageSettings', 'senderName', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'companyEmail', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'defaultRecipients', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'smtp.host', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'smtp.username', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'smtp.password', validateCompanyMessageSettings, company()],
    ['CompanyMessageSettings', 'smtp.oauthTenantId', validateCompanyMessageSettings, company()],
    ['SmsSettings', 'senderEmail', validateSmsSettings, defaultSmsSettings()],
    ['SmsSettings', 'gatewayAddress', validateSmsSettings, defaultSmsSettings()],
    ['SmsSettings', 'gatewayPassword', validateSmsSettings, defaultSmsSettings()],
    ['UserMailSettings', 'email', validateUserMailSettings, defaultUserMailSettings()],
    ['UserMailSettings', 'signatureLines.0', validateUserMailSettings, defaultUserMailSettings()],
    ['UserMailSettings', 'defaultRecipient', validateUserMailSettings, defaultUserMailSettings()],
  ] as const)('%s.%s refuses CR/LF with LINE_BREAK', (_record, path, validate, base) => {
    for (const value of ['a@x.fi\r\nBcc: evil@x.com', 'a@x.fi\nBcc: evil@x.com', 'a@x.fi\r']) {
      expect(pathsAndCodes((validate as (input: unknown) => { ok: true } | { ok: false; problems: Problem[] })(withValue(base, path, value)))).toEqual([
        [path, 'LINE_BREAK'],
      ]);
    }
  });

  it('refuses CR/LF in a standard text subject but allows it in the body', () => {
    const text = { source: 'QUOTE', language: 'FI', name: 'Tarjous', subject: 'Tarjous\r\nBcc: evil@x.com', body: 'Hei,\r\nTässä tarjous.' };
    expect(pathsAndCodes(validateStandardText(text))).toEqual([['subject', 'LINE_BREAK']]);
  });

  it('refuses a standard text without a name', () => {
    expect(pathsAndCodes(validateStandardText({ source: 'QUOTE', language: 'FI', name: '', subject: '', body: '' }))).toEqual([['name', 'REQUIRED']]);
  });

  it('refuses a sender name over 200 characters with TOO_LONG', () => {
    const [p] = problemsOf(validateCompanyMessageSettings(company({ senderName: 'x'.repeat(201) })));
    expect(p).toMatchObject({ path: 'senderName', code: 'TOO_LONG' });
    expect(p?.message.fi).toContain('200');
  });
});

describe('SMTP account fields', () => {
  it.each([1, 25, 465, 587, 65535])('accepts port %s', (port) => {
    expect(validateSmtpAccount({ ...defaultSmtpAccount(), port }).ok).toBe(true);
  });

  it.each([0, -25, 65536, 587.5])('refuses port %s with PORT_RANGE', (port) => {
    expect(pathsAndCodes(validateSmtpAccount({ ...defaultSmtpAccount(), port }))).toEqual([['port', 'PORT_RANGE']]);
  });

  it.each(['smtp.office365.com', 'SMTP.Yritys.FI', 'smtp.pörssi.fi', 'localhost', 'mail', '192.168.1.10', '::1', '[2001:db8::25]', 'smtp.yritys.fi.'])(
    'accepts the host %s',
    (host) => {
      expect(validateSmtpAccount({ ...defaultSmtpAccount(), host }).ok).toBe(true);
    },
  );

  it.each(['smtp yritys fi', 'smtp.yritys.fi:587', 'smtp://smtp.yritys.fi', 'smtp_relay.yritys.fi', '-smtp.yritys.fi', 'smtp..yritys.fi', '192.168.1.300'])(
    'refuses the host "%s" with INVALID_HOST, naming it',
    (host) => {
      const [p] = problemsOf(validateSmtpAccount({ ...defaultSmtpAccount(), host }));
      expect(p).toMatchObject({ path: 'host', code: 'INVALID_HOST' });
      expect(p?.message.fi).toContain(`"${host}"`);
    },
  );

  it('refuses a rate limit of 0 with INVALID_NUMBER', () => {
    expect(pathsAndCodes(validateSmtpAccount({ ...defaultSmtpAccount(), messagesPerMinute: 0 }))).toEqual([['messagesPerMinute', 'INVALID_NUMBER']]);
  });

  it('accepts no rate limit (null)', () => {
    expect(validateSmtpAccount({ ...defaultSmtpAccount(), messagesPerMinute: null, recipientsPerDay: null }).ok).toBe(true);
  });
});

describe('single-address fields', () => {
  it('accepts a bare address, IDN included', () => {
    expect(validateUserMailSettings({ ...defaultUserMailSettings(), email: 'oma.nimi@sahkoposti.fi', defaultRecipient: 'myynti@pörssi.fi' }).ok).toBe(true);
  });

  it('refuses two addresses with SINGLE_ADDRESS', () => {
    expect(pathsAndCodes(validateUserMailSettings({ ...defaultUserMailSettings(), defaultRecipient: 'a@x.fi; b@y.fi' }))).toEqual([
      ['defaultRecipient', 'SINGLE_ADDRESS'],
    ]);
  });

  it.each(['Matti <matti@yritys.fi>', '<matti@yritys.fi>', 'matti@yritys.fi;'])(
    'refuses "%s" with ADDRESS_ONLY, since the field is used as the address itself',
    (email) => {
      expect(pathsAndCodes(validateUserMailSettings({ ...defaultUserMailSettings(), email }))).toEqual([['email', 'ADDRESS_ONLY']]);
    },
  );

  it('refuses an invalid address with INVALID_ADDRESS', () => {
    expect(pathsAndCodes(validateSmsSettings({ ...defaultSmsSettings(), senderEmail: 'fff@maestro' }))).toEqual([['senderEmail', 'INVALID_ADDRESS']]);
  });
});

describe('CompanyMessageSettings', () => {
  it('requires companyEmail when the EMAIL channel is on', () => {
    expect(pathsAndCodes(validateCompanyMessageSettings(company({ enabledChannels: 'EMAIL', companyEmail: '' })))).toEqual([
      ['companyEmail', 'EMAIL_REQUIRED_FOR_CHANNEL'],
    ]);
  });

  it('requires smtp.host when the EMAIL channel is on and SMTP sending is on', () => {
    for (const host of ['', '  ']) {
      expect(pathsAndCodes(validateCompanyMessageSettings(company({ enabledChannels: 'EMAIL', smtp: { ...company().smtp, host } })))).toEqual([
        ['smtp.host', 'HOST_REQUIRED_FOR_CHANNEL'],
      ]);
    }
  });

  it("does not require smtp.host when mail goes through the user's own mail program", () => {
    expect(validateCompanyMessageSettings(company({ smtpSendingEnabled: false, smtp: { ...company().smtp, host: '' } })).ok).toBe(true);
  });

  it('requires neither companyEmail nor smtp.host when only SMS is on', () => {
    expect(validateCompanyMessageSettings(company({ enabledChannels: 'SMS', companyEmail: '', smtp: defaultSmtpAccount() })).ok).toBe(true);
  });

  it('accepts several default recipients separated by ; or ,', () => {
    expect(validateCompanyMessageSettings(company({ defaultRecipients: '"Virtanen, Matti" <matti@yritys.fi>; b@y.fi, c@z.fi' })).ok).toBe(true);
  });
});

describe('SmsSettings', () => {
  it.each([
    ['@smsmail.labyrintti.com', 'ADDRESS'],
    ['sms@smsmail.labyrintti.com', 'SUBJECT'],
    ['', 'ADDRESS'],
  ] as const)('accepts the gateway address "%s" with the number placed in %s', (gatewayAddress, phoneNumberPlacement) => {
    expect(validateSmsSettings({ ...defaultSmsSettings(), gatewayAddress, phoneNumberPlacement, gatewayPasswordPlacement: 'NONE' }).ok).toBe(true);
  });

  it.each(['smsmail.labyrintti.com', '@localhost', '@smsmail labyrintti.com'])('refuses the gateway address "%s" with INVALID_GATEWAY', (gatewayAddress) => {
    expect(pathsAndCodes(validateSmsSettings({ ...defaultSmsSettings(), gatewayAddress }))).toEqual([['gatewayAddress', 'INVALID_GATEWAY']]);
  });

  it.each([0, 21])('refuses %s message parts at most with INVALID_NUMBER', (maxSegments) => {
    expect(pathsAndCodes(validateSmsSettings({ ...defaultSmsSettings(), maxSegments }))).toEqual([['maxSegments', 'INVALID_NUMBER']]);
  });
});

describe('UserMailSettings', () => {
  it('accepts the eight signature lines of the seed', () => {
    const signatureLines = ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''];
    expect(validateUserMailSettings({ ...defaultUserMailSettings(), signatureLines }).ok).toBe(true);
  });

  it('refuses a ninth signature line with TOO_MANY', () => {
    expect(pathsAndCodes(validateUserMailSettings({ ...defaultUserMailSettings(), signatureLines: Array(9).fill('x') }))).toEqual([
      ['signatureLines', 'TOO_MANY'],
    ]);
  });
});

describe('ModuleSendPolicy', () => {
  it('refuses the retired "send later" with SEND_LATER_RETIRED', () => {
    const [p] = problemsOf(validateModuleSendPolicy({ source: 'SALES_ORDER', defaultOutput: 'EMAIL', sendMode: 'SEND_LATER' }));
    expect(p).toMatchObject({ path: 'sendMode', code: 'SEND_LATER_RETIRED' });
    expect(p?.message.fi).toContain('Kysy lähetystapa');
  });

  it('refuses an unknown send mode with INVALID_CHOICE', () => {
    expect(pathsAndCodes(validateModuleSendPolicy({ source: 'SALES_ORDER', defaultOutput: 'EMAIL', sendMode: 'LATER' }))).toEqual([
      ['sendMode', 'INVALID_CHOICE'],
    ]);
  });
});
