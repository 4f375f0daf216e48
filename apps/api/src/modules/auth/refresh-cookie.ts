import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/** The cookie holding a signed-in browser's refresh token. */
export const REFRESH_COOKIE = 'maestro_refresh';

/**
 * The refresh token of a browser, in an httpOnly cookie: page scripts cannot read it, so a script that
 * got in cannot carry the session off. SameSite=Lax: another site's page never sends it along with a
 * POST; Secure whenever the request came over HTTPS (directly or through a trusted proxy); sent to
 * /graphql only. It is read by `refreshSession` alone — every other request is authorized by its Bearer
 * token — and a refresh still needs the JSON body or `apollo-require-preflight` header the API requires
 * of every request (Apollo's CSRF prevention), which a cross-site form cannot send.
 */
export interface RefreshCookie {
  read(): string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export function refreshCookieOf(req: Request, res: Response): RefreshCookie {
  const options: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/graphql' };
  return {
    read: () => parse(req.header('cookie') ?? '')[REFRESH_COOKIE] || null,
    set: (token, expiresAt) => {
      res.cookie(REFRESH_COOKIE, token, { ...options, expires: expiresAt });
    },
    clear: () => {
      res.clearCookie(REFRESH_COOKIE, options);
    },
  };
}
