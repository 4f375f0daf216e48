import { randomBytes } from 'node:crypto';
import { createBenchCompany, prepareCompany } from '../api/bench-company';
import { sqliteDatabase } from '../api/bench-database';
import { graphql, request } from '../api/http-client';
import { ApiProcess } from '../api/node-process';
import { sendInput, sendMessage } from '../api/send-messages';
import { say } from '../report/progress';
import { MB, percentile, sleep } from '../stats';
import { fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';

/** "One 25 MB attachment": the API's default per-file and per-message limit (MAESTRO_MAX_ATTACHMENT_MB). */
const ATTACHMENT_BYTES = 25 * MB;
const SAMPLE_MS = 20;

async function upload(url: string, token: string, filename: string, content: Buffer): Promise<string> {
  const boundary = `----maestro-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, content, tail]);
  const answer = await request(`${url}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    body,
  });
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`upload of ${filename} failed: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
  const [stored] = JSON.parse(answer.body) as Array<{ id: string }>;
  if (!stored) throw new Error(`upload of ${filename} answered no attachment: ${answer.body.slice(0, 300)}`);
  return stored.id;
}

async function sendUntilSent(url: string, token: string, n: number, attachmentId: string): Promise<void> {
  const sent = await sendMessage(url, token, sendInput(n, { wait: true, attachmentIds: [attachmentId] }));
  let status = sent.status;
  for (let i = 0; i < 600 && status !== 'SENT'; i++) {
    if (status === 'FAILED' || status === 'CANCELLED') throw new Error(`the message with the attachment ended ${status}`);
    await sleep(100);
    status = (await graphql<{ message: { status: string } }>(url, 'query M($id: ID!) { message(id: $id) { status } }', { id: sent.id }, token)).message.status;
  }
  if (status !== 'SENT') throw new Error(`the message with the attachment is still ${status}`);
}

/**
 * Peak RSS of the API process while one 25 MB attachment is uploaded and sent, against its idle RSS
 * (both from /proc/<pid>/status: VmRSS sampled every 20 ms, and VmHWM reset before the upload).
 */
export async function memoryScenario(ctx: ScenarioContext): Promise<ResultRow[]> {
  const { sink } = ctx;
  const scenario = 'memory-sqlite';
  const db = sqliteDatabase();
  let api: ApiProcess | null = null;
  try {
    const company = await createBenchCompany(db.env);
    api = await ApiProcess.start({ env: db.env, label: `api-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    const token = await prepareCompany(api.url, company, sink.port);
    say('memory: warming up (small sends and a small upload), then idle');
    await sink.reset();
    for (let i = 0; i < 5; i++) await sendMessage(api.url, token, sendInput(i, { wait: true }));
    await sendUntilSent(api.url, token, 5, await upload(api.url, token, 'pieni.pdf', randomBytes(64 * 1024)));
    await sink.waitFor(6, 60_000);
    await sleep(3000);
    const idleSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      idleSamples.push(api.memory().rss);
      await sleep(100);
    }
    const idle = percentile(idleSamples, 50);
    say(`  idle RSS ${fmt.mb(idle)}`);

    const content = randomBytes(ATTACHMENT_BYTES);
    await sink.reset();
    api.resetPeak();
    let sampledPeak = 0;
    const proc = api;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, proc.memory().rss);
    }, SAMPLE_MS);
    let peak: number;
    try {
      say(`memory: uploading ${fmt.mb(ATTACHMENT_BYTES)} and sending it (wait: true)`);
      const id = await upload(api.url, token, 'tilausvahvistus-liitteet.pdf', content);
      await sendUntilSent(api.url, token, 1000, id);
      const stats = await sink.waitFor(1, 120_000);
      if (stats.bytes < ATTACHMENT_BYTES) throw new Error(`the sink got ${stats.bytes} bytes, less than the attachment`);
    } finally {
      clearInterval(sampler);
      peak = Math.max(sampledPeak, api.memory().peak);
    }
    const growth = Math.max(0, peak - idle);
    say(`  peak RSS ${fmt.mb(peak)}: growth ${fmt.mb(growth)} = ${fmt.ratio(growth / ATTACHMENT_BYTES)} × the attachment`);
    return [
      {
        benchmark: 'Memory: API idle RSS (SQLite, after warm-up)',
        measured: fmt.mb(idle),
        baseline: '—',
        ratio: '—',
        target: '≤ 150 MB',
        met: idle <= 150 * MB,
        scenario,
      },
      {
        benchmark: 'Memory: peak RSS growth, upload + send of one 25 MB attachment',
        measured: `${fmt.mb(growth)} (peak ${fmt.mb(peak)})`,
        baseline: `attachment: ${fmt.mb(ATTACHMENT_BYTES)}`,
        ratio: `${fmt.ratio(growth / ATTACHMENT_BYTES)}×`,
        target: '≤ 3×',
        met: growth <= 3 * ATTACHMENT_BYTES,
        scenario,
      },
    ];
  } finally {
    await api?.stop();
    await db.drop();
  }
}
