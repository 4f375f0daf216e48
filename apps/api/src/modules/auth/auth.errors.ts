import type { LocalizedText } from '@maestro/settings-schema';
import { UserFacingError } from '../../common/user-facing-error';

/** Every sentence the auth module says to a person, in Finnish and English. */
export const AUTH_TEXTS = {
  sessionEnded: () => ({
    fi: 'Istuntoa ei ole tai se on päättynyt (uloskirjautuminen, salasanan vaihto tai vanhentuminen): kirjaudu sisään.',
    en: 'There is no session, or it has ended (logout, a password change or its time ran out): log in.',
  }),
  serviceKeyHasNoSession: () => ({ fi: 'Palveluavaimella ei ole istuntoa, josta kirjautua ulos.', en: 'A service key has no session to log out of.' }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;

export function sessionEnded(): UserFacingError {
  return new UserFacingError('UNAUTHENTICATED', AUTH_TEXTS.sessionEnded(), { reason: 'SESSION_ENDED' });
}
