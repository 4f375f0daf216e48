import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '@maestro/test-support';
import { SMTP_PRESETS, applySmtpPreset, defaultSmtpAccount, type SmtpAccount } from '@maestro/settings-schema';
import { createSmtpDispatcher, verifySmtpAccount, type AccessTokenProvider, type SendFailure, type SmtpDispatcher } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

let certificate: SelfSignedCertificate;
let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
});

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

/** Google's relay and other strict servers: a name without a dot, or an address literal, gets 421. */
const strictEhlo = (name: string) => (name.includes('.') && !name.startsWith('[') ? null : { code: 421, message: '4.7.0 Try again later, closing connection. (EHLO)' });

const failed = (outcome: unknown) => (outcome as SendFailure).error;

describe('connections per account', () => {
  it('sends through the Microsoft 365 preset’s 3 connections to a server that allows 3, none refused', async () => {
    server = await startSmtpServer({ maxConnections: 3 });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const preset = applySmtpPreset(defaultSmtpAccount(), 'MICROSOFT_365');
    const account = accountFor(server, { maxConnections: preset.maxConnections });
    const outcomes = await Promise.all(Array.from({ length: 9 }, () => dispatcher!.send(account, orderConfirmation())));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(server.peakConnections).toBe(3);
  });

  it('uses what the account allows rather than a fixed number (1 connection: one at a time)', async () => {
    server = await startSmtpServer();
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await Promise.all(Array.from({ length: 4 }, () => dispatcher!.send(accountFor(server!, { maxConnections: 1 }), orderConfirmation())));
    expect(server.peakConnections).toBe(1);
  });

  it('reports a server refusing connections beyond its limit (432 4.3.2) as TOO_MANY_CONNECTIONS: retried, a setting to lower', async () => {
    server = await startSmtpServer({ maxConnections: 3 });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => dispatcher!.send(accountFor(server!, { maxConnections: 6 }), orderConfirmation())));
    const refused = outcomes.filter((o) => !o.ok).map(failed);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', permanent: false, settingsProblem: true, responseCode: 432 });
    expect(refused[0]?.message.en).toContain('Simultaneous connections at most');
  });
});

describe('EHLO name', () => {
  it("greets with the sender's domain when nothing else names one, and a strict relay accepts it", async () => {
    server = await startSmtpServer({ ehlo: strictEhlo });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await expect(dispatcher.send(accountFor(server), orderConfirmation())).resolves.toMatchObject({ ok: true });
    expect(server.ehloNames).toEqual(['yritys.fi']);
  });

  it("greets with the process's name (MAESTRO_EHLO_NAME or the machine's full name) over the sender's domain", async () => {
    server = await startSmtpServer({ ehlo: strictEhlo });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, clientName: 'maestro.yritys.fi' });
    await dispatcher.send(accountFor(server), orderConfirmation());
    expect(server.ehloNames).toEqual(['maestro.yritys.fi']);
  });

  it("greets with the account's own client host name over everything else", async () => {
    server = await startSmtpServer({ ehlo: strictEhlo });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, clientName: 'maestro.yritys.fi' });
    await dispatcher.send(accountFor(server, { ehloName: 'ERP.Yritys.fi' }), orderConfirmation());
    const [mail] = await server.waitFor(1);
    expect(mail?.session.ehloName).toBe('erp.yritys.fi');
  });

  it('reports a 421 to EHLO as a settings problem naming the refused name, not as a busy server', async () => {
    server = await startSmtpServer({ ehlo: strictEhlo });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const error = failed(await dispatcher.send(accountFor(server, { ehloName: 'erp' }), orderConfirmation()));
    expect(error).toMatchObject({ code: 'EHLO_REJECTED', permanent: false, settingsProblem: true, responseCode: 421 });
    expect(error.message.en).toContain('"erp"');
    expect(error.message.fi).toContain('Asiakkaan palvelinnimi (EHLO)');
    expect(server.count).toBe(0);
  });

  it('the connection test greets the same way and says which name it used', async () => {
    server = await startSmtpServer({ ehlo: strictEhlo });
    await expect(verifySmtpAccount(accountFor(server), { timeouts: TEST_TIMEOUTS, senderAddress: 'toimisto@yritys.fi' })).resolves.toMatchObject({ ok: true, ehloName: 'yritys.fi' });
    const refused = await verifySmtpAccount(accountFor(server, { ehloName: 'erp' }), { timeouts: TEST_TIMEOUTS });
    expect(refused).toMatchObject({ ok: false, stage: 'CONNECT', error: { code: 'EHLO_REJECTED' } });
  });
});

