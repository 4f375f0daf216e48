import { z } from 'zod';
import { parseAddressList } from '../addresses/address-list';
import { normalizeHostname } from '../addresses/hostname';

const LINE_BREAK = /[\r\n]/;
/**
 * Characters a one-line value never needs and that change how it is read: C0 controls (TAB allowed),
 * DEL, C1 controls (NEL U+0085 among them) and Unicode's line and paragraph separators. A mail
 * header, a log line or another program may take any of them for a line end.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** Problem params carried on a custom zod issue; `toProblems` turns them into a Problem. */
export function issueParams(problem: string, params: Record<string, string | number> = {}) {
  return { problem, ...params };
}

/** One line of text: CR/LF would let a value break out of a mail header. */
export function singleLine(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      if (LINE_BREAK.test(value)) ctx.addIssue({ code: 'custom', message: 'LINE_BREAK', params: issueParams('LINE_BREAK') });
      else if (CONTROL_CHARACTER.test(value)) ctx.addIssue({ code: 'custom', message: 'CONTROL_CHARACTER', params: issueParams('CONTROL_CHARACTER') });
    });
}

/**
 * Zero or one bare e-mail address (`nimi@yritys.fi`); '' means not set. A display name, `<>` or a
 * separator is refused: these fields are used as the address itself (the sender's name has its own
 * field), so `Matti <m@y.fi>` or `m@y.fi;` would end up inside a header as if it were an address.
 */
export function optionalAddress() {
  return singleLine(320).superRefine((value, ctx) => {
    if (value.trim() === '' || LINE_BREAK.test(value) || CONTROL_CHARACTER.test(value)) return;
    const parsed = parseAddressList(value);
    if (!parsed.ok) {
      for (const error of parsed.errors) ctx.addIssue({ code: 'custom', message: error.code, params: issueParams(error.code, { piece: error.piece }) });
    } else if (parsed.addresses.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'SINGLE_ADDRESS', params: issueParams('SINGLE_ADDRESS') });
    } else if (parsed.addresses[0]?.address !== value.trim()) {
      ctx.addIssue({ code: 'custom', message: 'ADDRESS_ONLY', params: issueParams('ADDRESS_ONLY') });
    }
  });
}

/** Several addresses separated by ; or , (the seed's "Vakio vastaanottaja"); '' means none. */
export function addressListText() {
  return z
    .string()
    .max(4000)
    .superRefine((value, ctx) => {
      if (LINE_BREAK.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'LINE_BREAK', params: issueParams('LINE_BREAK') });
        return;
      }
      const parsed = parseAddressList(value);
      if (!parsed.ok) {
        for (const error of parsed.errors) ctx.addIssue({ code: 'custom', message: error.code, params: issueParams(error.code, { piece: error.piece }) });
      }
    });
}

/**
 * An SMTP host name or IP address; '' (or only blanks, as `hasSmtpHost` sees it) means not set.
 * `problemCode` names what the host is for in the message (an SMTP server, a gateway's domain).
 */
export function hostname(problemCode: 'INVALID_HOST' | 'INVALID_DOMAIN' | 'INVALID_IMAP_HOST' = 'INVALID_HOST') {
  return singleLine(253).superRefine((value, ctx) => {
    if (value.trim() === '' || LINE_BREAK.test(value) || CONTROL_CHARACTER.test(value)) return;
    const ascii = normalizeHostname(value);
    if (ascii === null || (problemCode === 'INVALID_DOMAIN' && !ascii.includes('.'))) ctx.addIssue({ code: 'custom', message: problemCode, params: issueParams(problemCode, { value }) });
  });
}

/**
 * The name the client gives in EHLO; '' means "choose one" (see the API's MAESTRO_EHLO_NAME). A
 * fully qualified name: strict relays (Google's among them) refuse a name without a dot or an
 * address literal with 421.
 */
export function clientHostname() {
  return singleLine(253).superRefine((value, ctx) => {
    if (value.trim() === '' || LINE_BREAK.test(value) || CONTROL_CHARACTER.test(value)) return;
    const ascii = normalizeHostname(value);
    if (ascii === null || !ascii.includes('.') || /^[\d.]+$/.test(ascii) || ascii.includes(':')) {
      ctx.addIssue({ code: 'custom', message: 'INVALID_EHLO_NAME', params: issueParams('INVALID_EHLO_NAME', { value }) });
    }
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day as `YYYY-MM-DD` (what a date picker gives); '' means not set. One line, like every field kept beside a header's. */
export function isoDate() {
  return singleLine(10).superRefine((value, ctx) => {
    // A line break or a long text is already reported (LINE_BREAK, TOO_LONG): one problem per mistake.
    if (value.trim() === '' || LINE_BREAK.test(value) || CONTROL_CHARACTER.test(value) || value.length > 10) return;
    if (!isIsoDate(value.trim())) ctx.addIssue({ code: 'custom', message: 'INVALID_DATE', params: issueParams('INVALID_DATE', { value }) });
  });
}

export function wholeNumber(min: number, max: number) {
  return z.number().superRefine((value, ctx) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: 'INVALID_NUMBER', params: issueParams('INVALID_NUMBER', { min, max }) });
    }
  });
}

export function port() {
  return z.number().superRefine((value, ctx) => {
    if (!Number.isInteger(value) || value < 1 || value > 65535) ctx.addIssue({ code: 'custom', message: 'PORT_RANGE', params: issueParams('PORT_RANGE') });
  });
}

/** Text stored in a TEXT column: MySQL's holds 65,535 bytes of UTF-8, so the limit is in bytes. */
export const MAX_TEXT_BYTES = 65_535;

export function boundedText(maxBytes: number = MAX_TEXT_BYTES) {
  return z.string().superRefine((value, ctx) => {
    // Cheap check first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
    if (value.length * 3 > maxBytes && new TextEncoder().encode(value).length > maxBytes) {
      ctx.addIssue({ code: 'custom', message: 'TOO_MANY_BYTES', params: issueParams('TOO_MANY_BYTES', { max: maxBytes }) });
    }
  });
}
