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
    // Never let a bare LF or a long line reach the wire: quoted-printable for text, base64 for files.
    textEncoding: 'quoted-printable',
  };
}
