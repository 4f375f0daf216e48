import { resolveDelivery } from './delivery';

describe('delivery', () => {
  it('sends e-mail by SMTP when SMTP sending is on', () => {
    expect(resolveDelivery({ smtpSendingEnabled: true }, 'EMAIL')).toBe('SMTP');
  });

  it("hands e-mail to the user's own mail program when SMTP sending is off", () => {
    expect(resolveDelivery({ smtpSendingEnabled: false }, 'EMAIL')).toBe('HAND_OFF');
  });

  it('always sends a text message by SMTP to the gateway', () => {
    expect(resolveDelivery({ smtpSendingEnabled: false }, 'SMS')).toBe('SMTP');
  });
});
