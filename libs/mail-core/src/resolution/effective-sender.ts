import { parseAddressList, type CompanyMessageSettings, type UserMailSettings } from '@maestro/settings-schema';
import type { Mailbox } from '../types';

/** The one address in a stored e-mail field, or null when it is empty (or, against validation, broken). */
function addressIn(text: string): Mailbox | null {
  if (text.trim() === '') return null;
  const parsed = parseAddressList(text);
  return parsed.ok ? (parsed.addresses[0] ?? null) : null;
}

/**
 * The sender, resolved on the server and locked (the seed: shown greyed so nobody sends in another
 * user's name): the user's e-mail if set, else the company e-mail; the user's sender name if set, else
 * the company's. Null when neither has an address.
 */
export function resolveSender(
  company: Pick<CompanyMessageSettings, 'companyEmail' | 'senderName'>,
  user: Pick<UserMailSettings, 'email' | 'senderName'> | null,
): Mailbox | null {
  const mailbox = addressIn(user?.email ?? '') ?? addressIn(company.companyEmail);
  if (mailbox === null) return null;
  // A display name written into the e-mail field itself is the last resort, after both name fields.
  const name = user?.senderName.trim() || company.senderName.trim() || mailbox.name;
  return { name, address: mailbox.address };
}
