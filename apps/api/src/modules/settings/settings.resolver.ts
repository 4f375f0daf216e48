import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { companyMessageSettingsSchema, smsSettingsSchema, userMailSettingsSchema, type UserMailSettings } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { UserFacingError } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { presentSettings } from './settings-presenter';
import type { Loaded } from './settings.service';
import {
  CompanyMessageSettingsInput,
  CompanyMessageSettingsType,
  SmsSettingsInput,
  SmsSettingsType,
  UserMailSettingsInput,
  UserMailSettingsType,
} from './settings.types';

function ownUserId(ctx: RequestContext): string {
  const caller = callerOf(ctx);
  if (caller.kind === 'USER') return caller.userId;
  throw new UserFacingError('FORBIDDEN', { fi: 'Palveluavaimella ei ole omia asetuksia.', en: 'A service key has no settings of its own.' });
}

function presentUser(ctx: RequestContext, userId: string, loaded: Loaded<UserMailSettings>): UserMailSettingsType {
  return { ...presentSettings<UserMailSettingsType>(userMailSettingsSchema, loaded.record, loaded.warnings, ctx.language), userId };
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
    const { settings } = ctx.services;
    const { companyId } = callerOf(ctx);
    return presentUser(ctx, userId, await settings.withWarnings('user', await settings.userSettings(companyId, userId), companyId));
  }

  @Allow(ACCESS.USER)
  @Mutation(() => UserMailSettingsType)
  async updateMyMailSettings(@Arg('input') input: UserMailSettingsInput, @Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const userId = ownUserId(ctx);
    return presentUser(ctx, userId, await ctx.services.settings.updateUserSettings(callerOf(ctx).companyId, userId, input));
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => UserMailSettingsType, { description: "Another user's Sähköposti määrittely (admin)." })
  async userMailSettings(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<UserMailSettingsType> {
    const { companyId } = callerOf(ctx);
    await ctx.services.users.get(companyId, userId);
    const { settings } = ctx.services;
    return presentUser(ctx, userId, await settings.withWarnings('user', await settings.userSettings(companyId, userId), companyId));
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
    return presentUser(ctx, userId, await ctx.services.settings.updateUserSettings(companyId, userId, input));
  }
}
