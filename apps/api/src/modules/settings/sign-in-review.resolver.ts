import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SmtpAccountKind } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { badInput } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { SmtpAccountKindEnum } from '../../graphql/enums';
import { BASIC_AUTH_TIMELINE } from './sign-in-review.service';
import { MicrosoftOAuthSwitchInput, SignInReviewType } from './sign-in-review.types';

async function present(ctx: RequestContext, companyId: string): Promise<SignInReviewType> {
  const accounts = await ctx.services.signInReview.review(companyId);
  return {
    basicAuthOffByDefault: BASIC_AUTH_TIMELINE.offByDefault,
    basicAuthOffByDefaultText: BASIC_AUTH_TIMELINE.offByDefaultText[ctx.language],
    basicAuthFinalRemovalText: BASIC_AUTH_TIMELINE.finalRemovalText[ctx.language],
    accounts: accounts.map((a) => ({ ...a, attention: a.attention.map((x) => ({ reason: x.reason, message: x.message[ctx.language] })) })),
  };
}

@Resolver()
export class SignInReviewResolver {
  @Allow(ACCESS.ADMIN)
  @Query(() => SignInReviewType, { description: 'Moving off passwords: every SMTP account of the company (company, SMS, each user) whose sign-in needs the admin.' })
  async signInReview(@Ctx() ctx: RequestContext): Promise<SignInReviewType> {
    return present(ctx, callerOf(ctx).companyId);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => SignInReviewType, {
    description: 'Switch one account from a password to the Microsoft 365 (OAuth2) preset, keeping its other fields; validated and saved whole, or not at all. Answers the review as it now stands.',
  })
  async switchToMicrosoftOAuth(
    @Arg('account', () => SmtpAccountKindEnum) account: SmtpAccountKind,
    @Arg('input') input: MicrosoftOAuthSwitchInput,
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { nullable: true, description: 'With account USER: whose.' }) userId?: string,
  ): Promise<SignInReviewType> {
    const { companyId } = callerOf(ctx);
    if (account === 'MINE') throw badInput([{ path: 'account', code: 'INVALID_CHOICE', message: { fi: 'Valitse COMPANY, SMS tai USER.', en: 'Choose COMPANY, SMS or USER.' } }]);
    if (account === 'USER') {
      if (!userId) throw badInput([{ path: 'userId', code: 'REQUIRED', message: { fi: 'Anna käyttäjä, jonka tili vaihdetaan.', en: 'Give the user whose account to switch.' } }]);
      await ctx.services.users.get(companyId, userId);
    }
    await ctx.services.settings.switchToMicrosoftOAuth(companyId, account, userId ?? null, input);
    ctx.log.info({ companyId, account, userId }, 'SMTP account switched to Microsoft 365 OAuth2');
    return present(ctx, companyId);
  }
}
