import type { RequestContext } from './request-context';
import { UserFacingError } from './user-facing-error';

/**
 * Refuses a second run of an expensive operation in one request: a password is checked by scrypt in a
 * queue every login shares, and aliases of login or changeMyPassword would fill it for everyone.
 */
export function oncePerRequest(ctx: RequestContext, operation: string): void {
  if (ctx.ranOnce.has(operation)) {
    throw new UserFacingError(
      'BAD_USER_INPUT',
      { fi: `${operation} voidaan kutsua vain kerran pyynnössä: lähetä seuraava omana pyyntönään.`, en: `${operation} can be called once per request: send the next one as a request of its own.` },
      { reason: 'ONCE_PER_REQUEST' },
    );
  }
  ctx.ranOnce.add(operation);
}
