import { normalizeHostname } from '@maestro/settings-schema';
import type { Mailbox, OutgoingMessage } from '../types';

/**
 * Beyond about 2000 characters some browsers and mail programs cut a mailto: link or refuse it
 * (Outlook's handler and older Internet Explorer among them); then the UI offers the .eml instead.
 */
export const MAILTO_SAFE_LENGTH = 2000;

export interface MailtoLink {
  href: string;
  /** Longer than MAILTO_SAFE_LENGTH: offer the .eml draft instead of (or beside) the link. */
  tooLong: boolean;
}

/** RFC 6068: percent-encoded UTF-8, a space as %20 (never +); encodeURIComponent leaves only safe characters. */
function encode(value: string): string {
  return encodeURIComponent(value);
}

/** A mailto `to` takes bare addr-specs: the local part encoded, the domain as ASCII (punycode) A-labels. */
function addrSpec(mailbox: Mailbox): string {
  const at = mailbox.address.lastIndexOf('@');
  const local = mailbox.address.slice(0, at);
  const domain = mailbox.address.slice(at + 1);
  return `${encode(local)}@${normalizeHostname(domain) ?? encode(domain)}`;
}

function addressList(list: readonly Mailbox[]): string {
  return list.map(addrSpec).join(',');
}

/**
 * A `mailto:` link for the hand-off when there are no attachments (a link cannot carry files, so null
 * then: use the .eml). `mailto:a@x.fi,b@y.fi?cc=...&bcc=...&subject=...&body=...`; line breaks in the
 * body become %0D%0A as RFC 6068 requires. The sender cannot be named in a link: the user's mail
 * program sends from its own account.
 */
export function buildMailtoLink(message: OutgoingMessage): MailtoLink | null {
  if (message.attachments.length > 0) return null;
  const fields: string[] = [];
  if (message.cc.length > 0) fields.push(`cc=${addressList(message.cc)}`);
  if (message.bcc.length > 0) fields.push(`bcc=${addressList(message.bcc)}`);
  if (message.subject !== '') fields.push(`subject=${encode(message.subject)}`);
  if (message.text !== '') fields.push(`body=${encode(message.text.replace(/\r\n|\r|\n/g, '\r\n'))}`);
  const href = `mailto:${addressList(message.to)}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
  return { href, tooLong: href.length > MAILTO_SAFE_LENGTH };
}
