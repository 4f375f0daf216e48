import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { SMS_GATEWAY_PRESETS } from '@maestro/settings-schema';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const TEST = `mutation($k: SmtpAccountKind!) { testSmtpConnection(account: $k) { ok stage ehloName
  senderDomain { domain provider verdict message spf { status estimate message } dkim { status } dmarc { status record } } } }`;
const SEND_SMS = 'mutation($i: SendSmsInput!) { sendSms(input: $i) { id } }';

/** Google's relay: a greeting without a full host name gets 421. */
const strictEhlo = (name: string) => (name.includes('.') && !name.startsWith('[') ? null : { code: 421, message: '4.7.0 Try again later, closing connection. (EHLO)' });

interface TestResult {
  testSmtpConnection: {
    ok: boolean;
    ehloName: string | null;
    senderDomain: { domain: string; provider: string; verdict: string; message: string; spf: { status: string; estimate: boolean }; dkim: { status: string }; dmarc: { status: string; record: string | null } } | null;
  };
}

describe.each(DATABASE_KINDS)('connection test and sending through providers on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ ehlo: strictEhlo });
    api = await startTestApi(kind, {
      env: { MAESTRO_EHLO_NAME: 'Maestro.Yritys.fi' },
      dnsZone: {
        'yritys.fi': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
        '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=reject'] },
        'muu-yritys.fi': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
        '_dmarc.muu-yritys.fi': { TXT: ['v=DMARC1; p=reject'] },
      },
    });
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

  it('greets with MAESTRO_EHLO_NAME in the connection test and when sending, and a strict relay accepts it', async () => {
    const result = await api.gql<TestResult>(TEST, { k: 'COMPANY' }, { token: api.a.admin.token });
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: true, ehloName: 'maestro.yritys.fi' });
    await api.gql('mutation { sendMessage(input: { source: QUOTE, to: ["asiakas@asiakas.fi"], subject: "Tarjous", body: "Hei" }) { id } }', {}, { token: api.a.user.token });
    await api.drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.session.ehloName).toBe('maestro.yritys.fi');
  });

  it("reads the sender domain's SPF and DMARC from DNS, as an estimate for a relay of its own", async () => {
    const result = await api.gql<TestResult>(TEST, { k: 'COMPANY' }, { token: api.a.admin.token, headers: { 'accept-language': 'en' } });
    expect(result.data?.testSmtpConnection.senderDomain).toMatchObject({
      domain: 'yritys.fi',
      provider: 'OTHER',
      verdict: 'OK',
      spf: { status: 'PASS', estimate: true },
      dkim: { status: 'NOT_CHECKED' },
      dmarc: { status: 'REJECT', record: 'v=DMARC1; p=reject' },
    });
    expect(api.dns.questions).toContainEqual({ name: '_dmarc.yritys.fi', type: 'TXT' });
  });

  it('says the mail will be refused when the domain forbids the server and DMARC says reject', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { companyEmail: 'myynti@muu-yritys.fi' });
    try {
      const result = await api.gql<TestResult>(TEST, { k: 'COMPANY' }, { token: api.a.admin.token, headers: { 'accept-language': 'en' } });
      expect(result.data?.testSmtpConnection.senderDomain).toMatchObject({ verdict: 'REJECTED_LIKELY', spf: { status: 'FAIL' } });
      expect(result.data?.testSmtpConnection.senderDomain?.message).toContain('will likely be refused');
    } finally {
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { companyEmail: 'myynti@yritys.fi' });
    }
  });

  it('sends a text outside GSM-7 to LINK Mobility’s UCS-2 domain, and a plain one to the usual domain', async () => {
    const { settings } = SMS_GATEWAY_PRESETS.LINK_MOBILITY;
    await api.runtime.services.settings.updateSmsSettings(api.a.id, { ...settings, gatewayPassword: 'tili-login' });
    try {
      await api.gql(SEND_SMS, { i: { source: 'CUSTOMER_CARD', to: ['0401234567'], text: 'Kiitos käynnistä 😀' } }, { token: api.a.user.token });
      await api.gql(SEND_SMS, { i: { source: 'CUSTOMER_CARD', to: ['0507654321'], text: 'Kiitos käynnistä' } }, { token: api.a.user.token });
      await api.drain();
      const mails = await smtp.waitFor(2);
      expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['358401234567@email2sms-ucs.linkmobility.eu', '358507654321@email2sms.linkmobility.eu']);
      expect((await mails[0]!.parse()).subject).toBe('tili-login');
    } finally {
      // The gateway password is bound to the gateway's templates: the usual gateway gets its own back.
      await api.runtime.services.settings.updateSmsSettings(api.a.id, { templateMode: 'SIMPLE', gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS', gatewayPasswordPlacement: 'SUBJECT', ucs2Domain: '', gatewayPassword: 'gw-salasana' });
    }
  });
});

describe.each(DATABASE_KINDS)('the connection test of a hosted installation on %s', (kind) => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi(kind, {
      env: { MAESTRO_HOSTED: 'true' },
      dnsZone: { 'yritys.fi': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] }, '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=reject'] } },
    });
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { companyEmail: 'myynti@yritys.fi' });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('refuses an internal host before connecting, and says nothing else of it: no EHLO, no sender-domain look-up answered', async () => {
    const TEST_CHANGES = `mutation($c: SmtpAccountInput!) { testSmtpConnection(account: COMPANY, changes: $c) { ok stage code ehloName senderDomain { verdict } } }`;
    const result = await api.gql<{ testSmtpConnection: { ok: boolean; stage: string; code: string | null; ehloName: string | null; senderDomain: unknown } }>(
      TEST_CHANGES,
      { c: { host: '127.0.0.1', port: smtp.port, encryption: 'NONE', authEnabled: true, username: 'myynti@yritys.fi', password: 'Yrityksen-SMTP-1', ehloName: 'erp.yritys.fi' } },
      { token: api.a.admin.token },
    );
    expect(result.data?.testSmtpConnection).toEqual({ ok: false, stage: 'CONNECT', code: 'HOST_NOT_ALLOWED', ehloName: null, senderDomain: null });
    expect(smtp.connectionCount).toBe(0);
  });

  it("lets a user test only their saved account: a client host name of the user's choosing is refused like any other change", async () => {
    const TEST_MINE = `mutation($c: SmtpAccountInput!) { testSmtpConnection(account: MINE, changes: $c) { ok } }`;
    const result = await api.gql(TEST_MINE, { c: { ehloName: 'erp.yritys.fi' } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(smtp.connectionCount).toBe(0);
  });
});
