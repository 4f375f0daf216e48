import type { LocalizedText } from '@maestro/settings-schema';

/** Marks an error thrown by the access-token provider, so it is told apart from a refused login. */
export const OAUTH_PROVIDER_ERROR = 'EOAUTH2';

/**
 * What an AccessTokenProvider throws when it cannot get a token: `userMessage` tells the admin what
 * to check (it becomes the OAUTH_TOKEN_FAILED message), `message` is the identity provider's own
 * answer for the detail line. Neither ever holds a secret or a token.
 */
export class AccessTokenError extends Error {
  /** nodemailer relabels it EAUTH and keeps this one as `originalCode`. */
  code: string = OAUTH_PROVIDER_ERROR;

  constructor(
    readonly userMessage: LocalizedText,
    detail: string,
    /** A stable name for the cause, e.g. CLIENT_SECRET_INVALID, for logs and tests. */
    readonly reason: string,
  ) {
    super(detail);
    this.name = 'AccessTokenError';
  }
}
