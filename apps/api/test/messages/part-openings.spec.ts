import { PartOpenings } from '../../src/modules/attachments/part-openings';

const BOUNDARY = 'vikaraja-1234';
const part = (disposition: string, content: string) => `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n${content}\r\n`;
const body = Buffer.from(
  `esipuhe, jonka lukija ohittaa\r\n${part('form-data; name="file"; filename="a.txt"', `ei rajaa: --${BOUNDARY} keskellä riviä`)}${part('form-data; name="file"; filename="b\\"', '')}${part('form-data; name="file"; filename="c.txt"', 'x')}--${BOUNDARY}--\r\n`,
);

const countIn = (chunks: Buffer[]) => {
  const openings = new PartOpenings(BOUNDARY);
  for (const chunk of chunks) openings.push(chunk);
  return openings.count;
};

describe('counting the parts a multipart body opens', () => {
  it('counts every part, also one whose header cannot be read, and not the closing boundary', () => {
    expect(countIn([body])).toBe(3);
  });

  it('counts the same wherever the body is cut into two chunks', () => {
    for (let cut = 0; cut <= body.length; cut++) expect([cut, countIn([body.subarray(0, cut), body.subarray(cut)])]).toEqual([cut, 3]);
  });

  it('counts the same when the body arrives a byte at a time', () => {
    expect(countIn([...body].map((byte) => Buffer.from([byte])))).toBe(3);
  });

  it('counts a part that opens the body without a preamble', () => {
    expect(countIn([Buffer.from(`${part('form-data; name="file"; filename="a.txt"', 'x')}--${BOUNDARY}--\r\n`)])).toBe(1);
  });
});
