import type { ClassifiedError, RecipientResult } from '@maestro/mail-core';
import { parseAddressList } from '@maestro/settings-schema';
import type { RecipientOutcome } from '../lifecycle/message-states';
import { RECIPIENT_TRANSITIONS, canApplyToRecipient, type RecipientEvent } from '../lifecycle/transitions';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import type { MessageRecipientEntity, RecipientKind } from './message-recipient.entity';

/** One recipient as the dispatcher and the archive see it (a stored row, or one read from the lists). */
export type RecipientState = Pick<
  MessageRecipientEntity,
  'position' | 'kind' | 'address' | 'outcome' | 'lastReply' | 'lastErrorCode' | 'lastErrorMessage' | 'attempts'
> & { updatedAt: Date | null };

const OPEN: readonly RecipientOutcome[] = ['PENDING', 'DEFERRED'];

export function isOpen(state: Pick<RecipientState, 'outcome'>): boolean {
  return OPEN.includes(state.outcome);
}

function addresses(formatted: readonly string[]): string[] {
  return formatted.flatMap((text) => {
    const parsed = parseAddressList(text);
    return parsed.ok ? parsed.addresses.map((a) => a.address) : [];
  });
}

/**
 * The recipients of a message not tried yet, all PENDING: To, then Cc, then Bcc, as the lists hold
 * them (the order the first transaction names them in). An SMS has one: its number.
 */
export function recipientsFromLists(message: Pick<OutboundMessageEntity, 'channel' | 'toList' | 'ccList' | 'bccList'>): RecipientState[] {
  const kinds: Array<[RecipientKind, string[]]> =
    message.channel === 'SMS' ? [['TO', message.toList.slice(0, 1)]] : [['TO', addresses(message.toList)], ['CC', addresses(message.ccList)], ['BCC', addresses(message.bccList)]];
  let position = 0;
  return kinds.flatMap(([kind, list]) =>
    list.map((address) => ({ position: position++, kind, address, outcome: 'PENDING' as const, lastReply: null, lastErrorCode: null, lastErrorMessage: null, attempts: 0, updatedAt: null })),
  );
}

/**
 * The recipients of a message that has no rows, as its own outcome says: not tried yet (PENDING), or
 * accepted for all at the first attempt (no rows are written then: the message's reply is theirs), or
 * stored before recipients had rows (the message's refused list and status say what became of each).
 */
export function recipientsByMessage(
  message: Pick<OutboundMessageEntity, 'channel' | 'toList' | 'ccList' | 'bccList' | 'status' | 'recipientErrors' | 'smtpResponse' | 'attempts' | 'sentAt' | 'lastErrorCode' | 'lastErrorMessage'>,
): RecipientState[] {
  return recipientsFromLists(message).map((s) => {
    const refused = (message.recipientErrors ?? []).find((r) => r.address.toLowerCase() === s.address.toLowerCase());
    if (refused) return { ...s, outcome: 'REFUSED', lastErrorCode: refused.code, lastErrorMessage: refused.message, attempts: message.attempts };
    if (message.status === 'SENT') return { ...s, outcome: 'ACCEPTED', lastReply: message.smtpResponse, attempts: message.attempts, updatedAt: message.sentAt };
    if (message.status === 'FAILED') return { ...s, outcome: 'REFUSED', lastReply: message.smtpResponse, lastErrorCode: message.lastErrorCode, lastErrorMessage: message.lastErrorMessage, attempts: message.attempts };
    return s;
  });
}

/** What one attempt learnt: the transaction's per-recipient results, or a failure of the whole message. */
export type AttemptResult =
  | { kind: 'transaction'; results: readonly RecipientResult[] }
  | { kind: 'failure'; error: ClassifiedError; rejected: ReadonlyArray<{ address: string; error: ClassifiedError }> }
  /** The message's retry time ran out: whoever is still open is refused for good. */
  | { kind: 'giveUp'; error: Pick<ClassifiedError, 'code' | 'message' | 'detail'> };

function move(state: RecipientState, event: RecipientEvent, now: Date, reply: string | null, error: Pick<ClassifiedError, 'code' | 'message'> | null, tried: boolean): RecipientState {
  if (!canApplyToRecipient(event, state.outcome)) return state;
  return {
    ...state,
    outcome: RECIPIENT_TRANSITIONS[event].to,
    lastReply: reply ? reply.slice(0, 1000) : state.lastReply,
    lastErrorCode: error ? error.code : null,
    lastErrorMessage: error ? error.message : null,
    attempts: state.attempts + (tried ? 1 : 0),
    updatedAt: now,
  };
}

const EVENT_OF: Record<RecipientResult['delivery'], RecipientEvent> = { ACCEPTED: 'accepted', DEFERRED: 'deferred', REFUSED: 'refused' };

/**
 * Every recipient after one attempt, by the lifecycle's recipient table. Only the open ones (PENDING,
 * DEFERRED) were in the transaction; an accepted or refused one never moves back. A transaction's
 * results come in the order of its envelope, which is the open recipients' order.
 */
export function afterAttempt(states: readonly RecipientState[], attempt: AttemptResult, now: Date): RecipientState[] {
  const open = states.filter(isOpen);
  if (attempt.kind === 'transaction') {
    const byIndex = attempt.results.length === open.length;
    const byAddress = new Map(attempt.results.map((r) => [r.address.toLowerCase(), r]));
    const resultOf = new Map(open.map((s, i) => [s.position, byIndex ? attempt.results[i] : byAddress.get(s.address.toLowerCase())]));
    return states.map((s) => {
      if (!isOpen(s)) return s;
      const result = resultOf.get(s.position);
      // No answer about it at all: tried again rather than dropped.
      if (!result) return move(s, 'deferred', now, null, null, true);
      return move(s, EVENT_OF[result.delivery], now, result.reply, result.error ?? null, true);
    });
  }
  if (attempt.kind === 'failure') {
    const rejected = new Map(attempt.rejected.map((r) => [r.address.toLowerCase(), r.error]));
    return states.map((s) => {
      if (!isOpen(s)) return s;
      const error = rejected.get(s.address.toLowerCase()) ?? attempt.error;
      return move(s, error.permanent ? 'refused' : 'deferred', now, error.detail || null, error, true);
    });
  }
  return states.map((s) => (isOpen(s) ? move(s, 'refused', now, attempt.error.detail || null, attempt.error, false) : s));
}
