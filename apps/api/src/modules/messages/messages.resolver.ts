import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { eachAtMost } from '../../common/each-at-most';
import { UserFacingError } from '../../common/user-facing-error';
import { isDatabaseUnavailable } from '../../db/database-unavailable';
import { Allow } from '../../graphql/access';
import { ACCOUNT_UNREACHABLE } from './dispatch/account-states';
import { MESSAGE_TRANSITIONS } from './lifecycle/transitions';
import { countIntoRequest } from './messages-per-request';
import { presentMessage } from './message-presenter';
import { MessageConnection, MessageFilter, OutboundMessage, SendMessageInput, SendSmsInput } from './message.types';
import type { AttachmentEntity } from '../attachments/attachment.entity';
import type { OutboundMessageEntity } from './outbound-message.entity';
import type { MessageRecipientEntity } from './recipients/message-recipient.entity';

/** How long `wait: true` may hold the request: the seed's "Lähetä heti" feel, not a hung client. */
const WAIT_MS = 10_000;

/**
 * What a list of messages in a mutation's answer is priced as: ten of them. The web's full selection of
 * a message (about 60 fields) then costs 610 of the 5,000 an operation may, where pricing it as the
 * 100 a request may send refused the SMS screen's own answer.
 */
const PRICED_AS_MESSAGES = 10;

/**
 * A batch's messages stored at once, a few at a time: together, so that on SQLite the INSERTs of
 * messages without a key share one COMMIT; a few, so that one batch takes no more of MySQL's
 * connection pool (20) than four requests would.
 */
const SENDS_AT_ONCE = 4;

const hasRepeatedKey = (inputs: readonly SendMessageInput[]) => {
  const keys = inputs.map((input) => input.idempotencyKey).filter((key): key is string => !!key);
  return new Set(keys).size < keys.length;
};

function waitInBatch(): UserFacingError {
  return new UserFacingError(
    'BAD_USER_INPUT',
    {
      fi: 'wait: true on yhden viestin lähetykselle (sendMessage); sendMessages vastaa, kun viestit on tallennettu.',
      en: 'wait: true is for sending one message (sendMessage); sendMessages answers once the messages are stored.',
    },
    { reason: 'WAIT_NOT_IN_BATCH' },
  );
}

/**
 * `known`: the caller already knows the attachments (none, for most new messages): no query. Recipient
 * rows exist once a message was tried: a message not tried yet needs no query for them either.
 */
async function present(ctx: RequestContext, messages: OutboundMessageEntity[], known?: Map<string, AttachmentEntity[]>): Promise<OutboundMessage[]> {
  const attachments = known ?? (await ctx.services.attachments.forMessages(messages.map((m) => m.id)));
  const tried = messages.filter((m) => m.attempts > 0).map((m) => m.id);
  const recipients = tried.length ? await ctx.services.messageArchive.recipientsOf(tried) : new Map<string, MessageRecipientEntity[]>();
  const waiting = await withUnreachableAccounts(ctx, messages);
  return waiting.map((m) => presentMessage(m, attachments.get(m.id) ?? [], ctx.language, recipients.get(m.id)));
}

/**
 * Stored messages, answered even when a read after storing fails: a refusal would say nothing was
 * saved, and a client without keys would send them all again. The answer then lacks only what those
 * reads add (attachments not known in advance, recipient outcomes, a parked account's wait).
 */
async function presentStored(ctx: RequestContext, messages: OutboundMessageEntity[], known?: Map<string, AttachmentEntity[]>): Promise<OutboundMessage[]> {
  try {
    return await present(ctx, messages, known);
  } catch (err) {
    ctx.log.warn({ err, messageIds: messages.map((m) => m.id) }, 'stored messages answered without what the reads after storing add: a read failed');
    return messages.map((m) => presentMessage(m, known?.get(m.id) ?? [], ctx.language));
  }
}

/**
 * A message that waits for its turn while its account is parked waits for the account, whenever it was
 * queued: the park marks the messages waiting then, and this the ones queued or failed since.
 */
async function withUnreachableAccounts(ctx: RequestContext, messages: OutboundMessageEntity[]): Promise<OutboundMessageEntity[]> {
  const waits = (m: OutboundMessageEntity) => m.waitReason === null && m.accountKey !== null && (MESSAGE_TRANSITIONS.claim.from as readonly string[]).includes(m.status);
  if (!messages.some(waits)) return messages;
  const unreachable = new Map<string, ReadonlySet<string>>();
  for (const companyId of new Set(messages.filter(waits).map((m) => m.companyId))) unreachable.set(companyId, await ctx.services.accountStates.unreachableKeys(companyId));
  return messages.map((m) => (waits(m) && unreachable.get(m.companyId)?.has(m.accountKey ?? '') ? { ...m, waitReason: ACCOUNT_UNREACHABLE } : m));
}

