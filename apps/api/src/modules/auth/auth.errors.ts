import type { LocalizedText } from '@maestro/settings-schema';
import { UserFacingError } from '../../common/user-facing-error';

/** Every sentence the auth module says to a person, in Finnish and English. */
export const AUTH_TEXTS = {
  loginFailed: () => ({ fi: 'Käyttäjätunnus tai salasana on väärin.', en: 'The username or password is wrong.' }),
  loginThrottled: (seconds: number) => ({
    fi: `Liian monta epäonnistunutta kirjautumista tästä osoitteesta. Yritä uudelleen ${seconds} sekunnin kuluttua.`,
    en: `Too many failed logins from this address. Try again in ${seconds} seconds.`,
  }),
  currentPasswordWrong: () => ({
    fi: 'Nykyinen salasana on väärin: kirjoita nykyinen salasanasi, sitten uusi.',
    en: 'The current password is wrong: type your current password, then the new one.',
  }),
  passwordChecksThrottled: (seconds: number) => ({
    fi: `Liian monta väärää nykyistä salasanaa. Yritä uudelleen ${seconds} sekunnin kuluttua.`,
    en: `Too many wrong current passwords. Try again in ${seconds} seconds.`,
  }),
  samePassword: () => ({ fi: 'Uusi salasana on sama kuin nykyinen: valitse toinen.', en: 'The new password is the same as the current one: choose another.' }),
  serviceKeyHasNoPassword: () => ({ fi: 'Palveluavaimella ei ole salasanaa eikä istuntoa.', en: 'A service key has no password and no session.' }),
  sessionEnded: () => ({
    fi: 'Istuntoa ei ole tai se on päättynyt (uloskirjautuminen, salasanan vaihto tai vanhentuminen): kirjaudu sisään.',
    en: 'There is no session, or it has ended (logout, a password change or its time ran out): log in.',
  }),
  serviceKeyHasNoSession: () => ({ fi: 'Palveluavaimella ei ole istuntoa, josta kirjautua ulos.', en: 'A service key has no session to log out of.' }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;

export function loginFailed(): UserFacingError {
  return new UserFacingError('LOGIN_FAILED', AUTH_TEXTS.loginFailed());
}

export function loginThrottled(waitMs: number, text: (seconds: number) => LocalizedText = AUTH_TEXTS.loginThrottled): UserFacingError {
  const seconds = Math.ceil(waitMs / 1000);
  return new UserFacingError('LOGIN_THROTTLED', text(seconds), { extra: { retryAfterSeconds: seconds } });
}

export function sessionEnded(): UserFacingError {
  return new UserFacingError('UNAUTHENTICATED', AUTH_TEXTS.sessionEnded(), { reason: 'SESSION_ENDED' });
}
