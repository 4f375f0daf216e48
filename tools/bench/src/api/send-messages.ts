import { graphql } from './http-client';
import { progress } from '../report/progress';
import { sleep } from '../stats';

/** 2 KB of plain text, as an order confirmation body would be (ASCII, so 2,048 bytes exactly). */
export const BODY_2KB = (() => {
  const line = 'Kiitos tilauksestanne. Toimitamme tuotteet sovitusti viikolla 12. Tilausnumero MT-1001.\n';
  return line.repeat(Math.ceil(2048 / line.length)).slice(0, 2048);
})();

export const RECIPIENT = 'matti.virtanen@asiakas.example';

const SEND = `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id status messageId } }`;

export interface SentMessage {
  id: string;
  status: string;
  messageId: string;
}

export function sendInput(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { source: 'SALES_ORDER', documentRef: `MT-${n}`, to: [RECIPIENT], subject: `Tilausvahvistus MT-${n}`, body: BODY_2KB, ...extra };
}

export async function sendMessage(url: string, token: string, input: Record<string, unknown>): Promise<SentMessage> {
  const data = await graphql<{ sendMessage: SentMessage }>(url, SEND, { input }, token);
  return data.sendMessage;
}

/** What sendMany saw go wrong: calls answered with an error, and retried. */
export interface SendFailures {
  count: number;
  /** The first few distinct error messages. */
  examples: string[];
}

const RETRIES = 5;

/**
 * `count` sendMessage calls, `concurrency` at a time (like several ERP sessions sending at once);
 * resolves when the API has accepted them all. A call answered with an error is retried (up to 5
 * times), as a client would, and counted: the answer says how many failed.
 */
export async function sendMany(url: string, token: string, count: number, concurrency: number, label: string | null): Promise<SendFailures> {
  let next = 0;
  let done = 0;
  const failures: SendFailures = { count: 0, examples: [] };
  const report = label ? progress(label, count, 'accepted') : () => undefined;
  const lane = async () => {
    while (next < count) {
      const n = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          await sendMessage(url, token, sendInput(n));
          break;
        } catch (err) {
          failures.count += 1;
          const text = err instanceof Error ? err.message : String(err);
          if (failures.examples.length < 3 && !failures.examples.includes(text)) failures.examples.push(text);
          if (attempt >= RETRIES) throw err;
          await sleep(10);
        }
      }
      done += 1;
      report(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return failures;
}