@Resolver()
export class MessagesResolver {
  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => OutboundMessage, { description: 'Validate, resolve the sender on the server, and store in the outbox; never lost from then on.' })
  async sendMessage(@Arg('input') input: SendMessageInput, @Ctx() ctx: RequestContext): Promise<OutboundMessage> {
    countIntoRequest(ctx, 1);
    const caller = callerOf(ctx);
    let message = await ctx.services.messageIntake.send(caller, input);
    ctx.log.info({ messageId: message.id, source: message.source, status: message.status }, 'message accepted');
    // A scheduled message is not waited for: its time has not come.
    if (input.wait && message.waitReason !== 'SCHEDULED' && (message.status === 'QUEUED' || message.status === 'SENDING')) {
      message = await ctx.services.messageLifecycle.waitForFinal(caller, message.id, WAIT_MS);
    }
    const withoutAttachments = (input.attachmentIds ?? []).length === 0 ? new Map<string, AttachmentEntity[]>() : undefined;
    return (await presentStored(ctx, [message], withoutAttachments))[0] as OutboundMessage;
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => [OutboundMessage], {
    nullable: 'items',
    description:
      'Several messages in one request (an ERP run of invoices, say), each stored or refused on its own, as sendMessage would: the answer is in the order of the inputs, null where one was refused, with its error at that index in `errors` (path sendMessages.<index>). At most 100 messages in one request, over all its fields; `wait` is not allowed.',
    // How many messages a request sends is capped apart (countIntoRequest), so the price is the answer's:
    // the selection as a page of a typical batch, and never nothing, whatever the selection skips.
    complexity: ({ childComplexity }) => (1 + childComplexity) * PRICED_AS_MESSAGES,
  })
  async sendMessages(@Arg('inputs', () => [SendMessageInput]) inputs: SendMessageInput[], @Ctx() ctx: RequestContext): Promise<Array<OutboundMessage | Error>> {
    // Refused whole before anything is stored: nothing is half-done by a field that cannot be done.
    if (inputs.some((input) => input.wait)) throw waitInBatch();
    countIntoRequest(ctx, inputs.length);
    const caller = callerOf(ctx);
    // Once the database has refused one, the rest are refused without waiting for it each.
    let unavailable: Error | null = null;
    const sendOne = async (input: SendMessageInput): Promise<OutboundMessageEntity | Error> => {
      if (unavailable) return unavailable;
      try {
        return await ctx.services.messageIntake.send(caller, input);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (isDatabaseUnavailable(error)) unavailable = error;
        return error;
      }
    };
    // The same key twice: one after another, so that the first in the list is the one stored.
    const outcomes = await eachAtMost(hasRepeatedKey(inputs) ? 1 : SENDS_AT_ONCE, inputs, sendOne);
    const stored = outcomes.filter((o): o is OutboundMessageEntity => !(o instanceof Error));
    ctx.log.info({ messageIds: stored.map((m) => m.id), refused: outcomes.length - stored.length, source: inputs[0]?.source }, 'messages accepted');
    const noAttachments = inputs.every((input) => (input.attachmentIds ?? []).length === 0);
    const presented = new Map((await presentStored(ctx, stored, noAttachments ? new Map() : undefined)).map((m) => [m.id, m]));
    // graphql-js reports an Error in a list at its own index and answers null there.
    return outcomes.map((o) => (o instanceof Error ? o : (presented.get(o.id) as OutboundMessage)));
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => [OutboundMessage], {
    description: 'One SMS per number, through the SMS settings to the gateway.',
    // A message per number: priced as sendMessages.
    complexity: ({ childComplexity }) => (1 + childComplexity) * PRICED_AS_MESSAGES,
  })
  async sendSms(@Arg('input') input: SendSmsInput, @Ctx() ctx: RequestContext): Promise<OutboundMessage[]> {
    const messages = await ctx.services.messageIntake.sendSms(callerOf(ctx), input, { admit: (count) => countIntoRequest(ctx, count) });
    ctx.log.info({ count: messages.length, source: input.source }, 'sms accepted');
    return present(ctx, messages, new Map());
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => MessageConnection, {
    description: "Sent items, outbox and failures. A user sees the messages sent in their name; an admin the company's.",
    // A page costs what one message costs, times the messages asked for. (A complexity reads number
    // arguments only: the cost plugin prices each query once per their values.)
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.max(1, Math.min(Number(args.first ?? 50), 200)),
  })
  async messages(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MessageFilter, { nullable: true }) filter?: MessageFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<MessageConnection> {
    const page = await ctx.services.messageArchive.list(callerOf(ctx), filter ?? {}, first ?? 50, after ?? null);
    return { nodes: await present(ctx, page.nodes), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => OutboundMessage)
  async message(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OutboundMessage> {
    return (await present(ctx, [await ctx.services.messageArchive.get(callerOf(ctx), id)]))[0] as OutboundMessage;
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => OutboundMessage, { description: 'Send a failed or waiting message again now.' })
  async retryMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OutboundMessage> {
    return (await present(ctx, [await ctx.services.messageLifecycle.retry(callerOf(ctx), id)]))[0] as OutboundMessage;
  }

  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Mutation(() => OutboundMessage, { description: 'Cancel a message before sending starts.' })
  async cancelMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OutboundMessage> {
    return (await present(ctx, [await ctx.services.messageLifecycle.cancel(callerOf(ctx), id)]))[0] as OutboundMessage;
  }
}
