import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { SinkClient } from '../sink/sink-client';
import { BODY_2KB, RECIPIENT } from '../api/send-messages';
import { nowMs } from '../stats';

/**
 * The baseline: nodemailer's pooled SMTP transport with 5 connections (what the API's dispatcher uses
 * per account) sending straight to the sink, from the bench process — no GraphQL, no database.
 * Each message has the shape the API sends: text/plain quoted-printable plus a monospace HTML alternative.
 */
export function baselineTransport(sinkPort: number): Mail {
  return nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 5 });
}

const HTML = `<!doctype html><html><body><pre style="font-family: Consolas, 'Courier New', monospace; white-space: pre-wrap">${BODY_2KB.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`;

export function baselineMessage(n: number): Mail.Options {
  return {
    messageId: `<${randomUUID()}@bench-oy.example>`,
    from: { name: 'Bench Oy myynti', address: 'myynti@bench-oy.example' },
    to: RECIPIENT,
    subject: `Tilausvahvistus MT-${n}`,
    text: BODY_2KB,
    html: HTML,
    textEncoding: 'quoted-printable',
  };
}

/** `count` messages handed to the pool at once; seconds until the sink has them all. */
export async function baselineThroughput(sink: SinkClient, transport: Mail, count: number, timeoutMs: number): Promise<number> {
  await sink.reset();
  const started = nowMs();
  const sends = Array.from({ length: count }, (_, n) => transport.sendMail(baselineMessage(n)));
  await Promise.all(sends);
  await sink.waitFor(count, timeoutMs);
  return (nowMs() - started) / 1000;
}

/** One send every 1000/rps ms for `seconds`; each latency is until the sink's 250 reply. */
export async function baselineLatencies(transport: Mail, seconds: number, rps: number): Promise<number[]> {
  const latencies: number[] = [];
  const sends: Array<Promise<void>> = [];
  const total = Math.round(seconds * rps);
  const started = nowMs();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rps;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = nowMs();
    sends.push(transport.sendMail(baselineMessage(n)).then(() => void latencies.push(nowMs() - t0)));
  }
  await Promise.all(sends);
  return latencies;
}
