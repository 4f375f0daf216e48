import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { companyMessageSettingsSchema, smsSettingsSchema, userMailSettingsSchema, type UserMailSettings } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { UserFacingError } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { presentSettings } from './settings-presenter';
import type { Loaded, StoredUserSettings } from './settings.service';
import {
  CompanyMessageSettingsInput,
  CompanyMessageSettingsType,
  SmsSettingsInput,
  SmsSettingsType,
  UnconfirmedSender,
  UserMailSettingsInput,
  UserMailSettingsType,
} from './settings.types';

function ownUserId(ctx: RequestContext): string {
  const caller = callerOf(ctx);
  if (caller.kind === 'USER') return caller.userId;
  throw new UserFacingError('FORBIDDEN', { fi: 'Palveluavaimella ei ole omia asetuksia.', en: 'A service key has no settings of its own.' });
}

async function presentUser(ctx: RequestContext, userId: string, loaded: Loaded<UserMailSettings> | StoredUserSettings): Promise<UserMailSettingsType> {
  const { companyId } = callerOf(ctx);
  const stored = 'senderConfirmed' in loaded ? loaded : await ctx.services.settings.storedUserSettings(companyId, userId);
  const { warnings } = await ctx.services.settings.withWarnings('user', stored.record, companyId);
  return { ...presentSettings<UserMailSettingsType>(userMailSettingsSchema, stored.record, warnings, ctx.language), userId, senderConfirmed: stored.senderConfirmed };
}

@Resolver()
export class SettingsResolver {
  @Allow(ACCESS.ADMIN)
  @Query(() => CompanyMessageSettingsType, { description: 'Viestiasetukset – Sähköposti lähetykset.' })
  async companyMessageSettings(@Ctx() ctx: RequestContext): Promise<CompanyMessageSettingsType> {
    const { settings } = ctx.services;
    const { companyId } = callerOf(ctx);
    const loaded = await settings.withWarnings('company', await settings.companySettings(companyId), companyId);
    return presentSettings(companyMessageSettingsSchema, loaded.record, loaded.warnings, ctx.language);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => CompanyMessageSettingsType, { description: 'Saved whole or not at all; every problem is reported at once.' })
  async updateCompanyMessageSettings(@Arg('input') input: CompanyMessageSettingsInput, @Ctx() ctx: RequestContext): Promise<CompanyMessageSettingsType> {
    const loaded = await ctx.services.settings.updateCompanySettings(callerOf(ctx).companyId, input);
    ctx.log.info({ companyId: callerOf(ctx).companyId }, 'company message settings updated');
    return presentSettings(companyMessageSettingsSchema, loaded.record, loaded.warnings, ctx.language);
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => SmsSettingsType, { description: 'Viestiasetukset – Tekstiviesti lähetykset.' })
  async smsSettings(@Ctx() ctx: RequestContext): Promise<SmsSettingsType> {
    const { settings } = ctx.services;
    const { companyId } = callerOf(ctx);
    const loaded = await settings.withWarnings('sms', await settings.smsSettings(companyId), companyId);
    return presentSettings(smsSettingsSchema, loaded.record, loaded.warnings, ctx.language);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => SmsSettingsType)
  async updateSmsSettings(@Arg('input') input: SmsSettingsInput, @Ctx() ctx: RequestContext): Promise<SmsSettingsType> {
    const loaded = await ctx.services.settings.updateSmsSettings(callerOf(ctx).companyId, input);
    ctx.log.info({ companyId: callerOf(ctx).companyId }, 'sms settings updated');
    return presentSettings(smsSettingsSchema, loaded.record, loaded.warnings, ctx.language);
  }

  @Allow(ACCESS.USER)
  @Query(() => UserMailSettingsType, { description: 'Sähköposti määrittely of the logged-in user.' })
  async myMailSettings(@Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const userId = ownUserId(ctx);
    return presentUser(ctx, userId, await ctx.services.settings.storedUserSettings(callerOf(ctx).companyId, userId));
  }

  @Allow(ACCESS.USER)
  @Mutation(() => UserMailSettingsType, {
    description:
      'The logged-in user saves their signature, default recipient and the secrets of their own mailbox. Sender address and name and the SMTP account are set by an admin (updateUserMailSettings): changing them here is refused (ADMIN_ONLY).',
  })
  async updateMyMailSettings(@Arg('input') input: UserMailSettingsInput, @Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const userId = ownUserId(ctx);
    await ctx.services.settings.updateUserSettings(callerOf(ctx).companyId, userId, input, 'SELF');
    return presentUser(ctx, userId, await ctx.services.settings.storedUserSettings(callerOf(ctx).companyId, userId));
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => UserMailSettingsType, { description: "Another user's Sähköposti määrittely (admin)." })
  async userMailSettings(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const { companyId } = callerOf(ctx);
    await ctx.services.users.get(companyId, userId);
    return presentUser(ctx, userId, await ctx.services.settings.storedUserSettings(companyId, userId));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => UserMailSettingsType)
  async updateUserMailSettings(
    @Arg('userId', () => ID) userId: string,
    @Arg('input') input: UserMailSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UserMailSettingsType> {
    const { companyId } = callerOf(ctx);
    await ctx.services.users.get(companyId, userId);
    await ctx.services.settings.updateUserSettings(companyId, userId, input, 'ADMIN');
    return presentUser(ctx, userId, await ctx.services.settings.storedUserSettings(companyId, userId));
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => [UnconfirmedSender], { description: 'Users whose own sender address or name waits for an admin to confirm it (they send as the company until then).' })
  async unconfirmedSenders(@Ctx() ctx: RequestContext): Promise<UnconfirmedSender[]> {
    const { companyId } = callerOf(ctx);
    const [pending, users] = await Promise.all([ctx.services.settings.unconfirmedSenders(companyId), ctx.services.users.list(companyId)]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return pending
      .filter((p) => byId.has(p.userId))
      .map((p) => ({ userId: p.userId, username: byId.get(p.userId)?.username ?? '', email: p.email, senderName: p.senderName }));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => UserMailSettingsType, { description: "Confirm the sender address and name a user set themselves: the user sends as them from now on." })
  async confirmUserSender(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const { companyId } = callerOf(ctx);
    await ctx.services.users.get(companyId, userId);
    const stored = await ctx.services.settings.confirmSender(companyId, userId);
    ctx.log.info({ userId }, 'user sender confirmed');
    return presentUser(ctx, userId, stored);
  }
}
