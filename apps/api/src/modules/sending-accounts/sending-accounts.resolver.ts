import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import type { UiLanguage } from '../../common/language';
import { callerOf, type RequestContext } from '../../common/request-context';
import { notFound } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import type { SendingAccountEntity } from '../messages/dispatch/sending-account.entity';
import { SendingAccount } from './sending-account.types';

export function presentSendingAccount(a: SendingAccountEntity, language: UiLanguage, now: Date): SendingAccount {
  return {
    accountKey: a.accountKey,
    label: a.label,
    maxConnections: a.maxConnections,
    connectionFailures: a.connectionFailures,
    parked: !!a.parkReason,
    parkedUntil: a.parkedUntil && a.parkedUntil > now ? a.parkedUntil : null,
    parkReason: a.parkReason,
    parkMessage: a.parkMessage?.[language] ?? null,
  };
}

@Resolver()
export class SendingAccountsResolver {
  @Allow(ACCESS.ADMIN)
  @Query(() => [SendingAccount], { description: "The company's sending accounts, parked ones first: which cannot be reached, why, and until when their messages wait." })
  async sendingAccounts(@Ctx() ctx: RequestContext): Promise<SendingAccount[]> {
    const now = new Date();
    const accounts = await ctx.services.accountStates.ofCompany(callerOf(ctx).companyId);
    return accounts.map((a) => presentSendingAccount(a, ctx.language, now));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => SendingAccount, { description: '"Kokeile nyt": end a park now; the next claim sends one of its messages as the probe.' })
  async probeSendingAccount(@Arg('accountKey', () => ID) accountKey: string, @Ctx() ctx: RequestContext): Promise<SendingAccount> {
    const { companyId } = callerOf(ctx);
    const now = new Date();
    const account = await ctx.services.accountStates.probeNow(companyId, accountKey, now);
    if (!account) throw notFound({ fi: 'Lähettävää tiliä', en: 'The sending account' });
    ctx.log.info({ companyId, accountKey }, 'a parked sending account is probed now');
    return presentSendingAccount(account, ctx.language, now);
  }
}
