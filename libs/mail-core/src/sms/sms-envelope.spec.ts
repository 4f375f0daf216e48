import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { applySmsGatewayPreset, defaultSmsSettings, defaultSmtpAccount, type SmsSettings } from '@maestro/settings-schema';
import { toMailOptions } from '../mime/to-mail-options';
import { buildSmsEnvelope, type SmsEnvelopeInput } from './sms-envelope';

/** The seed's "Tekstiviesti lähetykset" tab. */
function seedSms(overrides: Partial<SmsSettings> = {}): SmsSettings {
  return {
    ...defaultSmsSettings(),
    senderEmail: 'fff@maestro.fi',
    smtp: { ...defaultSmtpAccount(), host: 'smtp.office365.com', username: 'fff.maestro@maestro.fi', password: 'smtp-secret' },
    gatewayAddress: '@smsmail.labyrintti.com',
    gatewayPassword: 'gw-pass',
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'SUBJECT',
    ...overrides,
  };
}

function build(overrides: Partial<SmsSettings> = {}, input: Partial<Omit<SmsEnvelopeInput, 'settings'>> = {}) {
  return buildSmsEnvelope({ settings: seedSms(overrides), phoneNumber: '040 123 4567', text: 'Huoltotyö on valmis.', messageId: '<sms-1@maestro.fi>', ...input });
}

function envelopeOf(result: ReturnType<typeof build>) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
  return result.envelope;
}

