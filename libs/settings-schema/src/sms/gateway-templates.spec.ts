import { defaultSmsSettings, gatewayTemplatesOf, withFilledTemplates, type SmsSettings } from '../records/sms-settings';
import { validateSmsSettings } from '../validation/record-validators';
import type { Problem } from '../validation/problem';
import { fillGatewayTemplate, sampleTemplateValues, simpleGatewayTemplates, templatePlaceholders } from './gateway-templates';

const problems = (r: { ok: true } | { ok: false; problems: Problem[] }) => (r.ok ? [] : r.problems.map((p) => [p.path, p.code]));

function advanced(overrides: Partial<SmsSettings> = {}): SmsSettings {
  return {
    ...defaultSmsSettings(),
    senderEmail: 'sms@yritys.fi',
    templateMode: 'ADVANCED',
    addressTemplate: '{number}@sms.gateway.fi',
    subjectTemplate: '{password}',
    gatewayPassword: 'gw-salasana',
    ...overrides,
  };
}

describe('gateway templates', () => {
  it('fills {number}, {number_plus}, {number_national}, {password} and {sender}', () => {
    expect(fillGatewayTemplate('{number}|{number_plus}|{number_national}|{password}|{sender}', sampleTemplateValues('pw', 's@y.fi'))).toBe(
      '358401234567|+358401234567|0401234567|pw|s@y.fi',
    );
  });

  it('leaves an unknown placeholder as written', () => {
    expect(fillGatewayTemplate('{serviceid}-{number}', sampleTemplateValues())).toBe('{serviceid}-358401234567');
    expect(templatePlaceholders('{a}{b}{a}')).toEqual(['a', 'b']);
  });

  it.each([
    ['ADDRESS', 'SUBJECT', '@smsmail.labyrintti.com', { address: '{number}@smsmail.labyrintti.com', subject: '{password}', firstLine: '' }],
    ['SUBJECT', 'SUBJECT', 'sms@gateway.fi', { address: 'sms@gateway.fi', subject: '{number_plus} {password}', firstLine: '' }],
    ['BODY', 'BODY_FIRST_LINE', 'sms@gateway.fi', { address: 'sms@gateway.fi', subject: '', firstLine: '{password}\n{number_plus}' }],
    ['ADDRESS', 'NONE', '@smsmail.labyrintti.com', { address: '{number}@smsmail.labyrintti.com', subject: '', firstLine: '' }],
  ] as const)('the simple form with the number in %s and the password in %s fills the templates', (phoneNumberPlacement, gatewayPasswordPlacement, gatewayAddress, templates) => {
    expect(simpleGatewayTemplates({ gatewayAddress, phoneNumberPlacement, gatewayPasswordPlacement })).toEqual({ ok: true, templates });
  });

  it('keeps the simple form’s templates on the record, so the advanced form starts from them', () => {
    const simple = { ...defaultSmsSettings(), gatewayAddress: '@smsmail.labyrintti.com', gatewayPasswordPlacement: 'NONE' as const };
    expect(withFilledTemplates(simple)).toMatchObject({ addressTemplate: '{number}@smsmail.labyrintti.com', subjectTemplate: '', firstLineTemplate: '' });
    expect(gatewayTemplatesOf(advanced())).toEqual({ address: '{number}@sms.gateway.fi', subject: '{password}', firstLine: '' });
  });
});

describe('checking the gateway on save', () => {
  it('refuses a number placed in the address of a gateway e-mail that has a mailbox (SMS_GATEWAY_HAS_MAILBOX)', () => {
    const settings = { ...defaultSmsSettings(), gatewayAddress: 'sms@gateway.fi', phoneNumberPlacement: 'ADDRESS' as const, gatewayPasswordPlacement: 'NONE' as const };
    expect(problems(validateSmsSettings(settings))).toEqual([['phoneNumberPlacement', 'SMS_GATEWAY_HAS_MAILBOX']]);
  });

  it('refuses a number placed in the subject when the gateway e-mail is only @domain (SMS_GATEWAY_NEEDS_MAILBOX)', () => {
    const settings = { ...defaultSmsSettings(), gatewayAddress: '@gateway.fi', phoneNumberPlacement: 'SUBJECT' as const, gatewayPasswordPlacement: 'NONE' as const };
    expect(problems(validateSmsSettings(settings))).toEqual([['phoneNumberPlacement', 'SMS_GATEWAY_NEEDS_MAILBOX']]);
  });

  it('refuses a password placement without a password (SMS_GATEWAY_PASSWORD_MISSING)', () => {
    const settings = { ...defaultSmsSettings(), gatewayAddress: '@gateway.fi', gatewayPasswordPlacement: 'SUBJECT' as const };
    expect(problems(validateSmsSettings(settings))).toEqual([['gatewayPassword', 'SMS_GATEWAY_PASSWORD_MISSING']]);
  });

  it('accepts templates that give a valid address and carry the number', () => {
    expect(validateSmsSettings(advanced()).ok).toBe(true);
    expect(validateSmsSettings(advanced({ addressTemplate: 'sms@gateway.fi', subjectTemplate: '{number_national}', gatewayPassword: null })).ok).toBe(true);
  });

  it('refuses an unknown placeholder, naming the allowed ones', () => {
    const result = validateSmsSettings(advanced({ subjectTemplate: '{token}' }));
    expect(problems(result)).toEqual([['subjectTemplate', 'SMS_TEMPLATE_UNKNOWN_PLACEHOLDER']]);
    expect(result.ok ? '' : result.problems[0]?.message.en).toContain('{number_plus}');
  });

  it('refuses templates that carry no phone number', () => {
    expect(problems(validateSmsSettings(advanced({ addressTemplate: 'sms@gateway.fi' })))).toEqual([['addressTemplate', 'SMS_TEMPLATE_NO_NUMBER']]);
  });

  it('refuses an address template that cannot give a valid address, showing what it would give', () => {
    const result = validateSmsSettings(advanced({ addressTemplate: '{number} {password}@gateway.fi' }));
    expect(problems(result)).toEqual([['addressTemplate', 'SMS_TEMPLATE_INVALID_ADDRESS']]);
    expect(result.ok ? '' : result.problems[0]?.message.en).toContain('"358401234567 Salasana123@gateway.fi"');
  });

  it('refuses an address template with a part still to fill in', () => {
    expect(problems(validateSmsSettings(advanced({ addressTemplate: '{number}-<serviceid>@smsmail.intele.com' })))).toEqual([['addressTemplate', 'SMS_TEMPLATE_FILL_IN']]);
  });

  it('refuses a UCS-2 domain that is not a host name', () => {
    expect(problems(validateSmsSettings(advanced({ ucs2Domain: 'ucs gateway' })))).toEqual([['ucs2Domain', 'INVALID_DOMAIN']]);
  });

  it('refuses templates asking for a password that is not there', () => {
    expect(problems(validateSmsSettings(advanced({ gatewayPassword: null })))).toEqual([['gatewayPassword', 'SMS_GATEWAY_PASSWORD_MISSING']]);
  });

  it('checks nothing until the gateway is given', () => {
    expect(validateSmsSettings({ ...defaultSmsSettings(), templateMode: 'ADVANCED', subjectTemplate: '{token}' }).ok).toBe(true);
  });
});
