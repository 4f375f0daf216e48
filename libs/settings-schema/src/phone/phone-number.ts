// The `max` metadata: only it both validates every number type (a Helsinki landline as well as a
// mobile) and tells a mobile number from a landline, which an SMS recipient needs. `min` cannot tell
// the type at all, and `mobile` alone rejects landlines; the two together are larger than `max`.
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import { problem, type Problem } from '../validation/problem';

export type { CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string; mobile: boolean | null } | { ok: false; problem: Problem };

/**
 * What people write in a phone number: digits, spaces (also no-break), + - ( ) . /.
 * Letters are refused on purpose: the parser would read `040-ABC` as a vanity number.
 */
const PHONE_CHARACTERS = /^\+?[\d\s\-()./]+$/u;

/** Types that can certainly not receive a text message. FIXED_LINE_OR_MOBILE, VOIP and the like stay unknown (null). */
const NOT_MOBILE_TYPES: ReadonlySet<NonNullable<NumberType>> = new Set([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'VOICEMAIL',
]);

function mobileness(type: NumberType): boolean | null {
  if (type === 'MOBILE') return true;
  if (type !== undefined && NOT_MOBILE_TYPES.has(type)) return false;
  return null;
}

/**
 * A phone number in any usual Finnish or international form (`040 123 4567`, `+358 40 1234567`,
 * `00358401234567`, `(09) 123 4567`, `+46 70 123 45 67`) as E.164 (`+358401234567`), with whether it
 * is a mobile number (null when the numbering plan does not say). Problems carry an empty path: the
 * caller knows the field.
 */
export function normalizePhoneNumber(text: string, defaultCountry: CountryCode = 'FI'): PhoneResult {
  const piece = text.trim();
  if (piece === '') return { ok: false, problem: problem('', 'REQUIRED') };
  if (!PHONE_CHARACTERS.test(piece)) return { ok: false, problem: problem('', 'INVALID_PHONE', { piece }) };
  const parsed = parsePhoneNumberFromString(piece, { defaultCountry });
  if (parsed === undefined || !parsed.isValid()) return { ok: false, problem: problem('', 'INVALID_PHONE', { piece }) };
  return { ok: true, e164: parsed.number, mobile: mobileness(parsed.getType()) };
}

/**
 * The national form of an E.164 number as digits only, with the trunk prefix (`+358401234567` →
 * `0401234567`), as some SMS gateways want it; null when the number is not valid.
 */
export function nationalDigits(e164: string): string | null {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed && parsed.isValid() ? parsed.formatNational().replace(/\D/g, '') : null;
}

/**
 * The SMS recipients field: numbers separated by `;`, `,` or line breaks, each normalized to E.164,
 * duplicates dropped. Every bad number is reported at once; a number that is certainly not a mobile
 * number (a landline, a service number) is refused with NOT_MOBILE, since a text message cannot reach it.
 * Empty text gives an empty list: whether a recipient is required is the caller's rule.
 */
export function parsePhoneList(text: string): { ok: true; numbers: string[] } | { ok: false; problems: Problem[] } {
  const numbers: string[] = [];
  const problems: Problem[] = [];
  for (const raw of text.split(/[;,\r\n]/)) {
    const piece = raw.trim();
    if (piece === '') continue;
    const result = normalizePhoneNumber(piece);
    if (!result.ok) problems.push(result.problem);
    else if (result.mobile === false) problems.push(problem('', 'NOT_MOBILE', { piece }));
    else if (!numbers.includes(result.e164)) numbers.push(result.e164);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, numbers };
}
