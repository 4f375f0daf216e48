import type { Caller } from '../../../common/caller';
import { timeOrderedId } from '../../../common/time-ordered-id';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import { OutboundMessageEntity } from '../outbound-message.entity';

export type OutboxRowContent = Pick<
  OutboundMessageEntity,
  'channel' | 'source' | 'fromName' | 'fromAddress' | 'toList' | 'ccList' | 'bccList' | 'splitGroupId' | 'subject' | 'body' | 'language' | 'messageId' | 'waitReason'
> &
  Partial<Pick<OutboundMessageEntity, 'accountKey'>>;

export interface OutboxRowContext {
  caller: Caller;
  senderUserId: string | null;
  documentRef: string | null | undefined;
  now: Date;
  /** When it is first due (now, or the scheduled time). */
  due: Date;
  retryMaxAgeMs: number;
}

/** Who asked for it, as the archive shows it. */
export function sentByOf(caller: Caller): string {
  return caller.kind === 'USER' ? caller.username : `${caller.module} (palveluavain)`;
}

/**
 * A new message row: what the message is, plus the bookkeeping every message starts with. `event` is
 * the table's creating event, which decides the first status.
 */
export function newOutboxRow(event: 'accept' | 'handOff' | 'saveDraft', context: OutboxRowContext, content: OutboxRowContent): OutboundMessageEntity {
  const { caller, now, due } = context;
  // Every column is given here, so no metadata is needed to fill in the rest (manager.create).
  return Object.assign(new OutboundMessageEntity(), {
    accountKey: null,
    ...content,
    status: MESSAGE_TRANSITIONS[event].to,
    id: timeOrderedId(),
    companyId: caller.companyId,
    documentRef: context.documentRef?.trim() || null,
    senderUserId: context.senderUserId,
    sentBy: sentByOf(caller),
    attempts: 0,
    nextAttemptAt: due,
    giveUpAt: new Date(due.getTime() + context.retryMaxAgeMs),
    lockedBy: null,
    lockedUntil: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    lastErrorPermanent: null,
    recipientErrors: null,
    smtpResponse: null,
    draftExpiresAt: null,
    draftInfo: null,
    createdAt: now,
    sentAt: null,
    updatedAt: now,
  } satisfies OutboundMessageEntity);
}
