import type { RequestHandler, Response } from 'express';

/**
 * The Content-Security-Policy of everything the API serves (the add-in, the playground, JSON). Scripts
 * only from the API's own origin: no inline script, no `eval`, no `blob:` or `data:` script, so content
 * that gets into the page (an attachment opened in the origin, a name with markup) cannot run.
 * Styles may be inline: Fluent UI and the playground's editor insert their CSS at run time, and a style
 * cannot read a token. `frame-ancestors` says who may show the add-in in a frame (Outlook on the web
 * embeds an add-in's page): the installation's own origin unless MAESTRO_FRAME_ANCESTORS lists more.
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * What a stored file is served with when it is opened: nothing in it may run, be framed or reach
 * anything, even if a browser were talked into rendering it (`sandbox` gives it an origin of its own).
 */
export const ATTACHMENT_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

export function setAttachmentHeaders(res: Response): void {
  res.setHeader('content-security-policy', ATTACHMENT_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('cache-control', 'private, no-store');
}

/** The headers every response carries. */
export function securityHeaders(frameAncestors: string): RequestHandler {
  const csp = contentSecurityPolicy(frameAncestors);
  const sameOriginOnly = frameAncestors === "'self'";
  return (_req, res, next) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    // Links out of the app (a customer's web address in a message) do not carry the app's URLs along.
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // Older browsers that do not read frame-ancestors: only when it says the same.
    if (sameOriginOnly) res.setHeader('x-frame-options', 'SAMEORIGIN');
    next();
  };
}
