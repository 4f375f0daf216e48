import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { OutgoingMessage } from '../types';

/** Every envelope address whose local part (before the last @) is not ASCII: these need SMTPUTF8. */
export function nonAsciiLocalParts(message: Pick<OutgoingMessage, 'from' | 'to' | 'cc' | 'bcc'>): string[] {
  const addresses = [message.from, ...message.to, ...message.cc, ...message.bcc].map((m) => m.address);
  // eslint-disable-next-line no-control-regex
  return [...new Set(addresses.filter((address) => /[^\x00-\x7f]/.test(address.slice(0, address.lastIndexOf('@')))))];
}

/**
 * Whether the server lists SMTPUTF8 in its EHLO reply (after STARTTLS when the account asks for it):
 * connect, read the reply, quit. No sign-in and no message. Rejects with nodemailer's error when the
 * connection fails.
 */
export function offersSmtpUtf8(options: ConstructorParameters<typeof SMTPConnection>[0]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const connection = new SMTPConnection(options);
    let settled = false;
    const finish = (err: Error | null, offered = false) => {
      if (settled) return;
      settled = true;
      if (err) {
        connection.close();
        reject(err);
        return;
      }
      connection.quit();
      resolve(offered);
    };
    connection.on('error', (err: Error) => finish(err));
    connection.on('end', () => finish(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' })));
    connection.connect((err) => finish(err ?? null, /[ -]SMTPUTF8\b/im.test(connection.lastServerResponse || '')));
  });
}
