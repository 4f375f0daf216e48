import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import { MessageRecipientEntity } from './message-recipient.entity';
import { recipientsByMessage, type RecipientState } from './recipient-states';

/** The stored recipients of many messages, in one query, each message's in their order. */
export async function recipientsOf(db: DataSource | EntityManager, messageIds: readonly string[]): Promise<Map<string, MessageRecipientEntity[]>> {
  const byMessage = new Map<string, MessageRecipientEntity[]>();
  if (messageIds.length === 0) return byMessage;
  const manager = 'manager' in db ? db.manager : db;
  const rows = await manager.getRepository(MessageRecipientEntity).find({ where: { outboundMessageId: In([...messageIds]) }, order: { outboundMessageId: 'ASC', position: 'ASC' } });
  for (const row of rows) byMessage.set(row.outboundMessageId, [...(byMessage.get(row.outboundMessageId) ?? []), row]);
  return byMessage;
}

/**
 * Store a message's recipients as they are now, inside the transaction that records its outcome (so a
 * worker that lost its claim writes neither). `stored`: rows existed before and are replaced.
 */
export async function writeRecipients(manager: EntityManager, message: Pick<OutboundMessageEntity, 'id' | 'companyId'>, states: readonly RecipientState[], stored: boolean, now: Date): Promise<void> {
  const repo = manager.getRepository(MessageRecipientEntity);
  if (stored) await repo.delete({ outboundMessageId: message.id });
  if (states.length === 0) return;
  const rows = states.map((s) => rowOf(message, s, now));
  // Chunks keep a message with many recipients within the databases' limits on bound values.
  for (let i = 0; i < rows.length; i += 200) {
    await manager.createQueryBuilder().insert().into(MessageRecipientEntity).values(rows.slice(i, i + 200)).updateEntity(false).execute();
  }
}

/**
 * Rows for a message that has none (accepted for every recipient at its first attempt: the message's
 * outcome was theirs), before one of them moves on its own, e.g. bounces. Two notices at once write them
 * once: a row already there is left as it is.
 */
export async function ensureRecipientRows(db: DataSource | EntityManager, message: Parameters<typeof recipientsByMessage>[0] & Pick<OutboundMessageEntity, 'id' | 'companyId'>, now: Date): Promise<void> {
  const manager = 'manager' in db ? db.manager : db;
  if (await manager.getRepository(MessageRecipientEntity).existsBy({ outboundMessageId: message.id })) return;
  const rows = recipientsByMessage(message).map((s) => rowOf(message, s, now));
  for (let i = 0; i < rows.length; i += 200) {
    await manager.createQueryBuilder().insert().into(MessageRecipientEntity).values(rows.slice(i, i + 200)).orIgnore().updateEntity(false).execute();
  }
}

function rowOf(message: Pick<OutboundMessageEntity, 'id' | 'companyId'>, s: RecipientState, now: Date) {
  return {
    outboundMessageId: message.id,
    companyId: message.companyId,
    position: s.position,
    kind: s.kind,
    address: s.address.slice(0, 320),
    outcome: s.outcome,
    lastReply: s.lastReply,
    lastErrorCode: s.lastErrorCode,
    lastErrorMessage: s.lastErrorMessage,
    attempts: s.attempts,
    updatedAt: s.updatedAt ?? now,
  };
}

export function stateOf(row: MessageRecipientEntity): RecipientState {
  return {
    position: row.position,
    kind: row.kind,
    address: row.address,
    outcome: row.outcome,
    lastReply: row.lastReply,
    lastErrorCode: row.lastErrorCode,
    lastErrorMessage: row.lastErrorMessage,
    attempts: row.attempts,
    updatedAt: row.updatedAt,
  };
}
