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
 * The settings of the user a message is sent as, and whether an admin set or confirmed the sender
 * address and name in them. Users could type their own address before only admins could: such an
 * address counts only once an admin confirms it.
 */
export type SendingUser = UserMailSettings & { senderConfirmed: boolean };

/**
 * The sender, resolved on the server and locked (the seed: shown greyed so nobody sends in another
 * user's name). In order: the user's e-mail, when an admin set or confirmed it; else, when the user has
 * an SMTP account of their own, the mailbox it signs in as; else the company e-mail. The name likewise:
 * the user's (set or confirmed by an admin), else the company's. Null when there is no address at all.
 * The one place this is decided: every e-mail is resolved through here (resolveEmail).
 */
export function resolveSender(
  company: Pick<CompanyMessageSettings, 'companyEmail' | 'senderName'>,
  user: (Pick<SendingUser, 'email' | 'senderName' | 'senderConfirmed'> & { smtp?: UserMailSettings['smtp'] }) | null,
): Mailbox | null {
  // An address or name the user typed themselves, not (yet) confirmed, is not theirs to send as.
  const confirmed = user?.senderConfirmed === true ? user : null;
  const own = user?.smtp ? accountMailbox(user.smtp) : null;
  const mailbox = addressIn(confirmed?.email ?? '') ?? own ?? addressIn(company.companyEmail);
  if (mailbox === null) return null;
  // A display name written into the e-mail field itself is the last resort, after both name fields.
  const name = confirmed?.senderName.trim() || company.senderName.trim() || mailbox.name;
  return { name, address: mailbox.address };
}
