import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../types';
import { toMailOptions } from './to-mail-options';

/**
 * The copy of a sent message for the sender's own Sent folder: the message as it went out, rebuilt
 * from the stored message with the same Message-ID and the Date it was sent with (`sentAt`: give the
 * `date` the dispatch used), plus a Bcc header listing the Bcc recipients, as a mail program's own
 * Sent copy shows them (only the sender sees this copy). CRLF line ends, as IMAP APPEND wants.
 * Attachments are read again: give a message whose attachment streams are fresh.
 */
export async function buildSentCopy(message: OutgoingMessage, sentAt: Date): Promise<Buffer> {
  const options = toMailOptions({ ...message, date: sentAt });
  const root = new MailComposer({ ...options, newline: 'windows' }).compile();
  root.keepBcc = true;
  return root.build();
}
