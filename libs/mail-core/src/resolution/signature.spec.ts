import { appendSignature, signatureText } from './signature';

const SEED_SIGNATURE = ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''];

describe('signature', () => {
  it("appends the user's signature lines after a blank line", () => {
    expect(appendSignature('Hei,\nTämä on testilähetys.', SEED_SIGNATURE)).toBe('Hei,\nTämä on testilähetys.\n\nOma Nimi\nTestikatu 10\n00120 TESTILÄ\n010-12345678');
  });

  it('drops the empty lines at the start and the end of the signature', () => {
    expect(signatureText(SEED_SIGNATURE)).toBe('Oma Nimi\nTestikatu 10\n00120 TESTILÄ\n010-12345678');
  });

  it('keeps an empty line between signature lines, as the user laid it out', () => {
    expect(signatureText(['Oma Nimi', '', '010-12345678', '   ', ''])).toBe('Oma Nimi\n\n010-12345678');
  });

  it("drops the body's own trailing blank lines so exactly one blank line separates the signature", () => {
    expect(appendSignature('Terveisin,\n\n\n  \n', ['Oma Nimi'])).toBe('Terveisin,\n\nOma Nimi');
  });

  it('leaves the body unchanged when the user has no signature', () => {
    expect(appendSignature('Hei,\n', ['', '  ', '', '', '', '', '', ''])).toBe('Hei,\n');
    expect(appendSignature('Hei,\n', [])).toBe('Hei,\n');
  });
});
