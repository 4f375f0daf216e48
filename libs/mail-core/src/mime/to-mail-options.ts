import type Mail from 'nodemailer/lib/mailer';
import type { Mailbox, OutgoingMessage } from '../types';
import { monospaceHtml } from './monospace-html';

function toAddress(mailbox: Mailbox): Mail.Address | string {
  return mailbox.name ? { name: mailbox.name, address: mailbox.address } : mailbox.address;
}

/**
 * The nodemailer message for an outgoing e-mail. E-mail gets text/plain plus an HTML alternative
 * showing the same text in a monospace block (the seed: the customer sees it monospaced too);
 * SMS is plain text only.
 */
export function toMailOptions(message: OutgoingMessage): Mail.Options {
  return {
    messageId: message.messageId,
    from: toAddress(message.from),
    to: message.to.map(toAddress),
    cc: message.cc.map(toAddress),
    bcc: message.bcc.map(toAddress),
    subject: message.subject,
    text: message.text,
    html: message.channel === 'EMAIL' ? monospaceHtml(message.text) : undefined,
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: message.headers,
    // Text that needs encoding (non-ASCII, lines over 76) goes quoted-printable, readable in any raw
    // view; plain short ASCII stays 7bit. Bare LFs are turned into CRLF by the SMTP transport (and by
    // the hand-off's own composer option), not here.
    textEncoding: 'quoted-printable',
  };
}
