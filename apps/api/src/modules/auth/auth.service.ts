import { setTimeout as sleep } from 'node:timers/promises';
import { IsNull, type DataSource } from 'typeorm';
import type { Caller } from '../../common/caller';
import { UserFacingError } from '../../common/user-facing-error';
import { ServiceKeyEntity } from '../service-keys/service-key.entity';
import { isServiceKey, parseServiceKey, secretMatches } from '../service-keys/service-key-secret';
import { UserEntity } from '../users/user.entity';
import { AUTH_TEXTS, loginFailed, loginThrottled } from './auth.errors';
import { LoginSlowdown, LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hash';
import type { SessionTokens } from './session-token';

/** How long another process's change to a user or key may take to be seen here. */
export const CALLER_CACHE_MS = 2000;

/** A signed-in user's tokens: the access token for the Authorization header, the refresh token for the cookie. */
export interface SignedIn {
  token: string;
  expiresAt: Date;
  refresh: { token: string; expiresAt: Date };
  user: UserEntity;
}

function claimsOf(user: Pick<UserEntity, 'id' | 'companyId' | 'tokenVersion'>) {
  return { userId: user.id, companyId: user.companyId, tokenVersion: user.tokenVersion };
}

/** Logins, session tokens and service keys: turns an Authorization header into a Caller. */
export class AuthService {
  /** Wrong passwords for one username from one address: refused after 5. */
  private readonly byUserAndAddress = new LoginThrottle(5);
  /** Wrong passwords from one address, any usernames (credential stuffing): refused after 50. */
  private readonly byAddress = new LoginThrottle(50);
  /** Wrong current passwords in a password change (a stolen session guessing): refused after 5. */
  private readonly byPasswordChanger = new LoginThrottle(5);
  /** Everyone's logins together: never refused, only slowed (see LoginSlowdown). */
  private readonly slowdown = new LoginSlowdown();
  /** Compared against when the username does not exist, so both paths take as long. */
  private readonly dummyHash = hashPassword('not-a-real-password');

  constructor(
    private readonly db: DataSource,
    private readonly tokens: SessionTokens,
    /** The refresh tokens of the httpOnly cookie: a new tab of a signed-in browser gets its access token with one. */
    private readonly refreshTokens: SessionTokens,
  ) {}

  async login(username: string, password: string, ip: string): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    const pairKey = [`u:${name}|ip:${ip}`];
    const ipKey = [`ip:${ip}`];
    const waitMs = Math.max(this.byUserAndAddress.admits(pairKey), this.byAddress.admits(ipKey));
    if (waitMs > 0) throw loginThrottled(waitMs);
    this.byUserAndAddress.begin(pairKey);
    this.byAddress.begin(ipKey);
    let signedInAs: UserEntity | null = null;
    try {
      const user = await this.db.getRepository(UserEntity).findOneBy({ username: username.trim() });
      const ok = await this.slowdown.check(async () => (user ? verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await this.dummyHash), false)));
      if (user && ok && user.active) {
        signedInAs = user;
        this.byUserAndAddress.recordSuccess(pairKey);
      } else {
        this.byUserAndAddress.recordFailure(pairKey);
        this.byAddress.recordFailure(ipKey);
      }
    } finally {
      // Judged (or failed on the way): no longer an attempt under way.
      this.byUserAndAddress.end(pairKey);
      this.byAddress.end(ipKey);
    }
    if (!signedInAs) {
      const delay = this.slowdown.failureDelayMs(`u:${name}`);
      if (delay > 0) await sleep(delay);
      throw loginFailed();
    }
    return this.signIn(signedInAs);
  }

  /**
   * Runs a check of a signed-in user's current password (a password change) under its own throttle,
   * so that a stolen session cannot guess the password through it.
   */
  async throttledPasswordCheck<T>(userId: string, run: () => Promise<T>): Promise<T> {
    const key = [`change:${userId}`];
    const waitMs = this.byPasswordChanger.admits(key);
    if (waitMs > 0) throw loginThrottled(waitMs, AUTH_TEXTS.passwordChecksThrottled);
    this.byPasswordChanger.begin(key);
    try {
      const result = await this.slowdown.check(run);
      this.byPasswordChanger.recordSuccess(key);
      return result;
    } catch (err) {
      if (err instanceof UserFacingError && err.extensions.reason === 'CURRENT_PASSWORD_WRONG') this.byPasswordChanger.recordFailure(key);
      throw err;
    } finally {
      this.byPasswordChanger.end(key);
    }
  }

  /** A short-lived access token for the user as they are now (their current token version). */
  issue(user: Pick<UserEntity, 'id' | 'companyId' | 'tokenVersion'>, notAfter?: Date): Promise<{ token: string; expiresAt: Date }> {
    return this.tokens.issue(claimsOf(user), notAfter);
  }

  /**
   * A new access token and refresh token for the user as they are now, as at a login: after a change
   * that raised their token version (their own password change), the tab that made it stays signed in
   * while every earlier token and cookie is ended.
   */
  async signIn(user: UserEntity): Promise<SignedIn> {
    const refresh = await this.refreshTokens.issue(claimsOf(user));
    return { ...(await this.issue(user, refresh.expiresAt)), refresh, user };
  }

  /**
   * A new access token from the refresh cookie (a new tab, or the old token running out). Only while
   * the user is active and has not logged out, changed password or been changed by an admin since
   * (their token version); never beyond the refresh token's own end, which stays that of the login.
   */
  async refresh(refreshToken: string | null): Promise<SignedIn | null> {
    const claims = refreshToken ? await this.refreshTokens.verify(refreshToken) : null;
    if (!claims) return null;
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: claims.userId, companyId: claims.companyId });
    if (!user || !user.active || user.tokenVersion !== claims.tokenVersion) return null;
    return { ...(await this.issue(user, claims.expiresAt)), refresh: { token: refreshToken as string, expiresAt: claims.expiresAt }, user };
  }

  /**
   * Verified callers, kept for a moment: every request would otherwise verify the token and read the
   * user again. Any change to users or keys in this process empties it (forgetCallers); another
   * process's change is seen within CALLER_CACHE_MS.
   */
  private readonly callers = new Map<string, { until: number; caller: Caller | null }>();

  forgetCallers(): void {
    this.callers.clear();
  }

  /** The caller behind a bearer token, or null when there is none or it is not valid. */
  async callerFor(authorization: string | undefined): Promise<Caller | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const now = Date.now();
    const hit = this.callers.get(token);
    if (hit && hit.until > now) return hit.caller;
    const caller = await this.resolveCaller(token);
    if (this.callers.size > 10_000) this.callers.clear();
    // Refusals are not kept: a key or account fixed a moment later should work at once.
    if (caller) this.callers.set(token, { until: now + CALLER_CACHE_MS, caller });
    return caller;
  }

  private async resolveCaller(token: string): Promise<Caller | null> {
    if (isServiceKey(token)) return this.serviceCaller(token);
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    // Role, active flag and token version are read each time, so a demotion, a deactivation, a
    // password change or a logout counts at once.
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: claims.userId, companyId: claims.companyId });
    if (!user || !user.active || user.tokenVersion !== claims.tokenVersion) return null;
    return { kind: 'USER', userId: user.id, companyId: user.companyId, role: user.role, username: user.username };
  }

  private async serviceCaller(token: string): Promise<Caller | null> {
    const parsed = parseServiceKey(token);
    if (!parsed) return null;
    const repo = this.db.getRepository(ServiceKeyEntity);
    const key = await repo.findOneBy({ id: parsed.id, revokedAt: IsNull() });
    if (!key || !secretMatches(parsed.secret, key.secretHash)) return null;
    // lastUsedAt is for the admin's overview; a minute's precision is enough and saves writes.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await repo.update({ id: key.id }, { lastUsedAt: new Date() });
    }
    return { kind: 'SERVICE', serviceKeyId: key.id, companyId: key.companyId, defaultUserId: key.defaultUserId, module: key.module };
  }
}
