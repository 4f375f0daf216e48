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
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
