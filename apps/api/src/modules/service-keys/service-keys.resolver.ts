import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { Allow } from '../../graphql/access';
import type { ServiceKeyEntity } from './service-key.entity';

@ObjectType({ description: 'A key an ERP module (sales, purchases, service) uses to call the API.' })
export class ServiceKey {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() module!: string;
  @Field(() => ID, { nullable: true, description: 'The user it sends for when a call names none.' }) defaultUserId!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;

  static from(e: ServiceKeyEntity): ServiceKey {
    return Object.assign(new ServiceKey(), { id: e.id, name: e.name, module: e.module, defaultUserId: e.defaultUserId, createdAt: e.createdAt, lastUsedAt: e.lastUsedAt, revokedAt: e.revokedAt });
  }
}

@ObjectType()
export class CreatedServiceKey {
  @Field(() => ServiceKey) serviceKey!: ServiceKey;
  @Field({ description: 'The key itself. Shown this once only: store it in the ERP module now.' }) key!: string;
}

@InputType()
export class CreateServiceKeyInput {
  @Field() name!: string;
  @Field({ description: 'sales, purchases, service, ...' }) module!: string;
  @Field(() => ID, { nullable: true }) defaultUserId?: string | null;
}

@Resolver()
export class ServiceKeysResolver {
  @Allow(ACCESS.ADMIN)
  @Query(() => [ServiceKey])
  async serviceKeys(@Ctx() ctx: RequestContext): Promise<ServiceKey[]> {
    return (await ctx.services.serviceKeys.list(callerOf(ctx).companyId)).map(ServiceKey.from);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => CreatedServiceKey)
  async createServiceKey(@Arg('input') input: CreateServiceKeyInput, @Ctx() ctx: RequestContext): Promise<CreatedServiceKey> {
    const { entity, key } = await ctx.services.serviceKeys.create(callerOf(ctx).companyId, input);
    return Object.assign(new CreatedServiceKey(), { serviceKey: ServiceKey.from(entity), key });
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => ServiceKey)
  async revokeServiceKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ServiceKey> {
    return ServiceKey.from(await ctx.services.serviceKeys.revoke(callerOf(ctx).companyId, id));
  }
}
