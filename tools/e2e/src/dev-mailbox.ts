import { createHash } from 'node:crypto';
import { ADMIN_PASSWORD, login } from './api-server';

/** One row of `GET /dev-mailbox?format=json`. */
export interface MailSummary {
  id: string;
  receivedAt: string;
  from: string;
  /** The envelope recipients (RCPT TO), Bcc included. */
  to: string[];
  subject: string;
  messageId: string;
  size: number;
}

const tokens = new Map<string, Promise<string>>();

/** The dev mailbox shows an admin their company's mail: the demo admin's token, logged in once per API. */
async function get(baseUrl: string, path: string): Promise<Response> {
  let token = tokens.get(baseUrl);
  if (!token) {
    token = login(baseUrl, 'admin', ADMIN_PASSWORD);
    tokens.set(baseUrl, token);
  }
  return fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${await token}` } });
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function listMail(baseUrl: string): Promise<MailSummary[]> {
  const response = await get(baseUrl, '/dev-mailbox?format=json');
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

/** The attachments of a received mail, as the dev mailbox serves them. */
export async function mailAttachments(baseUrl: string, id: string): Promise<{ filename: string; sha256: string; size: number }[]> {
  const detail = (await (await get(baseUrl, `/dev-mailbox/${encodeURIComponent(id)}?format=json`)).json()) as { attachments: { index: number }[] };
  return Promise.all(
    detail.attachments.map(async ({ index }) => {
      const response = await get(baseUrl, `/dev-mailbox/${encodeURIComponent(id)}/attachments/${index}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '');
      return { filename, sha256: sha256(bytes), size: bytes.length };
    }),
  );
}

/** The raw message (.eml) as received. */
export async function rawMail(baseUrl: string, id: string): Promise<string> {
  return (await get(baseUrl, `/dev-mailbox/${encodeURIComponent(id)}?format=eml`)).text();
}
