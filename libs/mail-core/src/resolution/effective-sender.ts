import { hasSmtpHost, parseAddressList, type CompanyMessageSettings, type SmtpAccount, type UserMailSettings } from '@maestro/settings-schema';
import type { Mailbox } from '../types';

/** The one address in a stored e-mail field, or null when it is empty (or, against validation, broken). */
function addressIn(text: string): Mailbox | null {
  if (text.trim() === '') return null;
  const parsed = parseAddressList(text);
  return parsed.ok && parsed.addresses.length === 1 ? (parsed.addresses[0] ?? null) : null;
}

/**
 * The mailbox a user's own SMTP account signs in as (the user name, or with OAuth2 the mailbox the
 * token is for) when it is an address: the server checks the login, so mail through the account may
 * say it comes from there. Null without sign-in: then nothing ties the account to any address.
 */
export function accountMailbox(account: Pick<SmtpAccount, 'host' | 'authEnabled' | 'authMethod' | 'username' | 'oauthUser'>): Mailbox | null {
  if (!hasSmtpHost(account) || !account.authEnabled) return null;
  const login = account.authMethod === 'PASSWORD' ? account.username : account.oauthUser.trim() || account.username;
  const mailbox = addressIn(login);
  return mailbox ? { name: '', address: mailbox.address } : null;
}

/**
 * The sender, resolved on the server and locked (the seed: shown greyed so nobody sends in another
 * user's name). In order: the user's e-mail, which only an admin sets (the API hands an address a user
 * typed themselves over only once an admin has confirmed it); else, when the user has an SMTP account
 * of their own, the mailbox it signs in as; else the company e-mail. The name likewise: the user's,
 * else the company's. Null when there is no address at all.
 */
export function resolveSender(
  company: Pick<CompanyMessageSettings, 'companyEmail' | 'senderName'>,
  user: (Pick<UserMailSettings, 'email' | 'senderName'> & { smtp?: UserMailSettings['smtp'] }) | null,
): Mailbox | null {
  const own = user?.smtp ? accountMailbox(user.smtp) : null;
  const mailbox = addressIn(user?.email ?? '') ?? own ?? addressIn(company.companyEmail);
  if (mailbox === null) return null;
  // A display name written into the e-mail field itself is the last resort, after both name fields.
  const name = user?.senderName.trim() || company.senderName.trim() || mailbox.name;
  return { name, address: mailbox.address };
}
