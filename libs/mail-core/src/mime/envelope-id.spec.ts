import { dsnRequest, envelopeIdFor, messageIdForEnvelopeId } from './envelope-id';

describe('envelopeIdFor', () => {
  it('is the Message-ID without its angle brackets, and turns back into it', () => {
    const messageId = '<0190f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f@yritys.fi>';
    expect(envelopeIdFor(messageId)).toBe('0190f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f@yritys.fi');
    expect(messageIdForEnvelopeId(envelopeIdFor(messageId) as string)).toBe(messageId);
  });

  it('is left out when it would exceed the 100 characters RFC 3461 allows', () => {
    expect(envelopeIdFor(`<${'a'.repeat(91)}@yritys.fi>`)).toBeNull();
    expect(envelopeIdFor(`<${'a'.repeat(90)}@yritys.fi>`)).toHaveLength(100);
    // "+" and "=" take three characters each once xtext-encoded.
    expect(envelopeIdFor(`<${'+'.repeat(30)}@${'b'.repeat(5)}>`)).toBe(`${'+'.repeat(30)}@bbbbb`);
    expect(envelopeIdFor(`<${'+'.repeat(33)}@${'b'.repeat(5)}>`)).toBeNull();
  });

  it('is left out for an id that is not printable ASCII', () => {
    expect(envelopeIdFor('<id with space@yritys.fi>')).toBeNull();
    expect(envelopeIdFor('<tunnus@pörssi.fi>')).toBeNull();
    expect(envelopeIdFor('<>')).toBeNull();
  });
});

describe('dsnRequest', () => {
  it('asks for failure and delay notices with the headers only', () => {
    expect(dsnRequest('<x@yritys.fi>')).toEqual({ notify: ['FAILURE', 'DELAY'], ret: 'HDRS', envid: 'x@yritys.fi' });
    expect(dsnRequest(`<${'a'.repeat(120)}@yritys.fi>`)).toEqual({ notify: ['FAILURE', 'DELAY'], ret: 'HDRS' });
  });
});
