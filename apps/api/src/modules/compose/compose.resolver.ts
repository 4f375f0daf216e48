import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { badInput } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { presentAttachment } from '../messages/message-presenter';
import { MESSAGE_TEXTS } from '../messages/messages.errors';
import { COMPOSE_TEXTS } from './compose.errors';
import { ComposeDraftInput, ComposedDraftType } from './compose.types';
import { presentMailbox } from './mailbox.type';

/** Template variables arrive as JSON: strings and numbers only, so a value is never an object. */
export function templateVariables(raw: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const bad: string[] = [];
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
    else if (value !== null && value !== undefined) bad.push(name);
  }
  if (bad.length) {
    throw badInput(
      bad.map((name) => ({
        path: `variables.${name}`,
        code: 'INVALID_TYPE' as const,
        message: COMPOSE_TEXTS.variableNotText(),
      })),
    );
  }
  return out;
}

@Resolver()
export class ComposeResolver {
  @Allow(ACCESS.USER, ACCESS.SERVICE)
  @Query(() => ComposedDraftType, { description: 'Resolve the draft a program opens: sender, recipients, subject, body, send mode.' })
  async composeDraft(@Arg('input') input: ComposeDraftInput, @Ctx() ctx: RequestContext): Promise<ComposedDraftType> {
    const caller = callerOf(ctx);
    const draft = await ctx.services.compose.compose(caller, { ...input, variables: templateVariables(input.variables) });
    const ids = [...new Set(input.attachmentIds ?? [])];
    const attachments = await ctx.services.attachments.findComplete(caller.companyId, ids);
    // Indexes are those of the list as the caller sent it, duplicates included.
    const missing = (input.attachmentIds ?? []).map((id, index) => ({ id, index })).filter(({ id }) => !attachments.some((a) => a.id === id));
    if (missing.length) {
      throw badInput(missing.map(({ id, index }) => ({ path: `attachmentIds.${index}`, code: 'INVALID_VALUE' as const, message: MESSAGE_TEXTS.attachmentNotFound(id) })));
    }
    const byId = new Map(attachments.map((a) => [a.id, a]));
    return {
      ...draft,
      from: presentMailbox(draft.from),
      to: draft.to.map(presentMailbox),
      cc: draft.cc.map(presentMailbox),
      bcc: draft.bcc.map(presentMailbox),
      attachments: ids.map((id) => presentAttachment(byId.get(id)!)),
    };
  }
}
