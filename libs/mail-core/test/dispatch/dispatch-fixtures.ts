import { createHash } from 'node:crypto';
import { defaultSmtpAccount, type SmtpAccount } from '@maestro/settings-schema';
import type { RunningSmtpServer } from '@maestro/dev-mailbox';
import type { SmtpTimeouts } from '../../src/dispatch';
import type { Clock } from '../../src/dispatch';
import type { OutgoingMessage } from '../../src/types';

/** Short enough that a failing test fails fast on a 2-core machine, long enough not to flake. */
export const TEST_TIMEOUTS: SmtpTimeouts = { connectionMs: 2000, greetingMs: 1500, socketMs: 3000, dnsMs: 3000 };

/** An account pointing at an in-process server: plain, no auth, unless overridden. */
export function accountFor(server: Pick<RunningSmtpServer, 'host' | 'port'>, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    ...defaultSmtpAccount(),
    host: server.host,
    port: server.port,
    encryption: 'NONE',
    authEnabled: false,
    ...overrides,
  };
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n% Maestro test order confirmation\n' + 'x'.repeat(3000) + '\n%%EOF\n');

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

let sequence = 0;

/** An order confirmation with every kind of recipient and one attachment; a fresh Message-ID each call. */
export function orderConfirmation(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  sequence += 1;
  return {
    channel: 'EMAIL',
    messageId: `<dispatch-test-${process.pid}-${sequence}@yritys.fi>`,
    from: { name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' },
    to: [{ name: 'Virtanen, Matti', address: 'matti.virtanen@asiakas.fi' }],
    cc: [{ name: '', address: 'myynti@asiakas.fi' }],
    bcc: [{ name: '', address: 'arkisto@yritys.fi' }],
    subject: 'Tilausvahvistus 10045 – Äänekosken toimitus',
    text: 'Hei,\n\nKiitos tilauksestanne.\nTuote      Määrä\nPumppu P-1     2\n\nTerveisin,\nYrityksen edustaja',
    attachments: [{ filename: 'tilausvahvistus-10045.pdf', contentType: 'application/pdf', content: PDF_BYTES }],
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private time = 1_000_000;

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

/** Polls until the condition holds (a state change with no event to wait on); fails after timeoutMs. */
export async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
