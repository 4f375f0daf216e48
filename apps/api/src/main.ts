import 'reflect-metadata';
import type { RunningSmtpServer } from '@maestro/dev-mailbox';
import { createAccessTokenProvider } from '@maestro/mail-core';
import { bootstrap, listen, shutdown } from './app/bootstrap';
import type { Services } from './app/services';
import { webDistDir } from './app/build-app';
import { createLogger } from './common/logger';
import { loadConfig } from './config/env';
import { machineFqdn } from './config/machine-fqdn';
import { devMailboxRoutes } from './dev-mailbox/dev-mailbox-routes';
import { seedDemo } from './seed/demo-seed';

/** Wiring only: read the environment once, open the database, build the server, listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);

  let devMailbox: RunningSmtpServer | null = null;
  if (config.devMailbox.enabled) {
    // Loaded only when wanted: production (dev mailbox off) does not carry the SMTP server and parser.
    const { startSmtpServer } = await import('@maestro/dev-mailbox');
    devMailbox = await startSmtpServer({ port: config.devMailbox.port, host: '127.0.0.1', maxMessages: 500, name: 'maestro-dev-mailbox' });
  }
  const mailbox = devMailbox;
  const extraRoutes = mailbox ? [(services: Services) => devMailboxRoutes(mailbox, services)] : [];
  const runtime = await bootstrap(config, log, { extraRoutes }, {
    accessTokenProvider: createAccessTokenProvider(),
    clientName: config.ehloName ?? (await machineFqdn()),
  });
  const seeded = config.seedDemo ? await seedDemo(runtime.services, { adminPassword: config.adminPassword, devMailboxPort: config.devMailbox.port }) : null;
  // Generated passwords are printed for the embedded first look, or when the demo was asked for by
  // name: a production database (MySQL) that seeds by default would print them into a service's log.
  const showPasswords = config.database.kind === 'sqlite' || config.seedDemoAsked;
  const dispatcher = config.dispatcherEnabled ? runtime.services.createDispatcher() : null;
  dispatcher?.start();
  const { server, url } = await listen(runtime);

  const lines = [
    '',
    `Maestro Messaging is running at ${url}`,
    `  web add-in        ${webDistDir() ? `${url}/` : 'not built: npm run build -w @maestro/web'}`,
    `  GraphQL API       ${url}/graphql   (open it in a browser for the playground)`,
    `  health            ${url}/healthz, ${url}/readyz`,
  ];
  if (devMailbox) lines.push(`  dev mailbox       smtp://127.0.0.1:${devMailbox.port}, messages at ${url}/dev-mailbox (admins)`);
  else if (config.database.kind === 'sqlite') lines.push('  dev mailbox       off: it runs only on a loopback HOST and not with MAESTRO_HOSTED');
  lines.push(`  database          ${config.database.kind === 'sqlite' ? config.database.file : 'MySQL (DATABASE_URL)'}`);
  lines.push(`  dispatcher        ${dispatcher ? `in this process (${dispatcher.workerId})` : 'off here: run `npm run worker`'}`);
  if (seeded) {
    const generated = (password: string) => (showPasswords ? `${password}   (generated: shown only now)` : '(generated, not printed: MAESTRO_SEED_DEMO was not asked for)');
    lines.push('', `Created the demo company "Demo Oy" (${seeded.companyId}).`);
    lines.push(`  admin user   ${seeded.admin.username} / ${seeded.admin.generated ? generated(seeded.admin.password) : '(MAESTRO_ADMIN_PASSWORD)'}`);
    lines.push(`  normal user  ${seeded.user.username} / ${generated(seeded.user.password)}`);
  }
  // Printed, not logged: the generated passwords must not end up in a log collector.
  process.stdout.write(lines.join('\n') + '\n\n');
  log.info({ url }, 'listening');

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await shutdown(runtime, server, dispatcher ?? undefined);
    await devMailbox?.close();
    process.exit(0);
  };
  // A shutdown that fails (the database away while the last outcomes are written) still ends the process.
  const stopOrExit = (signal: string) => stop(signal).catch((err: unknown) => {
    log.error({ err }, 'the API did not stop cleanly');
    process.exit(1);
  });
  process.once('SIGINT', () => void stopOrExit('SIGINT'));
  process.once('SIGTERM', () => void stopOrExit('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
