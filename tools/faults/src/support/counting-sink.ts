import { SMTPServer } from 'smtp-server';

/**
 * An SMTP sink that counts Message-IDs, duplicates included. It can hold every message at the end of
 * DATA until `open()` (so a batch can be accepted before anything is answered) and then answer each
 * after `delayMs`, slow enough for a kill to land in the middle of a batch.
 */
export interface CountingSink {
  readonly port: number;
  /** Message-ID (without <>) of every message answered 250, in order, duplicates included. */
  readonly arrivals: readonly string[];
  /** How many distinct Message-IDs were answered 250. */
  readonly distinct: number;
  /** Message-IDs answered 250 more than once, with their counts. */
  duplicates(): Map<string, number>;
  /** Starts answering held and new messages. */
  open(): void;
  close(): Promise<void>;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The Message-ID header of a raw message, without the angle brackets. */
export function messageIdOf(raw: Buffer): string {
  const end = raw.indexOf(HEADER_END);
  const headers = raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:\s*<?([^>\s]+)>?/im.exec(headers)?.[1] ?? '';
}

export interface CountingSinkOptions {
  delayMs?: number;
  held?: boolean;
  /**
   * Runs when a message is complete, before the sink answers 250 (awaited): the moment to cut the
   * database under a dispatcher whose message the server has taken. Gets the arrival's number (1-based).
   */
  beforeAnswer?: (arrival: number, messageId: string) => void | Promise<void>;
}

export async function startCountingSink(options: CountingSinkOptions = {}): Promise<CountingSink> {
  const delayMs = options.delayMs ?? 0;
  let completed = 0;
  const arrivals: string[] = [];
  const distinct = new Set<string>();
  let release: () => void = () => undefined;
  const gate = options.held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    // Pooled clients keep their connections; no early-talker pause needed for a sink.
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        void gate
          .then(() => (delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : undefined))
          .then(() => options.beforeAnswer?.((completed += 1), messageIdOf(Buffer.concat(chunks))))
          .then(() => {
            const id = messageIdOf(Buffer.concat(chunks));
            arrivals.push(id);
            distinct.add(id);
            callback(null, `OK: queued as ${arrivals.length}`);
          });
      });
    },
  });
  // A client killed mid-session resets its connections: that is the point, not a reason to crash.
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  return {
    port,
    get arrivals() {
      return arrivals;
    },
    get distinct() {
      return distinct.size;
    },
    duplicates() {
      const counts = new Map<string, number>();
      for (const id of arrivals) counts.set(id, (counts.get(id) ?? 0) + 1);
      return new Map([...counts].filter(([, n]) => n > 1));
    },
    open: () => release(),
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.close(() => resolve());
        for (const connection of server.connections as Set<{ send(code: number, text: string): void; close(): void }>) {
          connection.send(421, 'Server shutting down');
          connection.close();
        }
      }),
  };
}
