import type { LocalizedText } from '@maestro/settings-schema';
import { UserFacingError } from '../../common/user-facing-error';

/** Every sentence the connection test says to a person, in Finnish and English. */
export const CONNECTION_TEST_TEXTS = {
  userIdRequired: () => ({ fi: 'Anna käyttäjä, jonka tiliä testataan.', en: 'Give the user whose account to test.' }),
  savedAccountOnly: () => ({
    fi: 'Voit testata vain tallennetun oman tilisi: palvelimen, portin ja muut tiedot asettaa pääkäyttäjä. Jätä muutokset (changes) pois.',
    en: 'You can test only your own saved account: an administrator sets the server, port and the rest. Leave out the changes.',
  }),
  tooManyTests: (seconds: number) => ({
    fi: `Liian monta yhteystestiä peräkkäin: yritä uudelleen ${seconds} sekunnin kuluttua.`,
    en: `Too many connection tests in a row: try again in ${seconds} seconds.`,
  }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;

export function savedAccountOnly(): UserFacingError {
  return new UserFacingError('FORBIDDEN', CONNECTION_TEST_TEXTS.savedAccountOnly(), { reason: 'SAVED_ACCOUNT_ONLY' });
}

export function tooManyTests(waitMs: number): UserFacingError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new UserFacingError('LOGIN_THROTTLED', CONNECTION_TEST_TEXTS.tooManyTests(seconds), { reason: 'TOO_MANY_CONNECTION_TESTS', extra: { retryAfterSeconds: seconds } });
}
