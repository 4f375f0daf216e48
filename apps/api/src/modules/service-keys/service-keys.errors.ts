import type { LocalizedText } from '@maestro/settings-schema';

export const SERVICE_KEY = { fi: 'Palveluavainta', en: 'The service key' };

/** Every sentence the service-keys module says to a person, in Finnish and English. */
export const SERVICE_KEY_TEXTS = {
  moduleName: () => ({ fi: 'Moduuli: pienet kirjaimet, esim. sales, purchases, service.', en: 'Module: lower-case letters, e.g. sales, purchases, service.' }),
  noSuchUser: () => ({ fi: 'Käyttäjää ei löytynyt tästä yrityksestä.', en: 'No such user in this company.' }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;
