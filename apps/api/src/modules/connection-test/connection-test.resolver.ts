import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SmtpAccountKind } from '@maestro/settings-schema';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { Allow } from '../../graphql/access';
import { SmtpAccountKindEnum } from '../../graphql/enums';
import { SmtpAccountInput } from '../settings/settings.types';
import type { SenderDomainCheck } from '@maestro/mail-core';
import type { UiLanguage } from '../../common/language';

function presentSenderDomain(check: SenderDomainCheck, language: UiLanguage): SenderDomainResult {
  return {
    domain: check.domain,
    provider: check.provider,
    verdict: check.verdict,
    message: check.message[language],
    spf: { status: check.spf.status, message: check.spf.message[language], record: check.spf.record, estimate: check.spf.estimate },
    dkim: { status: check.dkim.status, message: check.dkim.message[language], record: null, estimate: false },
    dmarc: { status: check.dmarc.policy, message: check.dmarc.message[language], record: check.dmarc.record, estimate: false },
  };
}

@ObjectType({ description: 'The result of "Testaa yhteys", stage by stage.' })
export class ConnectionTestResult {
  @Field() ok!: boolean;
  @Field({ description: 'CONNECT, TLS, AUTH or DONE: the stage that failed, or DONE when all passed.' }) stage!: string;
  @Field({ description: 'Whether the connection was encrypted when it ended.' }) secure!: boolean;
  @Field(() => String, { nullable: true, description: "The server's last reply." }) reply!: string | null;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String, { nullable: true, description: 'What is wrong and what to do, in the caller\'s language.' }) message!: string | null;
  @Field(() => String, { nullable: true, description: 'The name the test greeted the server with (EHLO).' }) ehloName!: string | null;
  @Field(() => SenderDomainResult, { nullable: true, description: "SPF, DKIM and DMARC of the sender's domain; null without a sender address." })
  senderDomain!: SenderDomainResult | null;
  @Field(() => ImapTestResult, { nullable: true, description: "The account's IMAP server (Sent copy, bounces), stage by stage; null when the account has none." })
  imap!: ImapTestResult | null;
}

@ObjectType({ description: 'The IMAP half of "Testaa yhteys": connect, TLS, sign in with the SMTP sign-in, find the Sent folder.' })
export class ImapTestResult {
  @Field() ok!: boolean;
  @Field({ description: 'CONNECT, TLS, AUTH, SENT_FOLDER or DONE: the stage that failed, or DONE when all passed.' }) stage!: string;
  @Field({ description: 'Whether the connection was encrypted when it ended.' }) secure!: boolean;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String, { nullable: true, description: "What is wrong and what to do, in the caller's language." }) message!: string | null;
  @Field(() => String, { nullable: true, description: 'The Sent folder copies go to, when the test got that far.' }) sentFolder!: string | null;
  @Field(() => String, { nullable: true, description: 'SETTING, SPECIAL_USE (the \\Sent flag) or NAME: how the Sent folder was found.' }) sentFolderFoundBy!: string | null;
}

@ObjectType({ description: 'One part of the sender-domain check, in the caller’s language.' })
export class SenderDomainPart {
  @Field({ description: 'SPF: INCLUDES_PROVIDER, MISSING_PROVIDER, PASS, SOFTFAIL, FAIL, NEUTRAL, NO_RECORD, ERROR. DKIM: PUBLISHED, PARTLY_PUBLISHED, MISSING, NOT_CHECKED, ERROR. DMARC: REJECT, QUARANTINE, NONE, NO_RECORD, ERROR.' })
  status!: string;
  @Field() message!: string;
  @Field(() => String, { nullable: true, description: 'The DNS record read, when there is one.' }) record!: string | null;
  @Field({ description: 'True when evaluated for the relay’s own addresses: its outgoing address may differ.' }) estimate!: boolean;
}

@ObjectType({ description: "The sender's domain as receivers will judge it: SPF, DKIM and DMARC, read from DNS." })
export class SenderDomainResult {
  @Field() domain!: string;
  @Field({ description: 'MICROSOFT, GOOGLE or OTHER, by the SMTP server.' }) provider!: string;
  @Field({ description: 'OK, SPAM_LIKELY, REJECTED_LIKELY or UNKNOWN.' }) verdict!: string;
  @Field() message!: string;
  @Field(() => SenderDomainPart) spf!: SenderDomainPart;
  @Field(() => SenderDomainPart) dkim!: SenderDomainPart;
  @Field(() => SenderDomainPart) dmarc!: SenderDomainPart;
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
      ehloName: result.ehloName ?? null,
      senderDomain: result.senderDomain ? presentSenderDomain(result.senderDomain, ctx.language) : null,
      imap: result.imap
        ? {
            ok: result.imap.ok,
            stage: result.imap.stage,
            secure: result.imap.secure,
            code: result.imap.error?.code ?? null,
            message: result.imap.error ? result.imap.error.message[ctx.language] : null,
            sentFolder: result.imap.sentFolder?.path ?? null,
            sentFolderFoundBy: result.imap.sentFolder?.foundBy ?? null,
          }
        : null,
    };
  }
}
