import { sniffContentType } from '../../src/modules/attachments/sniff-content-type';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b8a7b1d80000000049454e44ae426082', 'hex');

describe('the type of an upload comes from its bytes', () => {
  it('recognises a real PDF and lets it open in the browser', async () => {
    await expect(sniffContentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'Tilaus.pdf')).resolves.toEqual({ contentType: 'application/pdf', inline: true });
  });

  it('recognises a PNG whatever it is called', async () => {
    await expect(sniffContentType(PNG, 'kuva.txt')).resolves.toEqual({ contentType: 'image/png', inline: true });
  });

  it.each([
    ['Tilaus.html', '<html><script>fetch("/graphql")</script></html>', 'text/html'],
    ['kuva.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'],
    ['sivu.xhtml', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></html>', 'application/xml'],
  ])('never lets %s open in the browser', async (name, content, type) => {
    const sniffed = await sniffContentType(Buffer.from(content), name);
    expect(sniffed.inline).toBe(false);
    expect(sniffed.contentType).toBe(type);
  });

  it('does not believe a name: an HTML page called .pdf is not inline', async () => {
    await expect(sniffContentType(Buffer.from('<html><script>x()</script></html>'), 'Tilaus.pdf')).resolves.toEqual({ contentType: 'application/pdf', inline: false });
  });

  it('keeps CSV as CSV for the recipient, as a download', async () => {
    await expect(sniffContentType(Buffer.from('tuote;hinta\nÄes;10\n'), 'hinnasto.csv')).resolves.toEqual({ contentType: 'text/csv', inline: false });
  });

  it('shows plain text as plain text', async () => {
    await expect(sniffContentType(Buffer.from('Hei, <b>tämä</b> on tekstiä.'), 'muistio.txt')).resolves.toEqual({ contentType: 'text/plain', inline: true });
  });

  it('sends unknown bytes by their name, as a download', async () => {
    await expect(sniffContentType(Buffer.from([0x00, 0x01, 0x02, 0xff]), 'data.bin')).resolves.toEqual({ contentType: 'application/octet-stream', inline: false });
  });
});
