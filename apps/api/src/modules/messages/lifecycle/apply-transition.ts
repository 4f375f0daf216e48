import type { EntityManager } from 'typeorm';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { MESSAGE_TRANSITIONS, type MessageEvent } from './transitions';
import { rowsMatched, setClause, setKey, setParameters, statementOf, tableSql } from '../../../db/hot-path-sql';

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
 * cannot both win. Returns false when the message was not in a state the event may start from. Every
 * outcome passes here: the statement is written once per event and set of columns (hot-path-sql).
 */
export async function applyTransition(manager: EntityManager, request: TransitionRequest): Promise<boolean> {
  const transition = MESSAGE_TRANSITIONS[request.event];
  if (transition.from.length === 0) throw new Error(`${request.event} creates a message; it is not applied to one`);
  if (transition.byClaimHolder && !request.claimHolder) throw new Error(`${request.event} may only be applied by the holder of the claim`);
  const claimEnds = transition.to !== 'SENDING';
  const changes: Record<string, unknown> = {
    ...request.changes,
    status: transition.to,
    ...(claimEnds ? { lockedBy: null, lockedUntil: null } : {}),
    updatedAt: request.now,
  };
  const db = manager.connection;
  const t = tableSql(db, OutboundMessageEntity);
  const scoped = request.companyId !== undefined;
  const sql = statementOf(db, `transition ${request.event} ${scoped} ${setKey(changes)}`, () => {
    const from = transition.from.map((status) => `'${status}'`).join(', ');
    const where = [
      `${t.column('id')} = :id AND ${t.column('status')} IN (${from})`,
      ...(scoped ? [`${t.column('companyId')} = :companyId`] : []),
      ...(transition.byClaimHolder ? [`${t.column('lockedBy')} = :holder`] : []),
      ...(transition.leaseExpired ? [`${t.column('lockedUntil')} < :now`] : []),
    ];
    return `UPDATE ${t.table} SET ${setClause(t, changes)} WHERE ${where.join(' AND ')}`;
  });
  const parameters = { ...setParameters(db, t, changes), id: request.id, companyId: request.companyId, holder: request.claimHolder, now: request.now };
  return (await rowsMatched(manager, sql, parameters)) > 0;
}
