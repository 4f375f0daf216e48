import { graphql, graphqlAnswer } from './http-client';
import { progress } from '../report/progress';
import { sleep } from '../stats';

/** 2 KB of plain text, as an order confirmation body would be (ASCII, so 2,048 bytes exactly). */
export const BODY_2KB = (() => {
  const line = 'Kiitos tilauksestanne. Toimitamme tuotteet sovitusti viikolla 12. Tilausnumero MT-1001.\n';
  return line.repeat(Math.ceil(2048 / line.length)).slice(0, 2048);
})();

export const RECIPIENT = 'matti.virtanen@asiakas.example';

const SEND = `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id status messageId } }`;
const SEND_MANY = `mutation SendMany($inputs: [SendMessageInput!]!) { sendMessages(inputs: $inputs) { id status messageId } }`;

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

/** `inputs` in one sendMessages request; answers the ones it refused (each refused alone), to be sent again. */
async function sendInOneRequest(url: string, token: string, inputs: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const answer = await graphqlAnswer<{ sendMessages: Array<SentMessage | null> | null }>(url, SEND_MANY, { inputs }, token);
  const stored = answer.data?.sendMessages;
  if (!stored) throw new Error(answer.errors?.[0]?.message ?? 'sendMessages answered no data');
  return inputs.filter((_, i) => stored[i] === null);
}

/**
 * `count` messages, `concurrency` of them in flight at a time (like several ERP sessions sending at
 * once); resolves when the API has accepted them all. With `perRequest` 1 each is one sendMessage call;
 * with more, that many go in one sendMessages call (an ERP run), and fewer calls run at once, so that
 * as many messages are in flight. A call answered with an error is retried (up to 5 times), as a client
 * would, and counted: the answer says how many failed.
 */
export async function sendMany(url: string, token: string, count: number, concurrency: number, label: string | null, perRequest = 1): Promise<SendFailures> {
  let next = 0;
  let done = 0;
  const failures: SendFailures = { count: 0, examples: [] };
  const report = label ? progress(label, count, 'accepted') : () => undefined;
  const lanes = Math.max(1, Math.round(concurrency / perRequest));
  const lane = async () => {
    while (next < count) {
      const first = next;
      next = Math.min(count, next + perRequest);
      const inputs = Array.from({ length: next - first }, (_, i) => sendInput(first + i));
      let unsent = inputs;
      for (let attempt = 0; ; attempt++) {
        try {
          if (perRequest === 1) await sendMessage(url, token, inputs[0] as Record<string, unknown>);
          // Only the refused ones again: the others are stored, and have no idempotency key.
          else if ((unsent = await sendInOneRequest(url, token, unsent)).length > 0) throw new Error(`sendMessages refused ${unsent.length} of ${inputs.length}`);
          break;
        } catch (err) {
          failures.count += 1;
          const text = err instanceof Error ? err.message : String(err);
          if (failures.examples.length < 3 && !failures.examples.includes(text)) failures.examples.push(text);
          if (attempt >= RETRIES) throw err;
          await sleep(10);
        }
      }
      done += inputs.length;
      report(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, count) }, lane));
  return failures;
}
