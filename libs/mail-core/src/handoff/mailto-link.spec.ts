import type { OutgoingMessage } from '../types';
import { buildMailtoLink, MAILTO_SAFE_LENGTH } from './mailto-link';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'EMAIL',
    messageId: '<id@yritys.fi>',
    from: { name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' },
    to: [
      { name: 'Virtanen, Matti', address: 'a@x.fi' },
      { name: '', address: 'b@y.fi' },
    ],
    cc: [],
    bcc: [],
    subject: 'Tilaus 10023 & kuittaus',
    text: 'Hei,\nTämä on testilähetys.',
    attachments: [],
    ...overrides,
  };
}

describe('buildMailtoLink', () => {
  it('lists the recipients as bare addresses and encodes subject and body per RFC 6068', () => {
    expect(buildMailtoLink(message())).toEqual({
      href: 'mailto:a@x.fi,b@y.fi?subject=Tilaus%2010023%20%26%20kuittaus&body=Hei%2C%0D%0AT%C3%A4m%C3%A4%20on%20testil%C3%A4hetys.',
      tooLong: false,
    });
  });

  it('writes spaces as %20, never +', () => {
    const href = buildMailtoLink(message({ subject: 'a b+c' }))?.href ?? '';
    expect(href).toContain('subject=a%20b%2Bc');
    expect(href).not.toMatch(/subject=[^&]*\+/);
  });

  it('writes every line break in the body as %0D%0A', () => {
    const href = buildMailtoLink(message({ text: 'yksi\nkaksi\r\nkolme\rneljä' }))?.href ?? '';
    expect(href).toContain('body=yksi%0D%0Akaksi%0D%0Akolme%0D%0Anelj%C3%A4');
  });

  it('adds cc and bcc fields', () => {
    const href = buildMailtoLink(message({ cc: [{ name: '', address: 'c@z.fi' }], bcc: [{ name: '', address: 'd@z.fi' }, { name: '', address: 'e@z.fi' }] }))?.href;
    expect(href).toMatch(/^mailto:a@x\.fi,b@y\.fi\?cc=c@z\.fi&bcc=d@z\.fi,e@z\.fi&subject=/);
  });

  it('encodes characters of the local part that would end the address, and writes an IDN domain in punycode', () => {
    const href = buildMailtoLink(message({ to: [{ name: '', address: 'myynti?x&y%z@pörssi.fi' }] }))?.href;
    expect(href).toMatch(/^mailto:myynti%3Fx%26y%25z@xn--prssi-jua\.fi\?/);
  });

  it('has no link when there are attachments: use the .eml draft', () => {
    expect(buildMailtoLink(message({ attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('x') }] }))).toBeNull();
  });

  it('says when the link is too long for mail programs to take', () => {
    const link = buildMailtoLink(message({ text: 'x'.repeat(MAILTO_SAFE_LENGTH) }));
    expect(link?.tooLong).toBe(true);
  });

  it('leaves out empty subject and body', () => {
    expect(buildMailtoLink(message({ subject: '', text: '' }))?.href).toBe('mailto:a@x.fi,b@y.fi');
  });
});
