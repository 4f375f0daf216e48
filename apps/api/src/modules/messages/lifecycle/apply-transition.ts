import type { EntityManager } from 'typeorm';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { MESSAGE_TRANSITIONS, type MessageEvent } from './transitions';

export interface TransitionRequest {
  event: MessageEvent;
  id: string;
  /** Scope a person's change to their company (a dispatcher's outcome needs none: it holds the claim). */
  companyId?: string;
  /** The dispatcher that must hold the claim; required for the events only a claim holder may apply. */
  claimHolder?: string;
  /** The other columns the move sets (the outcome, the next attempt, ...). */
  changes?: Partial<OutboundMessageEntity>;
  now: Date;
}

/**
 * Move one message by the table, in one conditional UPDATE: it happens only if the message is in one of
 * the event's `from` statuses (held by `claimHolder`, or with its lease run out, where the table asks), so two racing moves
 * cannot both win. Returns false when the message was not in a state the event may start from.
 */
export async function applyTransition(manager: EntityManager, request: TransitionRequest): Promise<boolean> {
  const transition = MESSAGE_TRANSITIONS[request.event];
  if (transition.from.length === 0) throw new Error(`${request.event} creates a message; it is not applied to one`);
  if (transition.byClaimHolder && !request.claimHolder) throw new Error(`${request.event} may only be applied by the holder of the claim`);
  const claimEnds = transition.to !== 'SENDING';
  const qb = manager
    .createQueryBuilder()
    .update(OutboundMessageEntity)
    .set({
      ...request.changes,
      status: transition.to,
      ...(claimEnds ? { lockedBy: null, lockedUntil: null } : {}),
      updatedAt: request.now,
    })
    .where('id = :id AND status IN (:...from)', { id: request.id, from: [...transition.from] });
  if (request.companyId) qb.andWhere('companyId = :companyId', { companyId: request.companyId });
  if (transition.byClaimHolder) qb.andWhere('lockedBy = :holder', { holder: request.claimHolder });
  if (transition.leaseExpired) qb.andWhere('lockedUntil < :now', { now: request.now });
  const result = await qb.execute();
  return (result.affected ?? 0) > 0;
}
