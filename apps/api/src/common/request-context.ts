import type { Services } from '../app/services';
import type { RefreshCookie } from '../modules/auth/refresh-cookie';
import type { Caller } from './caller';
import type { UiLanguage } from './language';
import type { Logger } from './logger';

/** The GraphQL context: who calls, in which language, and the services to call. */
export interface RequestContext {
  caller: Caller | null;
  language: UiLanguage;
  requestId: string;
  ip: string;
  log: Logger;
  /** The browser's refresh cookie: set at login, read by refreshSession, cleared at logout. */
  refreshCookie: RefreshCookie;
  services: Services;
  /**
   * Messages this request has asked to send or store so far, over all its fields (an object, so that a
   * copy of the context shares it).
   */
  messagesInRequest: { count: number };
  /** Operations a request may run once only (a password check each): the ones it has run. */
  ranOnce: Set<string>;
}

/** The caller of a resolver that @Authorized has already let through. */
export function callerOf(ctx: RequestContext): NonNullable<RequestContext['caller']> {
  if (!ctx.caller) throw new Error('callerOf used in a resolver without @Authorized');
  return ctx.caller;
}
