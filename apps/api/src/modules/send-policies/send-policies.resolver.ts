import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MESSAGE_SOURCE_INFO, type MessageSource, type ModuleSendPolicy, type OutputKind, type SendMode } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { Allow } from '../../graphql/access';
import { MessageSourceEnum, OutputKindEnum, SendModeEnum } from '../../graphql/enums';
import type { SendPolicyView } from './send-policies.service';

@ObjectType({ description: "A program's send policy: the suggested output and how a message opens." })
export class ModuleSendPolicyType implements ModuleSendPolicy {
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field({ description: 'The program name in Finnish.' }) sourceLabel!: string;
  @Field(() => OutputKindEnum) defaultOutput!: OutputKind;
  @Field(() => SendModeEnum) sendMode!: SendMode;
  @Field({ description: 'The calling program lets the user attach files (the seed shows Liitetiedosto only then).' })
  attachmentsAllowed!: boolean;
  @Field({ description: 'The stored policy said "send later" (retired); it now asks. Save it to confirm.' })
  migratedFromSendLater!: boolean;

  static from(view: SendPolicyView): ModuleSendPolicyType {
    const info = MESSAGE_SOURCE_INFO[view.source];
    return Object.assign(new ModuleSendPolicyType(), { ...view, sourceLabel: info.labelFi, attachmentsAllowed: info.attachmentsAllowed });
  }
}

@InputType()
export class SendPolicyInput {
  @Field(() => OutputKindEnum, { nullable: true }) defaultOutput?: OutputKind;
  /** A String, not the enum, so that the retired SEND_LATER gets our explanation, not a schema error. */
  @Field(() => String, { nullable: true, description: 'SEND_NOW, OPEN_FOR_EDIT or ASK.' }) sendMode?: string;
}

@Resolver()
export class SendPoliciesResolver {
  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => [ModuleSendPolicyType])
  async sendPolicies(@Ctx() ctx: RequestContext): Promise<ModuleSendPolicyType[]> {
    return (await ctx.services.sendPolicies.list(callerOf(ctx).companyId)).map(ModuleSendPolicyType.from);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => ModuleSendPolicyType)
  async updateSendPolicy(
    @Arg('source', () => MessageSourceEnum) source: MessageSource,
    @Arg('input') input: SendPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ModuleSendPolicyType> {
    return ModuleSendPolicyType.from(await ctx.services.sendPolicies.update(callerOf(ctx).companyId, source, input));
  }
}
