import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { OutgoingMessage } from '../types';
import { buildEmlDraft } from './eml-draft';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'EMAIL',
    messageId: '<11111111-2222-4333-8444-555555555555@yritys.fi>',
    from: { name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' },
    to: [{ name: 'Virtanen, Matti', address: 'etu.sukunimi@maestro.fi' }],
    cc: [],
    bcc: [{ name: '', address: 'arkisto@yritys.fi' }],
    subject: 'Testilähetys',
    text: 'Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro',
    attachments: [{ filename: 'Report.pdf', contentType: 'application/pdf', content: pdf }],
    ...overrides,
  };
}

function headerBlock(eml: Buffer): string {
  const raw = eml.toString('latin1');
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}

describe('buildEmlDraft', () => {
  it('marks the draft X-Unsent: 1 so Outlook opens it as an unsent message', async () => {
    const eml = await buildEmlDraft(message());
    expect(headerBlock(eml)).toMatch(/^X-Unsent: 1$/m);
    expect((await simpleParser(eml)).headers.get('x-unsent')).toBe('1');
  });

  it('includes the attachments with their bytes intact', async () => {
    const parsed = await simpleParser(await buildEmlDraft(message()));
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)])).toEqual([['Report.pdf', 'application/pdf', sha256(pdf)]]);
  });

  it('keeps sender, recipients, subject and both bodies', async () => {
    const parsed = await simpleParser(await buildEmlDraft(message()));
    expect(parsed.from?.value).toEqual([{ name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' }]);
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([{ name: 'Virtanen, Matti', address: 'etu.sukunimi@maestro.fi' }]);
    expect(parsed.subject).toBe('Testilähetys');
    expect(parsed.text).toBe('Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro');
    expect(parsed.html).toContain('<pre');
  });

  it('keeps Bcc in the draft, because the mail program sends to whoever the header names', async () => {
    const parsed = await simpleParser(await buildEmlDraft(message()));
    expect(parsed.bcc && !Array.isArray(parsed.bcc) && parsed.bcc.value).toEqual([{ name: '', address: 'arkisto@yritys.fi' }]);
  });

  it('leaves Message-ID and Date to the mail program that sends it', async () => {
    const head = headerBlock(await buildEmlDraft(message()));
    expect(head).not.toMatch(/^Message-ID:/im);
    expect(head).not.toMatch(/^Date:/im);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Content-Type: multipart\/mixed;/m);
  });

  it('drops a folded header whole, continuation lines included', async () => {
    const longSubject = `Tilausvahvistus ${'Äänekoski '.repeat(20)}`.trim();
    const eml = await buildEmlDraft(message({ subject: longSubject }));
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(longSubject);
    expect(headerBlock(eml).split('\r\n').every((line) => /^([A-Za-z-]+:|[ \t])/.test(line))).toBe(true);
  });

  it('uses CRLF line endings throughout, as .eml files on Windows need', async () => {
    const raw = (await buildEmlDraft(message({ text: 'ascii only\nshort lines\n' }))).toString('latin1');
    expect(raw).toContain('ascii only\r\nshort lines\r\n');
    expect(raw).not.toMatch(/[^\r]\n/);
  });
});
