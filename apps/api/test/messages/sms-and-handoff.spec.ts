import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { simpleParser } from 'mailparser';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

describe.each(DATABASE_KINDS)('SMS and hand-off on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind);
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await api.drain();
    smtp.clear();
  });

  const SEND_SMS = 'mutation($i: SendSmsInput!) { sendSms(input: $i) { id channel status to body } }';

  it('sends one message per number to the gateway, the number in the address and the password in the subject', async () => {
    const result = await api.gql<{ sendSms: Array<{ to: string[] }> }>(SEND_SMS, { i: { source: 'CUSTOMER_CARD', to: ['040 123 4567; +358 50 7654321'], text: 'Huoltonne on valmis.' } }, { token: api.a.user.token });
    expect(result.data?.sendSms.map((m) => m.to[0])).toEqual(['+358401234567', '+358507654321']);
    await api.drain();
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['358401234567@smsmail.labyrintti.com', '358507654321@smsmail.labyrintti.com']);
    const parsed = await mails[0]!.parse();
    expect(parsed.subject).toBe('gw-salasana');
    expect(parsed.text?.trim()).toBe('Huoltonne on valmis.');
    expect(parsed.html).toBe(false);
  });

  it('never stores the gateway password with the message', async () => {
    await api.gql(SEND_SMS, { i: { source: 'DEVICE_CARD', to: ['0401234567'], text: 'Laite huollettu.' } }, { token: api.a.user.token });
    const rows = await api.runtime.db.query('SELECT * FROM outbound_message');
    expect(JSON.stringify(rows)).not.toContain('gw-salasana');
  });

  it('refuses an invalid number, naming it', async () => {
    const result = await api.gql(SEND_SMS, { i: { source: 'CUSTOMER_CARD', to: ['040 123 4567', '12ab'], text: 'x' } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('to.1');
  });

  it('refuses a text longer than the allowed number of parts, saying how long it is', async () => {
    const result = await api.gql(SEND_SMS, { i: { source: 'CUSTOMER_CARD', to: ['0401234567'], text: 'x'.repeat(153 * 6 + 1) } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.reason).toBe('SMS_TOO_LONG');
  });

  it('refuses SMS from a program that only sends e-mail', async () => {
    const result = await api.gql(SEND_SMS, { i: { source: 'SALES_ORDER', to: ['0401234567'], text: 'x' } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.reason).toBe('SOURCE_CANNOT_USE_CHANNEL');
  });

  it('hands the message to the user\'s own mail program when SMTP sending is off, and records HANDED_OFF', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: false });
    try {
      const result = await api.gql<{ sendMessage: { id: string; status: string; handOff: { emlUrl: string; mailtoUrl: string } } }>(
        'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status handOff { emlUrl mailtoUrl } } }',
        { i: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'Tarjous T-1', body: 'Hei,\nliitteenä.' } },
        { token: api.a.user.token },
      );
      const message = result.data!.sendMessage;
      expect(message.status).toBe('HANDED_OFF');
      expect(message.handOff.mailtoUrl).toBe('mailto:asiakas@asiakas.fi?subject=Tarjous%20T-1&body=Hei%2C%0D%0Aliitteen%C3%A4.');
      const eml = await fetch(`${api.url}${message.handOff.emlUrl}`, { headers: { authorization: `Bearer ${api.a.user.token}` } });
      expect(eml.headers.get('content-type')).toMatch(/message\/rfc822/);
      const parsed = await simpleParser(Buffer.from(await eml.arrayBuffer()));
      expect(parsed.headers.get('x-unsent')).toBe('1');
      expect(parsed.subject).toBe('Tarjous T-1');
      await api.drain();
      expect(smtp.count).toBe(0);
    } finally {
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: true });
    }
  });
});
