import { createServer, type Socket } from 'node:net';

/**
 * A bare SMTP server on a plain socket that never starts TLS (STARTTLS is answered 454, and advertised
 * only when asked to) but offers AUTH, and writes down every byte a client sends. It says yes to
 * everything else, so a client willing to go on in clear would: whatever reaches `transcript`
 * travelled unencrypted.
 */
export interface PlainSmtpRecorder {
  readonly port: number;
  /** Every byte clients sent, as text. */
  readonly transcript: string;
  /** The command lines clients sent (outside DATA), e.g. ['EHLO host', 'QUIT']. */
  readonly commands: string[];
  readonly connections: number;
  close(): Promise<void>;
}

export async function startPlainSmtpRecorder(options: { advertiseStarttls?: boolean } = {}): Promise<PlainSmtpRecorder> {
  let transcript = '';
  const commands: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    socket.write('220 plain.localhost ESMTP no TLS here\r\n');
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      transcript += text;
      buffer += text;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 Ok: queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        commands.push(line);
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        if (verb === 'EHLO') socket.write(`250-plain.localhost\r\n${options.advertiseStarttls ? '250-STARTTLS\r\n' : ''}250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n`);
        else if (verb === 'HELO') socket.write('250 plain.localhost\r\n');
        else if (verb === 'AUTH') socket.write('235 2.7.0 Authentication successful\r\n');
        else if (verb === 'STARTTLS') socket.write('454 4.7.0 TLS not available\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 Bye\r\n');
          return;
        } else socket.write('250 2.0.0 Ok\r\n');
      }
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    port,
    get transcript() {
      return transcript;
    },
    commands,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
