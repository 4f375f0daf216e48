import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Mailbox, OutgoingMessage } from '../types';
import { dsnRequest } from './envelope-id';
import { monospaceHtml } from './monospace-html';

function toAddress(mailbox: Mailbox): Mail.Address | string {
  return mailbox.name ? { name: mailbox.name, address: mailbox.address } : mailbox.address;
}

/**
 * The nodemailer message for an outgoing e-mail. E-mail gets text/plain plus an HTML alternative
 * showing the same text in a monospace block (the seed: the customer sees it monospaced too);
 * SMS is plain text only. The SMTP transport asks for delivery status notifications (RFC 3461) when the
 * server offers DSN; a file or a Sent copy built from these options ignores that part.
 */
export function toMailOptions(message: OutgoingMessage): SMTPTransport.MailOptions {
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
    ...(message.date ? { date: message.date } : {}),
    // A follow-up goes to the deferred recipients only; the headers stay those of the first transaction.
    ...(message.envelopeTo ? { envelope: { from: message.from.address, to: [...message.envelopeTo] } } : {}),
    // Delivery status notifications where the server offers DSN (nodemailer asks only then): failures
    // and delays, with the headers only, and an envelope id that names the message (see envelope-id.ts).
    dsn: dsnRequest(message.messageId),
    // Text that needs encoding (non-ASCII, lines over 76) goes quoted-printable, readable in any raw
    // view; plain short ASCII stays 7bit. Bare LFs are turned into CRLF by the SMTP transport (and by
    // the hand-off's own composer option), not here.
    textEncoding: 'quoted-printable',
  };
}
