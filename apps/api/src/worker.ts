import 'reflect-metadata';
import { createAccessTokenProvider } from '@maestro/mail-core';
import { createServices } from './app/services';
import { secretBoxFor } from './app/bootstrap';
import { createLogger } from './common/logger';
import { loadConfig } from './config/env';
import { machineFqdn } from './config/machine-fqdn';
import { databaseOptions, openDatabase } from './db/data-source';

/**
 * `npm run worker`: a dispatcher without HTTP. Run several beside the API on one MySQL database; each
 * claims messages with SKIP LOCKED and a lease, so none is sent twice and a dead worker's claims are
 * taken over. On SQLite keep to the one dispatcher inside the API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel).child({ role: 'worker' });
  const db = await openDatabase(config.database, databaseOptions(config, log));
  const services = createServices({ db, box: secretBoxFor(config), config, log, accessTokenProvider: createAccessTokenProvider(), clientName: config.ehloName ?? (await machineFqdn()) });
  const dispatcher = services.createDispatcher();
  dispatcher.start();
  log.info({ workerId: dispatcher.workerId }, 'worker started');
  const stop = async (signal: string) => {
    log.info({ signal }, 'worker stopping');
    await dispatcher.stop();
    await services.smtp.close();
    await db.destroy();
    process.exit(0);
  };
  // A shutdown that fails (the database away while the last outcomes are written) still ends the process.
  const stopOrExit = (signal: string) => stop(signal).catch((err: unknown) => {
    log.error({ err }, 'the worker did not stop cleanly');
    process.exit(1);
  });
  process.once('SIGINT', () => void stopOrExit('SIGINT'));
  process.once('SIGTERM', () => void stopOrExit('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
