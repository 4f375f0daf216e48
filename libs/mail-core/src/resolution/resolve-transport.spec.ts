import type { OutgoingMessage } from '../types';
import { resolveTransport } from './resolve-transport';
import { seedCompany, seedSms, seedUser, smtp } from './seed-settings.fixture';

const message: OutgoingMessage = {
  channel: 'EMAIL',
  messageId: '<m-1@yritys.fi>',
  from: { name: '', address: 'yritys@yritys.fi' },
  to: [{ name: '', address: 'matti@asiakas.fi' }],
  cc: [],
  bcc: [],
  subject: 'S',
  text: 'T',
  attachments: [],
};

describe('resolveTransport (the dispatcher, at send time)', () => {
  it("sends through the user's account when the user has a server, else the company's", () => {
    const own = resolveTransport({ channel: 'EMAIL', company: seedCompany(), user: seedUser({ smtp: smtp({ host: 'smtp.sahkoposti.fi' }) }), message });
    expect(own.ok && own.account.host).toBe('smtp.sahkoposti.fi');
    const company = resolveTransport({ channel: 'EMAIL', company: seedCompany(), user: seedUser(), message });
    expect(company.ok && [company.account.host, company.message]).toEqual(['smtp.office365.com', message]);
  });

  it('refuses when no SMTP server is set any more', () => {
    const result = resolveTransport({ channel: 'EMAIL', company: seedCompany({ smtp: smtp() }), user: null, message });
    expect(!result.ok && result.refusal.code).toBe('SMTP_NOT_CONFIGURED');
  });

  it('builds the e-mail to the SMS gateway with the Message-ID chosen when it was stored', () => {
    const result = resolveTransport({ channel: 'SMS', sms: seedSms(), phoneNumber: '+358401234567', text: 'Valmis', messageId: '<s-1@maestro.fi>' });
    expect(result.ok && [result.account.host, result.message.messageId, result.message.to[0]?.address]).toEqual([
      'smtp.office365.com',
      '<s-1@maestro.fi>',
      '358401234567@smsmail.labyrintti.com',
    ]);
  });
});
