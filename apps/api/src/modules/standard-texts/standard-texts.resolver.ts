import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Language, MessageSource, StandardText } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { Allow } from '../../graphql/access';
import { LanguageEnum, MessageSourceEnum } from '../../graphql/enums';
import type { StandardTextEntity } from './standard-text.entity';

@ObjectType({ description: 'Vakioteksti: subject and body templates with {{placeholders}}.' })
export class StandardTextType implements StandardText {
  @Field(() => ID) id!: string;
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => LanguageEnum) language!: Language;
  @Field() name!: string;
  @Field() subject!: string;
  @Field() body!: string;
  @Field() updatedAt!: Date;

  static from(e: StandardTextEntity): StandardTextType {
    return Object.assign(new StandardTextType(), { id: e.id, source: e.source, language: e.language, name: e.name, subject: e.subject, body: e.body, updatedAt: e.updatedAt });
  }
}

@InputType()
export class StandardTextInput implements StandardText {
  @Field(() => ID, { nullable: true, description: 'Update this text; without it, the text with the same source, language and name is replaced.' })
  id?: string | null;
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => LanguageEnum) language!: Language;
  @Field() name!: string;
  @Field() subject!: string;
  @Field() body!: string;
}

@Resolver()
export class StandardTextsResolver {
  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => [StandardTextType])
  async standardTexts(
    @Ctx() ctx: RequestContext,
    @Arg('source', () => MessageSourceEnum, { nullable: true }) source?: MessageSource,
    @Arg('language', () => LanguageEnum, { nullable: true }) language?: Language,
  ): Promise<StandardTextType[]> {
    return (await ctx.services.standardTexts.list(callerOf(ctx).companyId, { source, language })).map(StandardTextType.from);
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => StandardTextType)
  async upsertStandardText(@Arg('input') input: StandardTextInput, @Ctx() ctx: RequestContext): Promise<StandardTextType> {
    return StandardTextType.from(await ctx.services.standardTexts.upsert(callerOf(ctx).companyId, input));
  }

  @Allow(ACCESS.ADMIN)
  @Mutation(() => Boolean)
  async deleteStandardText(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.standardTexts.delete(callerOf(ctx).companyId, id);
  }
}
