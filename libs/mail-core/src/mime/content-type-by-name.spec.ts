import { contentTypeByName } from './content-type-by-name';

describe('contentTypeByName', () => {
  it('names a file by its extension, whatever its case', () => {
    expect(contentTypeByName('Tilaus.PDF')).toBe('application/pdf');
    expect(contentTypeByName('hinnasto.csv')).toBe('text/csv');
  });

  it('calls a file with no or an unknown extension application/octet-stream', () => {
    expect(contentTypeByName('LUEMINUT')).toBe('application/octet-stream');
    expect(contentTypeByName('data.eioletyyppi')).toBe('application/octet-stream');
  });
});
