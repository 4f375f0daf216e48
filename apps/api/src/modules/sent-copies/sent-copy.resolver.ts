import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { UiLanguage } from '../../common/language';
import type { RequestContext } from '../../common/request-context';
import { OutboundMessage } from '../messages/message.types';
import type { SentCopyEntity } from './sent-copy.entity';
import { SentCopyInfo } from './sent-copy.types';

/** What the archive says about the copy, in the caller's language. */
export function presentSentCopy(copy: SentCopyEntity, language: UiLanguage): SentCopyInfo {
  const reason = copy.lastErrorMessage?.[language];
  const folder = copy.folder ? ` (${copy.folder})` : '';
  const texts = {
    DONE: { fi: `Kopioitu Lähetetyt-kansioon${folder}.`, en: `Copied to the Sent folder${folder}.` },
    PENDING: reason
      ? { fi: `Ei vielä kopioitu Lähetetyt-kansioon: ${reason}.`, en: `Not copied to the Sent folder yet: ${reason}.` }
      : { fi: 'Kopioidaan Lähetetyt-kansioon.', en: 'Being copied to the Sent folder.' },
    FAILED: { fi: `Ei kopioitu Lähetetyt-kansioon: ${reason ?? 'tuntematon syy'}.`, en: `Not copied to the Sent folder: ${reason ?? 'unknown reason'}.` },
  } as const;
  return {
    status: copy.status,
    message: texts[copy.status][language],
    folder: copy.folder,
    attempts: copy.attempts,
    nextAttemptAt: copy.status === 'PENDING' ? copy.nextAttemptAt : null,
    code: copy.lastErrorCode,
    doneAt: copy.doneAt,
  };
}

/**
 * `OutboundMessage.sentCopy`: the message was already found for the caller (scoped to their company
 * and, for a user, to their own messages), so its copy is read by its id.
 */
@Resolver(() => OutboundMessage)
export class SentCopyResolver {
  @FieldResolver(() => SentCopyInfo, {
    nullable: true,
    description: "The copy in the sender's own Sent folder; null when the account files none (no IMAP server, or the copy is off, or an SMS).",
  })
  async sentCopy(@Root() message: OutboundMessage, @Ctx() ctx: RequestContext): Promise<SentCopyInfo | null> {
    const copy = await ctx.services.sentCopies.forMessage(message.id);
    return copy ? presentSentCopy(copy, ctx.language) : null;
  }
}
