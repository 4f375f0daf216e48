import { validateComposeMessage } from '../validation/record-validators';

const valid = { to: ['"Virtanen, Matti" <matti@yritys.fi>; b@y.fi'], cc: [], bcc: [], subject: 'Tilausvahvistus 1001', body: 'Hei,\nliitteenä.' };

describe('the compose message rules', () => {
  it('accept a pasted list of recipients, a subject and a body', () => {
    expect(validateComposeMessage(valid).ok).toBe(true);
  });

  it('ask for at least one recipient in To, Cc or Bcc', () => {
    const result = validateComposeMessage({ ...valid, to: [' ; '] });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['to', 'NO_RECIPIENTS']]);
  });

  it('accept a message with only a Bcc recipient', () => {
    expect(validateComposeMessage({ ...valid, to: [], bcc: ['piilo@yritys.fi'] }).ok).toBe(true);
  });

  it('name the entry and the piece of every invalid address', () => {
    const result = validateComposeMessage({ ...valid, to: ['a@x.fi', 'huono@'], cc: ['ei osoite'] });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([
      ['to.1', 'INVALID_ADDRESS'],
      ['cc.0', 'INVALID_ADDRESS'],
    ]);
  });

  it('refuse more than 1000 recipients in one message', () => {
    const entries = Array.from({ length: 334 }, (_, i) => `a${i}@x.fi; b${i}@x.fi; c${i}@x.fi`);
    const result = validateComposeMessage({ ...valid, to: entries });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['to', 'TOO_MANY']]);
  });

  it('refuse a line break in the subject', () => {
    const result = validateComposeMessage({ ...valid, subject: 'Tilaus\r\nBcc: evil@x.com' });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['LINE_BREAK']);
  });

  it('refuse a body over 65,535 bytes of UTF-8 even when it has fewer characters', () => {
    const result = validateComposeMessage({ ...valid, body: 'ä'.repeat(40_000) });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['body', 'TOO_MANY_BYTES']]);
  });
});
