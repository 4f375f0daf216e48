import { UserFacingError } from '../../common/user-facing-error';

export const MESSAGE = { fi: 'Viestiä', en: 'The message' };

export function idempotencyConflict(): UserFacingError {
  return new UserFacingError(
    'CONFLICT',
    {
      fi: 'Sama idempotencyKey on jo käytetty toisenlaiselle viestille: käytä uutta avainta jokaiselle eri viestille.',
      en: 'This idempotencyKey was already used for a different message: use a new key for each distinct message.',
    },
    { reason: 'IDEMPOTENCY_KEY_REUSED' },
  );
}

export function notInStatus(action: 'retry' | 'cancel', status: string): UserFacingError {
  const texts = {
    retry: {
      fi: `Viestiä ei voi lähettää uudelleen tilassa ${status}: uudelleenlähetys on mahdollinen vain epäonnistuneelle tai odottavalle viestille.`,
      en: `A message in status ${status} cannot be retried: only failed or waiting messages can.`,
    },
    cancel: {
      fi: `Viestiä ei voi enää perua (tila ${status}): peruminen onnistuu vain ennen lähetyksen alkua.`,
      en: `The message can no longer be cancelled (status ${status}): only before sending starts.`,
    },
  };
  return new UserFacingError('CONFLICT', texts[action], { reason: action === 'retry' ? 'NOT_RETRYABLE' : 'NOT_CANCELLABLE' });
}

export function attachmentsNotAllowed(): UserFacingError {
  return new UserFacingError(
    'BAD_USER_INPUT',
    { fi: 'Tämä ohjelma ei lähetä liitteitä: poista liitteet.', en: 'This program does not send attachments: remove them.' },
    { reason: 'ATTACHMENTS_NOT_ALLOWED', fields: [{ field: 'attachmentIds', code: 'ATTACHMENTS_NOT_ALLOWED', message: { fi: 'Tämä ohjelma ei lähetä liitteitä.', en: 'This program does not send attachments.' } }] },
  );
}
