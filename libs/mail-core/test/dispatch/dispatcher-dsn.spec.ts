import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { createSmtpDispatcher, type SmtpDispatcher } from '../../src/dispatch';
import { TEST_TIMEOUTS, accountFor, orderConfirmation } from './dispatch-fixtures';

// Delivery status notifications (RFC 3461): what the dispatcher asks of a real SMTP server, read from
// the envelope that server received.
let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

it('asks a server that offers DSN for failure and delay notices, headers only, with the message’s envelope id', async () => {
  server = await startSmtpServer({ dsn: true });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const message = orderConfirmation();
  const outcome = await dispatcher.send(accountFor(server), message);
  expect(outcome.ok).toBe(true);
  const [mail] = await server.waitFor(1);
  expect(mail?.envelope.dsn).toEqual({
    ret: 'HDRS',
    envid: message.messageId.slice(1, -1),
    notify: Object.fromEntries(['matti.virtanen@asiakas.fi', 'myynti@asiakas.fi', 'arkisto@yritys.fi'].map((a) => [a, ['FAILURE', 'DELAY']])),
  });
});

it('sends no DSN parameters to a server that does not offer DSN, and the message still goes out', async () => {
  // Without DSN in its EHLO reply, smtp-server refuses RET/ENVID/NOTIFY as unknown parameters (555).
  server = await startSmtpServer();
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const outcome = await dispatcher.send(accountFor(server), orderConfirmation());
  expect(outcome.ok).toBe(true);
  expect(await server.waitFor(1)).toHaveLength(1);
});
