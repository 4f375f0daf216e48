import { createHash } from 'node:crypto';

/** One row of `GET /dev-mailbox?format=json`. */
export interface MailSummary {
  id: string;
  receivedAt: string;
  from: string;
  /** The envelope recipients (RCPT TO), Bcc included. */
  to: string[];
  subject: string;
  size: number;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function listMail(baseUrl: string): Promise<MailSummary[]> {
  const response = await fetch(`${baseUrl}/dev-mailbox?format=json`);
  if (!response.ok) throw new Error(`GET /dev-mailbox answered ${response.status}`);
  return (await response.json()) as MailSummary[];
}

/** Waits until the dev mailbox has received a mail that matches. */
export async function waitForMail(baseUrl: string, matches: (mail: MailSummary) => boolean, timeoutMs = 20_000): Promise<MailSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMail(baseUrl)).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('The dev mailbox received no matching mail in time.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The attachments of a received mail, as the dev mailbox's own links serve them. */
export async function mailAttachments(baseUrl: string, id: string): Promise<{ filename: string; sha256: string; size: number }[]> {
  const html = await (await fetch(`${baseUrl}/dev-mailbox/${encodeURIComponent(id)}`)).text();
  const links = [...html.matchAll(/href="(\/dev-mailbox\/[^"]+\/attachments\/\d+)"/g)].map((m) => m[1] as string);
  return Promise.all(
    links.map(async (link) => {
      const response = await fetch(`${baseUrl}${link}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '');
      return { filename, sha256: sha256(bytes), size: bytes.length };
    }),
  );
}

/** The raw message (.eml) as received. */
export async function rawMail(baseUrl: string, id: string): Promise<string> {
  return (await fetch(`${baseUrl}/dev-mailbox/${encodeURIComponent(id)}?format=eml`)).text();
}
