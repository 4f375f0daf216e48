import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * How a text travels as SMS. `units` are GSM-7 septets (an extension character such as € takes two)
 * or UCS-2 code units (an emoji outside the BMP takes two). `perSegment` is 160/70 for a single
 * message and 153/67 once it is split (the rest of each part is the concatenation header);
 * `remainingInSegment` is what still fits in the last part.
 */
export interface SmsSegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  units: number;
  perSegment: number;
  remainingInSegment: number;
}

const PER_SEGMENT = {
  'GSM-7': { single: 160, multi: 153, bitsPerUnit: 7 },
  'UCS-2': { single: 70, multi: 67, bitsPerUnit: 16 },
} as const;

/**
 * Twilio's sms-segments-calculator does the encoding and splitting (it keeps a two-unit extension
 * character and a surrogate pair whole within one part); it is plain JavaScript, so it runs in the
 * browser's live counter and in mail-core's refusal alike. Text is counted in Unicode NFC: a
 * decomposed "ä" (a + combining diaeresis, as some Mac programs paste it) would otherwise force UCS-2,
 * so whoever sends the text should send its NFC form too. An empty text is 0 segments: nothing to send.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const message = new SegmentedMessage(text.normalize('NFC'));
  const encoding = message.encodingName;
  const { single, multi, bitsPerUnit } = PER_SEGMENT[encoding];
  const unitsPerSegment = message.segments.map((segment) => segment.messageSizeInBits() / bitsPerUnit);
  const units = unitsPerSegment.reduce((sum, n) => sum + n, 0);
  if (units === 0) return { encoding, segments: 0, units: 0, perSegment: single, remainingInSegment: single };
  const segments = unitsPerSegment.length;
  const perSegment = segments > 1 ? multi : single;
  return { encoding, segments, units, perSegment, remainingInSegment: perSegment - (unitsPerSegment[segments - 1] ?? 0) };
}
