import type { RequestContext } from '../../common/request-context';
import { UserFacingError } from '../../common/user-facing-error';

/**
 * Messages one request may send or store, however many fields (aliases) ask for them: sendMessage,
 * sendMessages, sendSms (one per number), startSend and sendDraft. A month's invoices take a few
 * requests, not one unbounded one.
 */
export const MAX_MESSAGES_PER_REQUEST = 100;

function tooManyMessages(count: number): UserFacingError {
  return new UserFacingError(
    'BAD_USER_INPUT',
    {
      fi: `Yhdessä pyynnössä voi lähettää enintään ${MAX_MESSAGES_PER_REQUEST} viestiä (tämä pyytää ${count}): jaa lista useaan pyyntöön.`,
      en: `At most ${MAX_MESSAGES_PER_REQUEST} messages can be sent in one request (this one asks for ${count}): split the list over several requests.`,
    },
    { reason: 'TOO_MANY_MESSAGES' },
  );
}

/** Counts a field's messages into its request's; refuses the field, before it stores anything, past the cap. */
export function countIntoRequest(ctx: RequestContext, count: number): void {
  const total = ctx.messagesInRequest.count + count;
  if (total > MAX_MESSAGES_PER_REQUEST) throw tooManyMessages(total);
  ctx.messagesInRequest.count = total;
}
