import { SMTPServer } from 'smtp-server';

/** A healthy server that counts how many messages are in transfer at once (MAIL FROM to the end of DATA). */
export async function startCountingServer(holdMs: number): Promise<{ port: number; received: () => number; maxAtOnce: () => number; close: () => Promise<void> }> {
  let active = 0;
  let maxAtOnce = 0;
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No reverse DNS of the client: there is no resolver here, and each new connection waited for it.
    disableReverseLookup: true,
    logger: false,
    onMailFrom(_address, _session, callback) {
      active++;
      maxAtOnce = Math.max(maxAtOnce, active);
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          active--;
          received++;
          callback();
        }, holdMs),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as { port: number }).port,
    received: () => received,
    maxAtOnce: () => maxAtOnce,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
