import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import type { UiLanguage } from '../../common/language';
import { callerOf, type RequestContext } from '../../common/request-context';
import { badInput } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { OutboundMessage } from '../messages/message.types';
import type { BounceEventEntity } from './bounce.entities';
import { BounceInfo, BounceRateType, SuppressedAddress } from './bounces.types';

export function presentBounce(event: BounceEventEntity, language: UiLanguage): BounceInfo {
  const reply = event.reply ? ` (${event.reply})` : '';
  const texts =
    event.action === 'BOUNCED'
      ? { fi: `Palautui: ${event.address} ei saanut viestiä${reply}.`, en: `Bounced: ${event.address} did not get the message${reply}.` }
      : { fi: `Viivästynyt: viesti osoitteeseen ${event.address} ei ole vielä perillä${reply}.`, en: `Delayed: the message to ${event.address} has not arrived yet${reply}.` };
  return { address: event.address, action: event.action, status: event.status, reply: event.reply, remoteMta: event.remoteMta, message: texts[language], reportedAt: event.reportedAt };
}

function companyOf(ctx: RequestContext): string {
  return callerOf(ctx).companyId;
}

/** Bounces in the archive, and the admin's suppression list and bounce rate. */
@Resolver(() => OutboundMessage)
export class BouncesResolver {
  @FieldResolver(() => [BounceInfo], { description: 'Delivery status notifications read after sending: per recipient BOUNCED or DELAYED, oldest first.' })
  async bounces(@Root() message: OutboundMessage, @Ctx() ctx: RequestContext): Promise<BounceInfo[]> {
    // The message was already found for the caller (their company, and for a user their own messages).
    return (await ctx.services.bounceReader.forMessage(message.id)).map((e) => presentBounce(e, ctx.language));
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => [SuppressedAddress], { description: "The company's permanently bounced addresses, newest first." })
  async suppressedAddresses(@Ctx() ctx: RequestContext): Promise<SuppressedAddress[]> {
    const rows = await ctx.services.suppressions.list(companyOf(ctx));
    return rows.map((r) => ({ address: r.address, status: r.status, reply: r.reply, messageId: r.outboundMessageId, createdAt: r.createdAt }));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => Boolean, { description: 'Allows sending to a bounced address again. False when it was not on the list.' })
  async clearSuppressedAddress(@Arg('address') address: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (address.length > 320) throw badInput([{ path: 'address', code: 'TOO_LONG', message: { fi: 'Osoite on liian pitkä: enintään 320 merkkiä.', en: 'The address is too long: at most 320 characters.' } }]);
    if (/[\r\n]/.test(address)) throw badInput([{ path: 'address', code: 'LINE_BREAK', message: { fi: 'Osoitteessa ei voi olla rivinvaihtoa.', en: 'An address cannot hold a line break.' } }]);
    const cleared = await ctx.services.suppressions.clear(companyOf(ctx), address);
    ctx.log.info({ cleared }, 'a suppressed address was cleared');
    return cleared;
  }

  @Allow(ACCESS.ADMIN)
  @Query(() => BounceRateType, { description: "The company's bounce rate over the last `days` days (default 30)." })
  async bounceRate(@Ctx() ctx: RequestContext, @Arg('days', () => Int, { nullable: true }) days?: number): Promise<BounceRateType> {
    const period = days ?? 30;
    if (!Number.isInteger(period) || period < 1 || period > 365) throw badInput([{ path: 'days', code: 'INVALID_NUMBER', message: { fi: 'Anna päivien määrä 1–365.', en: 'Give 1–365 days.' } }]);
    return { days: period, ...(await ctx.services.suppressions.rate(companyOf(ctx), period)) };
  }
}
