/**
 * The SMTP sink, in its own process so that its work is not charged to the sender being measured:
 * accepts everything, keeps nothing but counts — messages, bytes, and Message-IDs (to find duplicates).
 * Started by sink-client.ts with fork(); talks over the IPC channel.
 */
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { SinkReply, SinkRequest, SinkStats } from './sink-protocol';

const HEADER_END = '\r\n\r\n';
/** A header block longer than this is not looked into further (ours are a few hundred bytes). */
const MAX_HEADER_BYTES = 64 * 1024;
const MESSAGE_ID = /^message-id:[ \t]*(<[^>\r\n]+>)/im;

let openConnections = 0;
let ids = new Set<string>();
let stats: SinkStats = freshStats();
const waiters: Array<{ requestId: number; count: number }> = [];

function freshStats(): SinkStats {
  return { count: 0, distinctIds: 0, duplicates: 0, missingIds: 0, bytes: 0, firstAt: null, lastAt: null, peakConnections: openConnections };
}

function reply(message: SinkReply): void {
  process.send?.(message);
}

function snapshot(): SinkStats {
  return { ...stats, distinctIds: ids.size };
}

function settleWaiters(): void {
  for (let i = waiters.length - 1; i >= 0; i--) {
    const waiter = waiters[i]!;
    if (stats.count >= waiter.count) {
      waiters.splice(i, 1);
      reply({ type: 'stats', requestId: waiter.requestId, stats: snapshot() });
    }
  }
}

function received(messageId: string | null, bytes: number): void {
  const now = Date.now();
  stats.count += 1;
  stats.bytes += bytes;
  stats.firstAt ??= now;
  stats.lastAt = now;
  if (!messageId) stats.missingIds += 1;
  else if (ids.has(messageId)) stats.duplicates += 1;
  else ids.add(messageId);
  if (waiters.length) settleWaiters();
}

function onData(stream: SMTPServerDataStream, _session: unknown, callback: (err?: Error | null) => void): void {
  let header = '';
  let headerDone = false;
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (headerDone) return;
    header += chunk.toString('latin1');
    const end = header.indexOf(HEADER_END);
    if (end >= 0) {
      header = header.slice(0, end);
      headerDone = true;
    } else if (header.length > MAX_HEADER_BYTES) {
      headerDone = true;
    }
  });
  stream.on('end', () => {
    const found = MESSAGE_ID.exec(header);
    received(found?.[1] ?? null, bytes);
    callback();
  });
}

const server = new SMTPServer({
  name: 'maestro-bench-sink',
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  // The bench opens many sessions quickly; no per-client limits, no greeting delay.
  maxClients: 1000,
  onConnect(_session, callback) {
    openConnections += 1;
    stats.peakConnections = Math.max(stats.peakConnections, openConnections);
    callback();
  },
  onClose() {
    openConnections -= 1;
  },
  onData,
});

server.on('error', (err) => {
  console.error(`bench sink: ${err.message}`);
});

process.on('message', (raw: unknown) => {
  const request = raw as SinkRequest;
  switch (request.type) {
    case 'reset':
      ids = new Set();
      stats = freshStats();
      reply({ type: 'stats', requestId: request.requestId, stats: snapshot() });
      break;
    case 'stats':
      reply({ type: 'stats', requestId: request.requestId, stats: snapshot() });
      break;
    case 'wait-for':
      waiters.push({ requestId: request.requestId, count: request.count });
      settleWaiters();
      break;
  }
});

// The bench going away takes the sink with it.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  reply({ type: 'ready', port });
});
