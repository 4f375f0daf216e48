import { countSmsSegments } from './sms-segments';

const gsm = (n: number) => 'a'.repeat(n);
// š is not in the GSM-7 alphabet, so one of it makes the whole text UCS-2.
const ucs = (n: number) => 'š' + 'a'.repeat(n - 1);

describe('countSmsSegments', () => {
  it('fits 160 GSM-7 characters in one message', () => {
    expect(countSmsSegments(gsm(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160, remainingInSegment: 0 });
  });

  it('splits 161 GSM-7 characters into two parts of at most 153', () => {
    expect(countSmsSegments(gsm(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153, remainingInSegment: 145 });
  });

  it('fits 2 × 153 GSM-7 characters in two parts and needs a third for one more', () => {
    expect(countSmsSegments(gsm(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments(gsm(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  });

  it('counts € as two units', () => {
    expect(countSmsSegments('€')).toMatchObject({ encoding: 'GSM-7', units: 2 });
    expect(countSmsSegments(gsm(159) + '€')).toMatchObject({ segments: 2, units: 161 });
  });

  it('counts every extension character and form feed as two units', () => {
    expect(countSmsSegments('^{}\\[~]|€\f')).toMatchObject({ encoding: 'GSM-7', units: 20 });
  });

  it('does not split an extension character across two parts', () => {
    // 152 + € would need units 153–154 of the first part: the € moves whole to the second part.
    expect(countSmsSegments(gsm(152) + '€' + gsm(10))).toEqual({ encoding: 'GSM-7', segments: 2, units: 164, perSegment: 153, remainingInSegment: 141 });
  });

  it('keeps ä, ö and å in GSM-7', () => {
    expect(countSmsSegments('Hyvää päivää, työ on valmis. Åsa')).toMatchObject({ encoding: 'GSM-7', units: 32 });
  });

  it('switches to UCS-2 for š', () => {
    expect(countSmsSegments('Šakki')).toEqual({ encoding: 'UCS-2', segments: 1, units: 5, perSegment: 70, remainingInSegment: 65 });
  });

  it('counts a decomposed ä (a + combining diaeresis) as the GSM-7 ä', () => {
    expect(countSmsSegments('pa\u0308iva\u0308')).toMatchObject({ encoding: 'GSM-7', units: 5 });
  });

  it('fits 70 UCS-2 characters in one message and splits 71 into parts of 67', () => {
    expect(countSmsSegments(ucs(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70, remainingInSegment: 0 });
    expect(countSmsSegments(ucs(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67, remainingInSegment: 63 });
  });

  it('fits 2 × 67 UCS-2 characters in two parts and needs a third for one more', () => {
    expect(countSmsSegments(ucs(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments(ucs(135))).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(countSmsSegments('Kiitos 😀')).toEqual({ encoding: 'UCS-2', segments: 1, units: 9, perSegment: 70, remainingInSegment: 61 });
    expect(countSmsSegments(gsm(68) + '😀')).toMatchObject({ segments: 1, units: 70 });
    expect(countSmsSegments(gsm(69) + '😀')).toMatchObject({ segments: 2, units: 71 });
  });

  it('does not split an emoji across two parts', () => {
    expect(countSmsSegments(ucs(66) + '😀' + gsm(10))).toEqual({ encoding: 'UCS-2', segments: 2, units: 78, perSegment: 67, remainingInSegment: 55 });
  });

  it('counts an empty text as no segments', () => {
    expect(countSmsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0, perSegment: 160, remainingInSegment: 160 });
  });
});
