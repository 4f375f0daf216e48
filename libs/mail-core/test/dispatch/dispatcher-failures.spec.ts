import { startSmtpServer, type RunningSmtpServer, type SmtpReply } from '@maestro/dev-mailbox';
import { createSmtpDispatcher, type SendFailure, type SendSuccess, type SmtpDispatcher } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

async function sendTo(options: Parameters<typeof startSmtpServer>[0], message = orderConfirmation()) {
  server = await startSmtpServer(options);
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  return dispatcher.send(accountFor(server), message);
}

const answerData = (reply: SmtpReply) => ({ onMail: () => reply });

describe('one recipient refused among several', () => {
  const refuseMyynti = { rejectRecipient: (a: string) => (a === 'myynti@asiakas.fi' ? { code: 550, message: '5.1.1 Mailbox unavailable' } : null) };

  it('still sends the message to the others', async () => {
    const outcome = (await sendTo(refuseMyynti)) as SendSuccess;
    expect(outcome.ok).toBe(true);
    expect([...outcome.accepted].sort()).toEqual(['arkisto@yritys.fi', 'matti.virtanen@asiakas.fi']);
    const [mail] = await server!.waitFor(1);
    expect([...mail!.envelope.to].sort()).toEqual(['arkisto@yritys.fi', 'matti.virtanen@asiakas.fi']);
  });

  it('reports the refused recipient with a permanent RECIPIENT_REJECTED naming the address', async () => {
    const outcome = (await sendTo(refuseMyynti)) as SendSuccess;
    expect(outcome.rejected).toEqual([
      {
        address: 'myynti@asiakas.fi',
        error: expect.objectContaining({
          code: 'RECIPIENT_REJECTED',
          permanent: true,
          responseCode: 550,
          recipient: 'myynti@asiakas.fi',
          message: { fi: 'Vastaanottaja myynti@asiakas.fi hylättiin (550): tarkista osoite', en: 'Recipient myynti@asiakas.fi was refused (550): check the address' },
        }),
      },
    ]);
  });
});

it('reports a recipient deferred with 4xx among several as transient RECIPIENT_DEFERRED', async () => {
  const outcome = (await sendTo({ rejectRecipient: (a) => (a === 'myynti@asiakas.fi' ? { code: 450, message: '4.2.0 Greylisted, try again' } : null) })) as SendSuccess;
  expect(outcome.ok).toBe(true);
  expect(outcome.rejected).toEqual([{ address: 'myynti@asiakas.fi', error: expect.objectContaining({ code: 'RECIPIENT_DEFERRED', permanent: false }) }]);
});

it('fails when every recipient is refused and lists each one', async () => {
  const outcome = (await sendTo({ rejectRecipient: () => ({ code: 550, message: '5.1.1 No such user' }) })) as SendFailure;
  expect(outcome.ok).toBe(false);
  expect(outcome.error).toMatchObject({ code: 'RECIPIENT_REJECTED', permanent: true });
  expect(outcome.rejected.map((r) => r.address).sort()).toEqual(['arkisto@yritys.fi', 'matti.virtanen@asiakas.fi', 'myynti@asiakas.fi']);
  expect(server!.count).toBe(0);
});

it('treats 421 as transient SERVER_BUSY', async () => {
  const outcome = await sendTo(answerData({ code: 421, message: '4.3.2 Service shutting down' }));
  expect(outcome).toMatchObject({ ok: false, error: { code: 'SERVER_BUSY', permanent: false, responseCode: 421 } });
});

it('treats 451 as transient TEMPORARY_FAILURE', async () => {
  const outcome = await sendTo(answerData({ code: 451, message: '4.3.0 Local error in processing' }));
  expect(outcome).toMatchObject({ ok: false, error: { code: 'TEMPORARY_FAILURE', permanent: false, responseCode: 451 } });
});

it('treats 554 as permanent MESSAGE_REJECTED and keeps the server reply as detail', async () => {
  const outcome = await sendTo(answerData({ code: 554, message: '5.6.0 Message content rejected' }));
  expect(outcome).toMatchObject({
    ok: false,
    error: { code: 'MESSAGE_REJECTED', permanent: true, responseCode: 554, enhancedCode: '5.6.0', detail: '554 5.6.0 Message content rejected' },
  });
});

it('treats a message over the server size limit as permanent MESSAGE_TOO_BIG', async () => {
  const outcome = await sendTo({ maxSize: 1000 });
  expect(outcome).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_BIG', permanent: true } });
});

it('treats a closed port as transient CONNECTION_REFUSED', async () => {
  const closed = await startSmtpServer();
  const { host, port } = closed;
  await closed.close();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor({ host, port }), orderConfirmation());
  expect(outcome).toMatchObject({ ok: false, error: { code: 'CONNECTION_REFUSED', permanent: false, settingsProblem: true } });
});

it('treats an unknown host as transient UNKNOWN_HOST that asks the admin to check the name', async () => {
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor({ host: 'nonexistent.invalid', port: 25 }), orderConfirmation());
  expect(outcome).toMatchObject({
    ok: false,
    error: {
      code: 'UNKNOWN_HOST',
      permanent: false,
      settingsProblem: true,
      message: { fi: expect.stringContaining('tarkista SMTP-palvelimen nimi') },
    },
  });
});

describe('per-recipient results of one transaction', () => {
  it('reports each recipient: the accepted with the reply to the data, the deferred with its 452', async () => {
    const outcome = (await sendTo({ rejectRecipient: (a) => (a === 'myynti@asiakas.fi' ? { code: 452, message: '4.5.3 Too many recipients' } : null) })) as SendSuccess;
    expect(outcome.recipients.map((r) => [r.address, r.delivery])).toEqual([
      ['matti.virtanen@asiakas.fi', 'ACCEPTED'],
      ['myynti@asiakas.fi', 'DEFERRED'],
      ['arkisto@yritys.fi', 'ACCEPTED'],
    ]);
    expect(outcome.recipients[0]?.reply).toMatch(/^250/);
    expect(outcome.recipients[1]).toMatchObject({ reply: expect.stringContaining('452'), error: { code: 'TOO_MANY_RECIPIENTS', permanent: false } });
  });

  it('sends a follow-up to the deferred recipients only, with the headers of the first transaction', async () => {
    const outcome = (await sendTo({}, orderConfirmation({ envelopeTo: ['myynti@asiakas.fi'] }))) as SendSuccess;
    expect(outcome.recipients.map((r) => [r.address, r.delivery])).toEqual([['myynti@asiakas.fi', 'ACCEPTED']]);
    const [mail] = await server!.waitFor(1);
    expect(mail!.envelope.to).toEqual(['myynti@asiakas.fi']);
    const parsed = await mail!.parse();
    expect(parsed.to).toMatchObject({ text: expect.stringContaining('matti.virtanen@asiakas.fi') });
    expect(parsed.cc).toMatchObject({ text: 'myynti@asiakas.fi' });
  });
});