describe('SMS envelope', () => {
  it('puts the E.164 digits without + as the local part at the gateway domain (placement ADDRESS)', () => {
    const { message, recipient } = envelopeOf(build());
    expect(message.to).toEqual([{ name: '', address: '358401234567@smsmail.labyrintti.com' }]);
    expect(recipient).toBe('+358401234567');
  });

  it('accepts the usual ways of writing a number', () => {
    for (const phoneNumber of ['+358 40 1234567', '00358401234567', '040-123 4567']) {
      expect(envelopeOf(build({}, { phoneNumber })).message.to[0]?.address).toBe('358401234567@smsmail.labyrintti.com');
    }
  });

  it('sends from the SMS sender e-mail, with the password as the subject by default', () => {
    const { message, containsGatewayPassword } = envelopeOf(build());
    expect(message.from).toEqual({ name: '', address: 'fff@maestro.fi' });
    expect(message.subject).toBe('gw-pass');
    expect(message.text).toBe('Huoltotyö on valmis.');
    expect(containsGatewayPassword).toBe(true);
  });

  it('puts the number then the password in the subject, separated by one space (placement SUBJECT)', () => {
    const { message } = envelopeOf(build({ phoneNumberPlacement: 'SUBJECT', gatewayAddress: 'sms@gateway.fi' }));
    expect(message.to).toEqual([{ name: '', address: 'sms@gateway.fi' }]);
    expect(message.subject).toBe('+358401234567 gw-pass');
    expect(message.text).toBe('Huoltotyö on valmis.');
  });

  it('puts the number on the first body line (placement BODY)', () => {
    const { message } = envelopeOf(build({ phoneNumberPlacement: 'BODY', gatewayAddress: 'sms@gateway.fi' }));
    expect(message.subject).toBe('gw-pass');
    expect(message.text).toBe('+358401234567\nHuoltotyö on valmis.');
  });

  it('puts the password on the first body line, the number next, then the text (BODY_FIRST_LINE with BODY)', () => {
    const { message } = envelopeOf(build({ phoneNumberPlacement: 'BODY', gatewayAddress: 'sms@gateway.fi', gatewayPasswordPlacement: 'BODY_FIRST_LINE' }));
    expect(message.subject).toBe('');
    expect(message.text).toBe('gw-pass\n+358401234567\nHuoltotyö on valmis.');
  });

  it('sends no password when the gateway takes none', () => {
    const result = envelopeOf(build({ gatewayPasswordPlacement: 'NONE', gatewayPassword: null }));
    expect([result.message.subject, result.message.text, result.containsGatewayPassword]).toEqual(['', 'Huoltotyö on valmis.', false]);
  });

  it('is plain text only: no signature, no HTML part, no attachments', async () => {
    const { message } = envelopeOf(build());
    expect(message.channel).toBe('SMS');
    expect(message.attachments).toEqual([]);
    const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(toMailOptions(message));
    const parsed = await simpleParser(info.message as Buffer);
    expect(parsed.html).toBe(false);
    expect(parsed.text?.trimEnd()).toBe('Huoltotyö on valmis.');
    expect(parsed.messageId).toBe('<sms-1@maestro.fi>');
  });

  it('refuses a text longer than the maximum number of parts, stating the count', () => {
    const result = build({ maxSegments: 2 }, { text: 'x'.repeat(153 * 2 + 1) });
    expect(!result.ok && result.refusal.code).toBe('SMS_TOO_LONG');
    expect(!result.ok && result.refusal.message.fi).toContain('3 osaa, enintään 2 sallittu');
    expect(!result.ok && result.refusal.message.en).toContain('3 parts, at most 2 allowed');
  });

  it('allows up to six parts by default', () => {
    expect(build({}, { text: 'x'.repeat(153 * 6) }).ok).toBe(true);
    expect(!build({}, { text: 'x'.repeat(153 * 6 + 1) }).ok).toBe(true);
  });

  it('counts in UCS-2 when the text needs it (70/67 per part)', () => {
    const result = build({ maxSegments: 1 }, { text: '😀'.repeat(36) });
    expect(!result.ok && result.refusal.message.en).toMatch(/2 parts, at most 1 allowed\. .*\(now 72 characters, UCS-2\)/);
  });

  it('counts the text only, not the number or password lines', () => {
    const result = build({ maxSegments: 1, phoneNumberPlacement: 'BODY', gatewayAddress: 'sms@gateway.fi', gatewayPasswordPlacement: 'BODY_FIRST_LINE' }, { text: 'x'.repeat(160) });
    expect(result.ok && result.envelope.segments.segments).toBe(1);
  });

  it('refuses an invalid phone number, naming it', () => {
    const result = build({}, { phoneNumber: '040 12' });
    expect(!result.ok && [result.refusal.code, result.refusal.message.fi]).toEqual([
      'SMS_INVALID_PHONE',
      '"040 12" ei ole kelvollinen puhelinnumero: anna esim. 040 123 4567 tai +358 40 123 4567.',
    ]);
  });

  it('refuses a landline number: a text message reaches mobiles only', () => {
    const result = build({}, { phoneNumber: '09 1234 5678' });
    expect(!result.ok && result.refusal.code).toBe('SMS_NOT_MOBILE');
  });

  it('refuses a missing phone number', () => {
    const result = build({}, { phoneNumber: ' ' });
    expect(!result.ok && result.refusal.code).toBe('SMS_NO_PHONE');
  });

  it('refuses an empty text', () => {
    const result = build({}, { text: ' \n ' });
    expect(!result.ok && result.refusal.code).toBe('SMS_EMPTY_TEXT');
  });

  it('refuses a bare @domain gateway when the number goes in the subject or body', () => {
    for (const phoneNumberPlacement of ['SUBJECT', 'BODY'] as const) {
      const result = build({ phoneNumberPlacement });
      expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_NEEDS_MAILBOX');
    }
  });

  it('refuses a gateway with a mailbox when the number goes in the address', () => {
    const result = build({ gatewayAddress: 'sms@smsmail.labyrintti.com' });
    expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_HAS_MAILBOX');
  });

  it('refuses when the gateway address is missing', () => {
    const result = build({ gatewayAddress: '' });
    expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_MISSING');
  });

  it('refuses when the password should be sent but none is set', () => {
    const result = build({ gatewayPassword: null });
    expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_PASSWORD_MISSING');
  });

  it('refuses when the SMS sender e-mail is missing', () => {
    const result = build({ senderEmail: '' });
    expect(!result.ok && result.refusal.code).toBe('SMS_SENDER_MISSING');
  });

  it('refuses when the SMS settings have no SMTP server', () => {
    const result = build({ smtp: defaultSmtpAccount() });
    expect(!result.ok && result.refusal.code).toBe('SMS_SMTP_NOT_CONFIGURED');
  });

  it('sends the text in Unicode NFC, as it was counted', () => {
    const decomposed = 'Ha\u0308iriö korjattu';
    expect(envelopeOf(build({}, { text: decomposed })).message.text).toBe('Häiriö korjattu');
  });

  describe('templates (the advanced form)', () => {
    const advanced = (overrides: Partial<SmsSettings> = {}) => ({ templateMode: 'ADVANCED' as const, addressTemplate: '{number}@sms.gateway.fi', subjectTemplate: '', firstLineTemplate: '', ...overrides });

    it('fills {number_national}, {number_plus} and {sender} where the templates say', () => {
      const { message } = envelopeOf(build(advanced({ addressTemplate: '{number_national}@sms.gateway.fi', subjectTemplate: '{number_plus} {sender}' })));
      expect(message.to[0]?.address).toBe('0401234567@sms.gateway.fi');
      expect(message.subject).toBe('+358401234567 fff@maestro.fi');
      expect(message.text).toBe('Huoltotyö on valmis.');
    });

    it('puts the first line template on a line of its own before the text (intelliSMS: Pass:<password>)', () => {
      const { message, containsGatewayPassword } = envelopeOf(build(advanced({ firstLineTemplate: 'Pass:{password}' })));
      expect(message.text).toBe('Pass:gw-pass\nHuoltotyö on valmis.');
      expect(containsGatewayPassword).toBe(true);
    });

    it('sends a text outside the GSM alphabet to the UCS-2 domain, and a GSM text to the usual one', () => {
      const settings = advanced({ ucs2Domain: 'ucs.gateway.fi' });
      expect(envelopeOf(build(settings, { text: 'Kiitos 😀' })).message.to[0]?.address).toBe('358401234567@ucs.gateway.fi');
      expect(envelopeOf(build(settings, { text: 'Kiitos, työ on valmis.' })).message.to[0]?.address).toBe('358401234567@sms.gateway.fi');
    });

    it('refuses an address template that gives no valid address, naming the template and never the password', () => {
      const result = build(advanced({ addressTemplate: '{password} {number}@sms.gateway.fi' }));
      expect(!result.ok && result.refusal.code).toBe('SMS_GATEWAY_ADDRESS_INVALID');
      expect(!result.ok && result.refusal.message.en).toContain('{password} {number}@sms.gateway.fi');
      expect(JSON.stringify(result)).not.toContain('gw-pass');
    });

    it('keeps the subject on one line whatever the password holds', () => {
      const { message } = envelopeOf(build(advanced({ subjectTemplate: '{password}' }), {}));
      expect(message.subject).not.toMatch(/[\r\n]/);
    });

    it('sends Labyrintti without a password when the contract has none', () => {
      const { message, containsGatewayPassword } = envelopeOf(build({ ...applySmsGatewayPreset(seedSms(), 'LABYRINTTI'), gatewayPassword: null }));
      expect([message.to[0]?.address, message.subject, containsGatewayPassword]).toEqual(['358401234567@smsmail.labyrintti.com', '', false]);
    });
  });
});
