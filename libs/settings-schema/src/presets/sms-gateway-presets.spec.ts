import { defaultSmsSettings, gatewayTemplatesOf, type SmsSettings } from '../records/sms-settings';
import { validateSmsSettings } from '../validation/record-validators';
import { SMS_GATEWAY_PRESET_IDS, applySmsGatewayPreset, matchingSmsGatewayPreset } from './sms-gateway-presets';

const base = (overrides: Partial<SmsSettings> = {}): SmsSettings => ({ ...defaultSmsSettings(), senderEmail: 'sms@yritys.fi', ...overrides });

describe('SMS gateway presets', () => {
  it('Labyrintti: number in the address, no password required, and it validates without one', () => {
    const settings = applySmsGatewayPreset(base(), 'LABYRINTTI');
    expect(settings).toMatchObject({ templateMode: 'SIMPLE', gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'NONE' });
    expect(settings.gatewayPassword).toBeNull();
    expect(validateSmsSettings(settings).ok).toBe(true);
    expect(gatewayTemplatesOf(settings)).toEqual({ address: '{number}@smsmail.labyrintti.com', subject: '', firstLine: '' });
  });

  it('Labyrintti with a contract password placed by the admin is still Labyrintti', () => {
    const settings = { ...applySmsGatewayPreset(base(), 'LABYRINTTI'), gatewayPassword: 'sopimus', gatewayPasswordPlacement: 'SUBJECT' as const };
    expect(validateSmsSettings(settings).ok).toBe(true);
    expect(matchingSmsGatewayPreset(settings)).toBe('LABYRINTTI');
  });

  it('GatewayAPI: international digits at smtp.gatewayapi.com, the token in the subject, at most 5 parts', () => {
    const settings = applySmsGatewayPreset(base({ gatewayPassword: 'token-123' }), 'GATEWAYAPI');
    expect(gatewayTemplatesOf(settings)).toEqual({ address: '{number}@smtp.gatewayapi.com', subject: '{password}', firstLine: '' });
    expect(settings.maxSegments).toBe(5);
    expect(validateSmsSettings(settings).ok).toBe(true);
  });

  it('LINK Mobility: msisdn at email2sms.linkmobility.eu, UCS-2 texts at email2sms-ucs.linkmobility.eu', () => {
    const settings = applySmsGatewayPreset(base({ gatewayPassword: 'login' }), 'LINK_MOBILITY');
    expect(settings).toMatchObject({ templateMode: 'ADVANCED', addressTemplate: '{number}@email2sms.linkmobility.eu', ucs2Domain: 'email2sms-ucs.linkmobility.eu' });
    expect(validateSmsSettings(settings).ok).toBe(true);
  });

  it('Puzzel: number-serviceid at smsmail.intele.com; refused until the service id is filled in, then recognised', () => {
    const settings = applySmsGatewayPreset(base(), 'PUZZEL');
    expect(validateSmsSettings(settings).ok).toBe(false);
    const filled = { ...settings, addressTemplate: '{number}-1234@smsmail.intele.com' };
    expect(validateSmsSettings(filled).ok).toBe(true);
    expect(matchingSmsGatewayPreset(filled)).toBe('PUZZEL');
  });

  it('keeps the sender, the gateway password and the SMTP block', () => {
    const before = base({ gatewayPassword: 'gw-salasana', smtp: { ...defaultSmsSettings().smtp, host: 'smtp.yritys.fi' } });
    for (const id of SMS_GATEWAY_PRESET_IDS) {
      expect(applySmsGatewayPreset(before, id)).toMatchObject({ senderEmail: 'sms@yritys.fi', gatewayPassword: 'gw-salasana', smtp: before.smtp });
    }
  });

  it.each(SMS_GATEWAY_PRESET_IDS)('%s is recognised once applied', (id) => {
    expect(matchingSmsGatewayPreset(applySmsGatewayPreset(base(), id))).toBe(id);
  });

  it('recognises no preset for a gateway of its own', () => {
    expect(matchingSmsGatewayPreset(base({ gatewayAddress: '@sms.operaattori.fi' }))).toBeNull();
  });
});
