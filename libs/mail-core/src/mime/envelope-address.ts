import addressparser from 'nodemailer/lib/addressparser';
import { formatAddress } from '@maestro/settings-schema';
import type { Mailbox } from '../types';

/**
 * True when nodemailer — the parser that writes the envelope and the headers — reads the address as we
 * store it back as exactly one mailbox with the same address. Whatever another parser accepted, a
 * recipient that would be rewritten on the way out (split at a character it takes for a space or a
 * separator) is refused before it is stored.
 */
export function sendsToSameAddress(mailbox: Mailbox): boolean {
  const parsed = addressparser(formatAddress(mailbox), { flatten: true });
  return parsed.length === 1 && parsed[0]?.address === mailbox.address;
}
