import { resolveDelivery } from '@maestro/mail-core';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../../common/caller';
import { callerOf, type RequestContext } from '../../../common/request-context';
import { Allow } from '../../../graphql/access';
import { countIntoRequest } from '../messages-per-request';
import { templateVariables } from '../../compose/compose.resolver';
import { presentMessage } from '../message-presenter';
import { OutboundMessage } from '../message.types';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import { presentDraft } from './draft-presenter';
import { DraftContentInput, MessageDraft, SendDraftInput, StartSendInput, StartSendResult } from './draft.types';
import { draftUrl } from './message-drafts.service';

/** How long `wait: true` may hold the request (as sendMessage). */
const WAIT_MS = 10_000;

async function present(ctx: RequestContext, rows: OutboundMessageEntity[]): Promise<MessageDraft[]> {
  if (rows.length === 0) return [];
  const [attachments, company] = await Promise.all([ctx.services.attachments.forMessages(rows.map((r) => r.id)), ctx.services.settings.companySettings(callerOf(ctx).companyId)]);
  const delivery = resolveDelivery(company, 'EMAIL');
  return rows.map((row) => presentDraft(row, attachments.get(row.id) ?? [], delivery));
}

@Resolver()
export class DraftsResolver {
  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => StartSendResult, {
    description:
      "An ERP module starts a send. The program's send policy decides: SEND_NOW queues the message (as sendMessage); OPEN_FOR_EDIT and ASK store a draft for the user and answer its url (/send?draft=<id>) to open in the user's browser.",
  })
  async startSend(@Arg('input') input: StartSendInput, @Ctx() ctx: RequestContext): Promise<StartSendResult> {
    // A message queued or a draft stored: either is one of the request's messages.
    countIntoRequest(ctx, 1);
    const caller = callerOf(ctx);
    const result = await ctx.services.messageDrafts.startSend(caller, { ...input, variables: templateVariables(input.variables) });
    if (result.outcome === 'QUEUED') {
      ctx.log.info({ messageId: result.message.id, source: input.source }, 'startSend queued a message');
      const attachments = await ctx.services.attachments.forMessages([result.message.id]);
      return { outcome: 'QUEUED', message: presentMessage(result.message, attachments.get(result.message.id) ?? [], ctx.language), draft: null, url: null };
    }
    ctx.log.info({ draftId: result.draft.id, source: input.source }, 'startSend stored a draft');
    const [draft] = await present(ctx, [result.draft]);
    return { outcome: 'DRAFT', message: null, draft: draft as MessageDraft, url: draftUrl(result.draft.id) };
  }

  @Allow(ACCESS.USER)
  @Query(() => [MessageDraft], { description: 'Luonnokset: your drafts, newest first (expired ones are gone).' })
  async drafts(@Ctx() ctx: RequestContext): Promise<MessageDraft[]> {
    return present(ctx, await ctx.services.messageDrafts.list(callerOf(ctx)));
  }

  @Allow(ACCESS.USER)
  @Query(() => MessageDraft, { description: 'One of your drafts. Another user\'s is not found; a sent, discarded or expired one says so.' })
  async draft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MessageDraft> {
    return (await present(ctx, [await ctx.services.messageDrafts.get(callerOf(ctx), id)]))[0] as MessageDraft;
  }

  @Allow(ACCESS.USER)
  @Mutation(() => MessageDraft, { description: 'Save what you edited; it stays a draft.' })
  async updateDraft(@Arg('id', () => ID) id: string, @Arg('input') input: DraftContentInput, @Ctx() ctx: RequestContext): Promise<MessageDraft> {
    return (await present(ctx, [await ctx.services.messageDrafts.update(callerOf(ctx), id, input)]))[0] as MessageDraft;
  }

  @Allow(ACCESS.USER)
  @Mutation(() => OutboundMessage, { description: 'Send your draft as you finally edited it (the lists are final: nothing is added).' })
  async sendDraft(@Arg('id', () => ID) id: string, @Arg('input') input: SendDraftInput, @Ctx() ctx: RequestContext): Promise<OutboundMessage> {
    countIntoRequest(ctx, 1);
    const caller = callerOf(ctx);
    let message = await ctx.services.messageDrafts.send(caller, id, input);
    ctx.log.info({ messageId: message.id, status: message.status }, 'draft sent');
    if (input.wait && message.waitReason !== 'SCHEDULED' && (message.status === 'QUEUED' || message.status === 'SENDING')) {
      message = await ctx.services.messageLifecycle.waitForFinal(caller, message.id, WAIT_MS);
    }
    const attachments = await ctx.services.attachments.forMessages([message.id]);
    return presentMessage(message, attachments.get(message.id) ?? [], ctx.language);
  }

  @Allow(ACCESS.USER)
  @Mutation(() => ID, { description: 'Throw your draft away: it is never sent.' })
  async discardDraft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.services.messageDrafts.discardDraft(callerOf(ctx), id)).id;
  }
}
