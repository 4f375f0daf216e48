import type { LocalizedText, Problem } from '@maestro/settings-schema';
import { UserFacingError } from '../../common/user-facing-error';

export const MESSAGE = { fi: 'Viestiä', en: 'The message' };
export const DRAFT = { fi: 'Luonnosta', en: 'The draft' };

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Every sentence the messages module says to a person, in Finnish and English. */
export const MESSAGE_TEXTS = {
  idempotencyKeyReused: () => ({
    fi: 'Sama idempotencyKey on jo käytetty toisenlaiselle viestille: käytä uutta avainta jokaiselle eri viestille.',
    en: 'This idempotencyKey was already used for a different message: use a new key for each distinct message.',
  }),
  notRetryable: (status: string) => ({
    fi: `Viestiä ei voi lähettää uudelleen tilassa ${status}: uudelleenlähetys on mahdollinen vain epäonnistuneelle tai odottavalle viestille.`,
    en: `A message in status ${status} cannot be retried: only failed or waiting messages can.`,
  }),
  notCancellable: (status: string) => ({
    fi: `Viestiä ei voi enää perua (tila ${status}): peruminen onnistuu vain ennen lähetyksen alkua.`,
    en: `The message can no longer be cancelled (status ${status}): only before sending starts.`,
  }),
  attachmentsNotAllowed: () => ({ fi: 'Tämä ohjelma ei lähetä liitteitä: poista liitteet.', en: 'This program does not send attachments: remove them.' }),
  attachmentsNotAllowedField: () => ({ fi: 'Tämä ohjelma ei lähetä liitteitä.', en: 'This program does not send attachments.' }),
  attachmentNotFound: (id: string) => ({ fi: `Liitettä ${id} ei löytynyt: lataa se uudelleen.`, en: `Attachment ${id} was not found: upload it again.` }),
  attachmentsTooLarge: (limitBytes: number) => ({
    fi: `Liitteet ovat yhteensä yli ${mb(limitBytes)} Mt: jaa ne useampaan viestiin.`,
    en: `The attachments add up to more than ${mb(limitBytes)} MB: split them over several messages.`,
  }),
  scheduledTooFar: () => ({ fi: 'Ajastettu lähetys voi olla enintään vuoden päässä.', en: 'A scheduled send can be at most a year ahead.' }),
  recipientListTooLong: () => ({
    fi: 'Vastaanottajaluettelo on liian pitkä: jaa vastaanottajat useampaan viestiin.',
    en: 'The recipient list is too long: split the recipients over several messages.',
  }),
  tooManyRecipientsForAccount: (count: number, max: number) => ({
    fi: `Viestissä on ${count} vastaanottajaa, mutta lähetystili sallii enintään ${max} viestiä kohden: jaa vastaanottajat useampaan viestiin.`,
    en: `The message has ${count} recipients, but the sending account allows at most ${max} per message: split the recipients over several messages.`,
  }),
  invalidCursor: () => ({
    fi: 'Sivutuksen kohta (after) on virheellinen: käytä edellisen sivun endCursor-arvoa.',
    en: 'The page cursor (after) is not valid: use the previous page’s endCursor.',
  }),
  recipientWouldBeRewritten: (address: string) => ({
    fi: `Vastaanottajan osoitteessa "${address}" on merkki, jonka vuoksi viesti menisi toiseen osoitteeseen: kirjoita osoite uudelleen.`,
    en: `The recipient address "${address}" holds a character that would send the message to another address: type the address again.`,
  }),
  searchTooLong: (max: number) => ({
    fi: `Hakuteksti on liian pitkä: enintään ${max} merkkiä.`,
    en: `The search text is too long: at most ${max} characters.`,
  }),
  smsHasNoDraft: () => ({ fi: 'Tekstiviestistä ei tehdä sähköpostiluonnosta.', en: 'A text message has no e-mail draft.' }),
  draftNeedsUser: () => ({
    fi: 'Luonnos kuuluu aina käyttäjälle: anna onBehalfOfUserId tai määritä palveluavaimelle oletuskäyttäjä Ylläpidossa.',
    en: 'A draft always belongs to a person: give onBehalfOfUserId, or set a default user for the service key under Administration.',
  }),
  draftExpired: () => ({
    fi: 'Luonnos on vanhentunut eikä sitä voi enää lähettää: avaa viesti uudelleen ohjelmasta.',
    en: 'The draft has expired and can no longer be sent: open the message again from the program.',
  }),
  draftNotOpen: () => ({
    fi: 'Luonnos on jo lähetetty tai hylätty: katso Lähtevät tai Lähetetyt.',
    en: 'The draft was already sent or discarded: look in Outbox or Sent.',
  }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;

/** A field problem with one of the module's own sentences. */
export function fieldProblem(path: string, code: Problem['code'], message: LocalizedText): Problem {
  return { path, code, message };
}

export function idempotencyConflict(): UserFacingError {
  return new UserFacingError('CONFLICT', MESSAGE_TEXTS.idempotencyKeyReused(), { reason: 'IDEMPOTENCY_KEY_REUSED' });
}

export function notInStatus(action: 'retry' | 'cancel', status: string): UserFacingError {
  return action === 'retry'
    ? new UserFacingError('CONFLICT', MESSAGE_TEXTS.notRetryable(status), { reason: 'NOT_RETRYABLE' })
    : new UserFacingError('CONFLICT', MESSAGE_TEXTS.notCancellable(status), { reason: 'NOT_CANCELLABLE' });
}

export function attachmentsNotAllowed(): UserFacingError {
  return new UserFacingError('BAD_USER_INPUT', MESSAGE_TEXTS.attachmentsNotAllowed(), {
    reason: 'ATTACHMENTS_NOT_ALLOWED',
    fields: [{ field: 'attachmentIds', code: 'ATTACHMENTS_NOT_ALLOWED', message: MESSAGE_TEXTS.attachmentsNotAllowedField() }],
  });
}

export function draftNeedsUser(): UserFacingError {
  return new UserFacingError('REFUSED', MESSAGE_TEXTS.draftNeedsUser(), { reason: 'DRAFT_NEEDS_USER' });
}

export function draftExpired(): UserFacingError {
  return new UserFacingError('NOT_FOUND', MESSAGE_TEXTS.draftExpired(), { reason: 'DRAFT_EXPIRED' });
}

export function draftNotOpen(): UserFacingError {
  return new UserFacingError('CONFLICT', MESSAGE_TEXTS.draftNotOpen(), { reason: 'DRAFT_NOT_OPEN' });
}

export function invalidCursor(): UserFacingError {
  return new UserFacingError('BAD_USER_INPUT', MESSAGE_TEXTS.invalidCursor());
}
