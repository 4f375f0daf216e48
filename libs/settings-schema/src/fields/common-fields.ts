import { z } from 'zod';
import { parseAddressList } from '../addresses/address-list';
import { normalizeHostname } from '../addresses/hostname';

const LINE_BREAK = /[\r\n]/;

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
    });
}

/** Zero or one e-mail address; '' means not set. */
export function optionalAddress() {
  return singleLine(320).superRefine((value, ctx) => {
    if (value.trim() === '' || LINE_BREAK.test(value)) return;
    const parsed = parseAddressList(value);
    if (!parsed.ok) {
      for (const error of parsed.errors) ctx.addIssue({ code: 'custom', message: 'INVALID_ADDRESS', params: issueParams('INVALID_ADDRESS', { piece: error.piece }) });
    } else if (parsed.addresses.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'SINGLE_ADDRESS', params: issueParams('SINGLE_ADDRESS') });
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
        for (const error of parsed.errors) ctx.addIssue({ code: 'custom', message: 'INVALID_ADDRESS', params: issueParams('INVALID_ADDRESS', { piece: error.piece }) });
      }
    });
}

/** An SMTP host name or IP address; '' means not set. */
export function hostname() {
  return singleLine(253).superRefine((value, ctx) => {
    if (value === '' || LINE_BREAK.test(value)) return;
    if (normalizeHostname(value) === null) ctx.addIssue({ code: 'custom', message: 'INVALID_HOST', params: issueParams('INVALID_HOST', { value }) });
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
