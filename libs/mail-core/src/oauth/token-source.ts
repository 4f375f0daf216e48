import type { SmtpAccount } from '@maestro/settings-schema';

/** A token as a source hands it over: the bearer string and how long it is valid from now. */
export interface FetchedToken {
  accessToken: string;
  lifetimeMs: number;
}

/** Gets a fresh token from the identity provider, or throws an AccessTokenError. Never caches. */
export type TokenSource = (account: SmtpAccount) => Promise<FetchedToken>;
