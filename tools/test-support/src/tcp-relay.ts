import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A loopback port that forwards to another, and can be taken down and brought back on the same port. */
export interface RunningTcpRelay {
  readonly host: string;
  readonly port: number;
  /** Stops listening and cuts every open connection: the server behind it looks down (connection refused). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * For tests of "the server was down and came back": a TCP relay in front of a real server (Dovecot,
 * an SMTP server), transparent to TLS, whose port stays the same across `down()` and `up()` — so
 * stored settings keep pointing at it, as they would at a real host that restarts.
 */
export async function startTcpRelay(targetPort: number, targetHost = '127.0.0.1'): Promise<RunningTcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection({ host: targetHost, port: targetPort });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!s) resolve();
      else s.close(() => resolve());
    });
  await listen();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    down: stop,
    up: () => (server ? Promise.resolve() : listen()),
    close: stop,
  };
}
