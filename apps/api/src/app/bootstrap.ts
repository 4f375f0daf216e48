import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import { createLogger, type Logger } from '../common/logger';
import { databaseOptions, openDatabase } from '../db/data-source';
import type { OutboxDispatcher } from '../modules/messages/dispatch/outbox-dispatcher';
import { SecretBox } from '../modules/secrets/secret-box';
import { loadOrCreateKeyFile } from '../modules/secrets/secret-key-file';
import { buildApp, type BuildOptions, type BuiltApp } from './build-app';
import { createServices, type ServiceDeps, type Services } from './services';

export interface Runtime {
  config: AppConfig;
  db: DataSource;
  services: Services;
  built: BuiltApp;
  log: Logger;
}

export function secretBoxFor(config: AppConfig): SecretBox {
  const current = config.secretKey ? Buffer.from(config.secretKey, 'base64') : loadOrCreateKeyFile(config.dataDir);
  return new SecretBox(current, config.previousSecretKeys.map((key) => Buffer.from(key, 'base64')));
}

/**
 * Open the database (migrating it) and build the services and the HTTP app; listen separately.
 * `deps` carries what the caller wires in itself, such as the OAuth2 access-token provider.
 */
export async function bootstrap(
  config: AppConfig,
  log: Logger = createLogger(config.logLevel),
  options: BuildOptions = {},
  deps: Pick<ServiceDeps, 'accessTokenProvider' | 'clientName' | 'dnsResolver'> = {},
): Promise<Runtime> {
  const box = secretBoxFor(config);
  const db = await openDatabase(config.database, databaseOptions(config, log));
  const services = createServices({ db, box, config, log, ...deps });
  const built = await buildApp(services, options);
  return { config, db, services, built, log };
}

export async function listen(runtime: Runtime, port = runtime.config.port, host = runtime.config.host): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = runtime.built.app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  // A client that sends headers slowly cannot hold a socket forever.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` };
}

export async function shutdown(runtime: Runtime, server?: Server, dispatcher?: OutboxDispatcher): Promise<void> {
  if (server) {
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await dispatcher?.stop();
  await runtime.services.smtp.close();
  await runtime.built.apollo.stop();
  if (runtime.db.isInitialized) await runtime.db.destroy();
}
