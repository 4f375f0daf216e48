import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { OutgoingMessage } from '../types';
import { toMailOptions } from './to-mail-options';

const capture = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function wire(message: OutgoingMessage): Promise<{ raw: string; parsed: ParsedMail }> {
  const info = await capture.sendMail(toMailOptions(message));
  const raw = (info.message as Buffer).toString('utf8');
  return { raw, parsed: await simpleParser(raw) };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function addresses(field: AddressObject | AddressObject[] | undefined): { name: string; address: string | undefined }[] {
  return [field ?? []].flat().flatMap((group) => group.value.map(({ name, address }) => ({ name, address })));
}

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'EMAIL',
    messageId: '<4f1c0a52-8d7e-4a8e-9a51-1f0c2b3d4e5f@yritys.fi>',
    from: { name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' },
    to: [{ name: '', address: 'vakio.asiakas@asiakasyritys.fi' }],
    cc: [],
    bcc: [],
    subject: 'Testilähetys',
    text: 'Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro',
    attachments: [],
    ...overrides,
  };
}

describe('toMailOptions on the wire', () => {
  it('sends the body as text/plain', async () => {
    const { parsed } = await wire(message());
    expect(parsed.text).toBe('Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro');
  });

  it('adds an HTML alternative showing the same text in a monospace block', async () => {
    const { raw, parsed } = await wire(message());
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(parsed.html).toContain('<pre style="font-family: Consolas, \'Courier New\', monospace;');
    expect(parsed.html).toContain('Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro</pre>');
  });

  it('escapes an HTML-looking body in the HTML part and keeps it as typed in the text part', async () => {
    const { parsed } = await wire(message({ text: '<b>x</b> & co "quoted" \'single\'' }));
    expect(parsed.html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; co &quot;quoted&quot; &#39;single&#39;</pre>');
    expect(parsed.html).not.toContain('<b>');
    expect(parsed.text).toBe('<b>x</b> & co "quoted" \'single\'');
  });

  it('sends an SMS as plain text only, without an HTML part', async () => {
    const { raw, parsed } = await wire(message({ channel: 'SMS', text: 'Huolto valmis' }));
    expect(parsed.html).toBe(false);
    expect(raw).not.toMatch(/text\/html/);
    // A single-part message ends with the CRLF that closes the body on the wire; nothing else is added.
    expect(parsed.text).toBe('Huolto valmis\n');
  });

  it('carries a UTF-8 subject (ä ö å €) intact and encoded on the wire', async () => {
    const subject = 'Tilausvahvistus 10023 – Äänekosken Öljy & Åland, 1 200 €';
    const { raw, parsed } = await wire(message({ subject }));
    expect(parsed.subject).toBe(subject);
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(headerBlock).toMatch(/^[ -~\r\n\t]*$/); // 7-bit: every non-ASCII value is an encoded word
  });

  it('quotes a display name with a comma so it stays one address', async () => {
    const { raw, parsed } = await wire(
      message({
        from: { name: 'Virtanen, Matti', address: 'matti@yritys.fi' },
        to: [
          { name: 'Äijälä, Åsa', address: 'asa@asiakas.fi' },
          { name: '', address: 'b@y.fi' },
        ],
      }),
    );
    expect(raw).toMatch(/^From: "Virtanen, Matti" <matti@yritys\.fi>/m);
    expect(addresses(parsed.from)).toEqual([{ name: 'Virtanen, Matti', address: 'matti@yritys.fi' }]);
    expect(addresses(parsed.to)).toEqual([
      { name: 'Äijälä, Åsa', address: 'asa@asiakas.fi' },
      { name: '', address: 'b@y.fi' },
    ]);
  });

  it('writes an IDN recipient domain in punycode in the header and the envelope', async () => {
    const info = await capture.sendMail(toMailOptions(message({ to: [{ name: '', address: 'myynti@pörssi.fi' }] })));
    const raw = (info.message as Buffer).toString('utf8');
    expect(raw).toMatch(/^To: myynti@xn--prssi-jua\.fi\r$/m);
    expect(info.envelope.to).toEqual(['myynti@xn--prssi-jua.fi']);
  });

  it('attaches files with their content types and intact bytes', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))]);
    const csv = Buffer.from('tuote;määrä\nÄes;1\n', 'utf8');
    const { parsed } = await wire(
      message({
        attachments: [
          { filename: 'Tilausvahvistus 10023.pdf', contentType: 'application/pdf', content: pdf },
          { filename: 'rivit-ä.csv', contentType: 'text/csv', content: csv },
        ],
      }),
    );
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)])).toEqual([
      ['Tilausvahvistus 10023.pdf', 'application/pdf', sha256(pdf)],
      ['rivit-ä.csv', 'text/csv', sha256(csv)],
    ]);
    expect(parsed.text).toBe('Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro');
  });

  it('keeps the Message-ID as given, so a retry re-sends the same id', async () => {
    const first = await wire(message());
    const retry = await wire(message());
    expect(first.parsed.messageId).toBe('<4f1c0a52-8d7e-4a8e-9a51-1f0c2b3d4e5f@yritys.fi>');
    expect(retry.parsed.messageId).toBe(first.parsed.messageId);
  });

  it('puts Cc in the header and Bcc only in the envelope', async () => {
    const info = await capture.sendMail(
      toMailOptions(message({ cc: [{ name: '', address: 'cc@y.fi' }], bcc: [{ name: '', address: 'arkisto@yritys.fi' }] })),
    );
    const raw = (info.message as Buffer).toString('utf8');
    const parsed = await simpleParser(raw);
    expect(addresses(parsed.cc)).toEqual([{ name: '', address: 'cc@y.fi' }]);
    expect(info.envelope.to).toEqual(['vakio.asiakas@asiakasyritys.fi', 'cc@y.fi', 'arkisto@yritys.fi']);
  });

  it('keeps long lines and trailing spaces of a monospace body intact through quoted-printable', async () => {
    const text = `${'Tuote'.padEnd(40)}Määrä   \n${'x'.repeat(200)}\n.\nFrom the start`;
    const { raw, parsed } = await wire(message({ text }));
    expect(parsed.text).toBe(text);
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
  });
});
