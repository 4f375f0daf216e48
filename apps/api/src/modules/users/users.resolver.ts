import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import { oncePerRequest } from '../../common/once-per-request';
import { callerOf, type RequestContext } from '../../common/request-context';
import { UserFacingError, forbidden } from '../../common/user-facing-error';
import { AUTH_TEXTS, sessionEnded } from '../auth/auth.errors';
import type { SignedIn } from '../auth/auth.service';
import { Allow, Public } from '../../graphql/access';
import { CreateUserInput, Me, Session, UpdateUserInput, User } from './user.types';

function sessionOf(signedIn: SignedIn): Session {
  return Object.assign(new Session(), { token: signedIn.token, expiresAt: signedIn.expiresAt, user: User.from(signedIn.user) });
}

function ownUserId(ctx: RequestContext): string {
  const caller = callerOf(ctx);
  if (caller.kind === 'USER') return caller.userId;
  throw new UserFacingError('FORBIDDEN', AUTH_TEXTS.serviceKeyHasNoPassword());
}

@Resolver()
export class UsersResolver {
  @Public()
  @Mutation(() => Session, {
    description:
      'Log in with a username and password; failed attempts are slowed down. Answers a short-lived access token; a browser also gets an httpOnly refresh cookie (refreshSession).',
  })
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<Session> {
    oncePerRequest(ctx, 'login');
    const signedIn = await ctx.services.auth.login(username, password, ctx.ip);
    ctx.refreshCookie.set(signedIn.refresh.token, signedIn.refresh.expiresAt);
    return sessionOf(signedIn);
  }

  @Public()
  @Mutation(() => Session, {
    description:
      "A new access token from the browser's refresh cookie: a new tab of a signed-in browser, or a token running out. UNAUTHENTICATED (SESSION_ENDED) without a valid cookie, after logout, a password change or deactivation.",
  })
  async refreshSession(@Ctx() ctx: RequestContext): Promise<Session> {
    const signedIn = await ctx.services.auth.refresh(ctx.refreshCookie.read());
    if (!signedIn) {
      ctx.refreshCookie.clear();
      throw sessionEnded();
    }
    return sessionOf(signedIn);
  }

  @Allow(ACCESS.USER)
  @Mutation(() => Boolean, { description: 'Log out: every session of the caller ends, on every device, and this browser forgets its refresh cookie.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    const caller = callerOf(ctx);
    if (caller.kind !== 'USER') throw new UserFacingError('FORBIDDEN', AUTH_TEXTS.serviceKeyHasNoSession());
    await ctx.services.users.endSessions(caller.companyId, caller.userId);
    ctx.refreshCookie.clear();
    return true;
  }

  @Allow(ACCESS.USER)
  @Mutation(() => Session, {
    description:
      'Change your own login password (the current one first). Every earlier session ends; the answer is a new session for this one (and a browser a new refresh cookie).',
  })
  async changeMyPassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword', { description: 'At least 12 characters, not a common password.' }) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Session> {
    oncePerRequest(ctx, 'changeMyPassword');
    const { companyId } = callerOf(ctx);
    const userId = ownUserId(ctx);
    const user = await ctx.services.auth.throttledPasswordCheck(userId, () => ctx.services.users.changeOwnPassword(companyId, userId, currentPassword, newPassword));
    ctx.log.info({ userId }, 'password changed, earlier sessions ended');
    // The new token version ends this browser's refresh cookie too: it gets a new one, or the tab
    // would be signed out when its access token runs out (refreshSession would refuse the old cookie).
    const signedIn = await ctx.services.auth.signIn(user);
    ctx.refreshCookie.set(signedIn.refresh.token, signedIn.refresh.expiresAt);
    return sessionOf(signedIn);
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => Me)
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const caller = callerOf(ctx);
    return Object.assign(new Me(), {
      companyId: caller.companyId,
      serviceKeyModule: caller.kind === 'SERVICE' ? caller.module : null,
      userId: caller.kind === 'USER' ? caller.userId : caller.defaultUserId,
    });
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => [User])
  async users(@Ctx() ctx: RequestContext): Promise<User[]> {
    return (await ctx.services.users.list(callerOf(ctx).companyId)).map(User.from);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => User)
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<User> {
    return User.from(await ctx.services.users.create(callerOf(ctx).companyId, input));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => User)
  async updateUser(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateUserInput, @Ctx() ctx: RequestContext): Promise<User> {
    const caller = callerOf(ctx);
    // An admin cannot lock themselves out: their own role and active flag stay.
    if (caller.kind === 'USER' && caller.userId === id && (input.role === 'USER' || input.active === false)) throw forbidden();
    return User.from(await ctx.services.users.update(caller.companyId, id, input));
  }
}

/**
 * The parts of `me` that need the database, read only when asked for: a client that asks who it is
 * (`me { companyId }`, or a module's keep-alive `me { __typename }`) costs no query.
 */
@Resolver(() => Me)
export class MeResolver {
  @FieldResolver()
  async companyName(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.services.companies.get(me.companyId))?.name ?? '';
  }

  @FieldResolver()
  async user(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<User | null> {
    return me.userId ? User.from(await ctx.services.users.get(me.companyId, me.userId)) : null;
  }

  @FieldResolver()
  async smsMaxSegments(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.services.settings.smsSettings(me.companyId)).maxSegments;
  }
}
