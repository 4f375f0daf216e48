import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../types';
import { toMailOptions } from '../mime/to-mail-options';

/**
 * Headers the sending program must choose itself. A draft carrying a Message-ID would reuse it every
 * time the .eml is opened and sent again (receivers then drop the second as a duplicate), and a Date
 * would show when the draft was made, not when it was sent.
 */
const LEFT_TO_THE_MAIL_PROGRAM = new Set(['message-id', 'date']);

/** Drops whole header fields (continuation lines included) from the message's own header block. */
function withoutRootHeaders(raw: Buffer, names: ReadonlySet<string>): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return raw;
  // The header block is 7-bit: nodemailer encodes every non-ASCII header value as an encoded word.
  const fields: string[] = [];
  for (const line of raw.subarray(0, end).toString('latin1').split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += `\r\n${line}`;
    else fields.push(line);
  }
  const kept = fields.filter((field) => !names.has(field.slice(0, field.indexOf(':')).trim().toLowerCase()));
  return Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), raw.subarray(end)]);
}

/**
 * The hand-off when SMTP sending is off ("SMTP sähköpostilähetys: Ei"): an .eml the user opens in their
 * own mail program. `X-Unsent: 1` makes Outlook open it as an unsent message in a compose window,
 * ready to edit and send; a program that ignores the header (Thunderbird shows the file as a message)
 * still offers "Edit as New Message" from it. Attachments are included. Bcc is kept in the
 * header, since the user's program sends it and takes the recipients from there. From stays as a hint:
 * Outlook sends from the matching account, or from the default one when none matches.
 */
export async function buildEmlDraft(message: OutgoingMessage): Promise<Buffer> {
  const options = toMailOptions({ ...message, headers: { ...message.headers, 'X-Unsent': '1' } });
  // A file has no SMTP transport to turn the body's bare LFs into CRLF: ask the composer for CRLF.
  const root = new MailComposer({ ...options, newline: 'windows' }).compile();
  root.keepBcc = true;
  return withoutRootHeaders(await root.build(), LEFT_TO_THE_MAIL_PROGRAM);
}
