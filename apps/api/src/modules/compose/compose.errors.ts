import type { Refusal } from '@maestro/mail-core';
import type { LocalizedText } from '@maestro/settings-schema';
import { UserFacingError } from '../../common/user-facing-error';

/** Every sentence the compose module says to a person, in Finnish and English. */
export const COMPOSE_TEXTS = {
  notInAnotherUsersName: () => ({
    fi: 'Viestiä ei voi lähettää toisen käyttäjän nimissä.',
    en: "You cannot send in another user's name.",
  }),
  userInactive: () => ({
    fi: 'Käyttäjä ei ole enää käytössä: valitse toinen käyttäjä tai pyydä pääkäyttäjää ottamaan hänet käyttöön.',
    en: 'The user is no longer active: name another user or ask an administrator to reactivate them.',
  }),
  variableNotText: () => ({ fi: 'Arvon on oltava teksti tai luku.', en: 'The value must be a string or a number.' }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;

/** A resolution refusal of mail-core (its own table, `refusals.ts`) as the API's error: code, reason and the bad pieces. */
export function refusedBy(refusal: Refusal): UserFacingError {
  return new UserFacingError('REFUSED', refusal.message, { reason: refusal.code, extra: refusal.pieces ? { pieces: refusal.pieces } : {} });
}

export function notInAnotherUsersName(): UserFacingError {
  return new UserFacingError('FORBIDDEN', COMPOSE_TEXTS.notInAnotherUsersName());
}

export function userInactive(): UserFacingError {
  return new UserFacingError('REFUSED', COMPOSE_TEXTS.userInactive(), { reason: 'USER_INACTIVE' });
}
