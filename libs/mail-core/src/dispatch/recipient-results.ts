import { domainToASCII } from 'node:url';
import type { ClassifiedError } from './classify-smtp-error';

/** What became of one recipient in one SMTP transaction. */
export type RecipientDelivery = 'ACCEPTED' | 'DEFERRED' | 'REFUSED';

/**
 * One envelope recipient after a transaction: ACCEPTED (250 to RCPT TO and to the data), DEFERRED
 * (refused for now: a 4xx, or a per-transaction limit, see TOO_MANY_RECIPIENTS) or REFUSED (5xx).
 */
export interface RecipientResult {
  /** The address as it was given to the transaction. */
  address: string;
  delivery: RecipientDelivery;
  /** The server's reply about it: the RCPT TO refusal, or for an accepted one the reply to the data. */
  reply: string;
  /** Why it was not accepted. */
  error?: ClassifiedError;
}

/** A refusal of one recipient, as nodemailer's rejectedErrors report it (classified). */
export interface RecipientRefusal {
  address: string;
  error: ClassifiedError;
}

/**
 * The key two spellings of one address share: nodemailer writes the envelope with the domain in
 * punycode (when the local part is ASCII) and may differ in case from what was stored.
 */
function addressKey(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const domain = address.slice(at + 1);
  return `${address.slice(0, at).toLowerCase()}@${(domainToASCII(domain) || domain).toLowerCase()}`;
}

/**
 * Each envelope recipient's result, from what the server answered: the refusals by their address,
 * the accepted ones by theirs. An address nodemailer reported in a spelling that matches none is paired
 * by order with what is left; one left with no answer at all counts as DEFERRED, so it is tried again
 * (at least once, never silently dropped). Pure: the same answers give the same results.
 */
export function settleRecipients(envelope: readonly string[], accepted: readonly string[], refused: readonly RecipientRefusal[], dataReply: string): RecipientResult[] {
  const acceptedLeft = new Map<string, number>();
  for (const a of accepted) acceptedLeft.set(addressKey(a), (acceptedLeft.get(addressKey(a)) ?? 0) + 1);
  const refusedByKey = new Map<string, RecipientRefusal[]>();
  for (const r of refused) refusedByKey.set(addressKey(r.address), [...(refusedByKey.get(addressKey(r.address)) ?? []), r]);

  const results: Array<RecipientResult | null> = envelope.map((address) => {
    const key = addressKey(address);
    const refusal = refusedByKey.get(key)?.shift();
    if (refusal) return fromRefusal(address, refusal);
    const left = acceptedLeft.get(key) ?? 0;
    if (left > 0) {
      acceptedLeft.set(key, left - 1);
      return { address, delivery: 'ACCEPTED', reply: dataReply };
    }
    return null;
  });
  // What matched nothing: pair by order with the answers no address took.
  const unmatchedRefusals = [...refusedByKey.values()].flat();
  let unmatchedAccepted = [...acceptedLeft.values()].reduce((sum, n) => sum + n, 0);
  return results.map((result, i) => {
    if (result) return result;
    const address = envelope[i] as string;
    const refusal = unmatchedRefusals.shift();
    if (refusal) return fromRefusal(address, refusal);
    if (unmatchedAccepted > 0) {
      unmatchedAccepted -= 1;
      return { address, delivery: 'ACCEPTED', reply: dataReply };
    }
    return { address, delivery: 'DEFERRED', reply: '' };
  });
}

function fromRefusal(address: string, refusal: RecipientRefusal): RecipientResult {
  return { address, delivery: refusal.error.permanent ? 'REFUSED' : 'DEFERRED', reply: refusal.error.detail, error: refusal.error };
}
