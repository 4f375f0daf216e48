import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { formatAddress } from '@maestro/settings-schema';
import type { Mailbox } from '@maestro/mail-core';
import { ACCESS } from '../../common/caller';
import { callerOf, type RequestContext } from '../../common/request-context';
import { badInput } from '../../common/user-facing-error';
import { Allow } from '../../graphql/access';
import { ComposeDraftInput, ComposedDraftType, type MailboxType } from './compose.types';

export function presentMailbox(mailbox: Mailbox): MailboxType {
  return { name: mailbox.name, address: mailbox.address, formatted: formatAddress(mailbox) };
}

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
        message: { fi: 'Arvon on oltava teksti tai luku.', en: 'The value must be a string or a number.' },
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
    const draft = await ctx.services.compose.compose(callerOf(ctx), { ...input, variables: templateVariables(input.variables) });
    return { ...draft, from: presentMailbox(draft.from), to: draft.to.map(presentMailbox) };
  }
}
