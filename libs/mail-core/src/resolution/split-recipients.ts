import type { Mailbox } from '../types';

export interface RecipientFields {
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
}

/**
 * Cut a message's recipients into parts of at most `max` each, for an account that allows only so
 * many per message (Microsoft 365: 500, Google: 100). Recipients keep their field and their order:
 * To first, then Cc, then Bcc, so the first part looks most like the original.
 */
export function splitRecipients(fields: RecipientFields, max: number): RecipientFields[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive whole number');
  const all: Array<[keyof RecipientFields, Mailbox]> = [
    ...fields.to.map((m) => ['to', m] as [keyof RecipientFields, Mailbox]),
    ...fields.cc.map((m) => ['cc', m] as [keyof RecipientFields, Mailbox]),
    ...fields.bcc.map((m) => ['bcc', m] as [keyof RecipientFields, Mailbox]),
  ];
  if (all.length <= max) return [{ to: [...fields.to], cc: [...fields.cc], bcc: [...fields.bcc] }];
  const parts: RecipientFields[] = [];
  for (let i = 0; i < all.length; i += max) {
    const part: RecipientFields = { to: [], cc: [], bcc: [] };
    for (const [field, mailbox] of all.slice(i, i + max)) part[field].push(mailbox);
    parts.push(part);
  }
  return parts;
}
