import { checkChannel } from './channel';

describe('channel', () => {
  it('allows e-mail when the company has e-mail on and the program sends e-mail', () => {
    expect(checkChannel('EMAIL', 'SALES_ORDER', 'EMAIL')).toBeNull();
    expect(checkChannel('EMAIL_AND_SMS', 'CUSTOMER_CARD', 'SMS')).toBeNull();
  });

  it('refuses every message when the service is off (NONE), saying where to turn it on', () => {
    const refusal = checkChannel('NONE', 'SALES_ORDER', 'EMAIL');
    expect(refusal?.code).toBe('CHANNELS_DISABLED');
    expect(refusal?.message.fi).toContain('Palvelu käytössä');
    expect(refusal?.message.en).toContain('Service enabled');
  });

  it('refuses e-mail when the company has only SMS on', () => {
    expect(checkChannel('SMS', 'CUSTOMER_CARD', 'EMAIL')?.code).toBe('EMAIL_DISABLED');
  });

  it('refuses SMS when the company has only e-mail on', () => {
    expect(checkChannel('EMAIL', 'DEVICE_CARD', 'SMS')?.code).toBe('SMS_DISABLED');
  });

  it('refuses a channel the program cannot use, naming the program', () => {
    const refusal = checkChannel('EMAIL_AND_SMS', 'SALES_ORDER', 'SMS');
    expect(refusal?.code).toBe('SOURCE_CANNOT_USE_CHANNEL');
    expect(refusal?.message.fi).toBe('Ohjelma "Myyntitilaukset" ei lähetä tekstiviestejä: valitse toinen lähetystapa.');
  });
});