describe('SMTPUTF8', () => {
  const toMuller = () => orderConfirmation({ to: [{ name: '', address: 'müller@firma.fi' }], cc: [], bcc: [] });

  it('sends a UTF-8 local part with SMTPUTF8 when the server offers it', async () => {
    server = await startSmtpServer();
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await expect(dispatcher.send(accountFor(server), toMuller())).resolves.toMatchObject({ ok: true });
    const [mail] = await server.waitFor(1);
    expect(mail?.envelope.to).toEqual(['müller@firma.fi']);
    expect(mail?.session.smtpUtf8).toBe(true);
  });

  it('refuses a UTF-8 local part clearly when the server does not offer SMTPUTF8, and sends nothing', async () => {
    server = await startSmtpServer({ smtputf8: false });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const error = failed(await dispatcher.send(accountFor(server), toMuller()));
    expect(error).toMatchObject({ code: 'SMTPUTF8_NOT_SUPPORTED', permanent: true });
    expect(error.message.en).toContain('müller@firma.fi');
    expect(server.count).toBe(0);
  });

  it('asks nothing extra for an ASCII message, and asks the server only once', async () => {
    server = await startSmtpServer();
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await dispatcher.send(accountFor(server), orderConfirmation());
    expect(server.connectionCount).toBe(1);
    await dispatcher.send(accountFor(server), toMuller());
    await dispatcher.send(accountFor(server), toMuller());
    expect(server.connectionCount).toBe(2);
  });

  it('sends an IDN domain (ASCII local part) without needing SMTPUTF8', async () => {
    server = await startSmtpServer({ smtputf8: false });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    await expect(dispatcher.send(accountFor(server), orderConfirmation({ to: [{ name: '', address: 'myynti@pörssi.fi' }], cc: [], bcc: [] }))).resolves.toMatchObject({ ok: true });
  });
});

describe("Microsoft 365's replies, from a server that answers them", () => {
  const token: AccessTokenProvider = async () => 'ey.token';

  function oauthAccount(s: RunningSmtpServer): SmtpAccount {
    return accountFor(s, {
      ...SMTP_PRESETS.MICROSOFT_365.settings,
      host: s.host,
      port: s.port,
      encryption: 'TLS',
      caCertificate: certificate.cert,
      oauthTenantId: 'yritys.onmicrosoft.com',
      oauthClientId: 'app',
      oauthClientSecret: 'secret',
      oauthUser: 'myynti@yritys.fi',
    });
  }

  it('reads 535 5.7.139 to an OAuth2 login as SMTP AUTH being off, naming Set-CASMailbox and Set-TransportConfig', async () => {
    server = await startSmtpServer({
      tls: certificate,
      auth: { users: {}, methods: ['XOAUTH2'], xoauth2Refusal: { code: 535, message: '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.' } },
    });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS, accessTokenProvider: token });
    const error = failed(await dispatcher.send(oauthAccount(server), orderConfirmation()));
    expect(error).toMatchObject({ code: 'SMTP_AUTH_DISABLED', permanent: false, settingsProblem: true });
    expect(error.message.en).toContain('Set-CASMailbox -Identity myynti@yritys.fi -SmtpClientAuthenticationDisabled $false');
    expect(error.message.en).toContain('Set-TransportConfig -SmtpClientAuthenticationDisabled $false');
    expect(error.message.en).not.toContain('switch the authentication method');
  });

  it.each([
    ['550 5.2.251 (mailbox full)', { code: 550, message: '5.2.251 Sender throttled due to continuous mailbox full errors.' }, 'SENDER_THROTTLED', 'the mailbox is full'],
    ['550 5.2.252 (send as denied)', { code: 550, message: '5.2.252 Sender throttled due to continuous send as denied errors.' }, 'SENDER_THROTTLED', 'Send As on the sender address is missing'],
    ['550 5.2.255 (invalid recipients)', { code: 550, message: '5.2.255 Sender throttled due to continuous invalid recipients errors.' }, 'SENDER_THROTTLED', 'recipient addresses were invalid'],
    ['554 5.2.2 (own mailbox full)', { code: 554, message: '5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionQuotaExceeded' }, 'SENDER_MAILBOX_FULL', 'The sending mailbox is full'],
    ['451 4.4.5 (congestion)', { code: 451, message: '4.4.5 Insufficient system storage' }, 'MAIL_SYSTEM_CONGESTED', 'congested'],
  ])('reads %s at the end of DATA as a timed wait, not as permanent', async (_label, reply, code, text) => {
    server = await startSmtpServer({ onMail: () => reply });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    const error = failed(await dispatcher.send(accountFor(server), orderConfirmation()));
    expect(error).toMatchObject({ code, permanent: false });
    expect(error.message.en).toContain(text);
  });

  it('waits at least an hour after a throttled or full mailbox', async () => {
    server = await startSmtpServer({ onMail: () => ({ code: 550, message: '5.2.253 Sender throttled due to continuous invalid license errors.' }) });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    expect(failed(await dispatcher.send(accountFor(server), orderConfirmation())).retryAfterMs).toBe(3_600_000);
  });

  it("still reads Google's 550 5.4.5 daily limit as the daily limit", async () => {
    server = await startSmtpServer({ onMail: () => ({ code: 550, message: '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852' }) });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    expect(failed(await dispatcher.send(accountFor(server), orderConfirmation())).code).toBe('DAILY_LIMIT_REACHED');
  });

  it('keeps 554 5.2.252 SendAsDenied a permanent SEND_AS_DENIED', async () => {
    server = await startSmtpServer({ onMail: () => ({ code: 554, message: '5.2.252 SendAsDenied; myynti@yritys.fi not allowed to send as toimisto@yritys.fi; STOREDRV.Submission.Exception:SendAsDeniedException' }) });
    dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
    expect(failed(await dispatcher.send(accountFor(server), orderConfirmation()))).toMatchObject({ code: 'SEND_AS_DENIED', permanent: true });
  });
});
