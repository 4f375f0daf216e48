import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import type { Logger } from '../common/logger';
import { AuthService } from '../modules/auth/auth.service';
import { SessionTokens } from '../modules/auth/session-token';
import { CompaniesService } from '../modules/companies/companies.service';
import type { SecretBox } from '../modules/secrets/secret-box';
import { SendPoliciesService } from '../modules/send-policies/send-policies.service';
import { ServiceKeysService } from '../modules/service-keys/service-keys.service';
import { SettingsService } from '../modules/settings/settings.service';
import { StandardTextsService } from '../modules/standard-texts/standard-texts.service';
import { UsersService } from '../modules/users/users.service';
import { ComposeService } from '../modules/compose/compose.service';

/** Everything the resolvers use, built once per process from its dependencies (tests build their own). */
export function createServices(deps: { db: DataSource; box: SecretBox; config: AppConfig; log: Logger }) {
  const { db, box, config } = deps;
  const settings = new SettingsService(db, box, { hosted: config.hosted });
  const sendPolicies = new SendPoliciesService(db);
  const standardTexts = new StandardTextsService(db);
  const users = new UsersService(db);
  return {
    ...deps,
    auth: new AuthService(db, new SessionTokens(box.deriveKey('session-token'))),
    companies: new CompaniesService(db),
    users,
    serviceKeys: new ServiceKeysService(db),
    settings,
    sendPolicies,
    standardTexts,
    compose: new ComposeService(settings, sendPolicies, standardTexts, users),
  };
}

export type Services = ReturnType<typeof createServices>;
