import { startSmtpServer, type RunningSmtpServer, type SmtpReply } from '@maestro/dev-mailbox';
import { applySmsGatewayPreset, defaultSmsSettings, type SmsGatewayPresetId, type SmsSettings } from '@maestro/settings-schema';
import { createSmtpDispatcher, type SmtpDispatcher } from '../../src/dispatch';
import { buildSmsEnvelope } from '../../src/sms';
import { TEST_TIMEOUTS, accountFor } from './dispatch-fixtures';

let server: RunningSmtpServer | undefined;
let dispatcher: SmtpDispatcher | undefined;

afterEach(async () => {
  await dispatcher?.close();
  await server?.close();
  dispatcher = undefined;
  server = undefined;
});

/** Each gateway's rule for the address it takes, as the gateway's own server would refuse anything else. */
const GATEWAY_ADDRESS: Record<SmsGatewayPresetId, RegExp> = {
  LABYRINTTI: /^358\d+@smsmail\.labyrintti\.com$/,
  GATEWAYAPI: /^358\d+@smtp\.gatewayapi\.com$/,
  LINK_MOBILITY: /^358\d+@email2sms(-ucs)?\.linkmobility\.eu$/,
  PUZZEL: /^358\d+-\d+@smsmail\.intele\.com$/,
};

const refuseOtherAddresses = (rule: RegExp) => (address: string): SmtpReply | null => (rule.test(address) ? null : { code: 550, message: '5.1.1 Unknown SMS recipient' });

async function sendThrough(id: SmsGatewayPresetId, fill: Partial<SmsSettings> = {}, text = 'Huolto on valmis.') {
  server = await startSmtpServer({ rejectRecipient: refuseOtherAddresses(GATEWAY_ADDRESS[id]) });
  dispatcher = createSmtpDispatcher({ timeouts: TEST_TIMEOUTS });
  const smtp = accountFor(server);
  const settings = { ...applySmsGatewayPreset({ ...defaultSmsSettings(), senderEmail: 'sms@yritys.fi', smtp }, id), ...fill };
  const built = buildSmsEnvelope({ settings, phoneNumber: '040 123 4567', text, messageId: `<sms-${id}@yritys.fi>` });
  if (!built.ok) throw new Error(`refused: ${built.refusal.code}`);
  return dispatcher.send(smtp, built.envelope.message);
}

it.each([
  ['LABYRINTTI', {}],
  ['GATEWAYAPI', { gatewayPassword: 'api-token' }],
  ['LINK_MOBILITY', { gatewayPassword: 'login' }],
  ['PUZZEL', { addressTemplate: '{number}-4711@smsmail.intele.com' }],
] as const)('%s: the preset gives an address the gateway takes', async (id, fill) => {
  await expect(sendThrough(id, fill)).resolves.toMatchObject({ ok: true });
  expect(server?.messages[0]?.envelope.to[0]).toMatch(GATEWAY_ADDRESS[id]);
});

it('GatewayAPI: the API token travels in the subject', async () => {
  await sendThrough('GATEWAYAPI', { gatewayPassword: 'api-token' });
  expect((await server!.messages[0]!.parse()).subject).toBe('api-token');
});

it('Labyrintti: sends with no password at all when the contract has none', async () => {
  await sendThrough('LABYRINTTI');
  const parsed = await server!.messages[0]!.parse();
  expect([parsed.subject ?? '', parsed.text?.trim()]).toEqual(['', 'Huolto on valmis.']);
});

it('a gateway refuses an address not in its form: the simple form with a wrong domain fails at RCPT, permanently', async () => {
  const outcome = await sendThrough('LABYRINTTI', { gatewayAddress: '@sms.labyrintti.fi' });
  expect(outcome).toMatchObject({ ok: false, error: { code: 'RECIPIENT_REJECTED', permanent: true } });
});
