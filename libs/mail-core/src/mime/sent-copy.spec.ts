import { startSmtpServer } from '@maestro/dev-mailbox';
import { defaultSmtpAccount } from '@maestro/settings-schema';
import { simpleParser, type AddressObject } from 'mailparser';
import { createSmtpDispatcher } from '../dispatch';
import type { OutgoingMessage } from '../types';
import { buildSentCopy } from './sent-copy';

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((group) => group.value.map((a) => a.address ?? ''));
}

const SENT_AT = new Date('2026-03-04T05:06:07.000Z');
const PDF = Buffer.from('%PDF-1.4\n' + 'x'.repeat(2000) + '\n%%EOF\n');

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'EMAIL',
    messageId: '<0190f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f@yritys.fi>',
    from: { name: 'Yrityksen edustaja', address: 'myynti@yritys.fi' },
    to: [{ name: 'Virtanen, Matti', address: 'matti.virtanen@asiakas.fi' }],
    cc: [{ name: '', address: 'ostot@asiakas.fi' }],
    bcc: [
      { name: 'Arkisto', address: 'arkisto@yritys.fi' },
      { name: '', address: 'johto@yritys.fi' },
    ],
    subject: 'Tilausvahvistus 10045 – Äänekoski',
    text: 'Hei,\n\nkiitos tilauksestanne.\n\nTerveisin,\nMyynti',
    attachments: [{ filename: 'tilausvahvistus-10045.pdf', contentType: 'application/pdf', content: PDF }],
    ...overrides,
  };
}

describe('buildSentCopy', () => {
  it('keeps the Message-ID and carries the Date it was sent, and lists the Bcc recipients', async () => {
    const parsed = await simpleParser(await buildSentCopy(message(), SENT_AT));
    expect(parsed.messageId).toBe('<0190f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f@yritys.fi>');
    expect(parsed.date?.toISOString()).toBe(SENT_AT.toISOString());
    expect(addresses(parsed.bcc)).toEqual(['arkisto@yritys.fi', 'johto@yritys.fi']);
    expect(addresses(parsed.to)).toEqual(['matti.virtanen@asiakas.fi']);
    expect(addresses(parsed.cc)).toEqual(['ostot@asiakas.fi']);
    expect(parsed.subject).toBe('Tilausvahvistus 10045 – Äänekoski');
    expect(parsed.attachments.map((a) => [a.filename, a.content.equals(PDF)])).toEqual([['tilausvahvistus-10045.pdf', true]]);
  });

  it('has no Bcc header when there were no Bcc recipients', async () => {
    const raw = (await buildSentCopy(message({ bcc: [] }), SENT_AT)).toString('latin1');
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).not.toMatch(/^Bcc:/im);
  });

  it('uses CRLF line ends only, as IMAP APPEND wants', async () => {
    const raw = (await buildSentCopy(message({ text: 'rivi 1\nrivi 2\r\nrivi 3' }), SENT_AT)).toString('latin1');
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it('is the message the recipients got, with the same Message-ID, Date and headers, plus Bcc', async () => {
    const server = await startSmtpServer();
    const dispatcher = createSmtpDispatcher({ timeouts: { connectionMs: 2000, greetingMs: 1500, socketMs: 3000, dnsMs: 3000 } });
    try {
      const sent = message({ date: SENT_AT });
      const outcome = await dispatcher.send({ ...defaultSmtpAccount(), host: server.host, port: server.port, encryption: 'NONE', authEnabled: false }, sent);
      expect(outcome.ok).toBe(true);
      const [mail] = await server.waitFor(1);
      const wire = await simpleParser(mail!.raw);
      const copy = await simpleParser(await buildSentCopy(sent, SENT_AT));
      expect(copy.headers.get('date')).toEqual(wire.headers.get('date'));
      expect(copy.messageId).toBe(wire.messageId);
      expect(addresses(wire.bcc)).toEqual([]);
      const names = (p: typeof wire) => [...p.headers.keys()].filter((k) => k !== 'bcc' && k !== 'content-type').sort();
      expect(names(copy)).toEqual(names(wire));
      expect(copy.text).toBe(wire.text);
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });
});
