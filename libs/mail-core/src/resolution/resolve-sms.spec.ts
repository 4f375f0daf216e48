import { resolveSms, type SmsInput } from './resolve-sms';
import { seedCompany, seedSms } from './seed-settings.fixture';

function input(overrides: Partial<SmsInput> = {}): SmsInput {
  return { source: 'CUSTOMER_CARD', company: seedCompany(), sms: seedSms(), phoneNumbers: ['+358401234567'], text: 'Huoltotyö on valmis.', ...overrides };
}

describe('resolveSms (sendSms)', () => {
  it('stores the SMS sender and the text in NFC, and no password', () => {
    const result = resolveSms(input({ text: 'Hinta 120 e\u0301' }));
    expect(result).toEqual({ ok: true, from: { name: '', address: 'fff@maestro.fi' }, text: 'Hinta 120 \u00e9' });
    expect(JSON.stringify(result)).not.toContain('gw-pass');
  });

  it('refuses a program that sends no text messages', () => {
    const result = resolveSms(input({ source: 'SALES_ORDER' }));
    expect(!result.ok && result.refusal.code).toBe('SOURCE_CANNOT_USE_CHANNEL');
  });

  it('refuses when the company has SMS turned off', () => {
    const result = resolveSms(input({ company: seedCompany({ enabledChannels: 'EMAIL' }) }));
    expect(!result.ok && result.refusal.code).toBe('SMS_DISABLED');
  });

  it('refuses now what the gateway e-mail could not carry later', () => {
    const result = resolveSms(input({ sms: seedSms({ gatewayAddress: '' }) }));
    expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_MISSING');
  });
});
