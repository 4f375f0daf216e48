import { createServer, type Socket } from 'node:net';

/** A server that accepts TCP and never says a word: a dead relay, a firewall that swallows packets. */
export interface RunningTarpit {
  readonly port: number;
  /** Connections accepted since it started. */
  readonly connectionCount: number;
  /** Connections open right now (their clients have not given up yet). */
  readonly openConnections: number;
  /** The most connections that were open at once. */
  readonly peakConnections: number;
  /** Cuts every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * For tests of "one account's server never answers": every connection is accepted and kept open, and
 * nothing is ever written, so an SMTP client waits for a greeting until its own timeout.
 */
export async function startTarpit(): Promise<RunningTarpit> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let peak = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  return {
    port,
    get connectionCount() {
      return connections;
    },
    get openConnections() {
      return sockets.size;
    },
    get peakConnections() {
      return peak;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
