import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SmtpAccountKind } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { Allow } from '../../graphql/access';
import { SmtpAccountKindEnum } from '../../graphql/enums';
import { SmtpAccountInput } from '../settings/settings.types';

@ObjectType({ description: 'The result of "Testaa yhteys", stage by stage.' })
export class ConnectionTestResult {
  @Field() ok!: boolean;
  @Field({ description: 'CONNECT, TLS, AUTH or DONE: the stage that failed, or DONE when all passed.' }) stage!: string;
  @Field({ description: 'Whether the connection was encrypted when it ended.' }) secure!: boolean;
  @Field(() => String, { nullable: true, description: "The server's last reply." }) reply!: string | null;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String, { nullable: true, description: 'What is wrong and what to do, in the caller\'s language.' }) message!: string | null;
}

@Resolver()
export class ConnectionTestResolver {
  @Allow(ACCESS.USER)
  @Mutation(() => ConnectionTestResult, {
    description: "Connect, TLS, AUTH, QUIT with the stored account (COMPANY, SMS and another USER's: admins; MINE: any user), optionally with unsaved changes.",
  })
  async testSmtpConnection(
    @Arg('account', () => SmtpAccountKindEnum) account: SmtpAccountKind,
    @Ctx() ctx: RequestContext,
    @Arg('changes', () => SmtpAccountInput, { nullable: true }) changes?: SmtpAccountInput,
    @Arg('userId', () => ID, { nullable: true, description: 'With account USER: the user whose account an admin tests.' }) userId?: string,
  ): Promise<ConnectionTestResult> {
    const result = await ctx.services.connectionTest.test(callerOf(ctx), account, changes ?? null, userId ?? null);
    return {
      ok: result.ok,
      stage: result.stage,
      secure: result.secure,
      reply: result.reply ?? null,
      code: result.error?.code ?? null,
      message: result.error ? result.error.message[ctx.language] : null,
    };
  }
}
